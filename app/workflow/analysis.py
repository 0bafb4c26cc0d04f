"""数据分析: a period's figures from plain case rows (volumes, timeliness, event rates, reviews, repeaters)."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Callable, Iterable, Sequence

from app.workflow.outcomes import GROUPS, Outcome
from app.workflow.proactive import Candidate
from app.workflow.subjects import SubjectGroup

TOP_APPLICANTS = 20
UNASSIGNED = "（未分办）"


@dataclass(frozen=True)
class CaseRow:
    """What the analysis needs of one case."""

    id: int
    number: str
    receipt_date: date | None
    reply_date: date | None
    served_on: date | None          # the date service counts for timeliness (domain §3)
    reply_due: date | None
    channel: str
    applicant_type: str
    applicant_name: str
    department: str
    outcome: str | None              # outcome code, e.g. "三.1"
    description: str = ""
    corrected: bool = False          # any 补正 requested
    consulted: bool = False
    extended: bool = False
    fee: bool = False


@dataclass(frozen=True)
class ReviewRow:
    kind: str                        # 行政复议 / 未经复议直接起诉 / 复议后起诉
    filed_on: date
    result: str                      # 维持 / 纠正 / 其他 / '' pending
    decided_on: date | None


@dataclass(frozen=True)
class Rate:
    """``count`` of ``base``; ``value`` is None when there is no base."""

    count: int
    base: int

    @property
    def value(self) -> float | None:
        return self.count / self.base if self.base else None

    def percent(self) -> str:
        return "—" if self.value is None else f"{self.value * 100:.1f}%"


@dataclass(frozen=True)
class RepeatApplicant:
    name: str
    applicant_type: str
    count: int


@dataclass(frozen=True)
class PeriodFigures:
    start: date
    end: date
    received: int
    replied: int
    by_month: tuple[tuple[str, int, int], ...]          # (YYYY-MM, received, replied)
    by_channel: tuple[tuple[str, int], ...]
    by_applicant_type: tuple[tuple[str, int], ...]
    by_department: tuple[tuple[str, int], ...]
    by_outcome: tuple[tuple[str, int], ...]             # leaf label, replies
    by_outcome_group: tuple[tuple[str, int], ...]       # （一）…（六）, replies
    on_time: Rate
    median_days: float | None
    p90_days: int | None
    corrections: Rate
    consultations: Rate
    extensions: Rate
    fees: Rate
    reviews_filed: int
    lawsuits_filed: int
    reviews_per_100: float | None
    lawsuits_per_100: float | None
    corrected: Rate                                     # 纠错率: decided in the period, 纠正
    repeat_applicants: tuple[RepeatApplicant, ...] = field(default=())


def median(values: Sequence[int]) -> float | None:
    """The middle value; the mean of the two middle ones for an even count."""
    v = sorted(values)
    if not v:
        return None
    mid = len(v) // 2
    return float(v[mid]) if len(v) % 2 else (v[mid - 1] + v[mid]) / 2


def percentile(values: Sequence[int], p: float) -> int | None:
    """Nearest-rank percentile: the smallest value with at least p% of values at or below it."""
    v = sorted(values)
    if not v:
        return None
    return v[max(1, math.ceil(p / 100 * len(v))) - 1]


def _months(start: date, end: date) -> list[str]:
    out, y, m = [], start.year, start.month
    while (y, m) <= (end.year, end.month):
        out.append(f"{y}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def _ranked(counter: Counter, order: Iterable[str] = ()) -> tuple[tuple[str, int], ...]:
    fixed = [k for k in order if k in counter]
    rest = sorted((k for k in counter if k not in fixed), key=lambda k: (-counter[k], k))
    return tuple((k, counter[k]) for k in [*fixed, *rest])


def period_figures(cases: Iterable[CaseRow], reviews: Iterable[ReviewRow], start: date, end: date,
                   workdays: Callable[[date, date], int]) -> PeriodFigures:
    """The figures of ``start``–``end``. Volumes and event rates count the cases *received* in the
    period; outcomes, timeliness and days count the replies *dated* in it; working days to reply
    are those after the receipt date up to the reply date (``workdays(receipt, reply)``)."""
    inside = lambda d: d is not None and start <= d <= end  # noqa: E731
    cases = list(cases)
    received = [c for c in cases if inside(c.receipt_date)]
    replied = [c for c in cases if inside(c.reply_date) and c.outcome]
    months = {m: [0, 0] for m in _months(start, end)}
    for c in received:
        months[c.receipt_date.strftime("%Y-%m")][0] += 1
    for c in replied:
        months[c.reply_date.strftime("%Y-%m")][1] += 1
    days = [workdays(c.receipt_date, c.reply_date) for c in replied if c.receipt_date]
    timed = [c for c in replied if c.reply_due and c.served_on]
    on_time = sum(1 for c in timed if c.served_on <= c.reply_due)
    leaf = Counter(Outcome.from_code(c.outcome).label for c in replied)
    group = Counter(c.outcome.split(".")[0] for c in replied)
    reviews = list(reviews)
    filed = [r for r in reviews if start <= r.filed_on <= end]
    n_review = sum(1 for r in filed if r.kind == "行政复议")
    decided = [r for r in reviews if r.result and inside(r.decided_on)]

    def per100(n: int) -> float | None:
        return round(n * 100 / len(replied), 2) if replied else None
    return PeriodFigures(
        start, end, len(received), len(replied),
        tuple((m, r, p) for m, (r, p) in months.items()),
        _ranked(Counter(c.channel for c in received)),
        _ranked(Counter(c.applicant_type for c in received),
                ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")),
        _ranked(Counter(c.department or UNASSIGNED for c in received)),
        tuple((o.label, leaf[o.label]) for o in Outcome if leaf[o.label]),
        tuple((g.label.split("（区分")[0], group[g.code]) for g in GROUPS),
        Rate(on_time, len(timed)), median(days), percentile(days, 90),
        Rate(sum(c.corrected for c in received), len(received)),
        Rate(sum(c.consulted for c in received), len(received)),
        Rate(sum(c.extended for c in received), len(received)),
        Rate(sum(c.fee for c in received), len(received)),
        n_review, len(filed) - n_review, per100(n_review), per100(len(filed) - n_review),
        Rate(sum(1 for r in decided if r.result == "纠正"), len(decided)),
        repeat_applicants(received))


def repeat_applicants(received: Sequence[CaseRow], top: int = TOP_APPLICANTS) -> tuple[RepeatApplicant, ...]:
    """Applicants with two or more requests received, most first (name, then type, as the key)."""
    counts = Counter((c.applicant_name.strip(), c.applicant_type) for c in received)
    ranked = sorted(((k, n) for k, n in counts.items() if n >= 2), key=lambda kn: (-kn[1], kn[0]))
    return tuple(RepeatApplicant(name, kind, n) for (name, kind), n in ranked[:top])


def mask_name(name: str) -> str:
    """张伟 → 张*, 欧阳小明 → 欧***: the family name stays so a list is still readable."""
    name = name.strip()
    return name[:1] + "*" * max(1, len(name) - 1) if name else ""


@dataclass(frozen=True)
class AnalysisResult:
    """What the 数据分析 page and its exports show."""

    agency: str
    figures: PeriodFigures
    subjects: tuple[SubjectGroup, ...]
    names_masked: bool
    seconds: float = 0.0
    grouping_seconds: float = 0.0
    conversions: tuple[Candidate, ...] = ()          # Art 44: subjects converted in the period
