"""The hook from a case to the letter preview dialog (preview, save as Word/PDF, print)."""

from __future__ import annotations

from app.exports.letters.kinds import LetterKind
from app.ui.letter_preview_dialog import LetterPreviewDialog


def open_letter_dialog(parent, services, actor, request_id: int, kind: LetterKind | None = None):
    """“生成文书” (the reply by default) or one named letter such as the 受理回执."""
    return LetterPreviewDialog.ask(parent, services.letters, actor, request_id, kind)


def open_receipt(parent, services, actor, request_id: int):
    """The numbered 受理回执, previewed and printable like every other letter."""
    return open_letter_dialog(parent, services, actor, request_id, LetterKind.RECEIPT)
