"""Annual-report inputs: the review/lawsuit register (table 四) and per-year report records."""

from datetime import date, datetime

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.agency import AgencyKeyed, AgencyOwned
from app.models.base import Base


class ReviewCase(AgencyOwned, Base):
    """An administrative review (行政复议) or lawsuit (行政诉讼) against a decision."""

    __tablename__ = "review_cases"
    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int | None] = mapped_column(
        ForeignKey("requests.id", ondelete="SET NULL"), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # 行政复议 / 未经复议直接起诉 / 复议后起诉
    filed_on: Mapped[date]
    result: Mapped[str] = mapped_column(String(10), default="")  # 维持 / 纠正 / 其他 / '' pending
    decided_on: Mapped[date | None]
    notes: Mapped[str] = mapped_column(Text, default="")


class AnnualReport(AgencyKeyed, Base):
    """One year's report: office-typed parts, and when locked, the frozen figures."""

    __tablename__ = "annual_reports"
    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    table2_json: Mapped[str] = mapped_column(Text, default="{}")
    sections_json: Mapped[str] = mapped_column(Text, default="{}")
    locked: Mapped[bool] = mapped_column(default=False)
    locked_at: Mapped[datetime | None]
    locked_by: Mapped[str] = mapped_column(String(50), default="")
    frozen_json: Mapped[str] = mapped_column(Text, default="")
    frozen_fingerprint: Mapped[str] = mapped_column(String(64), default="")
    # 四 (结转下年度) of this year as published before the office used the app: seven figures, JSON.
    published_next: Mapped[str] = mapped_column(Text, default="", server_default="")
    __mapper_args__ = {"primary_key": ["year"]}
