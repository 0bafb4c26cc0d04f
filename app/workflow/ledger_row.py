"""One 台账 row (domain §6, version 2): parsed, checked, and turned into clock events; no I/O."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from app.workflow.dates import parse_ledger_date
from app.workflow.ledger_cells import CellError, FormulaCell, cell_text, formula_message, is_blank
from app.workflow.ledger_columns import (
    ALL_COLUMNS, COLUMNS, CONTACT_COLUMNS, DATE_COLUMNS, EXPORT_COLUMNS, REQUIRED, V2_COLUMNS,
    normalise_header,
)
from app.workflow.ledger_keywords import outcome_from_text
from app.workflow.ledger_values import (
    BY_NAME, CONSULTATION_KINDS, NO_OUTCOME, PER_ROW, Placed, choices, decision_word, judge_applicant_type, place,
)
from app.workflow.outcomes import Outcome
from app.workflow.status import Status

__all__ = [  # the column names are re-exported for version 1 callers
    "ALL_COLUMNS", "COLUMNS", "CONTACT_COLUMNS", "DATE_COLUMNS", "EXPORT_COLUMNS", "EARLIEST", "LedgerRow",
    "REQUIRED", "RowError", "V2_COLUMNS", "consultation_kind", "normalise_header", "parse_row",
]
EARLIEST = date(2008, 5, 1)   # the first Regulation came into force
HELD_BY = "_申请人所在列"        # in a row's values: "person"/"organisation", the kind of column 申请人 came from
_CHOOSE_WINDOW = "：请在“④ 逐行选择”中为本行选择"


@dataclass(frozen=True)
class RowRules:
    """What the clerk decided beyond the ledger's own cells.

    ``defaults``: column → value for rows where the column is missing or blank (申请人类型 → 自然人, or
    按申请人名称判断; 逐行选择); ``row_values``: (row, column) → the value chosen for that row;
    ``keyword_outcome``: 办理结果 is a free-text reply read by key words."""

    defaults: dict[str, str] = field(default_factory=dict)
    row_values: dict[tuple[int, str], str] = field(default_factory=dict)
    keyword_outcome: bool = False


@dataclass(frozen=True)
class RowError:
    """One problem; ``str()`` says how to fix it in the import window, ``cli_text()`` on the command line."""

    row: int
    column: str
    message: str
    cli: str = ""        # the fix in command-line words (--column, --value …), appended by the CLI
    window: str = ""     # the same fix in the import window's words

    def _where(self) -> str:
        if self.row == 0:  # a problem with the file itself, not with one row
            return ""
        return f"第{self.row}行" + (f"“{self.column}”列" if self.column else "") + "："

    def __str__(self) -> str:
        return self._where() + self.message + self.window

    def cli_text(self) -> str:
        return self._where() + self.message + self.cli


@dataclass(frozen=True)
class LedgerRow:
    row: int
    number: str
    receipt: date
    channel: str
    applicant_name: str
    applicant_type: str
    description: str
    department: str
    correction_requested: date | None
    correction_received: date | None
    consultation_start: date | None
    consultation_end: date | None
    extended: bool
    outcome: Outcome | None
    reply_date: date | None
    notes: str
    status: Status
    # version 2 (domain §6); empty = not stated
    texts: dict[str, str] = field(default_factory=dict)   # v2 text columns by column name
    correction_period: int | None = None
    extension_days: int | None = None
    decision: str = ""
    status_given: bool = False
    given: frozenset[str] = frozenset()                    # columns with a value in this row

    def text(self, column: str) -> str:
        return self.texts.get(column, "")


_TEXT_V2 = ("证件类型", "证件号码", "联系电话", "通信地址", "邮政编码", "电子邮箱", "提供形式", "获取方式",
            "补正事项", "征求意见对象", "征求意见类型", "延期理由", "答复类型", "答复理由", "答复文号", "送达方式")
_PLACED = ("申请方式", "申请人类型", "证件类型", "提供形式", "获取方式", "征求意见类型", "答复类型", "送达方式", "延期")


class _Row:
    """Collects one row's values and errors while it is parsed."""

    def __init__(self, row_no: int, values: dict, mapping, not_responsible: str, rules: RowRules | None = None):
        self.no, self.mapping, self.nr = row_no, mapping, not_responsible
        self.rules = rules or RowRules()
        self.values = dict(values)
        self.held = self.values.pop(HELD_BY, "")
        for col, value in self.rules.defaults.items():
            if is_blank(self.values.get(col)):
                self.values[col] = value
        if self.held and is_blank(self.values.get("申请人类型")):
            self.values["申请人类型"] = BY_NAME        # judged by the column that held the name
        self.errors: list[RowError] = []

    def err(self, column: str, message: str, cli: str = "", window: str = "") -> None:
        self.errors.append(RowError(self.no, column, message, cli, window))

    def chosen(self, column: str, raw: str) -> str | None:
        """The clerk's choice for this row (逐行选择); None (and a problem recorded) when not made yet."""
        value = self.rules.row_values.get((self.no, column))
        if value is None:
            what = f"“{raw}”设为逐行选择" if raw != PER_ROW else f"{column}设为逐行选择"
            self.err(column, f"{what}，本行还没有选择", f"：请用 --row-value {self.no}:{column}=… 指定",
                     _CHOOSE_WINDOW)
        return value

    def text(self, column: str) -> str:
        try:
            return cell_text(column, self.values.get(column))
        except CellError as e:
            self.err(column, str(e))
            return ""

    def placed(self, column: str) -> str:
        raw = self.text(column)
        if not raw:
            return ""
        if raw == BY_NAME and column == "申请人类型":      # a default: judged, else a person
            return judge_applicant_type(self.text("申请人"), self.held) or "自然人"
        found = Placed(PER_ROW) if raw == PER_ROW else place(column, raw, self.mapping, self.nr)
        if found.value == PER_ROW:
            value = self.chosen(column, raw)
            found = place(column, value, None, self.nr) if value is not None else Placed("")
        if found.value == BY_NAME:
            name = self.text("申请人")
            guess = judge_applicant_type(name, self.held)
            if not guess:
                options = "、".join(choices(column)[:-1])
                self.err(column, f"“{raw}”按申请人名称判断，但“{name}”看不出类型，应为：{options}（请在台账中改写此行）")
            return guess
        if found.value is None:
            self.err(column, f"“{raw}”无效，应为：{'、'.join(found.choices)}",
                     f"（可在台账中改写，或用 --value {column}:{raw}=… 指定）",
                     "（可在台账中改写，或在“② 需要对应的值”中选择）")
            return ""
        return found.value

    def number(self, column: str, low: int, high: int, unit: str) -> int | None:
        raw = self.text(column)
        if not raw:
            return None
        try:
            n = int(float(raw))
            if n != float(raw) or not low <= n <= high:
                raise ValueError
        except ValueError:
            self.err(column, f"“{raw}”无效，应为{low}至{high}之间的{unit}")
            return None
        return n


