"""Case statuses: 登记 → 审核 → 办理 → 签批 → 答复 → 归档, plus the waiting states of a real office."""

from enum import StrEnum


class Status(StrEnum):
    UNCONFIRMED = "待确认"      # 平信 / online request not yet confirmed: no clock
    REGISTERED = "待审核"       # 登记 done, awaiting 审核
    AWAITING_CORRECTION = "待补正"
    HANDLING = "办理中"         # assigned to a 承办处室
    CONSULTING = "征求意见中"
    AWAITING_FEE = "待缴费"
    SIGN_OFF = "待签批"
    RETURNED = "已退回"         # sign-off returned with reasons, back to the handler
    LEGAL_REVIEW = "待合法性审查"  # signed off; the legal reviewer checks it (when the office turns it on)
    APPROVED = "待答复"         # signed off; clerk numbers, prints and serves the letter
    REPLIED = "已答复"
    ARCHIVED = "已归档"

    @property
    def is_open(self) -> bool:
        """Open = not yet replied; its reply deadline still runs."""
        return self not in (Status.REPLIED, Status.ARCHIVED)

    @property
    def stage(self) -> str:
        """The Art 45 stage this status belongs to."""
        return _STAGES[self]


_STAGES = {
    Status.UNCONFIRMED: "登记",
    Status.REGISTERED: "审核",
    Status.AWAITING_CORRECTION: "审核",
    Status.HANDLING: "办理",
    Status.CONSULTING: "办理",
    Status.AWAITING_FEE: "办理",
    Status.RETURNED: "办理",
    Status.SIGN_OFF: "签批",
    Status.LEGAL_REVIEW: "签批",
    Status.APPROVED: "答复",
    Status.REPLIED: "答复",
    Status.ARCHIVED: "归档",
}

OPEN_STATUSES = tuple(s for s in Status if s.is_open)
