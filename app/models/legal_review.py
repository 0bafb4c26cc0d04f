"""合法性审查: each opinion of the legal reviewer on a case (passed, or returned with reasons)."""

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.agency import AgencyOwned
from app.models.base import Base


class LegalReview(AgencyOwned, Base):
    __tablename__ = "legal_reviews"
    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("requests.id", ondelete="CASCADE"), index=True)
    reviewed_at: Mapped[datetime]
    reviewer: Mapped[str] = mapped_column(String(50))
    passed: Mapped[bool]
    opinion: Mapped[str] = mapped_column(Text, default="")
