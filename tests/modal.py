"""Answer the app's own modal dialogs for real: a QTimer finds the active modal dialog and drives it."""

from __future__ import annotations

import time
from typing import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

_pending: list["ModalAnswer"] = []


def _text_of(modal: QWidget) -> str:
    if isinstance(modal, QMessageBox):
        return f"{modal.windowTitle()}: {modal.text()}"
    return f"{type(modal).__name__} “{modal.windowTitle()}”"


class ModalAnswer:
    """Polls for a modal dialog of ``cls``; once shown, runs ``handle(dialog)`` inside its event loop.

    ``handle`` presses the dialog's own buttons (or fills its widgets); what it returns is kept in
    ``result``. Errors inside ``handle`` are kept too and re-raised by ``check()`` after the modal
    returns, so a failed assertion fails the test instead of vanishing inside Qt's event loop. A
    different modal that stays up for ``patience`` seconds is closed and reported by ``check()``.
    """

    def __init__(self, cls: type[QDialog], handle: Callable[[QDialog], object], interval: int = 20,
                 patience: float = 20.0):
        self.cls, self.handle = cls, handle
        self.dialog: QDialog | None = None
        self.result: object = None
        self.error: BaseException | None = None
        self._patience, self._since = patience, time.monotonic()
        self._timer = QTimer()
        self._timer.setInterval(interval)
        self._timer.timeout.connect(self._poll)
        self._timer.start()
        _pending.append(self)

    def _poll(self) -> None:
        modal = QApplication.activeModalWidget()
        if modal is None or not modal.isVisible():
            return
        if not isinstance(modal, self.cls):
            if time.monotonic() - self._since > self._patience and not _claimed(modal):
                self.error = AssertionError(f"expected a {self.cls.__name__}, but {_text_of(modal)} came up")
                modal.close()
            return
        self._timer.stop()            # still pending (claimed) while the handler works
        self.dialog = modal
        try:
            self.result = self.handle(modal)
        except BaseException as e:  # noqa: BLE001 - re-raised by check()
            self.error = e
            modal.reject()
        finally:
            self._stop()

    def _stop(self) -> None:
        self._timer.stop()
        if self in _pending:
            _pending.remove(self)

    def check(self) -> object:
        """After the modal returned: fail if it never showed or if the handler failed."""
        self._stop()
        if self.error is not None:
            raise self.error
        assert self.dialog is not None, f"no modal {self.cls.__name__} was shown"
        return self.result


def _claimed(modal: QWidget) -> bool:
    return any(isinstance(modal, a.cls) for a in _pending)


def answer_modal(cls: type[QDialog], handle: Callable[[QDialog], object]) -> ModalAnswer:
    """Start answering the next modal ``cls`` dialog; call ``.check()`` once the code under test returns."""
    return ModalAnswer(cls, handle)


def through_modal(cls: type[QDialog], handle: Callable[[QDialog], object], trigger: Callable[[], object]):
    """Run ``trigger`` (which opens a modal ``cls``), answer it with ``handle``; (trigger's result, handle's)."""
    answer = answer_modal(cls, handle)
    value = trigger()
    return value, answer.check()


class UnexpectedModals:
    """A watchdog: a modal nobody waits for (an error box, say) is closed after ``patience`` seconds and
    recorded, so a journey fails with the dialog's text instead of hanging."""

    def __init__(self, patience: float = 3.0):
        self.seen: list[str] = []
        self._patience = patience
        self._first: dict[int, float] = {}
        self._timer = QTimer()
        self._timer.setInterval(100)
        self._timer.timeout.connect(self._poll)
        self._timer.start()

    def _poll(self) -> None:
        modal = QApplication.activeModalWidget()
        if modal is None or _claimed(modal):
            self._first.clear()
            return
        since = self._first.setdefault(id(modal), time.monotonic())
        if time.monotonic() - since > self._patience:
            self.seen.append(_text_of(modal))
            self._first.pop(id(modal), None)
            modal.close()

    def stop(self) -> None:
        self._timer.stop()
