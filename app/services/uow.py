"""The database handle and a unit of work that rolls back unless committed."""

from __future__ import annotations

import os

from sqlalchemy import Engine, event
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from app.errors import ConflictError, DomainError, FileProblem, PermissionDenied
from app.services.database import UpgradeNote, make_engine, refuse_newer_sqlite, sqlite_not_writable, upgrade
from app.services.trust.server_sessions import NO_SESSION
from app.services.trust.sessions import NOT_LOGGED_IN, SessionRegistry

BUSY = "其他用户或工作站正在保存数据，等待超时，本次操作未保存。请稍后重新操作。"
_PG_CONFLICTS = ("40001", "40P01", "55P03")     # serialization failure, deadlock, lock not available


def conflict_from(exc: BaseException) -> ConflictError | None:
    """A lock timeout or deadlock in any statement of a unit of work, as a ConflictError."""
    if isinstance(exc, StaleDataError):      # a concurrent edit found while flushing, not only at commit
        return ConflictError("该申请已被其他用户修改，请刷新后重新操作。")
    if not isinstance(exc, DBAPIError):
        return None
    text = str(exc.orig if exc.orig is not None else exc).lower()
    code = getattr(exc.orig, "sqlstate", None) or getattr(exc.orig, "pgcode", None)
    if "database is locked" in text or "database table is locked" in text or code in _PG_CONFLICTS:
        return ConflictError(BUSY)
    return None


_DISK_FULL = ("database or disk is full", "no space left")
_READ_ONLY = ("attempt to write a readonly database", "readonly database", "unable to open database file")


def storage_problem(exc: BaseException) -> DomainError | None:
    """A full disk, a read-only database or a role without the right, under a unit of work, in Chinese."""
    if not isinstance(exc, DBAPIError):
        return None
    text = str(exc.orig if exc.orig is not None else exc).lower()
    code = getattr(exc.orig, "sqlstate", None)
    if any(k in text for k in _DISK_FULL) or code in ("53100", "53000"):
        return FileProblem("数据库所在磁盘已满，本次操作未保存。请清理磁盘空间后重试，或联系管理员。")
    if code == NO_SESSION:                   # the server's functions: no live session behind the token
        return PermissionDenied(NOT_LOGGED_IN)
    if code == "42501":
        return PermissionDenied("本工作站连接数据库所用的账户无权做这项修改（用户、角色、密码、设置、节假日和处室只能由"
                           "管理账户修改），本次操作未保存。请管理员在以管理账户（dd_admin）连接的电脑上办理。")
    if any(k in text for k in _READ_ONLY) or code == "25006":
        return FileProblem("数据库当前只读（文件或文件夹不可写），本次操作未保存。请联系管理员开放写入权限后重试。")
    return None


