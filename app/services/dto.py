"""Plain frozen dataclasses the services hand out; no live ORM objects leave the service layer."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from app.workflow.deadline import Deadline
from app.workflow.vocabulary import Role


@dataclass(frozen=True)
class Actor:
    """Who is acting: every event records the username.

    Services honour an Actor only when a log-in minted it (``token``, see app/services/trust/sessions.py);
    one built by hand is refused, whatever role it claims.
    """

    username: str
    display_name: str
    role: Role
    user_id: int | None = None
    department_id: int | None = None
    token: str = field(default="", repr=False, compare=False)
    origin: str = field(default="", compare=False)   # OS account@host of the session


# Internal bulk paths only (demo data); the public service methods refuse it (it has no session).
SYSTEM = Actor("system", "系统", Role.ADMIN)


@dataclass(frozen=True)
class RequestInput:
    """What the registration form (or an import) supplies."""

    applicant_name: str
    applicant_type: str
    channel: str
    description: str
    arrival_date: date | None
    confirmation_date: date | None = None
    number: str = ""
    id_type: str = ""
    id_number: str = ""
    phone: str = ""
    address: str = ""
    postcode: str = ""
    email: str = ""
    requested_form: str = ""
    delivery: str = ""
    notes: str = ""


@dataclass(frozen=True)
class ContactView:
    """The applicant's full 证件号码 and 联系电话 (查看完整信息, audited)."""

    id_number: str
    phone: str


@dataclass(frozen=True)
class EventView:
    at: datetime
    actor: str
    kind: str
    field: str
    old: str
    new: str
    reason: str


@dataclass(frozen=True)
class CorrectionView:
    id: int
    requested_on: date
    received_on: date | None
    period_days: int
    content: str
    notice_served_on: date | None = None     # 送达: the applicant received the notice
    reply_due: date | None = None            # the applicant's due: notice's period from service
    reply_hint: date | None = None           # provisional, from the sending date, while 未送达
    late_reason: str = ""                    # Art 30: why the notice came after 7 working days
    corrected_content: str = ""              # what the corrected application asks


@dataclass(frozen=True)
class ConsultationView:
    id: int
    kind: str
    party: str
    sent_on: date
    party_received_on: date | None
    answered_on: date | None
    answer_due: date | None
    opinion: str
    answer: str = ""            # 同意 / 不同意; empty while unanswered or when no answer came
    disclosure_reasons: str = ""             # Art 32: reasons to disclose over the party's objection
    receipt_recorded: bool = True            # False: 第三方收到日期未登记, window counted from sending
    matter: str = ""                         # 征求意见事项: what the letter to the party names
    matter_flag: str = ""                    # non-empty: it holds the applicant's personal data (the letter is refused)


@dataclass(frozen=True)
class ExtensionView:
    approved_on: date
    days: int
    approved_by: str
    reason: str
    id: int = 0                 # the extension row: its notice is about this one


@dataclass(frozen=True)
class FeeView:
    id: int
    method: str
    quantity: int
    amount: float
    issued_on: date
    received_on: date | None
    payment_due: date | None
    paid_on: date | None
    paid_amount: float | None
    lapsed: bool
    payment_hint: date | None = None         # provisional, from the issue date, while 未送达


@dataclass(frozen=True)
class LegalReviewView:
    """One 合法性审查 opinion: passed, or returned with reasons."""

    reviewed_at: datetime
    reviewer: str
    passed: bool
    opinion: str


@dataclass(frozen=True)
class RequestRow:
    """One line of the request list."""

    id: int
    number: str
    status: str
    applicant_name: str
    applicant_type: str
    channel: str
    description: str
    receipt_date: date | None
    reply_due: date | None
    due_provisional: bool
    department: str
    handler: str
    outcome: str | None
    reply_date: date | None


@dataclass(frozen=True)
class RequestDetail:
    id: int
    number: str
    version: int
    status: str
    applicant_name: str
    applicant_type: str
    id_type: str
    id_number: str
    phone: str
    address: str
    postcode: str
    email: str
    channel: str
    description: str
    requested_form: str
    delivery: str
    notes: str
    arrival_date: date | None
    confirmation_date: date | None
    receipt_date: date | None
    department_id: int | None
    department: str
    handler_id: int | None
    handler: str
    outcome: str | None
    decision: str
    decision_reasons: str
    reply_date: date | None
    service_method: str
    service_date: date | None
    override_due: date | None
    override_reason: str
    deadline: Deadline
    urgency: str
    corrections: tuple[CorrectionView, ...] = ()
    consultations: tuple[ConsultationView, ...] = ()
    extensions: tuple[ExtensionView, ...] = ()
    fees: tuple[FeeView, ...] = ()
    events: tuple[EventView, ...] = field(default=())
    legal_reviews: tuple[LegalReviewView, ...] = ()
    decision_source: str = ""     # where the draft decision came from (an adopted 会商 conclusion)
    stage_plan: str = ""          # 合法性审查's share of the draft lead time, when the stage is on
    handling_opinion: str = ""      # 拟办意见: internal, never printed
    reply_doc_number: str = ""     # 文号 of the signed 答复书 recorded as served
    withheld_ground: str = ""                # 部分公开: the withheld part's ground, a 三 leaf code
    query_law: str = ""                      # 三.8: the law that provides the query channel
    access_route: str = ""                   # 三.8 where to query; 五.3 where to obtain the publication
    collection_place: str = ""               # 自行领取, this letter's own (else the settings')
    collection_hours: str = ""

    @property
    def outcome_label(self) -> str:
        from app.workflow.outcomes import Outcome

        return Outcome.from_code(self.outcome).label if self.outcome else ""


@dataclass(frozen=True)
class MaterialView:
    """A file filed with a 协办 answer or a 会商 record (its bytes stay in the database)."""

    id: int
    filename: str
    size: int
    sha256: str
    added_at: datetime
    added_by: str


@dataclass(frozen=True)
class TaskView:
    """A department's 主办/协办 task on a case, with its answer (issue 11)."""

    id: int
    version: int
    request_id: int
    request_number: str
    department_id: int
    department: str
    lead: bool
    brief: str
    due_on: date
    handler_id: int | None
    handler: str
    status: str
    findings: str
    info_exists: str
    proposed_decision: str
    answered_on: date | None
    answered_by: str
    note: str
    urge_count: int
    last_urged_on: date | None
    case_reply_due: date | None = None
    materials: tuple[MaterialView, ...] = ()

    @property
    def kind(self) -> str:
        return "主办" if self.lead else "协办"

    @property
    def answered_late(self) -> bool:
        return self.answered_on is not None and self.answered_on > self.due_on

    @property
    def escalated(self) -> bool:
        """A second 催办 puts the task on the chief's workbench."""
        return self.urge_count >= 2
