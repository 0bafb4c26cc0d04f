"""Crash-safe file writes: write a temporary file in the target folder, then rename it over the target.

A reader (or a crash, or ``kill -9``) sees either the old complete file or the new complete file,
never a half-written one: ``os.replace`` is atomic within one folder on Windows and POSIX.
"""

from __future__ import annotations

import os
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from app.errors import FileProblem
from app.exports.file_errors import problem


STALE_AFTER = 600          # seconds: a temporary file this old is a killed export's leftover


@contextmanager
def atomic_path(target: str | Path) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; on success it replaces ``target``, else it is removed.

    The temporary name keeps the target's suffix, for writers that look at it. The folder must exist
    (one rule for every export: a missing folder is refused, never created). A file system error
    (disk full, read-only, the target held open by another program) becomes a ``FileProblem`` whose
    message says what to do; the old target is intact either way. The new file gets the mode a plain
    ``open()`` would give it (the user's umask), not mkstemp's 0600.
    """
    target = Path(target)
    if not target.parent.is_dir():
        raise FileProblem(f"文件夹“{target.parent}”不存在，请先创建该文件夹或换一个位置保存。")
    remove_stale(target.parent)
    try:
        fd, name = tempfile.mkstemp(prefix=f"{TEMP_PREFIX}{target.stem[:40]}.", suffix=target.suffix + ".tmp",
                                    dir=target.parent)
        os.close(fd)
    except OSError as e:
        raise problem(e, target) from e
    temp = Path(name)
    try:
        yield temp
        _fsync(temp)
        os.chmod(temp, _mode_for(target))
        os.replace(temp, target)
    except OSError as e:
        temp.unlink(missing_ok=True)
        raise problem(e, target) from e
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    _fsync_folder(target.parent)


TEMP_PREFIX = ".~"


def remove_stale(folder: Path, now: float | None = None) -> int:
    """Remove this program's temporary files older than ten minutes (left by a killed export)."""
    now = time.time() if now is None else now
    removed = 0
    try:
        candidates = list(folder.glob(f"{TEMP_PREFIX}*.tmp"))
    except OSError:
        return 0
    for p in candidates:
        try:
            if now - p.stat().st_mtime > STALE_AFTER:
                p.unlink()
                removed += 1
        except OSError:
            continue
    return removed


def _umask() -> int:
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except OSError:
        pass
    old = os.umask(0o022)
    os.umask(old)
    return old


def _mode_for(target: Path) -> int:
    """An existing target keeps its mode; a new one gets 0666 less the umask."""
    try:
        return target.stat().st_mode & 0o777
    except OSError:
        return 0o666 & ~_umask()


def write_bytes(target: str | Path, data: bytes) -> Path:
    """``Path.write_bytes`` that never leaves a half-written file behind."""
    with atomic_path(target) as temp:
        temp.write_bytes(data)
    return Path(target)


def _fsync(path: Path) -> None:
    with open(path, "rb+") as f:
        os.fsync(f.fileno())


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX; Windows has no directory handles for this)."""
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
