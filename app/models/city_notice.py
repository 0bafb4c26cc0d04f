"""市政务公开办督办通知: a numbered notice from the city office to one agency about its overdue cases."""

from datetime import date, datetime

from sqlalchemy import Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.models.agency import AgencyOwned
from app.models.base import Base


class CityNotice(AgencyOwned, Base):
    """Read by the city office and by the agency it is sent to; written on PostgreSQL only through the
    server's functions (dd_city_send_notice, dd_city_answer_notice), which number and audit it."""

    __tablename__ = "city_notices"
    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer)
    seq: Mapped[int] = mapped_column(Integer)                   # the city's series, per year
    number: Mapped[str] = mapped_column(String(40))             # 〔2026〕督办第3号
    sent_on: Mapped[date]
    reply_by: Mapped[date]
    cases: Mapped[str] = mapped_column(Text)                    # JSON: [[申请编号, days overdue], …]
    body: Mapped[str] = mapped_column(Text, default="")
    sent_by: Mapped[str] = mapped_column(String(50))
    sent_at: Mapped[datetime]
    status: Mapped[str] = mapped_column(String(10), default="未阅")   # 未阅 / 已阅 / 已回复
    answered_by: Mapped[str] = mapped_column(String(50), default="")
    answered_at: Mapped[datetime | None]
    answer: Mapped[str] = mapped_column(Text, default="")
    __table_args__ = (UniqueConstraint("year", "seq"),)
