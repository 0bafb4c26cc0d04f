"""Log-in sessions: an ``Actor`` is honoured only when a log-in minted it on this database.

On SQLite a log-in registers an unguessable token in the ``Database``'s live-session registry; on
PostgreSQL the server mints and keeps it (app/services/trust/server_sessions.py), so the server knows who acts.
Every service method that takes an ``actor`` goes through :func:`verified` first: the token must be
live, and the name, role and department are read again from the users table, never taken from the caller.
"""

from __future__ import annotations

import functools
import getpass
import inspect
import secrets
import socket
import threading
from dataclasses import dataclass


from app.errors import PermissionDenied
from app.services.trust import server_sessions
from app.services.dto import Actor
from app.workflow.vocabulary import Role

NOT_LOGGED_IN = "未登录或登录已失效，不能办理此操作。请重新登录后再试。"
INSTALLER_NAME = "installer"


def workstation() -> str:
    """The operating-system account and host the program runs under, e.g. ``wangdj@PC-07``."""
    try:
        user = getpass.getuser()
    except Exception:  # noqa: BLE001 - no account name (e.g. a service account without one)
        user = "?"
    return f"{user}@{socket.gethostname()}"[:120]


@dataclass(frozen=True)
class _Entry:
    user_id: int | None          # None: the installer session of a database without users
    origin: str


class SessionRegistry:
    """Tokens of the sessions logged in through this ``Database`` object (thread-safe)."""

    def __init__(self):
        self._live: dict[str, _Entry] = {}
        self._lock = threading.Lock()

    def mint(self, user_id: int | None, origin: str) -> str:
        token = secrets.token_urlsafe(32)
        with self._lock:
            self._live[token] = _Entry(user_id, origin)
        return token

    def lookup(self, token: str) -> _Entry | None:
        if not token:
            return None
        with self._lock:
            return self._live.get(token)

    def end(self, token: str) -> None:
        with self._lock:
            self._live.pop(token, None)


def verified(db, actor: Actor | None) -> Actor:
    """The actor as the database knows it, or PermissionDenied (Chinese) for anything else."""
    from app.models import User

    entry = db.sessions.lookup(getattr(actor, "token", "")) if isinstance(actor, Actor) else None
    if isinstance(actor, Actor) and server_sessions.on_server(db):
        db.present(actor.token)          # the server isolates by this session's agency (issue 22)
    with db.read() as uow:
        if entry is None and isinstance(actor, Actor) and server_sessions.on_server(db):
            live = server_sessions.session_user(uow.session, actor.token)    # the server's own sessions
            entry = _Entry(live.user_id, live.origin) if live else None
        if entry is None:
            raise PermissionDenied(NOT_LOGGED_IN)
        if entry.user_id is None:
            if server_sessions.has_users(uow.session):
                raise PermissionDenied("数据库中已有用户，安装程序身份不再有效，请以用户身份登录。")
            return Actor(INSTALLER_NAME, "安装程序", Role.ADMIN, None, None, actor.token, entry.origin)
        u = uow.session.get(User, entry.user_id)
        if u is None or not u.active:
            raise PermissionDenied("该用户已被停用或删除，不能继续办理。请联系管理员。")
        return Actor(u.username, u.display_name, Role(u.role), u.id, u.department_id, actor.token,
                     entry.origin)


def allows_no_actor(method):
    """Mark a method whose ``actor`` may be None (the first administrator on an empty database)."""
    method.allows_no_actor = True
    return method


def _acting(method):
    params = list(inspect.signature(method).parameters)
    position = params.index("actor") - 1          # without ``self``
    optional = getattr(method, "allows_no_actor", False)

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        args = list(args)
        if "actor" in kwargs:
            given = kwargs["actor"]
        elif position < len(args):
            given = args[position]
        else:
            return method(self, *args, **kwargs)   # missing argument: let Python say so
        checked = None if (given is None and optional) else verified(self._db, given)
        if "actor" in kwargs:
            kwargs["actor"] = checked
        else:
            args[position] = checked
        return method(self, *args, **kwargs)

    wrapper.acting = True
    return wrapper


class ActingService:
    """Base of every service: each public method with an ``actor`` parameter verifies it first.

    Subclasses keep ``self._db`` (the ``Database``). Methods added later are covered automatically.
    """

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        for name, value in list(vars(cls).items()):
            if name.startswith("_") or not inspect.isfunction(value):
                continue
            if "actor" in inspect.signature(value).parameters and not getattr(value, "acting", False):
                setattr(cls, name, _acting(value))
