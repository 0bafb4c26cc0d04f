"""Failed log-ins counted per typed name and workstation, for real and unknown names alike.

The answer to a failure never depends on whether the account exists (same message, same delay, same
lockout after five), so trying names tells nothing. The count is per workstation: one PC hammering a
colleague's name locks that name on that PC only, never the colleague at their own desk.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete
from sqlalchemy.orm import Session

from app.models import LoginFailure
from app.services.trust.login_policy import LOCKOUT, MAX_FAILURES


def _key(name: str, origin: str) -> tuple[str, str]:
    return (name[:50], (origin or "")[:200])


def locked_until(s: Session, name: str, origin: str, now: datetime) -> datetime | None:
    """When the lockout of ``name`` at ``origin`` ends, or None when it is not locked now."""
    row = s.get(LoginFailure, _key(name, origin))
    if row is not None and row.locked_until is not None and row.locked_until > now:
        return row.locked_until
    return None


def count_failure(s: Session, name: str, origin: str, now: datetime) -> tuple[int, datetime | None]:
    """Add one failure; returns (failures in a row, lockout end or None). The fifth locks for 15 min."""
    row = s.get(LoginFailure, _key(name, origin))
    if row is None:
        row = LoginFailure(name=_key(name, origin)[0], origin=_key(name, origin)[1], failures=0)
        s.add(row)
    was_locked = row.locked_until is not None and row.locked_until > now
    if row.locked_until is not None and not was_locked:
        row.failures, row.locked_until = 0, None          # an expired lockout starts the count afresh
    row.failures += 1
    if not was_locked and row.failures >= MAX_FAILURES:
        row.locked_until = now + LOCKOUT
    return row.failures, row.locked_until


def clear(s: Session, name: str, origin: str | None = None) -> None:
    """Forget the failures of ``name`` (at ``origin``, or at every workstation: an admin's reset)."""
    q = delete(LoginFailure).where(LoginFailure.name == name[:50])
    if origin is not None:
        q = q.where(LoginFailure.origin == _key(name, origin)[1])
    s.execute(q)
