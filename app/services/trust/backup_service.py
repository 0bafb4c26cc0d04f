"""SQLite backup (online, sqlite3's backup API) and checked restore; PostgreSQL is left to pg_dump."""

from __future__ import annotations

import shutil
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Callable

from alembic.config import Config
from alembic.script import ScriptDirectory

from app.errors import FileProblem, PermissionDenied, ValidationError
from app.services.trust.audit import record
from app.services.database import MIGRATIONS, upgrade
from app.services.dto import Actor
from app.services.trust.sessions import ActingService
from app.services.uow import Database
from app.workflow.vocabulary import Role
from app.exports.file_errors import problem
from app.exports.atomic import write_bytes
from app.services.trust import audit_anchor, restore_checks

Progress = Callable[[int, int], None]

PG_MESSAGE = ("当前使用的是PostgreSQL数据库服务器，本程序不直接备份或恢复。请由数据库管理员在服务器上"
              "使用 pg_dump 备份、pg_restore 恢复。")
_PAGES_PER_STEP = 1024


@dataclass(frozen=True)
class BackupInfo:
    """What a checked backup file holds."""

    revision: str
    requests: int


@dataclass(frozen=True)
class BackupResult:
    path: Path
    size: int
    requests: int


@dataclass(frozen=True)
class RestoreResult:
    source: Path
    safety_copy: Path
    requests: int
    revision: str


