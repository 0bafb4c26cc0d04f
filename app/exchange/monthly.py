"""Monthly 依申请公开 statistics: received, closed, on time, and closed by table-三 leaf, from plain case rows."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Iterable, Mapping, NamedTuple

from app.workflow.annual_counts import LEAF_ROWS


class MonthCase(NamedTuple):
    """What the month's figures need of one case."""

    receipt_date: date | None
    reply_date: date | None
    served_on: date | None          # service date, else the reply date (domain §3: timeliness counts service)
    reply_due: date | None
    outcome: str | None             # a leaf code such as 三.1


@dataclass(frozen=True)
class MonthlyFigures:
    received: int
    closed: int
    timed: int                      # closed cases with a due date to compare against
    on_time: int
    outcomes: Mapping[str, int] = field(default_factory=dict)     # every leaf code, zeros included

    def to_json(self) -> dict:
        return {"received": self.received, "closed": self.closed, "timed": self.timed, "on_time": self.on_time,
                "outcomes": {code: self.outcomes.get(code, 0) for code in LEAF_ROWS}}

    @classmethod
    def from_json(cls, d: Mapping) -> "MonthlyFigures":
        return cls(d["received"], d["closed"], d["timed"], d["on_time"],
                   {code: d["outcomes"][code] for code in LEAF_ROWS})


def monthly_figures(cases: Iterable[MonthCase], year: int, month: int) -> MonthlyFigures:
    """Received: the receipt date falls in the month. Closed: the reply date falls in it and the case has
    a leaf outcome (as table 三 counts a reply). On time: of those with a due date, served by it — the
    same rule as the office's analysis (数据分析)."""
    def inside(d: date | None) -> bool:
        return d is not None and d.year == year and d.month == month

    cases = list(cases)
    closed = [c for c in cases if inside(c.reply_date) and c.outcome in LEAF_ROWS]
    timed = [c for c in closed if c.reply_due is not None and c.served_on is not None]
    outcomes = {code: 0 for code in LEAF_ROWS}
    for c in closed:
        outcomes[c.outcome] += 1
    return MonthlyFigures(sum(1 for c in cases if inside(c.receipt_date)), len(closed), len(timed),
                          sum(1 for c in timed if c.served_on <= c.reply_due), outcomes)


def check_monthly(m: MonthlyFigures) -> list[str]:
    """The month's figures contradicting themselves (a file edited by hand), as Chinese sentences."""
    out = []
    if sum(m.outcomes.values()) != m.closed:
        out.append(f"各项办理结果之和为{sum(m.outcomes.values())}，不等于本月办结{m.closed}")
    if not m.on_time <= m.timed <= m.closed:
        out.append(f"按时答复{m.on_time}、可核期限{m.timed}、办结{m.closed}应依次不增")
    return out
