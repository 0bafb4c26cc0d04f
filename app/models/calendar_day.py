"""Office-entered calendar days (holidays, 调休 make-up days) from State Council notices."""

from datetime import date

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base


class CalendarDayRow(Base):
    __tablename__ = "calendar_days"
    day: Mapped[date] = mapped_column(primary_key=True)
    is_workday: Mapped[bool]
    name: Mapped[str] = mapped_column(String(30), default="")
    notice: Mapped[str] = mapped_column(String(200), default="")
