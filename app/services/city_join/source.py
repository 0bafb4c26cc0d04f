"""The bureau's file, read without touching it: a copy upgraded to the current schema, chain verified."""

from __future__ import annotations

import hashlib
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from app.errors import ValidationError
from app.services.trust.audit_chain import verify
from app.services.uow import Database


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


@dataclass
class Source:
    """The upgraded copy (``db``), the original's name and SHA-256, and its chain's event count."""

    path: Path
    sha256: str
    db: Database
    events: int

    def dispose(self) -> None:
        self.db.dispose()


def open_source(path: str | Path, workdir: Path) -> Source:
    """Copy ``path`` (read-only: the original is never opened for writing), upgrade the copy, verify its
    audit chain; ValidationError in Chinese when the file is missing, not ours, or its chain is broken."""
    path = Path(path)
    if not path.is_file():
        raise ValidationError(f"找不到要并入的数据库文件“{path}”：请检查 --from 的路径。", "from")
    digest = file_sha256(path)
    copy = workdir / "source-copy.sqlite3"
    try:
        with sqlite3.connect(f"file:{path.resolve().as_posix()}?mode=ro", uri=True) as src, \
                sqlite3.connect(copy) as dst:
            src.backup(dst)
        src.close()
        dst.close()
    except sqlite3.DatabaseError as e:
        raise ValidationError(f"“{path.name}”不是可读取的单机版数据库（{e}）：请选择本程序的 .sqlite3 文件。",
                              "from") from e
    with sqlite3.connect(copy) as conn:
        known = conn.execute("SELECT count(*) FROM sqlite_master WHERE name IN ('alembic_version', 'requests')")
        ours = known.fetchone()[0] == 2
    conn.close()
    if not ours:
        raise ValidationError(f"“{path.name}”不是本程序的单机版数据库（没有申请表或版本记录）。", "from")
    db = Database.open(str(copy))        # upgrades the copy to this release's schema
    try:
        with db.read() as uow:
            check = verify(uow.session)
    except BaseException:
        db.dispose()
        raise
    if not check.ok:
        db.dispose()
        raise ValidationError(f"“{path.name}”的审计记录未通过核验，不能并入市级系统：{check.message}"
                              "请先查明原因（可用 verify-audit 核验该文件），从未被改动的备份恢复后再并入。", "from")
    return Source(path, digest, db, check.count)
