"""Once a case is replied, the notices of the handling stage are refused (domain §7: dates never run
backwards); 送达回证, 终止办理告知书 and the reply itself remain."""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.exports.letters.kinds import LetterKind
from app.services.cases.request_service import load_request
from app.workflow.dates import cn_date
from app.workflow.status import Status

HANDLING_NOTICES = frozenset({
    LetterKind.CORRECTION, LetterKind.EXTENSION, LetterKind.CONSULTATION, LetterKind.AGENCY_CONSULTATION,
    LetterKind.FEE, LetterKind.REASONS_REQUEST, LetterKind.REASONABLE_DEADLINE,
})


def stage_closed(s: Session, request_id: int, kind: LetterKind) -> str:
    """Why a handling-stage notice can no longer be made for this case ("" while it may)."""
    if kind not in HANDLING_NOTICES:
        return ""
    req = load_request(s, request_id)
    if Status(req.status).is_open:
        return ""
    when = f"于{cn_date(req.reply_date)}" if req.reply_date else ""
    return (f"该申请已{when}答复（{req.status}），办理阶段的{kind.value}不能再出具；"
            "已答复的申请仍可出具送达回证和终止办理告知书。")
