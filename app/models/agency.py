"""Agencies (机关) sharing one server, and the column that ties a row to one of them (issue 22).

On SQLite there is one agency (id 1, made by the migration i22_agencies) and every row is in it. On
PostgreSQL ``agency_id`` defaults to the agency of the server-side session that inserts the row, and
row-level security keeps each session to its own agency (app/migrations/sql/i22_agencies.sql).
"""

from sqlalchemy import ForeignKey, String, text
from sqlalchemy.orm import Mapped, declared_attr, mapped_column

from app.models.base import Base


class Agency(Base):
    __tablename__ = "agencies"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))


class AgencyOwned:
    """Mixin: the row belongs to one agency; the database fills it in (SQLite: 1; PostgreSQL: the session's)."""

    @declared_attr
    def agency_id(cls) -> Mapped[int]:
        return mapped_column(ForeignKey("agencies.id"), server_default=text("1"))


class AgencyKeyed:
    """Mixin for tables whose primary key includes the agency (settings, counters, reports, mappings).

    The mapper keeps the old key: a session sees one agency's rows only, so ``session.get(Setting, key)``
    stays unambiguous; the database's key is (agency_id, …).
    """

    @declared_attr
    def agency_id(cls) -> Mapped[int]:
        return mapped_column(ForeignKey("agencies.id"), primary_key=True, server_default=text("1"),
                             autoincrement=False)
