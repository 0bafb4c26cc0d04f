"""The hook from a case to the letter preview dialog (preview, save as Word/PDF, print)."""

from __future__ import annotations

from app.exports.letters.kinds import LetterKind
from app.ui.letter_preview_dialog import LetterPreviewDialog
from app.workflow.status import Status


# The letter a case's status calls for, shown first by “生成文书” (the others stay one pick away).
_LETTER_FOR_STATUS = {
    Status.UNCONFIRMED: LetterKind.RECEIPT, Status.REGISTERED: LetterKind.RECEIPT,
    Status.AWAITING_CORRECTION: LetterKind.CORRECTION, Status.CONSULTING: LetterKind.CONSULTATION,
    Status.AWAITING_FEE: LetterKind.FEE,
}


def letter_for_status(status: str) -> LetterKind:
    """The document a case in ``status`` most likely needs now; the reply otherwise."""
    return _LETTER_FOR_STATUS.get(Status(status), LetterKind.REPLY)


def open_letter_dialog(parent, services, actor, request_id: int, kind: LetterKind | None = None,
                       can_sign: bool | None = None, fix=None, can_issue: bool = True):
    """“生成文书” (the letter the status calls for by default) or one named letter such as the 受理回执.

    ``can_sign``: the case's standing allows 签发; ``fix(field)`` opens the dialog where a missing fact is
    entered (offered as a button when the letter is refused for it)."""
    if kind is None:
        kind = letter_for_status(services.requests.detail(request_id).status)
    return LetterPreviewDialog.ask(parent, services.letters, actor, request_id, kind, can_sign, fix, can_issue)


def open_receipt(parent, services, actor, request_id: int, can_sign: bool | None = None):
    """The numbered 受理回执, previewed and printable like every other letter."""
    return open_letter_dialog(parent, services, actor, request_id, LetterKind.RECEIPT, can_sign)
