"""The city's annual summary (汇总): tables 二, 三 and 四 summed over its agencies' locked reports, and the checks."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Mapping

from app.exchange.documents import AgencyId, AgencyReport
from app.workflow.annual_counts import (
    REVIEW_KINDS, ROW_NEXT, ROWS, Finding, Table3, Table4, check_carry_over, check_table3, check_table4,
)
from app.workflow.annual_report_data import MONEY_FIELDS, TABLE2_FIELDS, AnnualReportData, FeeFigures

MATCHES, DIFFERS, NO_PREVIOUS = "相符", "不符", "无上年度报告，未核对"


@dataclass(frozen=True)
class CarryOver:
    """An agency's 二 (上年结转) of the year against 四 (结转下年度) of its previous year's report."""

    agency: AgencyId
    verdict: str
    findings: tuple[Finding, ...] = ()


@dataclass(frozen=True)
class CitySummary:
    city: AgencyId
    year: int
    included: tuple[AgencyReport, ...]         # locked reports: the ones summed
    unlocked: tuple[AgencyReport, ...]         # sent but not locked: listed, not summed
    missing: tuple[AgencyId, ...]              # expected, no report of the year
    changed_after_lock: tuple[AgencyId, ...]   # locked, and the figures moved afterwards
    carry_over: tuple[CarryOver, ...]
    table2: Mapping[str, float | int]
    table3: Table3
    table4: Table4
    fees: FeeFigures

    @property
    def findings(self) -> tuple[Finding, ...]:
        """The summed tables' own checks (they hold when every agency's do)."""
        return tuple(check_table3(self.table3) + check_table4(self.table4))

    @property
    def title(self) -> str:
        return f"{self.city.name}{self.year}年政府信息公开工作年度报告汇总表"

    def sections(self) -> dict[str, str]:
        """An aggregate's texts: what it sums; the agencies' own texts stay in their files."""
        names = "、".join(r.agency.name for r in self.included)
        return {"一": f"本汇总为{len(self.included)}个机关已锁定的{self.year}年度报告表二、表三、表四之和：{names}。",
                "五": "", "六": ""}

    def report_data(self) -> AnnualReportData:
        """The summed tables in the shape the annual-report writers print (30号 layout)."""
        return AnnualReportData(self.year, self.city.name, self.table2, self.table3, self.table4, self.fees,
                                locked=not (self.unlocked or self.missing))


def sum_table3(tables: Iterable[Table3]) -> Table3:
    tables = list(tables)
    return Table3({row: tuple(sum(t.cells[row][c] for t in tables) for c in range(7)) for row in ROWS})


def sum_table4(tables: Iterable[Table4]) -> Table4:
    tables = list(tables)
    return Table4({k: tuple(sum(t.cells[k][c] for t in tables) for c in range(5)) for k in REVIEW_KINDS})


def sum_table2(tables: Iterable[Mapping[str, float | int]]) -> dict[str, float | int]:
    tables = list(tables)
    return {key: (round(sum(float(t.get(key, 0)) for t in tables), 4) if key in MONEY_FIELDS
                  else sum(int(t.get(key, 0)) for t in tables)) for key in TABLE2_FIELDS}


def sum_fees(fees: Iterable[FeeFigures]) -> FeeFigures:
    fees = list(fees)
    return FeeFigures(sum(f.notices for f in fees), round(sum(f.notified for f in fees), 2),
                      round(sum(f.collected for f in fees), 2))


def check_carry(report: AgencyReport, previous: AgencyReport | None) -> CarryOver:
    if previous is None:
        return CarryOver(report.agency, NO_PREVIOUS)
    found = check_carry_over(report.table3, previous.table3.cells[ROW_NEXT], report.year - 1,
                             "报送的报告" + ("" if previous.locked else "（未锁定）"))
    return CarryOver(report.agency, DIFFERS if found else MATCHES, tuple(found))


def summarize(city: AgencyId, year: int, reports: Iterable[AgencyReport], previous: Iterable[AgencyReport] = (),
              expected: Iterable[AgencyId] = (), moved: Iterable[str] = ()) -> CitySummary:
    """Sum the locked reports of ``year``; list the unlocked and the missing (``expected`` without a report),
    the locked ones whose figures moved after locking (the file says so, or the code is in ``moved``), and
    check each agency's carry-over against its report of the year before (``previous``)."""
    mine = sorted((r for r in reports if r.year == year), key=lambda r: r.agency.code)
    before = {r.agency.code: r for r in previous if r.year == year - 1}
    moved = set(moved)
    included = tuple(r for r in mine if r.locked)
    sent = {r.agency.code for r in mine}
    missing = tuple(sorted({a.code: a for a in expected if a.code not in sent}.values(), key=lambda a: a.code))
    return CitySummary(
        city, year, included, tuple(r for r in mine if not r.locked), missing,
        tuple(r.agency for r in included if r.changed_after_lock or r.agency.code in moved),
        tuple(check_carry(r, before.get(r.agency.code)) for r in mine),
        sum_table2(r.table2 for r in included), sum_table3(r.table3 for r in included),
        sum_table4(r.table4 for r in included), sum_fees(r.fees for r in included))
