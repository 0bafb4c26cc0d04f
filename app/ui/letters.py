"""The hook from a case to the letter preview dialog (app/ui/letter_preview_dialog.py, built separately)."""

from __future__ import annotations

import importlib.util

from app.services.dto import Actor, RequestDetail
from app.ui import prompts

LETTER_MODULE = "app.ui.letter_preview_dialog"


def letter_dialog_available() -> bool:
    return importlib.util.find_spec(LETTER_MODULE) is not None


def open_letter_dialog(parent, services, actor: Actor, detail: RequestDetail) -> None:
    """“生成文书”: open the letter preview for this case, if the letter module is installed."""
    if not letter_dialog_available():
        prompts.info(parent, "生成文书", "文书模块尚未安装，暂不能生成文书。")
        return
    # The single call site into the letter preview dialog. Until the container carries the letter
    # service as ``services.letters``, build one on the same database and clock.
    from app.ui.letter_preview_dialog import LetterPreviewDialog

    letters = getattr(services, "letters", None)
    if letters is None:
        from app.services.letter_service import LetterService

        letters = LetterService(services.db, services.queries.today)
    LetterPreviewDialog.ask(parent, letters, actor, detail.id)
