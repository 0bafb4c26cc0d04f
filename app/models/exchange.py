"""Data received through the provincial exchange: the latest file per agency, kind and period, and each import."""

from datetime import datetime

from sqlalchemy import Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.models.agency import AgencyOwned
from app.models.base import Base


class ExchangeDocument(AgencyOwned, Base):
    """The document last imported for one agency code, kind and period (a changed re-export replaces it)."""

    __tablename__ = "exchange_documents"
    __table_args__ = (UniqueConstraint("agency_id", "agency_code", "kind", "period"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    agency_code: Mapped[str] = mapped_column(String(40))
    agency_name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(30))                  # annual-report / monthly-statistics / …
    period: Mapped[str] = mapped_column(String(7), index=True)     # 2025 or 2025-03
    scope: Mapped[str] = mapped_column(String(10), default="agency")
    digest: Mapped[str] = mapped_column(String(64))                # what the file says, without its export time
    document: Mapped[str] = mapped_column(Text)                    # the validated JSON, as received
    exported_at: Mapped[datetime]
    source_file: Mapped[str] = mapped_column(String(200), default="")
    imported_at: Mapped[datetime]
    imported_by: Mapped[str] = mapped_column(String(50), default="")


class ExchangeImport(AgencyOwned, Base):
    """One file taken in (新增 or 替换); an unchanged repeat leaves no row. Keeps what a lock froze, so a
    report whose figures moved after locking is found even when the new file no longer says so."""

    __tablename__ = "exchange_imports"
    __table_args__ = (Index("ix_exchange_imports_key", "agency_code", "kind", "period"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    agency_code: Mapped[str] = mapped_column(String(40))
    kind: Mapped[str] = mapped_column(String(30))
    period: Mapped[str] = mapped_column(String(7))
    status: Mapped[str] = mapped_column(String(10))                # 新增 / 替换
    digest: Mapped[str] = mapped_column(String(64))
    locked: Mapped[bool] = mapped_column(default=False)            # an annual report sent as locked
    figures_digest: Mapped[str] = mapped_column(String(64), default="")
    source_file: Mapped[str] = mapped_column(String(200), default="")
    imported_at: Mapped[datetime]
    imported_by: Mapped[str] = mapped_column(String(50), default="")
