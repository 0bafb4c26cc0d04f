"""Which agency (机关) this session works in: on SQLite always 1; on PostgreSQL the server says (issue 22)."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session

LOCAL = 1


def current_agency(session: Session) -> int:
    """The agency of the server-side session the connection presents (the owner without one: the first
    agency); SQLite has one agency."""
    if session.bind.dialect.name != "postgresql":
        return LOCAL
    return session.scalar(text("SELECT dd_default_agency()")) or 0
