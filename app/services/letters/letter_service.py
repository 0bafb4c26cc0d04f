"""Issuing letters: numbered (文号) in the issuing transaction, drafts until sign-off, frozen after."""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path

from docx import Document
from sqlalchemy import select
from sqlalchemy.orm import Session, object_session

from app.errors import DomainError, NotFound, PermissionDenied, ValidationError
from app.exports import atomic
from app.exports.letters.blocks import TemplateProblem, read_blocks
from app.exports.letters.data import LetterData
from app.exports.letters.kinds import LetterKind, number_pattern_for
from app.exports.letters.pages import Page, layout_pages
from app.exports.letters.render import RenderedLetter, render_letter, render_pages
from app.exports.letters.templates import template_for
from app.models import Letter, Request, User
from app.services import views
from app.services.trust.audit import record
from app.services.clock import load_calendar
from app.services.counters import bump_counter, format_number, reserve_counter
from app.services.dto import Actor
from app.services.letters.gates.notices import case_facts
from app.services.letters.gates.service_receipt import receiver_fields, served_document
from app.services.letters.letter_builder import build_letter_data
from app.services.cases.authority import require
from app.services.letters.letter_stage import stage_closed
from app.services.cases.request_service import load_request
from app.services.settings_service import OfficeSettings, load_settings, require_entered, require_identity
from app.services.trust.sessions import ActingService
from app.services.uow import Database
from app.workflow.dates import cn_date
from app.workflow.authority import CaseStep
from app.workflow.status import Status
from app.workflow.vocabulary import Role

DRAFT, SIGNED = "草稿", "已签发"
PENDING_NUMBER = "（文号出具时生成）"
SIGNERS = (Role.CHIEF, Role.ADMIN)
# Issuing takes a 文号: office notices are the disclosure office's; a handler drafts only what he handles.
_OFFICE_ISSUERS = (Role.CLERK, Role.CHIEF, Role.ADMIN)
HANDLER_DRAFTS = (LetterKind.REPLY, LetterKind.CONSULTATION, LetterKind.AGENCY_CONSULTATION)
ISSUERS = {kind: _OFFICE_ISSUERS for kind in LetterKind}
ISSUERS.update({LetterKind.REPLY: (Role.CLERK, Role.HANDLER, Role.CHIEF, Role.ADMIN),
                LetterKind.CONSULTATION: (Role.CLERK, Role.HANDLER, Role.CHIEF, Role.ADMIN),
                LetterKind.AGENCY_CONSULTATION: (Role.CLERK, Role.HANDLER, Role.CHIEF, Role.ADMIN)})


@dataclass(frozen=True)
class LetterView:
    """One stored version of a letter, without its files."""

    id: int
    request_id: int
    kind: str
    variant: str
    doc_number: str
    revision: int
    state: str
    created_at: datetime
    created_by: str
    signed_at: datetime | None
    signed_by: str
    superseded_by: int | None
    sha256: str
    signer_name: str = ""          # the signer's display name (``signed_by`` is the username)

    @property
    def label(self) -> str:
        """E.g. 政府信息公开申请答复书（不予公开）某自然资规依复〔2025〕3号 第1版."""
        variant = f"（{self.variant}）" if self.variant else ""
        number = f" {self.doc_number}" if self.doc_number else ""
        return f"{self.kind}{variant}{number} 第{self.revision}版"

    @property
    def signed(self) -> bool:
        return self.state == SIGNED

    @property
    def file_stem(self) -> str:
        return self.doc_number or f"{self.kind}-{self.request_id}"


@dataclass(frozen=True)
class LetterPreview:
    """What the preview shows: the stored letter, or (``pending``) what issuing it would produce."""

    kind: str
    letter: LetterView | None
    pages: tuple[Page, ...]
    pending: bool


@dataclass(frozen=True)
class LetterFiles:
    letter: LetterView
    docx: bytes
    pdf: bytes


def _view(x: Letter) -> LetterView:
    s = object_session(x)
    name = (s.scalar(select(User.display_name).where(User.username == x.signed_by))
            if x.signed_by and s is not None else None)
    return LetterView(x.id, x.request_id, x.kind, x.variant, x.doc_number, x.revision, x.state, x.created_at,
                      x.created_by, x.signed_at, x.signed_by, x.superseded_by, x.sha256, name or "")


class CaseLocked(ValidationError):
    """The case is archived: its stored letters can be read and printed, not changed or added."""


