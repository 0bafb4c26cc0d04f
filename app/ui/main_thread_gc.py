"""Run Python's cyclic garbage collector on the GUI thread only.

Left to itself, the collector runs in whatever thread happens to allocate, including the task
threads; freeing a Qt object there crashes the process. As Anki does, automatic collection is
switched off and a timer on the GUI thread collects each generation when its threshold is reached.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer


class MainThreadGarbageCollector(QObject):
    def __init__(self, parent: QObject, interval_ms: int = 1000):
        super().__init__(parent)
        self._thresholds = gc.get_threshold()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.check)
        self._timer.start(interval_ms)

    def check(self) -> int:
        """Collect the oldest generation whose count passed its threshold; returns objects freed."""
        counts = gc.get_count()
        for generation in (2, 1, 0):
            if counts[generation] > self._thresholds[generation]:
                return gc.collect(generation)
        return 0
