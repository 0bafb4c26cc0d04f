"""会商: a joint consultation record on difficult cases, and each case's conclusion (many-to-many)."""

from datetime import date, datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.agency import AgencyOwned
from app.models.base import Base


class Deliberation(AgencyOwned, Base):
    __tablename__ = "deliberations"
    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(60), default="")
    held_on: Mapped[date] = mapped_column(index=True)
    form: Mapped[str] = mapped_column(String(10))                 # 会议 / 书面 / 线上
    topic: Mapped[str] = mapped_column(String(200), default="")
    participants: Mapped[str] = mapped_column(Text, default="")
    departments: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime]
    created_by: Mapped[str] = mapped_column(String(50), default="")

    cases: Mapped[list["DeliberationCase"]] = relationship(
        order_by="DeliberationCase.id", cascade="all, delete-orphan")


class DeliberationCase(AgencyOwned, Base):
    """One case discussed at a 会商 and the conclusion reached for it."""

    __tablename__ = "deliberation_cases"
    id: Mapped[int] = mapped_column(primary_key=True)
    deliberation_id: Mapped[int] = mapped_column(ForeignKey("deliberations.id", ondelete="CASCADE"), index=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("requests.id", ondelete="CASCADE"), index=True)
    conclusion: Mapped[str] = mapped_column(Text)
    decision: Mapped[str] = mapped_column(String(20), default="")   # the Art 36 decision it proposes
    reasons: Mapped[str] = mapped_column(Text, default="")
    adopted_at: Mapped[datetime | None]
    adopted_by: Mapped[str] = mapped_column(String(50), default="")

    __table_args__ = (UniqueConstraint("deliberation_id", "request_id"),)
