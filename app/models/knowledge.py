"""What the office learns from its requests: candidates for proactive disclosure (Art 44)."""

from datetime import date

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.agency import AgencyOwned
from app.models.base import Base


class ProactiveCandidate(AgencyOwned, Base):
    """A subject asked for by many (or flagged by a clerk), and the office's decision on publishing it."""

    __tablename__ = "proactive_candidates"
    id: Mapped[int] = mapped_column(primary_key=True)
    label: Mapped[str] = mapped_column(String(200))
    keywords: Mapped[str] = mapped_column(Text, default="")        # space-separated subject words
    representative: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(String(20))                # 集中申请 / 登记员标记
    request_id: Mapped[int | None] = mapped_column(
        ForeignKey("requests.id", ondelete="SET NULL"), index=True)
    # The requests the subject was found in (space-separated ids): their outcomes decide whether the
    # information 属于可以公开的 (Art 44).
    request_ids: Mapped[str] = mapped_column(Text, default="", server_default="")
    request_count: Mapped[int] = mapped_column(Integer, default=0)
    applicant_count: Mapped[int] = mapped_column(Integer, default=0)
    period_start: Mapped[date | None]
    period_end: Mapped[date | None]
    created_on: Mapped[date]
    created_by: Mapped[str] = mapped_column(String(50), default="")
    decision: Mapped[str] = mapped_column(String(20), default="", index=True)  # '' / 转为主动公开 / 不转 / 暂缓
    decided_on: Mapped[date | None]
    decided_by: Mapped[str] = mapped_column(String(50), default="")
    published_on: Mapped[date | None]
    column_name: Mapped[str] = mapped_column(String(200), default="")       # 栏目
    url: Mapped[str] = mapped_column(String(500), default="")
    doc_number: Mapped[str] = mapped_column(String(100), default="")        # 文号
    reason: Mapped[str] = mapped_column(Text, default="")
