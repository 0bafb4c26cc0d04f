"""What a backup must prove before it replaces the live database (besides its tables and columns).

A crafted backup can carry a trigger (one made ``wangdj`` 管理员 the moment the restore's own event
was written), lack the append-only triggers, hold a broken chain or a planted password. So the staging
copy's triggers, views and indexes must be exactly those the migrations create for its revision, and
its audit chain (with every signed letter, stored file and account) must verify, against the anchor
saved beside the backup when there is one.
"""

from __future__ import annotations

import re
import sqlite3
import tempfile
from contextlib import closing
from functools import lru_cache
from pathlib import Path

from app.errors import ValidationError

_KIND = {"trigger": "触发器", "view": "视图", "index": "索引", "table": "表"}


def _objects(conn: sqlite3.Connection) -> dict[tuple[str, str], str]:
    rows = conn.execute("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'").fetchall()
    return {(t, n): _normal(sql) for t, n, sql in rows if t in ("trigger", "view", "index", "table")}


def _normal(sql: str | None) -> str:
    return re.sub(r"\s+", " ", (sql or "")).strip().lower()


@lru_cache(maxsize=4)
def reference_objects(revision: str) -> dict[tuple[str, str], str]:
    """The triggers, views, indexes and tables a fresh database has at ``revision`` (migrations run)."""
    from alembic import command

    from app.services.database import alembic_config, make_engine

    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(Path(folder) / "reference.sqlite3")
        try:
            command.upgrade(alembic_config(engine), revision)
        finally:
            engine.dispose()
        with closing(sqlite3.connect(Path(folder) / "reference.sqlite3")) as conn:
            return _objects(conn)


def prove_objects(staging: Path, revision: str) -> None:
    """ValidationError naming the first trigger, view or index that differs from the migrations'."""
    with closing(sqlite3.connect(f"{staging.as_uri()}?mode=ro", uri=True)) as conn:
        found = _objects(conn)
    expected = reference_objects(revision)
    for key in sorted(found.keys() - expected.keys()):
        raise ValidationError(f"备份中有本程序不会创建的{_KIND[key[0]]}“{key[1]}”，可能被人为加入，未恢复。", "path")
    for key in sorted(expected.keys() - found.keys()):
        if key[0] != "table":               # a missing table is named by the schema comparison after it
            what = "（审计记录防改写的触发器）" if key[1].startswith("events_") and key[0] == "trigger" else ""
            raise ValidationError(f"备份缺少本程序的{_KIND[key[0]]}“{key[1]}”{what}，可能被人为删除或改动，未恢复。",
                                  "path")
    for key in sorted(found.keys() & expected.keys()):
        if key[0] in ("trigger", "view") and found[key] != expected[key]:
            raise ValidationError(f"备份中的{_KIND[key[0]]}“{key[1]}”被改动过，未恢复。", "path")


def prove_chain(staging: Path, anchor_file: Path | None = None) -> None:
    """ValidationError unless the staging copy's audit chain (and evidence, and anchor) verifies."""
    from sqlalchemy.orm import Session

    from app.services.trust import audit_anchor
    from app.services.trust.audit_chain import verify
    from app.services.database import make_engine

    engine = make_engine(staging, read_only=True)
    try:
        with Session(engine) as s:
            result = verify(s)
            if result.ok and anchor_file is not None:
                problem = audit_anchor.check(s, audit_anchor.load(anchor_file))
                if problem:
                    raise ValidationError(f"备份的审计记录与其锚点不符：{problem}未恢复。", "path")
    finally:
        engine.dispose()
    if not result.ok:
        raise ValidationError(f"备份的审计核验未通过：{result.message}未恢复。", "path")


def anchor_beside(backup: Path) -> Path:
    """Where the anchor of a backup file is kept: beside it, with the same name."""
    return backup.with_name(backup.name + ".审计锚点.json")
