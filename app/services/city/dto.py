"""What the city office's services hand out: counts and case rows without personal data."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True)
class AgencyBoardRow:
    """One agency on the supervision board (督办看板)."""

    agency_id: int
    code: str
    name: str
    open_cases: int
    due_soon: int
    overdue: int
    replied: int            # replied this year up to today
    replied_on_time: int    # of those, replied by their due date
    oldest_number: str      # the oldest overdue case's 申请编号, "" when none is overdue
    oldest_days: int        # its days overdue (calendar days after the due date)

    @property
    def on_time_rate(self) -> float | None:
        """按期答复率 of this year's replies; None when nothing was replied yet."""
        return self.replied_on_time / self.replied if self.replied else None


@dataclass(frozen=True)
class CityBoard:
    today: date
    soon_until: date        # due on or before this day (and not yet overdue) counts as due soon
    soon_days: int
    rows: tuple[AgencyBoardRow, ...]

    @property
    def total(self) -> AgencyBoardRow:
        """The city's totals; the oldest overdue case is the oldest of all agencies'."""
        late = max(self.rows, key=lambda r: (r.oldest_days, r.oldest_number != ""), default=None)
        s = lambda f: sum(getattr(r, f) for r in self.rows)     # noqa: E731
        return AgencyBoardRow(0, "", "合计", s("open_cases"), s("due_soon"), s("overdue"), s("replied"),
                              s("replied_on_time"), late.oldest_number if late and late.oldest_number else "",
                              late.oldest_days if late and late.oldest_number else 0)


@dataclass(frozen=True)
class CityCaseRow:
    """One open case of an agency as the city sees it: no applicant, no contact, no request text."""

    number: str
    receipt_date: date | None
    reply_due: date | None
    status: str
    stage: str
    days_overdue: int
    department: str


@dataclass(frozen=True)
class CityNoticeView:
    id: int
    agency_id: int
    agency_name: str
    number: str
    sent_on: date
    reply_by: date
    cases: tuple[tuple[str, int], ...]      # (申请编号, days overdue)
    body: str
    sent_by: str
    sent_at: datetime
    status: str
    answered_by: str
    answered_at: datetime | None
    answer: str


@dataclass(frozen=True)
class CitySubject:
    """A subject family asked at two or more agencies (全市集中申请事项)."""

    family: str
    total: int
    by_agency: tuple[tuple[str, int], ...]      # (agency name, cases), most first
