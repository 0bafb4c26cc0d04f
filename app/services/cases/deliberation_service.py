"""会商: consultation records on difficult cases, each case's conclusion, adopting it, the 会商纪要."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload

from app.errors import InvalidTransition, NotFound, ValidationError
from app.exports.atomic import write_bytes
from app.exports.letters.wording import clean_clause, request_subject
from app.exports.coordination_docs import MINUTES_TEMPLATE, MinutesCase, MinutesData, render_document
from app.models import Deliberation, DeliberationCase, Request
from app.services.trust.audit import record
from app.services.counters import next_number, reserve_counter
from app.services.dto import Actor, MaterialView
from app.services.cases.material_views import materials_of
from app.services.cases.request_service import commit, load_request
from app.services.settings_service import load_settings
from app.services.trust.sessions import ActingService
from app.services.uow import Database
from app.workflow.dates import cn_date
from app.workflow.outcomes import Decision
from app.workflow.status import Status
from app.workflow.transitions import TASK_ASSIGNERS, TASKABLE
from app.workflow.vocabulary import Role
from app.workflow.text_input import check_text

FORMS = ("会议", "书面", "线上")
MINUTES_DOC_TYPE = "会商纪要"

_MEETING = re.compile(r"(?:的|进行)?会商$")


def meeting_topic(topic: str) -> str:
    """The topic as it stands in "对…进行会商": a typed "疑难申请会商" does not say 会商 twice."""
    return _MEETING.sub("", clean_clause(topic)).strip()


@dataclass(frozen=True)
class DeliberationCaseView:
    id: int
    request_id: int
    request_number: str
    applicant_name: str
    conclusion: str
    decision: str
    reasons: str
    adopted_at: datetime | None
    adopted_by: str


@dataclass(frozen=True)
class DeliberationView:
    id: int
    number: str
    held_on: date
    form: str
    topic: str
    participants: str
    departments: str
    notes: str
    cases: tuple[DeliberationCaseView, ...]
    materials: tuple[MaterialView, ...] = ()

    @property
    def case_count(self) -> int:
        return len(self.cases)

    def case(self, request_id: int) -> DeliberationCaseView | None:
        return next((c for c in self.cases if c.request_id == request_id), None)

    @property
    def source(self) -> str:
        """How an adopted decision names where it came from."""
        return f"{cn_date(self.held_on)}{self.form}会商（{self.number}）结论"


def _view(s: Session, d: Deliberation) -> DeliberationView:
    cases = []
    for c in d.cases:
        req = s.get(Request, c.request_id)
        cases.append(DeliberationCaseView(c.id, c.request_id, req.number, req.applicant_name, c.conclusion,
                                          c.decision, c.reasons, c.adopted_at, c.adopted_by))
    return DeliberationView(d.id, d.number, d.held_on, d.form, d.topic, d.participants, d.departments, d.notes,
                            tuple(cases), materials_of(s, deliberation_id=d.id))


def _sentence(text: str) -> str:
    """A conclusion printed as a sentence: it ends with a full stop."""
    text = text.strip()
    return text if not text or text[-1] in "。！？；.!?" else text + "。"


def _check_office(actor: Actor) -> None:
    if actor.role not in TASK_ASSIGNERS:
        raise InvalidTransition(f"会商记录由登记员、科室负责人或管理员填写，当前用户角色为“{actor.role}”。")


class DeliberationService(ActingService):
    """Every method taking an ``actor`` verifies it came from a log-in (ActingService)."""

    def __init__(self, db: Database, today=date.today):
        self._db = db
        self._today = today

    def create(self, actor: Actor, held_on: date, form: str, topic: str, participants: str,
               departments: str, request_id: int, conclusion: str, decision: str = "", reasons: str = "",
               notes: str = "") -> DeliberationView:
        """A new record with its first case (add more with ``add_case``); numbered 会商〔年〕N号."""
        _check_office(actor)
        if form not in FORMS:
            raise ValidationError(f"会商形式应为：{'、'.join(FORMS)}。", "form")
        if held_on > self._today():
            raise ValidationError("会商日期不能晚于今天。", "held_on")
        for value, label, field in ((topic, "会商议题", "topic"), (participants, "参加人员", "participants"),
                                    (departments, "参加处室", "departments"), (notes, "备注", "notes")):
            check_text(value, label, field)
        if not participants.strip():
            raise ValidationError("请填写参加人员。", "participants")
        with self._db.uow() as uow:
            s = uow.session
            reserve_counter(s, MINUTES_DOC_TYPE, held_on.year)
            settings = load_settings(s)
            number = next_number(s, "{机关简称}会商〔{年}〕{序号}号", settings.agency_short, MINUTES_DOC_TYPE,
                                 held_on.year)
            d = Deliberation(number=number, held_on=held_on, form=form, topic=topic.strip(),
                             participants=participants.strip(), departments=departments.strip(),
                             notes=notes.strip(), created_at=datetime.now(), created_by=actor.username)
            d.cases = []
            s.add(d)
            s.flush()
            self._add(s, actor, d, request_id, conclusion, decision, reasons)
            commit(uow)
            return _view(s, d)

    def add_case(self, actor: Actor, deliberation_id: int, request_id: int, conclusion: str,
                 decision: str = "", reasons: str = "") -> DeliberationView:
        _check_office(actor)
        with self._db.uow() as uow:
            s = uow.session
            d = self._load(s, deliberation_id)
            if any(c.request_id == request_id for c in d.cases):
                raise ValidationError("该申请已在本次会商记录中。", "request_id")
            self._add(s, actor, d, request_id, conclusion, decision, reasons)
            commit(uow)
            return _view(s, d)

    def _add(self, s: Session, actor: Actor, d: Deliberation, request_id: int, conclusion: str, decision: str,
             reasons: str) -> None:
        check_text(conclusion, "会商结论", "conclusion")
        check_text(reasons, "答复理由", "reasons")
        if not conclusion.strip():
            raise ValidationError("请填写该申请的会商结论。", "conclusion")
        if decision and Decision.from_label(decision) is None:
            raise ValidationError(f"答复决定“{decision}”无效。", "decision")
        req = load_request(s, request_id)
        d.cases.append(DeliberationCase(request_id=req.id, conclusion=conclusion.strip(), decision=decision,
                                        reasons=reasons.strip()))
        record(s, actor, "会商", req.id, f"{d.form}会商（{d.number}）", "", conclusion.strip(),
               f"{cn_date(d.held_on)}；参加：{d.participants}")

    def adopt(self, actor: Actor, deliberation_id: int, request_id: int, version: int):
        """The case's conclusion becomes its draft decision and reasons, with the 会商 named as source."""
        from app.services.cases.request_service import RequestService

        with self._db.uow() as uow:
            s = uow.session
            d = self._load(s, deliberation_id)
            c = next((x for x in d.cases if x.request_id == request_id), None)
            if c is None:
                raise NotFound("该申请不在本次会商记录中。")
            req = load_request(s, request_id, version)
            if Status(req.status) not in TASKABLE:
                raise ValidationError(f"申请当前为“{req.status}”，只有办理中的申请可以采纳会商结论作为拟办意见。")
            if actor.role is Role.HANDLER and actor.department_id != req.department_id:
                raise InvalidTransition("只有承办处室的承办人可以采纳会商结论。")
            if actor.role is Role.LEGAL:
                raise InvalidTransition("法制审核员不能修改拟办意见。")
            source = _view(s, d).source
            decision = c.decision or req.decision
            reasons = c.reasons or c.conclusion
            record(s, actor, "采纳会商结论", req.id, "答复决定", req.decision, decision, source)
            record(s, actor, "采纳会商结论", req.id, "理由说明", req.decision_reasons, reasons, source)
            req.decision, req.decision_reasons, req.decision_source = decision, reasons, source
            req.updated_at = datetime.now()
            c.adopted_at, c.adopted_by = datetime.now(), actor.username
            commit(uow)
        return RequestService(self._db, self._today).detail(request_id)

    def for_request(self, request_id: int) -> list[DeliberationView]:
        with self._db.uow() as uow:
            s = uow.session
            ids = select(DeliberationCase.deliberation_id).where(DeliberationCase.request_id == request_id)
            rows = s.scalars(select(Deliberation).where(Deliberation.id.in_(ids))
                             .options(selectinload(Deliberation.cases)).order_by(Deliberation.held_on,
                                                                                 Deliberation.id))
            return [_view(s, d) for d in rows]

    def recent(self, limit: int = 50) -> list[DeliberationView]:
        with self._db.uow() as uow:
            s = uow.session
            rows = s.scalars(select(Deliberation).options(selectinload(Deliberation.cases))
                             .order_by(Deliberation.held_on.desc(), Deliberation.id.desc()).limit(limit))
            return [_view(s, d) for d in rows]

    def search(self, date_from: date | None = None, date_to: date | None = None,
               text: str = "") -> list[DeliberationView]:
        """Every 会商 record held in [date_from, date_to], newest first; ``text`` matches the number, topic,
        participants, departments, notes, or a discussed case's number or applicant."""
        with self._db.uow() as uow:
            s = uow.session
            q = select(Deliberation).options(selectinload(Deliberation.cases))
            if date_from is not None:
                q = q.where(Deliberation.held_on >= date_from)
            if date_to is not None:
                q = q.where(Deliberation.held_on <= date_to)
            if text.strip():
                like = f"%{text.strip()}%"
                cases = (select(DeliberationCase.deliberation_id)
                         .join(Request, Request.id == DeliberationCase.request_id)
                         .where(or_(Request.number.ilike(like), Request.applicant_name.ilike(like))))
                q = q.where(or_(*(col.ilike(like) for col in (
                    Deliberation.number, Deliberation.topic, Deliberation.participants, Deliberation.departments,
                    Deliberation.notes)), Deliberation.id.in_(cases)))
            rows = s.scalars(q.order_by(Deliberation.held_on.desc(), Deliberation.id.desc()))
            return [_view(s, d) for d in rows]

    def get(self, deliberation_id: int) -> DeliberationView:
        with self._db.uow() as uow:
            return _view(uow.session, self._load(uow.session, deliberation_id))

    def minutes(self, deliberation_id: int):
        """The 会商纪要 (Word and PDF bytes, and the pages)."""
        with self._db.uow() as uow:
            s = uow.session
            d = self._load(s, deliberation_id)
            settings = load_settings(s)
            cases = tuple(MinutesCase(req.number, req.applicant_name, request_subject(req.description), _sentence(
                c.conclusion + (f"（拟{c.decision}）" if c.decision and c.decision not in c.conclusion else "")))
                          for c in d.cases for req in (s.get(Request, c.request_id),))
            data = MinutesData(settings.agency_name, d.number, cn_date(d.held_on), cn_date(d.held_on), d.form,
                               meeting_topic(d.topic) or f"{len(cases)}件政府信息公开申请", d.participants,
                               d.departments or "—",
                               cases, d.notes)
            template = Path(settings.template_dir).expanduser() / MINUTES_TEMPLATE if settings.template_dir else None
        return render_document(data, template if template and template.is_file() else MINUTES_TEMPLATE,
                               f"会商纪要 {data.doc_number}")

    def save_minutes(self, actor: Actor, deliberation_id: int, path: str | Path) -> Path:
        target = Path(path)
        rendered = self.minutes(deliberation_id)
        write_bytes(target, rendered.pdf if target.suffix.lower() == ".pdf" else rendered.docx)
        with self._db.uow() as uow:
            d = self._load(uow.session, deliberation_id)
            for c in d.cases:
                record(uow.session, actor, "导出会商纪要", c.request_id, "", "", d.number, target.name)
            uow.commit()
        return target

    @staticmethod
    def _load(s: Session, deliberation_id: int) -> Deliberation:
        d = s.get(Deliberation, deliberation_id, options=[selectinload(Deliberation.cases)])
        if d is None:
            raise NotFound("会商记录不存在。")
        return d
