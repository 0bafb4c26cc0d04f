"""The hook from a case to the letter preview dialog (preview, save as Word/PDF, print)."""

from __future__ import annotations

from app.exports.letters.kinds import LetterKind
from app.ui.letter.letter_preview_dialog import LetterPreviewDialog
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


_NOT_IN_FILE_NAMES = str.maketrans({ch: "_" for ch in '\\/:*?"<>|'})


def letter_file_stem(case_number: str, kind: str, doc_number: str = "") -> str:
    """The default file name of a letter: 申请编号-文书种类[-文号], so a folder of letters sorts by case
    and says what each file is (no character Windows forbids in a file name)."""
    parts = [p for p in (case_number, kind, doc_number) if p]
    return "-".join(parts).translate(_NOT_IN_FILE_NAMES)


def open_letter_dialog(parent, services, actor, request_id: int, kind: LetterKind | None = None,
                       can_sign: bool | None = None, fix=None, can_issue: bool = True):
    """“生成文书” (the letter the status calls for by default) or one named letter such as the 受理回执.

    ``can_sign``: the case's standing allows 签发; ``fix(field)`` opens the dialog where a missing fact is
    entered (offered as a button when the letter is refused for it)."""
    detail = services.requests.detail(request_id)
    if kind is None:
        kind = letter_for_status(detail.status)
    return LetterPreviewDialog.ask(parent, services.letters, actor, request_id, kind, can_sign, fix, can_issue,
                                   detail.number)


def open_receipt(parent, services, actor, request_id: int, can_sign: bool | None = None, can_issue: bool = True):
    """The numbered 受理回执, previewed and printable like every other letter."""
    return open_letter_dialog(parent, services, actor, request_id, LetterKind.RECEIPT, can_sign,
                              can_issue=can_issue)
