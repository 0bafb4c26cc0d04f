"""Answer the app's own modal dialogs for real: a QTimer finds the dialog, fills it, presses a button."""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QAbstractButton, QApplication, QDialog, QPlainTextEdit, QWidget


class ModalAnswers:
    """Queue of (fill, button text) answers; each is applied to the next modal dialog that opens."""

    def __init__(self):
        self.seen: list[tuple[str, str]] = []     # (window title, intro text) of each dialog answered
        self.stuck: list[str] = []                # dialogs still open after their button (an error shown)
        self._queue: list[tuple[Callable[[QDialog], None], str]] = []

    def next(self, fill: Callable[[QDialog], None] = lambda d: None, button: str = "确定") -> None:
        self._queue.append((fill, button))
        if len(self._queue) == 1:
            self._poll()

    def _poll(self) -> None:
        QTimer.singleShot(20, self._try)

    def _try(self) -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QDialog) or not dialog.isVisible():
            self._poll()
            return
        fill, text = self._queue.pop(0)
        intro = dialog.findChild(QWidget, "dialogIntro")
        self.seen.append((dialog.windowTitle(), intro.text() if intro is not None else ""))
        fill(dialog)
        press(dialog, text)
        QTimer.singleShot(400, lambda d=dialog: self._unstick(d))
        if self._queue:
            self._poll()

    def _unstick(self, dialog: QDialog) -> None:
        """A dialog that refused its button (a field error) would block the test: note it, close it."""
        try:
            if dialog.isVisible():
                errors = [w.text() for w in dialog.findChildren(QWidget, "fieldError") if w.isVisible()]
                self.stuck.append(f"{dialog.windowTitle()}: {errors}")
                dialog.reject()
        except RuntimeError:      # already deleted: it closed as it should
            pass

    @property
    def pending(self) -> int:
        return len(self._queue)


def press(dialog: QWidget, text: str) -> None:
    button = next((b for b in dialog.findChildren(QAbstractButton) if b.text() == text and b.isVisible()),
                  None)
    assert button is not None, f"no button “{text}” in {dialog.windowTitle()}"
    button.click()


def field(dialog: QDialog, key: str) -> QWidget:
    """A FormDialog's editor for ``key`` (the dialog's own widget map)."""
    return dialog._widgets[key]


def set_text(dialog: QDialog, key: str, text: str) -> None:
    w = field(dialog, key)
    if isinstance(w, QPlainTextEdit):
        w.setPlainText(text)
    else:
        w.setText(text)
