"""Annual report (domain §4): tables 三 and 四 counted from plain facts, and the checks of both."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Iterable, Mapping, NamedTuple

from app.workflow.outcomes import GROUPS, Outcome
from app.workflow.vocabulary import ApplicantType

# -- table 三 layout ----------------------------------------------------------------------------
TOP_LEFT = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
APPLICANT_HEADER = "申请人情况"
LEGAL_PERSONS = "法人或其他组织"
APPLICANT_COLUMNS = tuple(t.value for t in ApplicantType)        # six columns, 自然人 first
COLUMNS = APPLICANT_COLUMNS + ("总计",)
TOTAL_COLUMN = 6
RESULTS_LABEL = "三、本年度办理结果"

ROW_NEW, ROW_CARRIED, ROW_TOTAL, ROW_NEXT = "new", "carried", "total", "next"
LEAF_ROWS = tuple(o.code for o in Outcome)                        # 21 leaves, e.g. "三.1"
ROWS = (ROW_NEW, ROW_CARRIED, *LEAF_ROWS, ROW_TOTAL, ROW_NEXT)
_FIXED_LABELS = {
    ROW_NEW: "一、本年新收政府信息公开申请数量",
    ROW_CARRIED: "二、上年结转政府信息公开申请数量",
    ROW_TOTAL: "（七）总计",
    ROW_NEXT: "四、结转下年度继续办理",
}


def row_label(row: str) -> str:
    """The label printed in the row's own cell (a leaf: ``1.属于国家秘密``; a group leaf: ``（一）予以公开``)."""
    return _FIXED_LABELS.get(row) or Outcome.from_code(row).row_label


def row_title(row: str) -> str:
    """The row named in full for messages, e.g. ``三、本年度办理结果（三）不予公开 1.属于国家秘密``."""
    if row in _FIXED_LABELS:
        return row_label(row) if row in (ROW_NEW, ROW_CARRIED, ROW_NEXT) else RESULTS_LABEL + row_label(row)
    outcome = Outcome.from_code(row)
    if outcome.item == 0:
        return RESULTS_LABEL + outcome.row_label
    group = next(g.label for g in GROUPS if g.code == outcome.group)
    return f"{RESULTS_LABEL}{group} {outcome.row_label}"


def column_title(col: int) -> str:
    name = COLUMNS[col]
    return f"{LEGAL_PERSONS}—{name}" if 0 < col < TOTAL_COLUMN else name


class CaseFact(NamedTuple):
    """What table 三 needs of one case (applicant type as registered, outcome code like ``三.1``)."""

    id: int
    number: str
    receipt_date: date | None
    reply_date: date | None
    applicant_type: str
    outcome: str | None


@dataclass(frozen=True)
class Problem:
    """A case that cannot be counted as it stands; blocks export until the case is corrected."""

    number: str
    message: str


@dataclass(frozen=True)
class Table3:
    """Row key → seven numbers: the six applicant columns and 总计."""

    cells: Mapping[str, tuple[int, ...]]

    def value(self, row: str, col: int) -> int:
        return self.cells[row][col]

    def to_json(self) -> dict:
        return {row: list(self.cells[row]) for row in ROWS}

    @classmethod
    def from_json(cls, data: Mapping[str, list[int]]) -> "Table3":
        return cls({row: tuple(int(v) for v in data[row]) for row in ROWS})


_COL = {name: i for i, name in enumerate(APPLICANT_COLUMNS)}
_LEAF = {code: i for i, code in enumerate(LEAF_ROWS)}


BEFORE, IN, AFTER = -1, 0, 1


def place(day: date | None, year: int) -> int | None:
    """Where a date falls against ``year``: BEFORE, IN or AFTER it; None when there is no date."""
    if day is None:
        return None
    return BEFORE if day.year < year else (IN if day.year == year else AFTER)


class CaseGroup(NamedTuple):
    """Cases that count alike in one year: where the receipt and the reply fall (``place``), whether
    the reply predates the receipt, the applicant type, the outcome code, and how many cases."""

    received: int | None
    replied: int | None
    backwards: bool
    applicant_type: str
    outcome: str | None
    count: int = 1


def group_of(fact: CaseFact, year: int) -> CaseGroup:
    _id, _number, receipt, reply, kind, outcome = fact
    backwards = receipt is not None and reply is not None and reply < receipt
    return CaseGroup(place(receipt, year), place(reply, year), backwards, kind, outcome)


