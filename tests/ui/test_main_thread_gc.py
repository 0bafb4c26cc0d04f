"""The collector runs on the GUI thread only."""

import gc

from PySide6.QtCore import QObject

from app.ui.main_thread_gc import MainThreadGarbageCollector


def test_automatic_collection_is_off_and_the_timer_collects(qtbot):
    owner = QObject()
    collector = MainThreadGarbageCollector(owner, interval_ms=10)
    assert not gc.isenabled()

    class Cycle:
        pass

    for _ in range(gc.get_threshold()[0] + 50):     # enough young objects to pass generation 0
        a, b = Cycle(), Cycle()
        a.b, b.a = b, a
    del a, b
    assert gc.get_count()[0] > gc.get_threshold()[0]
    assert collector.check() > 0
