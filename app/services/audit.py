"""Writing to the append-only event log."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy.orm import Session

from app.models import Event
from app.services.dto import Actor


def as_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def record(session: Session, actor: Actor, kind: str, request_id: int | None = None,
           field: str = "", old=None, new=None, reason: str = "") -> None:
    """Append one event: who, when, what kind, old → new, why."""
    session.add(Event(request_id=request_id, at=datetime.now(), actor=actor.username, kind=kind,
                      field=field, old=as_text(old), new=as_text(new), reason=reason))
