"""One 台账 row (domain §6): parsed, checked, and turned into clock events; no I/O."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date

from app.workflow.dates import parse_date
from app.workflow.outcomes import Outcome
from app.workflow.status import Status
from app.workflow.vocabulary import ApplicantType, Channel

COLUMNS = ("申请编号", "收到日期", "申请方式", "申请人", "申请人类型", "申请内容", "承办处室", "补正告知日期",
           "补正收到日期", "征求意见开始日期", "征求意见结束日期", "延期", "办理结果", "答复日期", "备注")
EXPORT_COLUMNS = COLUMNS + ("应答复日期", "状态")
REQUIRED = ("申请编号", "收到日期", "申请人", "申请人类型", "申请内容")
DATE_COLUMNS = ("收到日期", "补正告知日期", "补正收到日期", "征求意见开始日期", "征求意见结束日期", "答复日期")


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        if self.row == 0:  # a problem with the file itself, not with one row
            return self.message
        where = f"第{self.row}行" + (f"“{self.column}”列" if self.column else "")
        return f"{where}：{self.message}"


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


def normalise_header(text) -> str:
    return unicodedata.normalize("NFKC", str(text or "")).replace(" ", "").strip()


def _text(v) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return unicodedata.normalize("NFKC", str(v)).strip() if not isinstance(v, str) else v.strip()


def parse_row(row_no: int, values: dict[str, object], today: date) -> tuple[LedgerRow | None, list[RowError]]:
    """Check one row; return the parsed row, or None with every problem found."""
    errs: list[RowError] = []

    def err(col: str, msg: str) -> None:
        errs.append(RowError(row_no, col, msg))

    for col in REQUIRED:
        if col != "收到日期" and not _text(values.get(col)):
            err(col, "不能为空")
    dates: dict[str, date | None] = {}
    for col in DATE_COLUMNS:
        try:
            dates[col] = parse_date(values.get(col))
        except ValueError:
            err(col, f"无法识别的日期“{_text(values.get(col))}”，请写成2025-01-31、2025/1/31、2025.1.31或2025年1月31日")
            dates[col] = None
    receipt = dates["收到日期"]
    if receipt is None and not any(e.column == "收到日期" for e in errs):
        err("收到日期", "不能为空")
    channel = _text(values.get("申请方式")) or Channel.OTHER.value
    if channel not in {c.value for c in Channel}:
        err("申请方式", f"“{channel}”无效，应为：{'、'.join(c.value for c in Channel)}")
    a_type = _text(values.get("申请人类型"))
    if a_type and a_type not in {t.value for t in ApplicantType}:
        err("申请人类型", f"“{a_type}”无效，应为：{'、'.join(t.value for t in ApplicantType)}")
    ext_text = _text(values.get("延期"))
    if ext_text not in ("", "是", "否"):
        err("延期", f"“{ext_text}”无效，应填“是”或“否”（空白视为否）")
    outcome_text = _text(values.get("办理结果"))
    outcome = Outcome.from_label(outcome_text) if outcome_text else None
    if outcome_text and outcome is None:
        err("办理结果", f"“{outcome_text}”不是年度报告表三的办理结果，例如：予以公开、属于国家秘密、重复申请、其他")
    reply = dates["答复日期"]
    _check_order(dates, receipt, today, err)
    if outcome and reply is None and not any(e.column == "答复日期" for e in errs):
        err("答复日期", "已填写办理结果，请同时填写答复日期")
    if reply and outcome is None and not outcome_text:
        err("办理结果", "已填写答复日期，请同时填写办理结果")
    status = _status(values, dates, outcome, bool(_text(values.get("承办处室"))), err)
    if errs:
        return None, errs
    return LedgerRow(
        row_no, _text(values.get("申请编号")), receipt, channel, _text(values.get("申请人")), a_type,
        _text(values.get("申请内容")), _text(values.get("承办处室")), dates["补正告知日期"],
        dates["补正收到日期"], dates["征求意见开始日期"], dates["征求意见结束日期"], ext_text == "是",
        outcome, reply, _text(values.get("备注")), status,
    ), []


def _check_order(dates, receipt, today, err) -> None:
    if receipt and receipt > today:
        err("收到日期", "不能晚于今天")
    pairs = (("补正告知日期", "收到日期", "补正告知日期不能早于收到日期"),
             ("补正收到日期", "补正告知日期", "补正收到日期不能早于补正告知日期"),
             ("征求意见开始日期", "收到日期", "征求意见开始日期不能早于收到日期"),
             ("征求意见结束日期", "征求意见开始日期", "征求意见结束日期不能早于开始日期"),
             ("答复日期", "收到日期", "答复日期不能早于收到日期"))
    for later, earlier, message in pairs:
        if dates[later] and dates[earlier] and dates[later] < dates[earlier]:
            err(later, message)
    if dates["补正收到日期"] and not dates["补正告知日期"]:
        err("补正告知日期", "已填写补正收到日期，请同时填写补正告知日期")
    if dates["征求意见结束日期"] and not dates["征求意见开始日期"]:
        err("征求意见开始日期", "已填写征求意见结束日期，请同时填写开始日期")
    if dates["答复日期"] and dates["答复日期"] > today:
        err("答复日期", "不能晚于今天")


def _status(values, dates, outcome, has_department, err) -> Status:
    """The 状态 column when present (our own export), else derived from the dates."""
    text = _text(values.get("状态"))
    closed = outcome is not None
    if text:
        try:
            status = Status(text)
        except ValueError:
            err("状态", f"“{text}”无效，应为：{'、'.join(s.value for s in Status)}")
            return Status.REGISTERED
        if status.is_open == closed:
            err("状态", f"“{text}”与办理结果、答复日期不一致")
        return status
    if closed:
        return Status.REPLIED
    if dates["补正告知日期"] and not dates["补正收到日期"]:
        return Status.AWAITING_CORRECTION
    if dates["征求意见开始日期"] and not dates["征求意见结束日期"]:
        return Status.CONSULTING
    return Status.HANDLING if has_department else Status.REGISTERED
