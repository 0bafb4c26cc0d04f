"""案例库: anonymised typical cases, this office's own and those imported from other offices."""

from datetime import date

from sqlalchemy import ForeignKey, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.models.agency import AgencyOwned
from app.models.base import Base


class LibraryCase(AgencyOwned, Base):
    """One 典型案例: only anonymised text and the letter re-rendered from it are kept here."""

    __tablename__ = "library_cases"
    # A case is known by the office that wrote it and its uid: no package can claim another office's uids.
    __table_args__ = (UniqueConstraint("agency_id", "source", "uid"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(64))                       # the same case in every office
    source: Mapped[str] = mapped_column(String(200))                   # the office that wrote it
    read_only: Mapped[bool] = mapped_column(default=False)             # imported from another office
    request_id: Mapped[int | None] = mapped_column(
        ForeignKey("requests.id", ondelete="SET NULL"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str] = mapped_column(Text, default="")
    legal_points: Mapped[str] = mapped_column(Text, default="")
    tags: Mapped[str] = mapped_column(String(500), default="")         # separated by 、
    articles: Mapped[str] = mapped_column(String(500), default="")     # e.g. 第三十六条第（一）项、第四十四条
    outcome: Mapped[str] = mapped_column(String(100), default="", index=True)
    year: Mapped[int] = mapped_column(Integer, index=True)
    text_json: Mapped[str] = mapped_column(Text, default="{}")         # the anonymised case texts
    letter_pdf: Mapped[bytes | None] = mapped_column(LargeBinary)
    created_on: Mapped[date]
    created_by: Mapped[str] = mapped_column(String(50), default="")