def known_revisions() -> set[str]:
    """Every schema revision this program's migrations know."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return {s.revision for s in ScriptDirectory.from_config(cfg).walk_revisions()}


class BackupService(ActingService):
    def __init__(self, db: Database, now: Callable[[], datetime] = datetime.now):
        self._db = db
        self._now = now

    # -- what this database supports ---------------------------------------------------------
    def unsupported_reason(self) -> str:
        """Empty when backup/restore work here; otherwise the Chinese reason (PostgreSQL, memory)."""
        url = self._db.engine.url
        if url.get_backend_name() != "sqlite":
            return PG_MESSAGE
        if not url.database or url.database == ":memory:":
            return "当前数据库只在内存中，无法备份或恢复。"
        return ""

    def database_path(self) -> Path:
        reason = self.unsupported_reason()
        if reason:
            raise ValidationError(reason)
        return Path(self._db.engine.url.database).resolve()

    def suggested_name(self) -> str:
        return f"依申请公开数据库备份-{self._now():%Y%m%d-%H%M%S}.sqlite3"

    # -- backup ------------------------------------------------------------------------------
    def backup(self, actor: Actor, target: str | Path, progress: Progress | None = None) -> BackupResult:
        """Copy the live database to ``target`` (a folder gets a timestamped file) and audit it."""
        live = self.database_path()
        _require_admin(actor, "备份")
        target = Path(target)
        if target.is_dir():
            target = target / self.suggested_name()
        if target.resolve() == live:
            raise ValidationError("备份文件不能覆盖正在使用的数据库，请另选位置。", "path")
        if not target.parent.is_dir():
            raise FileProblem(f"文件夹“{target.parent}”不存在，请先创建该文件夹或换一个位置保存备份。")
        partial = target.with_name(target.name + ".partial")
        try:
            _online_copy(live, partial, progress)
            info = check_file(partial)
            anchor = _anchor_of(partial)
            partial.replace(target)
            write_bytes(restore_checks.anchor_beside(target), audit_anchor.dumps(anchor))
        except OSError as e:
            raise problem(e, target) from e
        except sqlite3.Error as e:                     # the backup API reports a full disk this way
            raise _backup_problem(e, target) from e
        finally:
            _remove(partial)
        with self._db.uow() as uow:
            record(uow.session, actor, "备份数据库", field="数据库", new=str(target),
                   reason=f"备份中有{info.requests}件申请")
            uow.commit()
        return BackupResult(target, target.stat().st_size, info.requests)

    # -- restore -----------------------------------------------------------------------------
    def restore(self, actor: Actor, source: str | Path, progress: Progress | None = None) -> RestoreResult:
        """Check ``source`` first; keep a safety copy; then replace the live database's content.

        The copy goes into the live file through SQLite's own locking (one backup step, so it
        commits whole or not at all). The engine's pooled connections are closed, so the next
        unit of work reads the restored data; screens must reload what they show.
        """
        live = self.database_path()
        _require_admin(actor, "恢复")
        source = Path(source)
        if source.is_file() and source.resolve() == live:
            raise ValidationError("所选文件就是正在使用的数据库，无需恢复。", "path")
        staging = live.with_name(live.name + ".restore-staging")
        step = progress or (lambda _d, _t: None)
        try:
            _copy_file(source, staging)
            step(1, 4)
            info = check_file(staging)
            restore_checks.prove_objects(staging, info.revision)
            anchor = restore_checks.anchor_beside(source)
            restore_checks.prove_chain(staging, anchor if anchor.is_file() else None)
            prove_schema(staging)
            _match_page_size(staging, live)
            step(2, 4)
            safety = live.with_name(f"{live.stem}.恢复前.{self._now():%Y%m%d-%H%M%S}{live.suffix}")
            _online_copy(live, safety)
            step(3, 4)
            self._db.dispose()
            _online_copy(staging, live, pages=-1)
        finally:
            _remove(staging)
        self._db.dispose()
        upgrade(self._db.engine)
        with self._db.uow() as uow:
            record(uow.session, actor, "恢复数据库", field="数据库", old=str(safety), new=str(source),
                   reason=f"从备份恢复，备份中有{info.requests}件申请；原数据库另存为{safety.name}")
            uow.commit()
        step(4, 4)
        return RestoreResult(source, safety, info.requests, info.revision)


def check_file(path: Path) -> BackupInfo:
    """Raise ValidationError (Chinese) unless ``path`` is an intact database of this program."""
    try:
        with closing(sqlite3.connect(path)) as conn:
            result = [r[0] for r in conn.execute("PRAGMA integrity_check")]
            if result != ["ok"]:
                raise ValidationError("所选备份文件已损坏（完整性检查未通过），不能用于恢复："
                                      + "；".join(map(str, result[:3])), "path")
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            if "alembic_version" not in tables:
                raise ValidationError("所选文件不是本系统的数据库备份（缺少版本信息表 alembic_version）。", "path")
            revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            if revision is None or revision[0] not in known_revisions():
                found = revision[0] if revision else "空"
                raise ValidationError(f"备份的数据库版本（{found}）不是本程序认识的版本，可能来自更新的程序，"
                                      "请先升级程序再恢复。", "path")
            if "requests" not in tables:
                raise ValidationError("所选文件中没有申请表（requests），不是本系统的数据库备份。", "path")
            count = conn.execute("SELECT count(*) FROM requests").fetchone()[0]
    except sqlite3.DatabaseError as e:
        raise ValidationError(f"所选文件不是完好的SQLite数据库，不能用于恢复（{e}）。", "path") from e
    return BackupInfo(revision[0], count)


def prove_schema(path: Path) -> None:
    """Migrate the staging copy to this program's schema, compare it with the models and read every
    table through them; ValidationError (Chinese) unless the app could work on it."""
    from alembic import command
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlalchemy import select
    from sqlalchemy.orm import Session

    from app.models import Base
    from app.services.database import alembic_config, make_engine

    engine = make_engine(path)
    try:
        command.upgrade(alembic_config(engine), "head")       # a staging copy needs no safety copy
        with engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}),
                                    Base.metadata)
        if diff:
            shown = "；".join(_describe(d) for d in diff[:3])
            raise ValidationError(f"备份文件的表结构与本程序不符（{shown}），恢复后程序将无法使用，未恢复。", "path")
        with Session(engine) as s:
            for mapper in Base.registry.mappers:
                s.execute(select(mapper.class_).limit(1)).all()
    except ValidationError:
        raise
    except Exception as e:  # noqa: BLE001 - any failure here means the backup cannot be used
        raise ValidationError(f"备份文件迁移或试读失败（{e.__class__.__name__}：{str(e)[:120]}），"
                              "恢复后程序将无法使用，未恢复。", "path") from e
    finally:
        engine.dispose()


def _describe(diff) -> str:
    first = diff[0] if isinstance(diff, list) else diff
    kind = first[0] if isinstance(first, tuple) else str(first)
    names = [getattr(x, "name", None) for x in (first[1:] if isinstance(first, tuple) else ())]
    return f"{kind} {' '.join(str(n) for n in names if n)}".strip()


def _anchor_of(copy: Path) -> audit_anchor.Anchor:
    """The backup's own chain head, saved beside it: a restore proves the file still matches it."""
    from sqlalchemy.orm import Session

    from app.services.database import make_engine

    engine = make_engine(copy, read_only=True)
    try:
        with Session(engine) as s:
            return audit_anchor.take(s, note=f"备份 {copy.name.removesuffix('.partial')}")
    finally:
        engine.dispose()


