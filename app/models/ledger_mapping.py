"""A saved 台账 import mapping (source columns and values → the app's), offered at the next import."""

from datetime import datetime

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.agency import AgencyKeyed
from app.models.base import Base


class LedgerMappingRow(AgencyKeyed, Base):
    __tablename__ = "ledger_mappings"
    name: Mapped[str] = mapped_column(String(60), primary_key=True)
    body: Mapped[str] = mapped_column(Text)          # JSON: {"sheet", "columns", "values"}
    saved_at: Mapped[datetime]
    saved_by: Mapped[str] = mapped_column(String(50), default="")
    __mapper_args__ = {"primary_key": ["name"]}
