"""PostgreSQL: log-in, sessions, passwords and audit appends through the server's own functions.

On PostgreSQL the workstation's role can neither read a password verifier nor write ``events``: the
SECURITY DEFINER functions of the migration ``i21_pg_sessions`` (app/migrations/sql) check the password,
hold the sessions, and append each audit event with the server's time, the chain's head and the
session's user. This module is the only Python that calls them; SQLite never comes here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from itertools import groupby

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from app.services.trust.passwords import default_params, new_params, prehash

# SQLSTATE the functions raise for a missing, ended or expired session (mapped to 未登录… by the uow).
NO_SESSION = "DD401"


def on_server(session_or_db) -> bool:
    """Whether this session (or Database) talks to PostgreSQL, where the server keeps identity."""
    bind = getattr(session_or_db, "bind", None) or getattr(session_or_db, "engine")
    return bind.dialect.name == "postgresql"


@dataclass(frozen=True)
class LoginAnswer:
    """What ``dd_login`` said: a token, or the failures in a row and the lockout's end."""

    token: str | None
    failures: int
    locked_until: datetime | None
    params: str


def login_params(s: Session, name: str) -> str:
    """The scrypt parameters and salt the name's password is pre-hashed with (made up for unknown names)."""
    return s.scalar(text("SELECT dd_login_params(:n, :d)"), {"n": name, "d": default_params()})


def log_in(s: Session, name: str, password: str, origin: str, now: datetime) -> LoginAnswer:
    """One scrypt here, the check, the failure count and the audit line in the server; commit after."""
    params = login_params(s, name)
    row = s.execute(text("SELECT token, failures, locked_until FROM dd_login(:n, :d, :o, :t)"),
                    {"n": name, "d": prehash(password, params), "o": origin, "t": now}).one()
    return LoginAnswer(row.token, row.failures, row.locked_until, params)


@dataclass(frozen=True)
class ServerSession:
    user_id: int
    username: str
    origin: str


def session_user(s: Session, token: str) -> ServerSession | None:
    """The live session's user (enabled or not: the caller says which), or None for a token the server
    does not know, ended or expired."""
    if not token:
        return None
    row = s.execute(text("SELECT user_id, username, origin FROM dd_session_user(:t)"), {"t": token}).first()
    return ServerSession(row.user_id, row.username, row.origin) if row else None


def has_users(s: Session) -> bool:
    """Whether the database has any account; on a server asked of ``dd_has_users`` (before a log-in
    row-level security shows a connection no account at all)."""
    if on_server(s):
        return bool(s.scalar(text("SELECT dd_has_users()")))
    from app.models import User

    return bool(s.scalar(select(func.count(User.id))))


def present(s: Session, token: str) -> None:
    """Present ``token`` for the rest of this transaction (the Database presents it on every connection)."""
    s.execute(text("SELECT set_config('dd.token', :t, true)"), {"t": token})


def log_out(s: Session, token: str) -> None:
    s.execute(text("SELECT dd_logout(:t)"), {"t": token})


def set_password(s: Session, user_id: int, password: str, token: str = "", unattended: bool = False,
                 current: str = "") -> None:
    """Give the account a new verifier: as the session ``token`` (an admin; oneself with ``current``, the
    digest of the password it replaces; no token: the office's very first account), or ``unattended``
    (demo data; only the owner role may)."""
    params = new_params()
    values = {"u": user_id, "p": params, "d": prehash(password, params), "t": token, "c": current}
    if unattended:
        s.execute(text("SELECT dd_private.store_credential(:u, :p, :d)"), values)
    else:
        s.execute(text("SELECT dd_set_password(:t, :u, :p, :d, :c)"), values)


_APPEND = text("SELECT dd_append(:token, :request_id, :kind, :field, :old, :new, :reason)")
# Events without a session (demo data, the installer on an empty database): only the owner may.
_APPEND_UNATTENDED = text("SELECT dd_private.chain_append(:actor, :host, :request_id, :kind, :field, :old, "
                          ":new, :reason)")
_FIELDS = ("token", "actor", "host", "request_id", "kind", "field", "old", "new", "reason")


def append(s: Session, rows: list[dict]) -> None:
    """Append events in order; the server sets id, time, user, workstation and hash itself."""
    for has_token, group in groupby(rows, key=lambda r: bool(r.get("token"))):
        values = [{k: r.get(k, "") if k != "request_id" else r.get(k) for k in _FIELDS} for r in group]
        s.execute(_APPEND if has_token else _APPEND_UNATTENDED, values)


def lock_chain(s: Session) -> None:
    s.execute(text("SELECT dd_lock_chain()"))
