"""The public online service's own rows (issue 23): submissions keyed by the hashed 查询码, online 补正
answers, documents fetched online, e-mail notices sent, and the shared throttle counters."""

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.agency import AgencyOwned
from app.models.base import Base


class OnlineSubmission(AgencyOwned, Base):
    """The online side of one 网络 request. Only keyed hashes (HMAC-SHA256 with the server secret) of the
    查询码, of the last four digits of phone and ID, and of the client address are kept."""

    __tablename__ = "online_submissions"
    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("requests.id", ondelete="CASCADE"), unique=True)
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    phone4_hash: Mapped[str] = mapped_column(String(64))
    id4_hash: Mapped[str] = mapped_column(String(64), default="")
    client_hash: Mapped[str] = mapped_column(String(32), index=True)    # truncated keyed hash of the address
    text_hash: Mapped[str] = mapped_column(String(64), index=True)      # the normalised description's hash
    submitted_at: Mapped[datetime] = mapped_column(index=True)
    refused_at: Mapped[datetime | None]
    refused_reason: Mapped[str] = mapped_column(Text, default="")


class OnlineAnswer(AgencyOwned, Base):
    """An applicant's online answer to a 补正告知书, waiting for the clerk to accept it."""

    __tablename__ = "online_answers"
    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("requests.id", ondelete="CASCADE"), index=True)
    correction_id: Mapped[int] = mapped_column(ForeignKey("corrections.id", ondelete="CASCADE"), unique=True)
    text: Mapped[str] = mapped_column(Text)
    answered_at: Mapped[datetime]
    accepted_at: Mapped[datetime | None]
    accepted_by: Mapped[str] = mapped_column(String(50), default="")


class OnlineFetch(AgencyOwned, Base):
    """A document's first download by the applicant: its 电子送达."""

    __tablename__ = "online_fetches"
    letter_id: Mapped[int] = mapped_column(ForeignKey("letters.id"), primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("requests.id", ondelete="CASCADE"), index=True)
    fetched_at: Mapped[datetime]


class OnlineMail(AgencyOwned, Base):
    """An e-mail notice sent for a document (once per document)."""

    __tablename__ = "online_mails"
    letter_id: Mapped[int] = mapped_column(ForeignKey("letters.id"), primary_key=True)
    sent_at: Mapped[datetime]


class OnlineThrottle(Base):
    """A throttle counter shared by every worker: hits in the current window, and a back-off block."""

    __tablename__ = "online_throttle"
    scope: Mapped[str] = mapped_column(String(10), primary_key=True)
    key_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    hits: Mapped[int] = mapped_column(Integer, default=0)
    window_start: Mapped[datetime]
    strikes: Mapped[int] = mapped_column(Integer, default=0)
    blocked_until: Mapped[datetime | None]
