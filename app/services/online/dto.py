"""Plain dataclasses and errors crossing between the online services and the web layer (no ORM objects)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from app.errors import DomainError

# -- what the applicant sends ----------------------------------------------------------------

APPLICANT_PERSON = "公民"
APPLICANT_ORG = "法人或者其他组织"
DELIVERY_ONLINE = "在线获取"     # added to the desk's Delivery values for online applicants


@dataclass(frozen=True)
class OnlineAgency:
    """An agency taking online applications: its code (in the URL/form), name and 申请须知."""

    code: str
    name: str
    notice: str


@dataclass(frozen=True)
class OnlineApplication:
    """The Art 29 form as the applicant filled it in (strings as typed; the service validates).

    ``applicant_type``: '公民' or '法人或者其他组织'. A citizen gives ``id_type`` (居民身份证, 护照, 其他证件)
    and ``id_number``; an organisation gives ``credit_code`` (统一社会信用代码) and ``contact_person``.
    ``form``: '纸质' or '电子'; ``delivery``: 自行领取 / 邮寄 / 电子邮件 / 在线获取.
    ``org_kind`` (optional) narrows an organisation to a table 三 column (商业企业, 科研机构, 社会公益组织,
    法律服务机构, 其他); empty = 其他.
    """

    applicant_type: str
    name: str
    description: str
    phone: str
    id_type: str = ""
    id_number: str = ""
    credit_code: str = ""
    contact_person: str = ""
    address: str = ""
    postcode: str = ""
    email: str = ""
    purpose: str = ""
    form: str = ""
    delivery: str = ""
    org_kind: str = ""


@dataclass(frozen=True)
class Upload:
    """One uploaded file; the service sniffs ``data`` (PDF, JPEG, PNG only) and ignores the name's suffix."""

    filename: str
    data: bytes


@dataclass(frozen=True)
class Client:
    """The remote address as the reverse proxy forwarded it (the web layer decides whom to trust).

    The service keeps only a keyed, truncated hash of it (throttling and flood detection)."""

    address: str


# -- what the applicant gets -------------------------------------------------------------------

@dataclass(frozen=True)
class SubmissionReceipt:
    """提交凭证: the 查询码 (shown once, stored only as a hash) and what was submitted (personal data masked)."""

    query_code: str                       # grouped for reading aloud, e.g. "K7QF-3M9X-T2DP-HV8C-W4RA"
    agency_name: str
    submitted_at: datetime
    lines: list[tuple[str, str]]          # (label, value), e.g. ("证件号码", "1101**********123X")
    attachments: list[str]                # file names as stored


@dataclass(frozen=True)
class TimelineStep:
    """One step of the public stage timeline (待确认 → 已受理 → 补正 / 征求意见（暂停计时）/ 延期 → 已答复)."""

    label: str
    on: date | None
    provisional: bool = False
    current: bool = False


@dataclass(frozen=True)
class PublicCorrection:
    """What the 补正告知书 asks, by when, and whether the applicant has already answered online."""

    text: str
    deadline: date | None
    answered: bool


@dataclass(frozen=True)
class PublicDocument:
    """A signed document the applicant may download (补正告知书, 延期告知书, 答复书)."""

    id: int
    title: str
    issued_on: date
    fetched: bool


@dataclass(frozen=True)
class PublicStatus:
    """What the applicant may see of their case: no internal opinion, no staff name, no other party's data."""

    agency_name: str
    stage: str
    timeline: list[TimelineStep]
    received_on: date | None
    due_on: date | None
    due_provisional: bool
    correction: PublicCorrection | None
    documents: list[PublicDocument] = field(default_factory=list)


# -- the desk's side -----------------------------------------------------------------------------

@dataclass(frozen=True)
class PendingSubmission:
    """An online submission waiting for the clerk (待确认); the name is shown, personal numbers masked."""

    request_id: int
    version: int
    number: str
    submitted_at: datetime
    applicant_name: str
    applicant_type: str
    description: str
    attachments: int
    flood: str = ""          # non-empty: why this one belongs to a flagged flood (同一来源 / 同一内容)


@dataclass(frozen=True)
class PendingAnswer:
    """An applicant's online 补正 answer waiting for the clerk to accept it."""

    answer_id: int
    request_id: int
    number: str
    answered_at: datetime
    text: str
    attachments: list[str]


@dataclass(frozen=True)
class UnfetchedDocument:
    """A document made available online that the applicant has not yet downloaded (未查收)."""

    request_id: int
    number: str
    letter_id: int
    title: str
    issued_on: date


@dataclass(frozen=True)
class Flood:
    """Many submissions from one source (address hash) or with one text within the window: flagged, kept."""

    kind: str                # '同一来源' | '同一内容'
    count: int
    first_at: datetime
    last_at: datetime
    numbers: list[str]


# -- errors (messages in Chinese) -------------------------------------------------------------------

class OnlineError(DomainError):
    """Base of the errors the web layer turns into pages."""


class OnlineInvalid(OnlineError):
    """The form has problems: ``errors`` maps field name → Chinese message naming the fix."""

    def __init__(self, errors: dict[str, str]):
        super().__init__("提交的内容有误，请按提示修改：" + "；".join(errors.values()))
        self.errors = dict(errors)


class OnlineNotFound(OnlineError):
    """Wrong 查询码 or wrong last four digits: one message for both, so neither can be probed."""

    def __init__(self, message: str = "查询码或号码后四位不正确，请核对后重试。"):
        super().__init__(message)


class OnlineThrottled(OnlineError):
    """Too many attempts from this address or for this code; ``retry_after`` seconds to wait."""

    def __init__(self, retry_after: int):
        super().__init__(f"尝试次数过多，请{max(1, (retry_after + 59) // 60)}分钟后再试。")
        self.retry_after = retry_after


class OnlineForbidden(OnlineError):
    """Not allowed now (e.g. answering a 补正 that is not asked, a document not offered online)."""
