"""合法性审查 inside the department draft lead time: who gets which of the days after the draft (§3)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.workflow.calendar import StatutoryCalendar
from app.workflow.dates import cn_date


@dataclass(frozen=True)
class StagePlan:
    """The working days between the department's draft and the reply, split by stage."""

    draft_due: date
    sign_off_by: date
    review_by: date
    reply_due: date
    lead_days: int
    review_days: int

    @property
    def review_share(self) -> str:
        return f"{self.review_days}/{self.lead_days}"

    def describe(self) -> str:
        return (f"承办处室报送草稿后至应答复日期共{self.lead_days}个工作日，其中合法性审查占{self.review_days}个"
                f"（{self.review_share}）：签批应于{cn_date(self.sign_off_by)}前、合法性审查应于"
                f"{cn_date(self.review_by)}前完成，{cn_date(self.reply_due)}前答复。")


def stage_plan(cal: StatutoryCalendar, reply_due: date, lead_days: int, review_days: int) -> StagePlan:
    """Sign-off first, then the review, then one working day to print, seal and serve by the due date.

    With the default 3 lead days and 1 review day: draft due D, sign-off by D+1, review by D+2, reply
    by D+3 (the due date). ``review_days`` is at most ``lead_days - 1`` (the settings refuse more).
    """
    lead_days = max(0, lead_days)
    review_days = max(0, min(review_days, lead_days - 1))
    draft = cal.workdays_before(reply_due, lead_days)
    sign_off_by = cal.add_workdays(draft, max(0, lead_days - review_days - 1))
    review_by = cal.add_workdays(sign_off_by, review_days)
    return StagePlan(draft, sign_off_by, review_by, reply_due, lead_days, review_days)


def remaining_workdays(cal: StatutoryCalendar, today: date, due: date) -> int:
    """Working days left after today up to and including ``due`` (0 when due today or past)."""
    return cal.workdays_between(today, due) if due > today else 0