class Database:
    """Engine + session factories for one database; built once by the composition root.

    ``uow()`` is for units of work that write (SQLite: ``BEGIN IMMEDIATE``, so writers queue for the
    lock up front instead of failing half-way); ``read()`` for those that only read.
    ``sessions`` holds the tokens of the users logged in through this object.
    """

    def __init__(self, engine: Engine, upgrade_note: UpgradeNote | None = None):
        self.engine = engine
        self._writers = sessionmaker(engine, expire_on_commit=False)
        self._readers = sessionmaker(engine.execution_options(dd_read_only=True), expire_on_commit=False)
        # The list's page and count on a shared PostgreSQL server: autocommit, so a page is one round trip
        # (no BEGIN before it, no ROLLBACK after). READ COMMITTED gives each statement its own snapshot
        # either way. Only for plain SELECTs: a server-side cursor (the audit verifier) needs a transaction.
        quick = {"isolation_level": "AUTOCOMMIT"} if engine.dialect.name == "postgresql" else {}
        self._list_readers = sessionmaker(engine.execution_options(dd_read_only=True, **quick),
                                          expire_on_commit=False)
        self.sessions = SessionRegistry()
        # PostgreSQL: the server-side session this workstation presents on every connection (dd.token);
        # the server derives the agency, and with it every row the connection may see, from it alone.
        self._token = ""
        if engine.dialect.name == "postgresql":
            event.listen(engine, "checkout", self._present_token)
        # Set when opening migrated existing data: says where the automatic backup went (tell the user).
        self.upgrade_note = upgrade_note

    @classmethod
    def open(cls, db: str, migrate: bool = True, read_only: bool = False) -> "Database":
        """Open (and migrate) ``db``. ``read_only``: no migration and no write at all (verify-audit on a
        read-only folder or medium); a database that cannot be written is otherwise refused in Chinese."""
        if read_only and "://" not in str(db).replace("sqlite://", ""):
            return cls(make_engine(db, read_only=True), None)      # a SQLite file; a server opens as usual
        why = sqlite_not_writable(db)
        if why:
            raise FileProblem(f"{why}，无法写入。请把数据库复制到可写的位置，或请管理员开放写入权限后重试；"
                              "只核验审计记录可用 verify-audit（只读打开）。")
        if migrate:
            refuse_newer_sqlite(db)
        engine = make_engine(db)
        note = None
        if migrate:
            try:
                note = upgrade(engine)
            except BaseException:
                engine.dispose()
                raise
        return cls(engine, note)

    def present(self, token: str | None) -> None:
        """Present this server-side session from now on (the logged-in user of this workstation)."""
        self._token = token or ""

    @property
    def presenting(self) -> bool:
        """Whether a server-side session is presented (before a log-in a server shows no agency's rows)."""
        return bool(self._token)

    def _present_token(self, dbapi_conn, record, _proxy) -> None:
        if record.info.get("dd_token") == self._token:
            return
        with dbapi_conn.cursor() as cur:
            cur.execute("SELECT set_config('dd.token', %s, false)", (self._token,))
        if not dbapi_conn.autocommit:
            dbapi_conn.commit()          # a session-wide setting survives only a committed transaction
        record.info["dd_token"] = self._token

    def may_write(self, table: str) -> bool:
        """Whether this connection's role may UPDATE ``table`` (PostgreSQL's grants; SQLite: always)."""
        if self.dialect != "postgresql":
            return True
        cache = self.__dict__.setdefault("_may_write", {})
        if table not in cache:
            from sqlalchemy import text

            with self.engine.connect() as conn:
                cache[table] = bool(conn.execute(text("SELECT has_table_privilege(current_user, :t, 'UPDATE')"),
                                                 {"t": table}).scalar())
        return cache[table]

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @property
    def identity(self) -> str:
        """Which database this is, without its password: the SQLite file's full path, or the server
        URL (UI state such as the last user name is remembered per database under this)."""
        url = self.engine.url
        if url.get_backend_name() == "sqlite":
            return f"sqlite:{os.path.realpath(url.database)}" if url.database else "sqlite:memory"
        return url.set(password=None).render_as_string(hide_password=True)

    def uow(self) -> "UnitOfWork":
        return UnitOfWork(self._writers)

    def read(self) -> "UnitOfWork":
        return UnitOfWork(self._readers)

    def list_read(self) -> "UnitOfWork":
        """Plain SELECTs of the request list (its page and its count); autocommit on PostgreSQL."""
        return UnitOfWork(self._list_readers)

    def dispose(self) -> None:
        self.engine.dispose()


class UnitOfWork:
    """``with db.uow() as uow: ...; uow.commit()`` — anything not committed is rolled back.

    A lock timeout or deadlock anywhere inside becomes a ConflictError with a Chinese message.
    """

    def __init__(self, factory: sessionmaker):
        self._factory = factory
        self.session: Session

    def __enter__(self) -> "UnitOfWork":
        self.session = self._factory()
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        try:
            self.session.rollback()
        finally:
            self.session.close()
        conflict = (conflict_from(exc) or storage_problem(exc)) if exc is not None else None
        if conflict is not None:
            raise conflict from exc

    def commit(self) -> None:
        self.session.commit()

    def flush(self) -> None:
        self.session.flush()