def checksum(pdf: bytes) -> str:
    """SHA-256 of the PDF, the printable record of the letter (``sha256sum`` gives the same)."""
    return hashlib.sha256(pdf).hexdigest()


class LetterService(ActingService):
    """One method per user action; the UI and the command line use the same calls."""

    def __init__(self, db: Database, today=date.today):
        self._db = db
        self._today = today

    def issue(self, actor: Actor, request_id: int, kind: LetterKind | None = None,
              served: LetterKind | None = None) -> LetterView:
        """Make the case's current letter of ``kind`` (default: the reply) say what the case says now.

        A new letter takes the next 文号; an unchanged letter is returned as it is; a changed draft is
        re-rendered under its own 文号; a changed signed letter gets a new revision and keeps the old one.
        ``served`` (送达回证 only) is the document served, default the 答复书.
        """
        kind = kind or LetterKind.REPLY
        if actor.role not in ISSUERS[kind]:
            allowed = "、".join(r.value for r in ISSUERS[kind])
            raise PermissionDenied(f"出具{kind.value}只能由{allowed}办理，当前用户角色为“{actor.role}”。")
        today = self._today()
        with self._db.uow() as uow:
            s = uow.session
            reserve_counter(s, kind.value, today.year)         # first statement: serialises issuers
            require(s, actor, load_request(s, request_id),
                    CaseStep.ISSUE_DRAFT if kind in HANDLER_DRAFTS else CaseStep.ISSUE_NOTICE)
            settings = load_settings(s)
            current = _current(s, request_id, kind, served)
            if stage_closed(s, request_id, kind):              # no 补正/延期/… notice after the reply
                return _view(_stored_or_refused(s, request_id, kind, current))
            try:
                data = _case_data(s, request_id, kind, settings, today, served)
            except CaseLocked:
                if current is None:
                    raise
                return _view(current)                          # archived: the stored letter as it is
            if current is not None and _unchanged(current, data, today):
                return _view(current)
            require_identity(s)                                # no 某某 example reaches an applicant
            _require_printed_settings(s, request_id, kind)
            if current is not None and current.state == DRAFT:
                _rerender(s, current, data, settings, today)
                record(s, actor, "更新文书草稿", request_id, _field(current), "", current.doc_number)
            else:
                current = _new_letter(s, actor, request_id, kind, data, settings, today, current)
            uow.commit()
            return _view(current)

    def preview(self, request_id: int, kind: LetterKind | None = None,
                served: LetterKind | None = None) -> LetterPreview:
        """The current letter of ``kind`` if it still says what the case says, else a rendering of
        what :meth:`issue` would store (its 文号 shown as pending); nothing is written."""
        kind = kind or LetterKind.REPLY
        today = self._today()
        with self._db.read() as uow:
            s = uow.session
            settings = load_settings(s)
            current = _current(s, request_id, kind, served)
            view = _view(current) if current is not None else None
            if stage_closed(s, request_id, kind):
                stored = _stored_or_refused(s, request_id, kind, current)
                return LetterPreview(kind.value, view, pages_of(stored.docx or b""), False)
            try:
                data = _case_data(s, request_id, kind, settings, today, served)
            except CaseLocked:
                if current is None:
                    raise
                return LetterPreview(kind.value, view, pages_of(current.docx or b""), False)
            if current is not None and _unchanged(current, data, today):
                return LetterPreview(kind.value, view, pages_of(current.docx or b""), False)
            require_identity(s)                                # a new rendering: no 某某 example
            keeps_number = current is not None and current.state == DRAFT
            number = current.doc_number if keeps_number else (PENDING_NUMBER if kind.numbered else "")
            stamped = data.stamped(number, cn_date(today))
            try:
                pages = render_pages(stamped, template_for(kind, stamped.variant, settings.template_dir))
            except (TemplateProblem, FileNotFoundError) as e:
                raise ValidationError(str(e), "template_dir") from e
            return LetterPreview(kind.value, view, pages, True)

    def sign(self, actor: Actor, letter_id: int) -> LetterView:
        """签发 one draft (e.g. a 补正 notice before the case's own sign-off) and freeze it."""
        if actor.role not in SIGNERS:
            raise PermissionDenied("签发文书须由科室负责人办理。")
        with self._db.uow() as uow:
            s = uow.session
            letter = _letter(s, letter_id)
            require(s, actor, load_request(s, letter.request_id), CaseStep.SIGN_LETTER)
            if letter.state != DRAFT or letter.superseded_by is not None:
                raise ValidationError(f"{_view(letter).label}已签发或已被新版本取代，不能再次签发。")
            _freeze(s, actor, letter, load_settings(s), self._today())
            uow.commit()
            return _view(letter)

    def letters(self, request_id: int) -> list[LetterView]:
        with self._db.read() as uow:
            rows = uow.session.scalars(select(Letter).where(Letter.request_id == request_id)
                                       .order_by(Letter.id)).all()
            return [_view(x) for x in rows]

    def get(self, letter_id: int) -> LetterView:
        with self._db.read() as uow:
            return _view(_letter(uow.session, letter_id))

    def files(self, letter_id: int) -> LetterFiles:
        with self._db.read() as uow:
            x = _letter(uow.session, letter_id)
            return LetterFiles(_view(x), x.docx or b"", x.pdf or b"")

    def pages(self, letter_id: int) -> tuple[Page, ...]:
        """The stored letter laid out page by page (read from its stored Word file) for preview and print."""
        return pages_of(self.files(letter_id).docx)

    def save_file(self, letter_id: int, path: str | Path) -> Path:
        """Write the stored Word or PDF file, by the suffix of ``path``."""
        out = Path(path)
        files = self.files(letter_id)
        if out.suffix.lower() not in (".docx", ".pdf"):
            raise ValidationError(f"文件“{out.name}”的扩展名应为 .docx 或 .pdf。", "out")
        atomic.write_bytes(out, files.docx if out.suffix.lower() == ".docx" else files.pdf)
        return out

    def verify(self, letter_id: int) -> bool:
        """True when the stored PDF still matches the checksum taken when it was made or signed."""
        files = self.files(letter_id)
        return checksum(files.pdf) == files.letter.sha256

    def find_request(self, number: str) -> int:
        with self._db.read() as uow:
            rid = uow.session.scalar(select(Request.id).where(Request.number == number.strip()))
        if rid is None:
            raise NotFound(f"未找到申请编号为“{number}”的申请。")
        return rid


