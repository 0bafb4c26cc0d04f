"""Run slow work (imports, exports, reports, backups) on a QThreadPool; results come back by signal."""

from __future__ import annotations

import traceback
from typing import Any, Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class TaskSignals(QObject):
    progress = Signal(int, int)        # done, total
    finished = Signal(object)          # result
    failed = Signal(object, str)       # exception, traceback text


class Task(QRunnable):
    """Calls ``fn(*args, progress=callback, **kwargs)`` when ``with_progress`` else ``fn(*args)``."""

    def __init__(self, fn: Callable[..., Any], *args, with_progress: bool = False, **kwargs):
        super().__init__()
        self.signals = TaskSignals()
        self._fn, self._args, self._kwargs = fn, args, kwargs
        self._with_progress = with_progress
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            if self._with_progress:
                self._kwargs["progress"] = lambda done, total: self.signals.progress.emit(done, total)
            result = self._fn(*self._args, **self._kwargs)
        except Exception as e:  # noqa: BLE001 - reported to the UI, never swallowed
            self.signals.failed.emit(e, traceback.format_exc())
        else:
            self.signals.finished.emit(result)


def _pool() -> QThreadPool:
    pool = QThreadPool.globalInstance()
    return pool


_running: set[Task] = set()


def run_task(fn: Callable[..., Any], *args, on_done: Callable[[Any], None] | None = None,
             on_error: Callable[[Exception, str], None] | None = None,
             on_progress: Callable[[int, int], None] | None = None, **kwargs) -> Task:
    """Start ``fn`` off the UI thread. Pass ``on_progress`` to give ``fn`` a ``progress`` callback."""
    task = Task(fn, *args, with_progress=on_progress is not None, **kwargs)
    _running.add(task)
    if on_progress:
        task.signals.progress.connect(on_progress)
    if on_done:
        task.signals.finished.connect(on_done)
    if on_error:
        task.signals.failed.connect(on_error)
    task.signals.finished.connect(lambda _r: _running.discard(task))
    task.signals.failed.connect(lambda _e, _t: _running.discard(task))
    _pool().start(task)
    return task


def wait_all(msecs: int = 30000) -> bool:
    """Block until background tasks finish (tests and shutdown)."""
    return _pool().waitForDone(msecs)
