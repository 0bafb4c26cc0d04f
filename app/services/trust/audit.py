"""Writing to the append-only, hash-chained event log."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy.orm import Session

from app.services.trust.audit_chain import append
from app.services.dto import Actor
from app.workflow.masking import mask_field


def as_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def record(session: Session, actor: Actor, kind: str, request_id: int | None = None,
           field: str = "", old=None, new=None, reason: str = "") -> None:
    """Append one event: who (and from which OS account@host), when, what kind, old → new, why.

    Old and new values of 证件号码 and 联系电话 are kept masked, so a corrected number does not live
    on in clear in the audit.
    """
    append(session, [event_row(actor, kind, request_id, field, old, new, reason)])


def event_row(actor: Actor, kind: str, request_id: int | None = None, field: str = "", old=None, new=None,
              reason: str = "", at: datetime | None = None) -> dict:
    """One event as the chain appends it (for callers that append many at once). ``token``: the session
    the server appends it for on PostgreSQL (none for the installer and demo data)."""
    label = field.rsplit(".", 1)[-1]
    token = actor.token if actor.user_id is not None else ""
    return {"token": token, "request_id": request_id, "at": at or datetime.now(), "actor": actor.username,
            "host": actor.origin, "kind": kind, "field": field,
            "old": mask_field(label, as_text(old)), "new": mask_field(label, as_text(new)), "reason": reason}