def pages_of(docx: bytes) -> tuple[Page, ...]:
    return layout_pages(read_blocks(Document(io.BytesIO(docx))))


def signed_reply(s: Session, request_id: int) -> Letter | None:
    """The case's current 答复书 if it is signed (the letter 登记答复 records as served), else None."""
    letter = _current(s, request_id, LetterKind.REPLY)
    return letter if letter is not None and letter.state == SIGNED else None


def _require_printed_settings(s: Session, request_id: int, kind: LetterKind) -> None:
    """The fee notice prints the payment instructions, a 自行领取 reply the place and hours: never the
    shipped 某某 examples (a place or hours typed for this one letter stands in for the setting)."""
    if kind is LetterKind.FEE:
        require_entered(s, ("fee_payment",), "缴费通知书")
    req = load_request(s, request_id)
    if kind is LetterKind.REPLY and req.delivery == "自行领取":
        keys = tuple(k for k in ("collection_place", "collection_hours") if not getattr(req, k).strip())
        if keys:
            require_entered(s, keys, "自行领取的答复书")


def _case_data(s: Session, request_id: int, kind: LetterKind, settings: OfficeSettings,
               today: date, served_kind: LetterKind | None = None) -> LetterData:
    req = load_request(s, request_id)
    if req.status == Status.ARCHIVED:
        raise CaseLocked("该申请已归档锁定，如需重新出具文书请先“解锁”并说明理由。")
    detail = views.request_detail(s, req, load_calendar(s), settings.policy, today)
    served, receiver = "", {}
    if kind is LetterKind.SERVICE:
        served_kind = served_kind or LetterKind.REPLY
        letter = _current(s, request_id, served_kind)
        served = served_document(letter, served_kind)
        receiver = receiver_fields(letter, served_kind)
    data = build_letter_data(detail, settings, kind, served, case_facts(s, request_id))
    if kind is LetterKind.SERVICE:                    # one 送达回证 per served document
        data = replace(data, variant=served_kind.value, **receiver)
    return data.stamped("", cn_date(today))


def _stored_or_refused(s: Session, request_id: int, kind: LetterKind, current: Letter | None) -> Letter:
    """After the reply a handling notice is read as it was stored, never made or changed."""
    if current is None:
        raise ValidationError(stage_closed(s, request_id, kind), "kind")
    return current


