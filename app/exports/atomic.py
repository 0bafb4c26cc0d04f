"""Crash-safe file writes: write a temporary file in the target folder, then rename it over the target.

A reader (or a crash, or ``kill -9``) sees either the old complete file or the new complete file,
never a half-written one: ``os.replace`` is atomic within one folder on Windows and POSIX.
"""

from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator


@contextmanager
def atomic_path(target: str | Path) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; on success it replaces ``target``, else it is removed.

    The temporary name keeps the target's suffix, for writers that look at it.
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".~{target.stem[:40]}.", suffix=target.suffix + ".tmp",
                                dir=target.parent)
    os.close(fd)
    temp = Path(name)
    try:
        yield temp
        _fsync(temp)
        os.replace(temp, target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    _fsync_folder(target.parent)


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