Verdict = tuple[int | None, str | None, str | None, str]
_NOTHING: Verdict = (None, None, None, "")


def verdict(g: CaseGroup) -> Verdict:
    """(column, row 一/二, row 三-leaf/四, problem) of a group; a row is None when not counted there.

    Cases without a receipt date (待确认) are not counted at all. 一: received in the year; 二: received
    before it and not replied before it; a case replied in the year counts under its outcome leaf, one
    received by 31 December and not replied by then in 四 (domain §4).
    """
    if g.received is None:
        return _NOTHING
    first = ROW_NEW if g.received == IN else (
        ROW_CARRIED if g.received == BEFORE and g.replied != BEFORE else None)
    if g.replied == IN:
        second = g.outcome if g.outcome in _LEAF else None
    else:
        second = ROW_NEXT if g.received != AFTER and g.replied in (None, AFTER) else None
    if first is None and second is None and g.replied != IN:
        return _NOTHING
    col = _COL.get(g.applicant_type)
    if col is None:
        return None, first, second, f"申请人类型“{g.applicant_type}”不是表三的六类之一，请在申请中改正"
    if g.backwards:
        return col, first, second, "答复日期早于收到申请之日，请改正日期"
    if g.replied == IN and second is None:
        return col, first, second, ("已有答复日期但没有有效的办理结果，请补录办理结果" if not g.outcome
                                    else f"办理结果代码“{g.outcome}”无效，请重新选择办理结果")
    return col, first, second, ""


def count_groups(groups: Iterable[CaseGroup]) -> tuple[Table3, tuple[CaseGroup, ...]]:
    """Count table 三 from groups of like cases; also return the groups that have a problem."""
    counts = {row: [0] * 6 for row in ROWS}
    troubled = []
    for g in groups:
        col, first, second, problem = verdict(g)
        if problem:
            troubled.append(g)
        if col is None:
            continue
        if first:
            counts[first][col] += g.count
        if second:
            counts[second][col] += g.count
    for col in range(6):
        counts[ROW_TOTAL][col] = sum(counts[leaf][col] for leaf in LEAF_ROWS)
    return Table3({row: (*c, sum(c)) for row, c in counts.items()}), tuple(troubled)


def count_table3(facts: Iterable[CaseFact], year: int) -> tuple[Table3, tuple[Problem, ...]]:
    """Count table 三 for ``year`` case by case; return the table and the cases it could not count."""
    facts = list(facts)
    sizes: dict[CaseGroup, int] = {}
    for fact in facts:
        g = group_of(fact, year)
        sizes[g] = sizes.get(g, 0) + 1
    table, troubled = count_groups(g._replace(count=n) for g, n in sizes.items())
    bad = {g._replace(count=1) for g in troubled}
    problems = tuple(Problem(f.number, verdict(g)[3]) for f in facts if (g := group_of(f, year)) in bad)
    return table, problems


def cell_members(facts: Iterable[CaseFact], year: int, row: str, col: int) -> list[CaseFact]:
    """The cases a cell of table 三 counts (drill-down); ``col`` 6 = 总计, row ``total`` = all leaves."""
    rows = set(LEAF_ROWS) if row == ROW_TOTAL else {row}
    hits = []
    for fact in facts:
        c, first, second, _ = verdict(group_of(fact, year))
        if c is not None and (col == TOTAL_COLUMN or c == col) and (first in rows or second in rows):
            hits.append(fact)
    return hits


# -- table 四 -----------------------------------------------------------------------------------
REVIEW_KINDS = ("行政复议", "未经复议直接起诉", "复议后起诉")
REVIEW_RESULTS = ("维持", "纠正", "其他")
TABLE4_COLUMNS = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")
TABLE4_TOP = ("行政复议", "行政诉讼")
PENDING_COLUMN = 3


class ReviewFact(NamedTuple):
    id: int
    kind: str
    filed_on: date
    result: str
    decided_on: date | None


@dataclass(frozen=True)
class Table4:
    """Kind → five numbers: 结果维持, 结果纠正, 其他结果, 尚未审结, 总计."""

    cells: Mapping[str, tuple[int, ...]]

    def to_json(self) -> dict:
        return {k: list(self.cells[k]) for k in REVIEW_KINDS}

    @classmethod
    def from_json(cls, data: Mapping[str, list[int]]) -> "Table4":
        return cls({k: tuple(int(v) for v in data[k]) for k in REVIEW_KINDS})


