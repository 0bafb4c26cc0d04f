"""Re-import never destroys (domain §6): compare one ledger row with the stored case, field by field.

Only columns the row carries (a value in the cell) are compared; a blank cell never clears anything.
The result lists the changes to make and the ones refused (closed case, regress, what the ledger
cannot express). Pure: the stored case arrives as the same {column: value} rows the export writes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.workflow.ledger_columns import ALL_COLUMNS
from app.workflow.ledger_row import LedgerRow
from app.workflow.status import Status

_SPECIAL = ("申请编号", "应答复日期", "状态", "延期", "延期天数", "延期理由", "答复文号")
COMPARED = tuple(c for c in ALL_COLUMNS if c not in _SPECIAL)
# How far along a case is; an import never lowers it.
RANK = {Status.UNCONFIRMED: 0, Status.REGISTERED: 1, Status.AWAITING_CORRECTION: 1, Status.HANDLING: 2,
        Status.CONSULTING: 2, Status.AWAITING_FEE: 2, Status.RETURNED: 2, Status.SIGN_OFF: 3,
        Status.APPROVED: 4, Status.REPLIED: 5, Status.ARCHIVED: 6}


@dataclass(frozen=True)
class FieldChange:
    column: str
    old: object
    new: object

    def __str__(self) -> str:
        return f"{self.column}：{show(self.old) or '（空）'} → {show(self.new) or '（空）'}"


@dataclass(frozen=True)
class Refusal:
    """A row (``column`` "") or one of its fields the import does not change, and why."""

    row: int
    number: str
    column: str
    message: str

    def __str__(self) -> str:
        where = f"第{self.row}行（{self.number}）" + (f"“{self.column}”列" if self.column else "")
        return f"{where}：{self.message}"


def show(v) -> str:
    if v is None:
        return ""
    if isinstance(v, date):
        return v.isoformat()
    return str(v)


def row_values(r: LedgerRow) -> dict[str, object]:
    """The row in the export's terms (the same keys and value types as the stored rows)."""
    values = {
        "收到日期": r.receipt, "申请方式": r.channel, "申请人": r.applicant_name, "申请人类型": r.applicant_type,
        "申请内容": r.description, "承办处室": r.department, "补正告知日期": r.correction_requested,
        "补正收到日期": r.correction_received, "征求意见开始日期": r.consultation_start,
        "征求意见结束日期": r.consultation_end, "办理结果": r.outcome.label if r.outcome else None,
        "答复日期": r.reply_date, "备注": r.notes, "补正期限": r.correction_period,
        "延期天数": r.extension_days, "状态": r.status.value,
    }
    values.update(r.texts)
    return values


def _same(a, b) -> bool:
    return (a if a not in ("", None) else None) == (b if b not in ("", None) else None)


def diff(r: LedgerRow, stored: dict, locked: bool = False) -> tuple[list[FieldChange], list[Refusal]]:
    """Changes the row makes to the stored case, and the ones refused."""
    new = row_values(r)
    changes = [FieldChange(c, stored.get(c), new[c]) for c in COMPARED
               if c in r.given and not _same(stored.get(c), new.get(c))]
    refusals: list[Refusal] = []

    def refuse(column: str, message: str) -> None:
        refusals.append(Refusal(r.row, r.number, column, message))

    _extension(r, stored, changes, refuse)
    if "答复文号" in r.given and not _same(stored.get("答复文号"), new.get("答复文号")):
        if stored.get("_reply_letter"):
            refuse("答复文号", f"本案的答复书已在系统中编号“{stored['_reply_letter']}”，导入不改文号")
        else:
            changes.append(FieldChange("答复文号", stored.get("答复文号"), new["答复文号"]))
    old_status = Status(stored["_status"])
    target = r.status
    if r.status_given and RANK[target] < RANK[old_status]:
        refuse("状态", f"系统中为“{old_status}”，台账为“{target}”：导入不会把申请退回到之前的环节")
    elif target != old_status and (RANK[target] > RANK[old_status] or (r.status_given and RANK[target] ==
                                                                        RANK[old_status])):
        changes.append(FieldChange("状态", old_status.value, target.value))
    if changes and (old_status is Status.ARCHIVED or locked):
        why = "已归档" if old_status is Status.ARCHIVED else "所在年度的年度报告已锁定"
        fields = "、".join(c.column for c in changes)
        return [], [Refusal(r.row, r.number, "", f"本案{why}，导入不修改（台账中{fields}与系统不同）；"
                                                 "如确需修改，请先在系统中解锁")]
    return changes, refusals


def _extension(r: LedgerRow, stored: dict, changes: list, refuse) -> None:
    old_days = stored.get("延期天数") or 0
    count = stored.get("_extensions", 0)
    if "延期天数" in r.given or ("延期" in r.given and r.extended and not old_days):
        days = r.extension_days or 0
        if days != old_days:
            if count > 1:
                refuse("延期天数", f"本案有{count}次延期（合计{old_days}个工作日），台账只能表示合计：请在系统中修改")
            else:
                changes.append(FieldChange("延期天数", old_days or None, days))
    elif "延期" in r.given and not r.extended and old_days:
        refuse("延期", f"本案已批准延期{old_days}个工作日，台账写“否”：导入不删除延期记录")
    if "延期理由" in r.given and not _same(stored.get("延期理由"), r.text("延期理由")):
        if count > 1:
            refuse("延期理由", f"本案有{count}次延期，台账只能表示一个理由：请在系统中修改")
        else:
            changes.append(FieldChange("延期理由", stored.get("延期理由"), r.text("延期理由")))
