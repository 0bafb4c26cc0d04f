"""Letters issued for a case, their 文号 counters, and attachments."""

from datetime import date, datetime

from sqlalchemy import ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.agency import AgencyKeyed, AgencyOwned
from app.models.base import Base


class DocCounter(AgencyKeyed, Base):
    """Last 文号 sequence used per year and document type; bumped inside the issuing transaction."""

    __tablename__ = "doc_counters"
    year: Mapped[int] = mapped_column(primary_key=True)
    doc_type: Mapped[str] = mapped_column(String(30), primary_key=True)
    last_value: Mapped[int] = mapped_column(Integer, default=0)
    __mapper_args__ = {"primary_key": ["year", "doc_type"]}


class Letter(AgencyOwned, Base):
    """One version of a letter: a draft until sign-off, then frozen with its checksum."""

    __tablename__ = "letters"
    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("requests.id"), index=True)   # no cascade: evidence
    kind: Mapped[str] = mapped_column(String(30))
    variant: Mapped[str] = mapped_column(String(30), default="")
    doc_number: Mapped[str] = mapped_column(String(60), default="")
    revision: Mapped[int] = mapped_column(default=1)
    state: Mapped[str] = mapped_column(String(10), default="草稿")
    data_json: Mapped[str] = mapped_column(Text, default="{}")
    docx: Mapped[bytes | None] = mapped_column(LargeBinary)
    pdf: Mapped[bytes | None] = mapped_column(LargeBinary)
    sha256: Mapped[str] = mapped_column(String(64), default="")
    created_at: Mapped[datetime]
    created_by: Mapped[str] = mapped_column(String(50), default="")
    signed_at: Mapped[datetime | None]
    signed_by: Mapped[str] = mapped_column(String(50), default="")
    superseded_by: Mapped[int | None] = mapped_column(ForeignKey("letters.id"))
    # 送达 of a signed notice that has no event row of its own to hold it (决定公开, 延期, 说明理由 …).
    served_on: Mapped[date | None]
    served_method: Mapped[str] = mapped_column(String(20), default="", server_default="")


class Attachment(AgencyOwned, Base):
    """A scanned application, ID copy or draft, kept with its checksum."""

    __tablename__ = "attachments"
    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("requests.id", ondelete="CASCADE"), index=True)
    filename: Mapped[str] = mapped_column(String(255))
    kind: Mapped[str] = mapped_column(String(30), default="")
    size: Mapped[int]
    sha256: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes] = mapped_column(LargeBinary)
    added_at: Mapped[datetime]
    added_by: Mapped[str] = mapped_column(String(50), default="")
