"""Engine creation (SQLite or any URL), connection pragmas, and Alembic upgrades at start-up."""

from __future__ import annotations

import os
from pathlib import Path

import sqlite3
import time
from contextlib import closing
from dataclasses import dataclass

from alembic import command
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.engine import make_url

from app.errors import DomainError

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"


def database_url(db: str | Path) -> str:
    """A URL stays as it is; a plain path becomes a SQLite URL."""
    text = str(db)
    if "://" in text:
        return text
    return f"sqlite:///{Path(text).expanduser().resolve()}"


def make_engine(db: str | Path, read_only: bool = False) -> Engine:
    """The engine; ``read_only`` opens a SQLite file without writing a byte (even in a read-only folder)."""
    url = make_url(database_url(db))
    if url.get_backend_name() == "sqlite":
        if read_only and url.database and url.database != ":memory:":
            return _read_only_sqlite(Path(url.database))
        if url.database and url.database != ":memory:":
            Path(url.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    engine = create_engine(url)
    event.listen(engine, "checkout", _ping_if_idle)
    event.listen(engine, "checkin", _note_checkin)
    return engine


def _read_only_sqlite(path: Path) -> Engine:
    """SQLite opened with mode=ro; where the folder cannot be written either (no -shm possible), as
    immutable, which SQLite reads without any lock file."""
    if not path.is_file():
        raise DomainError(f"找不到数据库文件“{path}”，请检查路径。")
    uri = f"{path.as_uri()}?mode=ro" + ("" if os.access(path.parent, os.W_OK) else "&immutable=1")
    engine = create_engine("sqlite://", creator=lambda: sqlite3.connect(uri, uri=True, timeout=30,
                                                                        check_same_thread=False))
    event.listen(engine, "connect", _sqlite_read_only_pragmas)
    event.listen(engine, "begin", lambda conn: conn.exec_driver_sql("BEGIN"))
    return engine


def _sqlite_read_only_pragmas(dbapi_conn, _record) -> None:
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA query_only=ON")
    cur.close()


def sqlite_not_writable(db: str | Path) -> str | None:
    """Why a SQLite database cannot be written here (read-only file or folder), or None."""
    url = make_url(database_url(db))
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return None
    path = Path(url.database)
    folder = path.parent
    if path.is_file() and not os.access(path, os.W_OK):
        return f"数据库文件“{path}”是只读的"
    if folder.is_dir() and not os.access(folder, os.W_OK):
        return f"数据库所在的文件夹“{folder}”是只读的"
    return None


IDLE_PING_SECONDS = 30


def _note_checkin(dbapi_conn, record) -> None:
    record.info["checked_in"] = time.monotonic()


def _ping_if_idle(dbapi_conn, record, proxy) -> None:
    """Ping a pooled server connection only when it sat idle (the server may have restarted overnight);
    a busy office's connections are not pinged before every query (one round trip saved per action)."""
    if time.monotonic() - record.info.get("checked_in", 0) < IDLE_PING_SECONDS:
        return
    try:
        with dbapi_conn.cursor() as cur:
            cur.execute("SELECT 1")
        dbapi_conn.rollback()
    except Exception as e:  # noqa: BLE001 - any failure: let the pool open a fresh connection
        raise DisconnectionError() from e


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    # Let SQLAlchemy drive transactions so BEGIN IMMEDIATE can serialise writers.
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def _sqlite_begin(conn) -> None:
    # Writers take the write lock up front (waiting up to the busy timeout): a deferred transaction
    # that reads first cannot wait for the lock when it later writes, it fails at once.
    read_only = conn.get_execution_options().get("dd_read_only")
    conn.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")


def alembic_config(engine: Engine) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["engine"] = engine
    return cfg


class NewerSchema(DomainError):
    """The database was made by a newer release; this program must not touch it."""

    def __init__(self, found: str, head: str):
        super().__init__(
            f"此数据库由更新版本的依申请公开办理系统使用过（数据库版本“{found}”），本程序只认识到版本“{head}”，"
            "不能打开，以免损坏数据。数据库未做任何改动。请安装与该数据库相同或更新的版本后再打开。")
        self.found, self.head = found, head


@dataclass(frozen=True)
class UpgradeNote:
    """A migration that ran on existing data, and where the backup taken just before it is."""

    from_revision: str
    to_revision: str
    backup: str

    def message(self) -> str:
        return (f"数据库已从版本“{self.from_revision}”升级到“{self.to_revision}”。"
                f"升级前已自动备份原数据库：{self.backup}")


def refuse_newer_sqlite(db: str | Path) -> None:
    """Read an existing SQLite file's revision read-only, before any connection pragma changes its header,
    and refuse a newer release's database while the file is still exactly as it was."""
    url = make_url(database_url(db))
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return
    path = Path(url.database)
    if not path.is_file():
        return
    try:
        with closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as conn:
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.Error:
        return                                 # not ours / no version table: the normal path decides
    if row and row[0] not in known_revisions():
        raise NewerSchema(row[0], head_revision())


def current_revision(engine: Engine) -> str | None:
    """The schema revision stored in the database; None for a database Alembic never touched."""
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def known_revisions() -> set[str]:
    """Every schema revision this program's migrations know."""
    return {s.revision for s in ScriptDirectory(str(MIGRATIONS)).walk_revisions()}


def head_revision() -> str:
    """The newest migration this program knows."""
    return ScriptDirectory(str(MIGRATIONS)).get_current_head()


def upgrade(engine: Engine) -> UpgradeNote | None:
    """Bring the schema to the newest revision (creates it on an empty database).

    A database made by a newer release is refused untouched (:class:`NewerSchema`). An existing
    database is migrated only after an automatic backup (:mod:`app.services.trust.upgrade_backup`); the
    returned note says where it is, for the caller to tell the user. None when nothing was migrated.
    """
    from app.services.trust.upgrade_backup import backup_before_upgrade

    current = current_revision(engine)
    head = head_revision()
    if current == head:
        return None
    if current is not None and current not in known_revisions():
        raise NewerSchema(current, head)
    note = None
    if current is not None:
        note = UpgradeNote(current, head, backup_before_upgrade(engine, current))
    command.upgrade(alembic_config(engine), "head")
    return note