def _backup_problem(e: sqlite3.Error, target: Path) -> FileProblem:
    text = str(e).lower()
    if "full" in text:
        return FileProblem(f"磁盘空间不足，备份“{target.name}”未完成（未留下不完整的文件）。"
                           "请清理磁盘或换一个位置保存备份。")
    if "readonly" in text or "unable to open" in text:
        return FileProblem(f"无法写入“{target.parent}”（只读或没有权限），备份未完成。请换一个位置保存备份。")
    return FileProblem(f"备份未完成：{e}。请换一个位置保存备份，或联系管理员。")


def _require_admin(actor: Actor, what: str) -> None:
    if actor.role is not Role.ADMIN:
        raise PermissionDenied(f"只有管理员可以{what}数据库。")


def _online_copy(src: Path, dst: Path, progress: Progress | None = None,
                 pages: int = _PAGES_PER_STEP) -> None:
    """A consistent copy of ``src`` even while the app writes to it (sqlite3 backup API)."""
    def report(_status, remaining, total):
        if progress:
            progress(total - remaining, total)

    with closing(sqlite3.connect(src, timeout=30)) as s, closing(sqlite3.connect(dst, timeout=30)) as d:
        s.backup(d, pages=pages, progress=report)
        if d.execute("PRAGMA journal_mode").fetchone()[0] == "wal" and pages != -1:
            # A backup file should be one self-contained file, not a WAL pair.
            d.execute("PRAGMA journal_mode=DELETE")


def _copy_file(source: Path, dst: Path) -> None:
    if not source.is_file():
        raise ValidationError(f"找不到备份文件：{source}", "path")
    _remove(dst)
    shutil.copyfile(source, dst)
    wal = source.with_name(source.name + "-wal")
    if wal.is_file():  # a copied live database: its recent writes are still in the WAL file
        shutil.copyfile(wal, dst.with_name(dst.name + "-wal"))


def _match_page_size(staging: Path, live: Path) -> None:
    """Backing up into a WAL database fails when page sizes differ; rebuild the staging copy."""
    with closing(sqlite3.connect(live, timeout=30)) as conn:
        size = conn.execute("PRAGMA page_size").fetchone()[0]
    with closing(sqlite3.connect(staging)) as conn:
        if conn.execute("PRAGMA page_size").fetchone()[0] != size:
            conn.execute("PRAGMA journal_mode=DELETE")
            conn.execute(f"PRAGMA page_size={int(size)}")
            conn.execute("VACUUM")


def _remove(path: Path) -> None:
    for p in (path, *(path.with_name(path.name + s) for s in ("-wal", "-shm", "-journal"))):
        p.unlink(missing_ok=True)
