"""Annual report (domain §4): tables 三 and 四 counted from plain facts, table 二, and the checks."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
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


Verdict = tuple[int | None, str | None, str | None, str]


def classifier(year: int):
    """A function giving one case's (column, row 一/二, row 三-leaf/四, problem) for ``year``.

    Rows are None when the case is not counted there. Cases without a receipt date (待确认) are not
    counted at all. A case replied in ``year`` counts under its outcome leaf; one still open at
    31 December counts in 四.
    """
    start, end = date(year, 1, 1), date(year, 12, 31)
    nothing: Verdict = (None, None, None, "")

    def classify(fact: CaseFact) -> Verdict:
        _id, _number, receipt, reply, kind, outcome = fact
        if receipt is None:
            return nothing
        first = ROW_NEW if start <= receipt <= end else (
            ROW_CARRIED if receipt < start and (reply is None or reply >= start) else None)
        replied_now = reply is not None and start <= reply <= end
        if replied_now:
            second = outcome if outcome in _LEAF else None
        else:
            second = ROW_NEXT if receipt <= end and (reply is None or reply > end) else None
        if first is None and second is None and not replied_now:
            return nothing
        col = _COL.get(kind)
        if col is None:
            return None, first, second, f"申请人类型“{kind}”不是表三的六类之一，请在申请中改正"
        if reply is not None and reply < receipt:
            return col, first, second, \
                f"答复日期{reply.isoformat()}早于收到申请之日{receipt.isoformat()}，请改正日期"
        if replied_now and second is None:
            return col, first, second, ("已有答复日期但没有有效的办理结果，请补录办理结果" if not outcome
                                        else f"办理结果代码“{outcome}”无效，请重新选择办理结果")
        return col, first, second, ""

    return classify


def count_table3(facts: Iterable[CaseFact], year: int) -> tuple[Table3, tuple[Problem, ...]]:
    """Count table 三 for ``year`` (domain §4); return the table and the cases it could not count."""
    counts = {row: [0] * 6 for row in ROWS}
    problems: list[Problem] = []
    classify = classifier(year)
    for fact in facts:
        col, first, second, problem = classify(fact)
        if problem:
            problems.append(Problem(fact.number, problem))
        if col is None:
            continue
        if first:
            counts[first][col] += 1
        if second:
            counts[second][col] += 1
    for col in range(6):
        counts[ROW_TOTAL][col] = sum(counts[leaf][col] for leaf in LEAF_ROWS)
    return Table3({row: (*c, sum(c)) for row, c in counts.items()}), tuple(problems)


def cell_members(facts: Iterable[CaseFact], year: int, row: str, col: int) -> list[CaseFact]:
    """The cases a cell of table 三 counts (drill-down); ``col`` 6 = 总计, row ``total`` = all leaves."""
    rows = set(LEAF_ROWS) if row == ROW_TOTAL else {row}
    hits = []
    classify = classifier(year)
    for fact in facts:
        c, first, second, _ = classify(fact)
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


# -- table 二 (typed in by the office) -----------------------------------------------------------
@dataclass(frozen=True)
class Table2Block:
    heading: str                       # 第二十条第（一）项
    headers: tuple[str, ...]           # 信息内容 | …
    rows: tuple[tuple[str, tuple[str, ...]], ...]   # (label, field keys)


TABLE2_LAYOUT = (
    Table2Block("第二十条第（一）项", ("信息内容", "本年制发件数", "本年废止件数", "现行有效件数"),
                (("规章", ("rules_issued", "rules_repealed", "rules_current")),
                 ("行政规范性文件", ("norms_issued", "norms_repealed", "norms_current")))),
    Table2Block("第二十条第（五）项", ("信息内容", "本年处理决定数量"), (("行政许可", ("licences",)),)),
    Table2Block("第二十条第（六）项", ("信息内容", "本年处理决定数量"),
                (("行政处罚", ("penalties",)), ("行政强制", ("coercions",)))),
    Table2Block("第二十条第（八）项", ("信息内容", "本年收费金额（单位：万元）"),
                (("行政事业性收费", ("charges_10k_yuan",)),)),
)
TABLE2_FIELDS = tuple(key for b in TABLE2_LAYOUT for _label, keys in b.rows for key in keys)
MONEY_FIELDS = ("charges_10k_yuan",)


def table2_from(values: Mapping[str, object]) -> dict[str, float | int]:
    """Known fields only; counts as non-negative ints, the fee amount (万元) to 4 decimals."""
    out: dict[str, float | int] = {}
    for key in TABLE2_FIELDS:
        raw = values.get(key) or 0
        out[key] = round(float(raw), 4) if key in MONEY_FIELDS else int(raw)
    return out


# -- section 六 fee figures ----------------------------------------------------------------------
@dataclass(frozen=True)
class FeeFigures:
    notices: int = 0          # 收费通知 issued in the year
    notified: float = 0.0     # sum of their amounts (元)
    collected: float = 0.0    # paid amounts of notices paid in the year (元)


def yuan(amount: float) -> str:
    return f"{amount:.2f}".removesuffix(".00")


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


def check_carry_over(t: Table3, previous_next: tuple[int, ...], previous_year: int) -> list[Finding]:
    """二 of the year against 四 of the locked previous report; a difference only warns (domain §4)."""
    out = []
    for col in range(len(COLUMNS)):
        now, then = t.value(ROW_CARRIED, col), previous_next[col]
        if now != then:
            out.append(Finding(WARNING, "表三", row_title(ROW_CARRIED), column_title(col),
                               f"本年为{now}，{previous_year}年已锁定报告的“四、结转下年度继续办理”为{then}"))
    return out


def problem_findings(problems: Iterable[Problem]) -> list[Finding]:
    return [Finding(ERROR, "申请", p.number, "", p.message) for p in problems]


# -- the report as the exports see it -----------------------------------------------------------
SECTION_HEADINGS = ("一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                    "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项")
TEXT_SECTIONS = ("一", "五", "六")


@dataclass(frozen=True)
class AnnualReportData:
    """Everything one year's report prints, plus its checks and lock state."""

    year: int
    agency_name: str
    table2: Mapping[str, float | int]
    table3: Table3
    table4: Table4
    fees: FeeFigures
    sections: Mapping[str, str] = field(default_factory=dict)
    findings: tuple[Finding, ...] = ()
    locked: bool = False
    locked_at: datetime | None = None
    locked_by: str = ""
    stale: bool = False

    @property
    def title(self) -> str:
        return f"{self.agency_name}{self.year}年政府信息公开工作年度报告"

    @property
    def blocking(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.blocking)

    @property
    def overview_paragraph(self) -> str:
        return overview_paragraph(self.year, self.table3, self.table4)

    @property
    def fee_paragraph(self) -> str:
        return fee_paragraph(self.year, self.fees)

    def section_text(self, key: str) -> str:
        """Printed text of section 一/五/六: 一 falls back to the generated paragraph; 六 opens
        with the year's fee figures."""
        text = (self.sections.get(key) or "").strip()
        if key == "一":
            return text or self.overview_paragraph
        if key == "六":
            return "\n".join(p for p in (self.fee_paragraph, text) if p)
        return text


