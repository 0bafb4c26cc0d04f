"""Where an account's password goes: a scrypt hash in its row (SQLite), a verifier in the server (PostgreSQL)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.models import User
from app.services.trust import server_sessions
from app.services.trust.passwords import hash_password


def store_password(s: Session, user: User, password: str, token: str = "", unattended: bool = False,
                   current: str = "") -> None:
    """Set ``user``'s password. PostgreSQL: through ``dd_set_password`` as the session ``token`` (or, with
    ``unattended``, as the owner for demo data; ``current``: the replaced password's digest, which the server
    asks of a user setting their own); ``users.password_hash`` then holds the server's fingerprint of the
    verifier, which the chained account fingerprint covers."""
    if not server_sessions.on_server(s):
        user.password_hash = hash_password(password)
        return
    s.flush()
    server_sessions.set_password(s, user.id, password, token, unattended, current)
    if token or unattended:      # the office's first account: read again once its session exists
        s.refresh(user)
