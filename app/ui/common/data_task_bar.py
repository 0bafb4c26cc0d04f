"""A progress bar and status line for one slow job at a time (import, export, backup, restore)."""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QWidget

from app.errors import DomainError
from app.ui.common.tasks import run_task

OK_STYLE = "color: #2e7d32;"
ERROR_STYLE = "color: #c62828;"


class DataTaskBar(QWidget):
    """Runs ``fn`` off the UI thread via ``run_task``; one job at a time, so writes stay serialised."""

    busy_changed = Signal(bool)
    finished = Signal(str, bool)   # job name, succeeded

    def __init__(self, parent=None):
        super().__init__(parent)
        self.progress = QProgressBar()
        self.progress.setMinimumWidth(240)
        self.progress.hide()
        self.status = QLabel()
        self.status.setObjectName("data_status")
        self.status.setWordWrap(True)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.progress)
        lay.addWidget(self.status, 1)
        self.busy = False

    def start(self, job: str, fn: Callable[..., Any], *args, on_done: Callable[[Any], str],
              on_error: Callable[[Exception], str]) -> None:
        """``on_done``/``on_error`` return the status text (or text, ok) to show when the job ends."""
        self._set_busy(True)
        self.progress.setRange(0, 0)          # busy until the job reports its first figures
        self.status.setStyleSheet("")
        self.status.setText(f"正在{job}，请稍候……")
        run_task(fn, *args, on_progress=self._progress,
                 on_done=lambda r: self._end(job, True, on_done, r),
                 on_error=lambda e, _tb: self._end(job, False, on_error, e))

    def _progress(self, done: int, total: int) -> None:
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(min(done, total))

    def _end(self, job: str, ok: bool, handler: Callable[[Any], str], value: Any) -> None:
        self._set_busy(False)
        text = handler(value)
        if isinstance(text, tuple):       # (text, ok): a job that ran but found problems
            text, ok = text
        self.show_status(text, ok)
        self.finished.emit(job, ok)

    def show_status(self, text: str, ok: bool = True) -> None:
        self.status.setStyleSheet(OK_STYLE if ok else ERROR_STYLE)
        self.status.setText(text)

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.progress.setVisible(busy)
        self.busy_changed.emit(busy)


def error_text(e: Exception) -> str:
    """A domain error's own Chinese message; anything else named plainly."""
    return e.message if isinstance(e, DomainError) else f"出现意外错误：{e.__class__.__name__}: {e}"