def overview_paragraph(year: int, t3: Table3, t4: Table4) -> str:
    """A paragraph of the year's figures the office can start section 一 from."""
    total = TOTAL_COLUMN
    groups = {g.code: sum(t3.value(o.code, total) for o in Outcome if o.group == g.code) for g in GROUPS}
    reviews = t4.cells["行政复议"][4]
    suits = t4.cells["未经复议直接起诉"][4] + t4.cells["复议后起诉"][4]
    pending = sum(t4.cells[k][PENDING_COLUMN] for k in REVIEW_KINDS)
    return (f"{year}年，本机关共收到政府信息公开申请{t3.value(ROW_NEW, total)}件，"
            f"上年结转{t3.value(ROW_CARRIED, total)}件。全年办结{t3.value(ROW_TOTAL, total)}件，其中予以公开"
            f"{groups['一']}件，部分公开{groups['二']}件，不予公开{groups['三']}件，无法提供{groups['四']}件，"
            f"不予处理{groups['五']}件，其他处理{groups['六']}件；结转下年度继续办理{t3.value(ROW_NEXT, total)}件。"
            f"全年涉及政府信息公开行政复议{reviews}件、行政诉讼{suits}件，其中尚未审结{pending}件。")


def fee_paragraph(year: int, fees: FeeFigures) -> str:
    if not fees.notices and not fees.collected:
        return f"{year}年，本机关未发出信息处理费收费通知，未收取信息处理费。"
    return (f"{year}年，本机关共发出信息处理费收费通知{fees.notices}件，通知收费金额{yuan(fees.notified)}元，"
            f"实际收取信息处理费{yuan(fees.collected)}元。")
