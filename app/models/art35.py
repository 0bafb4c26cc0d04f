"""Art 35: the applicant's answer to the 要求说明理由通知书 (reasons given and judged, or none in time)."""

from datetime import date, datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.agency import AgencyOwned
from app.models.base import Base


class ReasonsAnswer(AgencyOwned, Base):
    """One per request: 理由合理 / 理由不合理 (reasons received and judged) or 逾期未说明 (none by the deadline)."""

    __tablename__ = "reasons_answers"
    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("requests.id", ondelete="CASCADE"), unique=True)
    answer: Mapped[str] = mapped_column(String(10))
    answered_on: Mapped[date]
    note: Mapped[str] = mapped_column(Text, default="")
    recorded_by: Mapped[str] = mapped_column(String(50), default="")
    recorded_at: Mapped[datetime]
