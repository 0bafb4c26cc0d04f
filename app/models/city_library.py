"""全市案例库: typical cases an agency has published to every agency of the city (issue 22)."""

from datetime import datetime

from sqlalchemy import Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.agency import AgencyOwned
from app.models.base import Base


class CityLibraryCase(AgencyOwned, Base):
    """One published case: a copy of the source agency's reviewed, anonymised library entry.

    ``agency_id`` is the source agency. Every agency (and the city office) reads the cases not withdrawn;
    only the source agency inserts or withdraws (row-level security, app/migrations/sql/i22_city_library.sql).
    Nothing here can name the applicant: only the anonymised texts are copied, never the request.
    """

    __tablename__ = "city_library_cases"
    # One live publication of a library entry; after a withdrawal it may be published again.
    __table_args__ = (Index("uq_city_library_cases_live", "agency_id", "source_uid", unique=True,
                            sqlite_where=text("withdrawn_at IS NULL"), postgresql_where=text("withdrawn_at IS NULL")),)
    id: Mapped[int] = mapped_column(primary_key=True)
    source_uid: Mapped[str] = mapped_column(String(64), index=True)     # the library entry's uid at the source
    source_name: Mapped[str] = mapped_column(String(200))               # the source agency as its letters name it
    title: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str] = mapped_column(Text, default="")
    legal_points: Mapped[str] = mapped_column(Text, default="")
    tags: Mapped[str] = mapped_column(String(500), default="")
    articles: Mapped[str] = mapped_column(String(500), default="")
    outcome: Mapped[str] = mapped_column(String(100), default="", index=True)
    year: Mapped[int] = mapped_column(Integer, index=True)
    text_json: Mapped[str] = mapped_column(Text, default="{}")
    published_at: Mapped[datetime]
    published_by: Mapped[str] = mapped_column(String(50))
    withdrawn_at: Mapped[datetime | None]
    withdrawn_by: Mapped[str] = mapped_column(String(50), default="")
    withdraw_reason: Mapped[str] = mapped_column(Text, default="")