def parse_row(row_no: int, values: dict[str, object], today: date,
              mapping: dict[tuple[str, str], str] | None = None,
              not_responsible: str = "四.1", rules: RowRules | None = None) -> tuple[LedgerRow | None, list[RowError]]:
    """Check one row; return the parsed row, or None with every problem found."""
    r = _Row(row_no, values, mapping, not_responsible, rules)
    values = r.values
    for col in REQUIRED:
        if col != "收到日期" and is_blank(values.get(col)) and col in values:
            r.err(col, "不能为空")
        elif col not in values:
            r.err(col, "不能为空（台账没有这一列）")
    number, name, description = r.text("申请编号"), r.text("申请人"), r.text("申请内容")
    dates = _dates(r, today)
    receipt = dates["收到日期"]
    placed = {col: r.placed(col) for col in _PLACED}
    channel = placed["申请方式"] or "其他"
    outcome, decision = _outcome(r)
    texts = {col: (placed[col] if col in placed else r.text(col)) for col in _TEXT_V2}
    period = r.number("补正期限", 1, 60, "工作日数")
    days = r.number("延期天数", 1, 20, "工作日数")
    extended = placed["延期"] == "是" or bool(days)
    if placed["延期"] == "否" and days:
        r.err("延期天数", f"“延期”填了“否”，但延期天数为{days}：请改为一致")
    if days is None and placed["延期"] == "是":
        days = 20
    _check_pairs(r, dates, outcome, texts, extended)
    department = r.text("承办处室")
    status = _status(r, dates, outcome, bool(department))
    if r.errors:
        return None, r.errors
    given = frozenset(c for c, v in values.items() if not is_blank(v))
    return LedgerRow(
        row_no, number, receipt, channel, name, placed["申请人类型"], description, department,
        dates["补正告知日期"], dates["补正收到日期"], dates["征求意见开始日期"], dates["征求意见结束日期"],
        extended, outcome, dates["答复日期"], r.text("备注"), status,
        {c: v for c, v in texts.items() if v}, period, days, texts["答复类型"] or decision,
        "状态" in given, given,
    ), []


def _dates(r: _Row, today: date) -> dict[str, date | None]:
    dates: dict[str, date | None] = {}
    for col in DATE_COLUMNS:
        value = r.values.get(col)
        dates[col] = None
        if isinstance(value, FormulaCell):
            r.err(col, formula_message(value))
            continue
        try:
            d = parse_ledger_date(value)
        except (ValueError, OverflowError):
            r.err(col, f"无法识别的日期“{value}”，请写成2025-01-31、2025/1/31、2025.1.31或2025年1月31日"
                       "（可带时间，或用Excel日期）")
            continue
        if d and d < EARLIEST:
            r.err(col, f"{d:%Y-%m-%d}早于《政府信息公开条例》施行日（2008-05-01），请核对年份")
        elif d and d > today and col != "征求意见结束日期":   # offices may write the window's planned end
            r.err(col, f"{d:%Y-%m-%d}晚于今天，请核对")
        else:
            dates[col] = d
    if dates["收到日期"] is None and not any(e.column == "收到日期" for e in r.errors):
        r.err("收到日期", "不能为空")
    return dates


