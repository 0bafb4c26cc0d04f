"""The disclosure request (申请) and its clock events: 补正, consultations, extensions, fees."""

from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, Integer, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.agency import AgencyOwned
from app.models.base import Base


class Request(AgencyOwned, Base):
    __tablename__ = "requests"
    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(60))     # unique per agency
    version: Mapped[int] = mapped_column(Integer, default=1)
    status: Mapped[str] = mapped_column(String(20), index=True)
    channel: Mapped[str] = mapped_column(String(10))
    applicant_type: Mapped[str] = mapped_column(String(10))
    applicant_name: Mapped[str] = mapped_column(String(200), index=True)
    id_type: Mapped[str] = mapped_column(String(20), default="")
    id_number: Mapped[str] = mapped_column(String(40), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    address: Mapped[str] = mapped_column(String(300), default="")
    postcode: Mapped[str] = mapped_column(String(10), default="")
    email: Mapped[str] = mapped_column(String(120), default="")
    description: Mapped[str] = mapped_column(Text)
    requested_form: Mapped[str] = mapped_column(String(10), default="")
    delivery: Mapped[str] = mapped_column(String(10), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    arrival_date: Mapped[date | None]
    confirmation_date: Mapped[date | None]
    receipt_date: Mapped[date | None] = mapped_column(index=True)
    department_id: Mapped[int | None] = mapped_column(ForeignKey("departments.id"), index=True)
    handler_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    outcome: Mapped[str | None] = mapped_column(String(10), index=True)
    decision: Mapped[str] = mapped_column(String(20), default="")
    decision_reasons: Mapped[str] = mapped_column(Text, default="")     # 答复理由, printed in the letter
    handling_opinion: Mapped[str] = mapped_column(Text, default="")     # 拟办意见, internal only
    decision_source: Mapped[str] = mapped_column(String(120), default="")   # e.g. an adopted 会商 conclusion
    # 答复文号: the signed 答复书 recorded as served at 登记答复, or (a migrated ledger's) the 答复文号
    # of a reply issued before the case came into the app.
    reply_doc_number: Mapped[str] = mapped_column(String(60), default="")
    # Facts the reply cites (domain §7): the withheld part's ground on 部分公开 (a 三 leaf code),
    # the law giving a query channel (三.8), where to query or obtain (三.8, 五.3), collection place/time.
    withheld_ground: Mapped[str] = mapped_column(String(10), default="")
    query_law: Mapped[str] = mapped_column(Text, default="")
    access_route: Mapped[str] = mapped_column(Text, default="")
    collection_place: Mapped[str] = mapped_column(String(200), default="")
    collection_hours: Mapped[str] = mapped_column(String(200), default="")
    reply_date: Mapped[date | None] = mapped_column(index=True)
    service_method: Mapped[str] = mapped_column(String(20), default="")
    service_date: Mapped[date | None]
    override_due: Mapped[date | None]
    override_reason: Mapped[str] = mapped_column(Text, default="")
    # Caches of the derived deadline, for sorting and filtering in SQL; recomputed from events.
    reply_due: Mapped[date | None] = mapped_column(index=True)
    draft_due: Mapped[date | None]
    due_provisional: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime]
    created_by: Mapped[str] = mapped_column(String(50), default="")
    updated_at: Mapped[datetime]

    corrections: Mapped[list["Correction"]] = relationship(
        order_by="Correction.requested_on", cascade="all, delete-orphan")
    consultations: Mapped[list["Consultation"]] = relationship(
        order_by="Consultation.sent_on", cascade="all, delete-orphan")
    extensions: Mapped[list["Extension"]] = relationship(
        order_by="Extension.approved_on", cascade="all, delete-orphan")
    fee_notices: Mapped[list["FeeNotice"]] = relationship(
        order_by="FeeNotice.issued_on", cascade="all, delete-orphan")

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (Index("ix_requests_status_due", "status", "reply_due"), UniqueConstraint("agency_id", "number"))


# Chinese substring search indexes that exist on PostgreSQL only (migration i13_delivery: pg_trgm GIN for
# 3+ characters). Not declared above: SQLite cannot have them.
PG_SEARCH_INDEXES = frozenset({"ix_requests_description_trgm", "ix_requests_applicant_name_trgm",
                               "ix_requests_number_trgm",
                               # the city's board (i22_city_board): partial, covering indexes by agency
                               "ix_requests_open_agency_due", "ix_requests_agency_replied"})
# The city server's indexes that lead with the agency (migration i22_city_bench: the list, the searches
# and the workbench counts of one agency under row-level security). PostgreSQL only: SQLite has one agency.
PG_AGENCY_INDEXES = frozenset({"ix_requests_agency_due", "ix_requests_agency_status_due"})


class Correction(AgencyOwned, Base):
    """补正: the notice sent and, once it arrives, the corrected application (restarts the clock)."""

    __tablename__ = "corrections"
    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("requests.id", ondelete="CASCADE"), index=True)
    requested_on: Mapped[date]
    received_on: Mapped[date | None]
    period_days: Mapped[int] = mapped_column(default=15)
    content: Mapped[str] = mapped_column(Text, default="")
    # 送达: the day the applicant received the notice; the notice's period runs from it (domain §3).
    notice_served_on: Mapped[date | None]
    # Art 30: a notice sent more than 7 working days after receipt carries the office's reason.
    late_reason: Mapped[str] = mapped_column(Text, default="")
    corrected_content: Mapped[str] = mapped_column(Text, default="")    # what the corrected application asks