def review_column(fact: ReviewFact, year: int) -> int | None:
    """Which column of table 四 a review counts in for ``year``: decided in the year by result,
    pending at 31 December as 尚未审结, otherwise (filed later, decided earlier) not at all."""
    end = date(year, 12, 31)
    if fact.filed_on > end:
        return None
    if fact.result in REVIEW_RESULTS and fact.decided_on is not None and fact.decided_on <= end:
        return REVIEW_RESULTS.index(fact.result) if fact.decided_on.year == year else None
    return PENDING_COLUMN


def count_table4(facts: Iterable[ReviewFact], year: int) -> Table4:
    counts = {k: [0] * 4 for k in REVIEW_KINDS}
    for fact in facts:
        col = review_column(fact, year)
        if col is not None and fact.kind in counts:
            counts[fact.kind][col] += 1
    return Table4({k: (*c, sum(c)) for k, c in counts.items()})


# -- checks -------------------------------------------------------------------------------------
ERROR, WARNING = "错误", "提示"


@dataclass(frozen=True)
class Finding:
    """One failed check: where (table, row, column) and what; errors block lock and export."""

    level: str
    table: str
    row: str
    column: str
    message: str

    @property
    def blocking(self) -> bool:
        return self.level == ERROR

    def __str__(self) -> str:
        where = "".join(p for p in (self.table, f"“{self.row}”行" if self.row else "",
                                    f"“{self.column}”列" if self.column else "") if p)
        return f"【{self.level}】{where}：{self.message}" if where else f"【{self.level}】{self.message}"


def check_table3(t: Table3) -> list[Finding]:
    """Per column 一+二 = （七）+四 and （七） = the leaves; per row 总计 = the six columns."""
    out = []
    for col in range(len(COLUMNS)):
        v = {row: t.value(row, col) for row in ROWS}
        left, right = v[ROW_NEW] + v[ROW_CARRIED], v[ROW_TOTAL] + v[ROW_NEXT]
        if left != right:
            out.append(Finding(ERROR, "表三", "一、二、（七）、四", column_title(col),
                               f"第一项{v[ROW_NEW]}加第二项{v[ROW_CARRIED]}之和为{left}，"
                               f"不等于（七）总计{v[ROW_TOTAL]}加第四项{v[ROW_NEXT]}之和{right}"))
        leaves = sum(v[leaf] for leaf in LEAF_ROWS)
        if leaves != v[ROW_TOTAL]:
            out.append(Finding(ERROR, "表三", row_title(ROW_TOTAL), column_title(col),
                               f"（七）总计为{v[ROW_TOTAL]}，各项办理结果之和为{leaves}"))
    for row in ROWS:
        six = sum(t.cells[row][:TOTAL_COLUMN])
        if six != t.value(row, TOTAL_COLUMN):
            out.append(Finding(ERROR, "表三", row_title(row), "总计",
                               f"总计为{t.value(row, TOTAL_COLUMN)}，六类申请人之和为{six}"))
    return out


def check_table4(t: Table4) -> list[Finding]:
    out = []
    for kind in REVIEW_KINDS:
        four = sum(t.cells[kind][:4])
        if four != t.cells[kind][4]:
            out.append(Finding(ERROR, "表四", kind, "总计",
                               f"总计为{t.cells[kind][4]}，结果维持、结果纠正、其他结果、尚未审结之和为{four}"))
    return out


def check_carry_over(t: Table3, previous_next: tuple[int, ...], previous_year: int,
                     source: str = "已锁定报告") -> list[Finding]:
    """二 of the year against 四 of the previous report (locked here, or as published and typed in);
    a difference only warns (domain §4)."""
    out = []
    for col in range(len(COLUMNS)):
        now, then = t.value(ROW_CARRIED, col), previous_next[col]
        if now != then:
            out.append(Finding(WARNING, "表三", row_title(ROW_CARRIED), column_title(col),
                               f"本年为{now}，{previous_year}年{source}的“四、结转下年度继续办理”为{then}"))
    return out


def problem_findings(problems: Iterable[Problem]) -> list[Finding]:
    return [Finding(ERROR, "申请", p.number, "", p.message) for p in problems]
