"""Answer the app's own modal dialogs for real: a QTimer finds the active modal dialog and drives it."""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog


class ModalAnswer:
    """Polls for a modal dialog of ``cls``; once shown, runs ``handle(dialog)`` inside its event loop.

    ``handle`` presses the dialog's own buttons (or fills its widgets); what it returns is kept in
    ``result``. Errors inside ``handle`` are kept too and re-raised by ``check()`` after the modal
    returns, so a failed assertion fails the test instead of vanishing inside Qt's event loop.
    """

    def __init__(self, cls: type[QDialog], handle: Callable[[QDialog], object], interval: int = 20):
        self.cls, self.handle = cls, handle
        self.dialog: QDialog | None = None
        self.result: object = None
        self.error: BaseException | None = None
        self._timer = QTimer()
        self._timer.setInterval(interval)
        self._timer.timeout.connect(self._poll)
        self._timer.start()

    def _poll(self) -> None:
        modal = QApplication.activeModalWidget()
        if modal is None or not isinstance(modal, self.cls) or not modal.isVisible():
            return
        self._timer.stop()
        self.dialog = modal
        try:
            self.result = self.handle(modal)
        except BaseException as e:  # noqa: BLE001 - re-raised by check()
            self.error = e
            modal.reject()

    def check(self) -> object:
        """After the modal returned: fail if it never showed or if the handler failed."""
        self._timer.stop()
        if self.error is not None:
            raise self.error
        assert self.dialog is not None, f"no modal {self.cls.__name__} was shown"
        return self.result


def answer_modal(cls: type[QDialog], handle: Callable[[QDialog], object]) -> ModalAnswer:
    """Start answering the next modal ``cls`` dialog; call ``.check()`` once the code under test returns."""
    return ModalAnswer(cls, handle)
