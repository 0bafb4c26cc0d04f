"""The append-only event log: every transition and every change, who, when, old → new, reason.

Each event carries ``hash`` = SHA-256(previous event's hash + its canonical content), so an edited
or deleted row breaks the chain (app/services/trust/audit_chain.py). The database refuses UPDATE and
DELETE on ``events`` (triggers, see migration i10_trust). ``audit_head`` is the chain's one-row head.
"""

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text
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


class AuditHead(Base):
    """The chain's head: the last event's id and hash and the count; locked by each appender."""

    __tablename__ = "audit_head"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    last_id: Mapped[int]
    last_hash: Mapped[str] = mapped_column(String(64))
    count: Mapped[int]