def _outcome(r: _Row) -> tuple[Outcome | None, str]:
    keywords = r.rules.keyword_outcome
    try:
        raw = cell_text("办理结果", r.values.get("办理结果"), multiline=keywords)
    except CellError as e:
        r.err("办理结果", str(e))
        return None, ""
    if not raw:
        return None, ""
    if (r.no, "办理结果") in r.rules.row_values or raw == PER_ROW:
        return _chosen_outcome(r, raw), ""
    if keywords:
        found = outcome_from_text(raw, r.nr)
        if found is None:
            r.err("办理结果", f"从“{raw[:30]}”中读不出办理结果", f"：请用 --row-value {r.no}:办理结果=… 指定",
                  _CHOOSE_WINDOW)
        return found, ""
    found = place("办理结果", raw, r.mapping, r.nr)
    if found.value == PER_ROW:
        return _chosen_outcome(r, raw), ""
    if found.value is None:
        r.err("办理结果", f"“{raw}”不是年度报告表三的办理结果，应为：{'、'.join(found.choices)}",
              f"（可在台账中改写，或用 --value 办理结果:{raw}=… 指定）",
              "（可在台账中改写，或在“② 需要对应的值”中选择）")
        return None, ""
    return Outcome.from_label(found.value), decision_word(raw)


def _chosen_outcome(r: _Row, raw: str) -> Outcome | None:
    """This row's chosen outcome (逐行选择, or a reply's reading overruled); （不填） = still open."""
    value = r.chosen("办理结果", raw)
    if value is None or value == NO_OUTCOME:
        return None
    found = place("办理结果", value, None, r.nr)
    if found.value is None:
        r.err("办理结果", f"为本行选择的“{value}”不是年度报告表三的办理结果，应为：{'、'.join(found.choices)}")
        return None
    return Outcome.from_label(found.value)


def _check_pairs(r: _Row, dates, outcome, texts, extended) -> None:
    pairs = (("补正告知日期", "收到日期", "补正告知日期不能早于收到日期"),
             ("补正收到日期", "补正告知日期", "补正收到日期不能早于补正告知日期"),
             ("征求意见开始日期", "收到日期", "征求意见开始日期不能早于收到日期"),
             ("征求意见结束日期", "征求意见开始日期", "征求意见结束日期不能早于开始日期"),
             ("答复日期", "收到日期", "答复日期不能早于收到日期"))
    for later, earlier, message in pairs:
        if dates[later] and dates[earlier] and dates[later] < dates[earlier]:
            r.err(later, message)
    needs = (("补正收到日期", "补正告知日期"), ("补正事项", "补正告知日期"), ("补正期限", "补正告知日期"),
             ("征求意见结束日期", "征求意见开始日期"), ("征求意见对象", "征求意见开始日期"),
             ("征求意见类型", "征求意见开始日期"))
    for having, wanted in needs:
        if not is_blank(r.values.get(having)) and not dates[wanted] and not _reported(r, wanted):
            r.err(wanted, f"已填写{having}，请同时填写{wanted}")
    if texts["延期理由"] and not extended:
        r.err("延期天数", "已填写延期理由，请同时填写延期天数（或延期“是”）")
    # 办理结果 without 答复日期 is the outcome proposed for sign-off (version 1 exports write it so)
    if dates["答复日期"] and outcome is None and not _reported(r, "办理结果"):
        r.err("办理结果", "已填写答复日期，请同时填写办理结果")


def _reported(r: _Row, column: str) -> bool:
    return any(e.column == column for e in r.errors)


def _status(r: _Row, dates, outcome, has_department) -> Status:
    """The 状态 column when present (our own export), else derived from the dates."""
    text = r.text("状态")
    closed = outcome is not None and dates["答复日期"] is not None
    if text:
        try:
            status = Status(text)
        except ValueError:
            r.err("状态", f"“{text}”无效，应为：{'、'.join(s.value for s in Status)}")
            return Status.REGISTERED
        if status.is_open == closed:
            r.err("状态", f"“{text}”与办理结果、答复日期不一致")
        return status
    if closed:
        return Status.REPLIED
    if dates["补正告知日期"] and not dates["补正收到日期"]:
        return Status.AWAITING_CORRECTION
    if dates["征求意见开始日期"] and not dates["征求意见结束日期"]:
        return Status.CONSULTING
    return Status.HANDLING if has_department else Status.REGISTERED


def consultation_kind(label: str) -> str:
    """征求意见类型 (第三方/其他机关) → the stored consultation kind."""
    return CONSULTATION_KINDS.get(label, "")
