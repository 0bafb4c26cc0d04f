"""Quitting after a long session does not abort: PySide6's emit/disconnect no longer steal True/False.

The crash ("Fatal Python error: bool_dealloc", exit 134) came from PySide6 6.12.0 returning the
bools from ``SignalInstance.emit()``/``disconnect()`` without a reference of their own (see
app/ui/signal_refcount.py); every emit in a day took one reference to True, and the interpreter's
teardown then freed True itself.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, Signal

import app.ui  # noqa: F401 - what every window module imports first
from app.services.demos.demo import fill_demo
from app.services.uow import Database
from tests.ui.long_session import ADMIN_PASSWORD

ROOT = Path(__file__).resolve().parents[2]
RUNS = 20
ROUNDS = 3                 # each round: every page, six cases, every status filter, one change broadcast
MIN_EMITS = 120            # what three rounds emit today (152); fewer would mean the day got shorter


class _Sender(QObject):
    plain = Signal()
    flag = Signal(bool)


def _slot(*_args) -> None:
    pass


def test_emit_and_disconnect_keep_every_reference_to_true_and_false():
    sender = _Sender()
    sender.plain.connect(_slot)
    sender.flag.connect(_slot)
    before = sys.getrefcount(True), sys.getrefcount(False)
    for i in range(2000):
        sender.plain.emit()                  # returned True, unowned, on PySide6 6.12.0
        sender.flag.emit(i % 2 == 0)
        sender.plain.connect(_noop)
        sender.plain.disconnect(_noop)       # True: it was connected
    assert (sys.getrefcount(True), sys.getrefcount(False)) == before


def _noop() -> None:
    pass


@pytest.mark.filterwarnings("ignore:libpyside. Failed to disconnect:RuntimeWarning")
def test_a_failed_disconnect_keeps_its_reference_to_false():
    sender = _Sender()
    assert sender.plain.disconnect(_noop) is False      # never connected; warms the warning registry
    before = sys.getrefcount(False)
    for _ in range(200):
        sender.plain.disconnect(_noop)
    # unrepaired, the count falls by 200; the warnings machinery may keep one reference of its own
    assert 0 <= sys.getrefcount(False) - before <= 1


@pytest.fixture(scope="module")
def demo_database(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("exit") / "demo.sqlite3"
    db = Database.open(str(path))
    fill_demo(db, cases=20, today=date(2025, 6, 30), admin_password=ADMIN_PASSWORD)
    db.dispose()
    return path


def _one_day(source: Path, folder: Path, n: int) -> tuple[int, str, str]:
    copy = folder / f"day{n}.sqlite3"
    shutil.copy(source, copy)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    env.pop("DD_FULL_EXIT", None)
    done = subprocess.run([sys.executable, "-m", "tests.ui.long_session", str(copy), str(ROUNDS)],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    return done.returncode, done.stdout, done.stderr


def test_a_long_day_then_quit_twenty_times_without_an_abort(demo_database, tmp_path):
    with ThreadPoolExecutor(max_workers=2) as pool:        # two cores on this machine
        days = list(pool.map(lambda n: _one_day(demo_database, tmp_path, n), range(RUNS)))
    for n, (code, out, err) in enumerate(days):
        assert "Fatal Python error" not in err, f"run {n}: {err[-2000:]}"
        assert code == 0, f"run {n} exited {code}: {err[-2000:]}"
        emitted = int(out.split("emitted ")[1].split()[0])
        assert emitted >= MIN_EMITS, f"run {n}: the day was short ({emitted} signals)"