class Consultation(AgencyOwned, Base):
    """Consultation of a third party (Art 32) or another agency (Art 33(3)); time not counted."""

    __tablename__ = "consultations"
    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("requests.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    party: Mapped[str] = mapped_column(String(200), default="")
    # 征求意见事项: the information concerned, as the letter to the party names it (never the applicant's
    # personal data, 个人信息保护法 第六条); '' = the request's description.
    matter: Mapped[str] = mapped_column(Text, default="", server_default="")
    sent_on: Mapped[date]
    party_received_on: Mapped[date | None]
    answered_on: Mapped[date | None]
    opinion: Mapped[str] = mapped_column(Text, default="")
    answer: Mapped[str] = mapped_column(String(10), default="")     # 同意 / 不同意, empty: no answer
    # Art 32: the third party objected and the office decides to disclose; these reasons go to it in writing.
    disclosure_reasons: Mapped[str] = mapped_column(Text, default="")
    # Or: why the office holds the objection not 合理, so disclosure simply proceeds (no Art 32 notice).
    objection_assessment: Mapped[str] = mapped_column(Text, default="", server_default="")


class Extension(AgencyOwned, Base):
    """An approved extension (Art 33(2)), at most 20 working days in all."""

    __tablename__ = "extensions"
    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("requests.id", ondelete="CASCADE"), index=True)
    approved_on: Mapped[date]
    days: Mapped[int]
    approved_by: Mapped[str] = mapped_column(String(50), default="")
    reason: Mapped[str] = mapped_column(Text, default="")


class FeeNotice(AgencyOwned, Base):
    """A 收费通知 and its payment; time to pay is not counted."""

    __tablename__ = "fee_notices"
    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("requests.id", ondelete="CASCADE"), index=True)
    method: Mapped[str] = mapped_column(String(10))
    quantity: Mapped[int]
    amount: Mapped[float] = mapped_column(Numeric(12, 2, asdecimal=False))
    issued_on: Mapped[date]
    received_on: Mapped[date | None]
    paid_on: Mapped[date | None]
    paid_amount: Mapped[float | None] = mapped_column(Numeric(12, 2, asdecimal=False))
    lapsed: Mapped[bool] = mapped_column(default=False)
