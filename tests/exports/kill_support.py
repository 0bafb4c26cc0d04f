"""Kill an export mid-write (SIGKILL) and check the file it was replacing is still whole."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
import zipfile
from pathlib import Path

from tests.exports.export_loop import TARGETS

LOOP = Path(__file__).with_name("export_loop.py")


def whole(path: Path) -> bool:
    """True when ``path`` is a complete file of its kind (what a clerk could open)."""
    data = path.read_bytes()
    if path.suffix in (".xlsx", ".docx"):
        try:
            with zipfile.ZipFile(path) as z:
                return z.testzip() is None
        except zipfile.BadZipFile:
            return False
    if path.suffix == ".pdf":
        return data.startswith(b"%PDF") and data.rstrip().endswith(b"%%EOF")
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
            return conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    except sqlite3.DatabaseError:
        return False


def _state(folder: Path) -> dict:
    out = {}
    for p in folder.iterdir():
        try:
            st = p.stat()
        except FileNotFoundError:
            continue
        out[p.name] = (st.st_size, st.st_mtime_ns)
    return out


def _wait_for_writing(folder: Path, limit: float) -> None:
    """Return as soon as a file in ``folder`` appears or changes: the export has begun writing."""
    before, deadline = _state(folder), time.monotonic() + limit
    while time.monotonic() < deadline and _state(folder) == before:
        time.sleep(0.0005)


def start(db_url: str, folder: Path, letter_id: int, env: dict) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, str(LOOP), db_url, str(folder), str(letter_id)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def kill_during(db_url: str, folder: Path, letter_id: int, kind: str, env: dict, rng: random.Random) -> bool:
    """One round: let a first full cycle write every target, then SIGKILL while ``kind`` is being
    written again (as soon as a file in the folder appears or changes, plus 0–3 ms); True if its
    target is still whole."""
    child = start(db_url, folder, letter_id, env)
    took: dict[str, float] = {}
    try:
        for line in child.stdout:
            word, what, *rest = line.split()
            if word == "done":
                took[what] = float(rest[0])
            elif word == "start" and what == kind and kind in took:
                _wait_for_writing(folder, took[kind] * 3 + 5)
                time.sleep(rng.uniform(0, 0.003))           # a few ms into the write
                break
        else:
            raise RuntimeError(child.stderr.read())
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
    return whole(folder / TARGETS[kind])
