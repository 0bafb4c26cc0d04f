"""The append-only event log: every transition and every change, who, when, old → new, reason.

Each event carries ``hash`` = SHA-256(previous event's hash + its canonical content), so an edited
or deleted row breaks the chain (app/services/trust/audit_chain.py). The database refuses UPDATE and
DELETE on ``events`` (triggers, see migration i10_trust). ``audit_head`` is the chain's one-row head.
"""

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base


class Event(Base):
    __tablename__ = "events"
    id: Mapped[int] = mapped_column(primary_key=True)
    # No cascade: deleting a case that has events is refused by the database.
    request_id: Mapped[int | None] = mapped_column(ForeignKey("requests.id"), index=True)
    at: Mapped[datetime]
    actor: Mapped[str] = mapped_column(String(50))
    host: Mapped[str] = mapped_column(String(120), default="")    # OS account@host of the session
    kind: Mapped[str] = mapped_column(String(30))
    field: Mapped[str] = mapped_column(String(50), default="")
    old: Mapped[str] = mapped_column(Text, default="")
    new: Mapped[str] = mapped_column(Text, default="")
    reason: Mapped[str] = mapped_column(Text, default="")
    hash: Mapped[str] = mapped_column(String(64), default="")
    # The agency whose chain the event is in (NULL: the server's own chain, e.g. a failed log-in under a
    # name no agency knows), and its number in that chain: the ``id`` of the canonical content.
    agency_id: Mapped[int | None] = mapped_column(ForeignKey("agencies.id"), server_default=text("1"))
    seq: Mapped[int] = mapped_column(Integer)


class AuditHead(Base):
    """The chain's head: the last event's id and hash and the count; locked by each appender."""

    __tablename__ = "audit_head"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    last_id: Mapped[int]
    last_hash: Mapped[str] = mapped_column(String(64))
    count: Mapped[int]
    # One head per chain: ``id`` is the agency's id (0 for the server's own chain, agency NULL).
    agency_id: Mapped[int | None] = mapped_column(ForeignKey("agencies.id"), server_default=text("1"))