def _current(s: Session, request_id: int, kind: LetterKind, served: LetterKind | None = None) -> Letter | None:
    query = select(Letter).where(Letter.request_id == request_id, Letter.kind == kind.value,
                                 Letter.superseded_by.is_(None))
    if kind is LetterKind.SERVICE:
        query = query.where(Letter.variant == (served or LetterKind.REPLY).value)
    return s.scalar(query.order_by(Letter.id.desc()).limit(1))


def _letter(s: Session, letter_id: int) -> Letter:
    x = s.get(Letter, letter_id)
    if x is None:
        raise NotFound(f"未找到编号为{letter_id}的文书。")
    return x


def _unchanged(letter: Letter, data: LetterData, today: date) -> bool:
    stored = LetterData.from_json(letter.data_json)
    if stored.content_key() != data.content_key():
        return False
    return letter.state == SIGNED or stored.issue_date == cn_date(today)


def _render(data: LetterData, settings: OfficeSettings) -> RenderedLetter:
    try:
        return render_letter(data, template_for(LetterKind(data.kind), data.variant, settings.template_dir))
    except (TemplateProblem, FileNotFoundError) as e:
        raise ValidationError(str(e), "template_dir") from e


def _store(letter: Letter, data: LetterData, rendered: RenderedLetter) -> None:
    letter.variant, letter.data_json = data.variant, data.to_json()
    letter.docx, letter.pdf, letter.sha256 = rendered.docx, rendered.pdf, checksum(rendered.pdf)


def _rerender(s: Session, letter: Letter, data: LetterData, settings: OfficeSettings, today: date) -> None:
    stamped = data.stamped(letter.doc_number, cn_date(today))
    _store(letter, stamped, _render(stamped, settings))
    s.flush()


def _new_letter(s: Session, actor: Actor, request_id: int, kind: LetterKind, data: LetterData,
                settings: OfficeSettings, today: date, previous: Letter | None) -> Letter:
    number = ""
    if kind.numbered:
        pattern = number_pattern_for(settings.number_pattern, kind)
        number = format_number(pattern, settings.agency_short, today.year, bump_counter(s, kind.value, today.year))
    stamped = data.stamped(number, cn_date(today))
    letter = Letter(request_id=request_id, kind=kind.value, doc_number=number, state=DRAFT,
                    revision=previous.revision + 1 if previous is not None else 1,
                    created_at=datetime.now(), created_by=actor.username)
    _store(letter, stamped, _render(stamped, settings))
    s.add(letter)
    s.flush()
    if previous is not None:
        previous.superseded_by = letter.id
        record(s, actor, "重新出具文书", request_id, _field(letter), previous.doc_number, number,
               f"签发后内容变化，作为第{letter.revision}版重新出具，原第{previous.revision}版保留")
    else:
        record(s, actor, "生成文书", request_id, _field(letter), "", number or "（无文号）")
    return letter


def _freeze(s: Session, actor: Actor, letter: Letter, settings: OfficeSettings, today: date,
            refresh: bool = True) -> None:
    """Freeze a draft with its checksum: exactly as drafted, or (``refresh``) re-rendered and dated
    today when the case now says something else, so a signed letter never contradicts the case."""
    note = _refresh_before_signing(s, letter, settings, today) if refresh else ""
    letter.state, letter.signed_at, letter.signed_by = SIGNED, datetime.now(), actor.username
    letter.sha256 = checksum(letter.pdf or b"")
    record(s, actor, "签发文书", letter.request_id, _field(letter), DRAFT,
           f"{letter.doc_number or '（无文号）'} 第{letter.revision}版", f"SHA-256 {letter.sha256}{note}")


def _refresh_before_signing(s: Session, letter: Letter, settings: OfficeSettings, today: date) -> str:
    served = LetterKind(letter.variant) if letter.kind == LetterKind.SERVICE.value and letter.variant else None
    try:
        data = _case_data(s, letter.request_id, LetterKind(letter.kind), settings, today, served)
    except DomainError as e:    # the case no longer yields this letter: sign it as drafted, and say why
        return f"；按原草稿签发（{e}）"
    if LetterData.from_json(letter.data_json).content_key() != data.content_key():
        _rerender(s, letter, data, settings, today)
    return ""


def _field(letter: Letter) -> str:
    short = LetterKind(letter.kind).short
    return f"{short}（{letter.variant}）" if letter.variant else short
