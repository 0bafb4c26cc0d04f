"""Notices as facts: their 送达, the Art 32 objection held not 合理, the Art 35 answer, and what is unissued."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select, union

from app.errors import NotFound, PermissionDenied, ValidationError
from app.exports.letters.kinds import LetterKind
from app.models import Consultation, Correction, Extension, FeeNotice, Letter, ReasonsAnswer, Request
from app.services.cases.case_facts_update import CaseFactService
from app.services.cases.request_service import load_request
from app.services.trust.audit import record
from app.services.clock import load_calendar
from app.services.dto import Actor, RequestDetail
from app.services.letters.gates import art35
from app.services.letters.gates.notices import SERVED_ON_LETTER, SIGNED, case_facts, unissued_notices
from app.workflow.authority import CaseStep
from app.workflow.dates import cn_date
from app.workflow.deadline import PauseKind
from app.workflow.status import Status
from app.workflow.vocabulary import Role

_SERVERS = (Role.CLERK, Role.CHIEF, Role.ADMIN)
_DECIDERS = (Role.HANDLER, Role.CHIEF, Role.ADMIN)
_RECORDERS = (Role.CLERK, Role.HANDLER, Role.CHIEF, Role.ADMIN)
_CN_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")


@dataclass(frozen=True)
class PendingNotice:
    """A notice the workbench lists: not yet issued (signed), or signed but its 送达 not recorded."""

    request_id: int
    number: str
    notice: str
    state: str


@dataclass(frozen=True)
class ServableNotice:
    letter_id: int
    kind: LetterKind
    label: str
    served_on: date | None


def _allowed(actor: Actor, roles, what: str) -> None:
    if actor.role not in roles:
        names = "、".join(r.value for r in roles)
        raise PermissionDenied(f"{what}只能由{names}办理，当前用户角色为“{actor.role}”。")


def issue_date_of(letter: Letter) -> date | None:
    """The letter's 成文日期 as printed (stored in its data)."""
    from app.exports.letters.data import LetterData

    m = _CN_DATE.search(LetterData.from_json(letter.data_json).issue_date)
    return date(int(m[1]), int(m[2]), int(m[3])) if m else None


class NoticeService(CaseFactService):
    """One audited transaction per call; each takes the version of the case the user saw."""

    def _date(self, d: date | None, label: str, field: str, not_before: date | None, before_label: str) -> date:
        if d is None:
            raise ValidationError(f"请填写{label}。", field)
        if d > self._today():
            raise ValidationError(f"{label}不能晚于今天，请核对。", field)
        if not_before is not None and d < not_before:
            raise ValidationError(f"{label}不能早于{before_label}（{cn_date(not_before)}），请核对。", field)
        return d

    # -- 送达 of a notice that has no event row of its own ---------------------------------------
    def servable(self, rid: int) -> list[ServableNotice]:
        """Signed notices whose 送达 is recorded here (延期, 决定公开, 说明理由, 延迟答复)."""
        kinds = [k.value for k in SERVED_ON_LETTER]
        with self._db.read() as uow:
            rows = uow.session.scalars(select(Letter).where(
                Letter.request_id == rid, Letter.state == SIGNED, Letter.kind.in_(kinds)).order_by(Letter.id)).all()
            return [ServableNotice(x.id, LetterKind(x.kind), f"{x.kind}（{x.doc_number}）", x.served_on) for x in rows]

    def record_served(self, actor: Actor, rid: int, version: int, letter_id: int, served_on: date,
                      method: str = "") -> RequestDetail:
        """The day the addressee received a signed notice; never before its 成文日期, never in the future."""
        _allowed(actor, _SERVERS, "登记通知书送达")

        def change(s, req: Request):
            letter = s.get(Letter, letter_id)
            if letter is None or letter.request_id != req.id:
                raise NotFound(f"该申请没有编号为{letter_id}的文书。")
            if LetterKind(letter.kind) not in SERVED_ON_LETTER:
                raise ValidationError(f"{letter.kind}的送达不在此登记（答复书在“登记答复”，补正、缴费、征求意见"
                                      "在各自的送达或收到日期中登记）。", "letter")
            if letter.state != SIGNED:
                raise ValidationError(f"{letter.kind}（{letter.doc_number}）尚未签发，签发后方可送达。", "letter")
            self._date(served_on, "送达日期", "served_on", issue_date_of(letter), f"{letter.kind}的成文日期")
            record(s, actor, "通知书送达", req.id, f"{letter.kind}（{letter.doc_number}）",
                   letter.served_on, served_on, method)
            letter.served_on, letter.served_method = served_on, method.strip()[:20]
        return self._update(actor, rid, version, change, CaseStep.RECORD_SERVICE)

    # -- Art 32: the objection held not 合理 ----------------------------------------------------
    def assess_objection(self, actor: Actor, rid: int, version: int, consultation_id: int,
                         reason: str) -> RequestDetail:
        """The third party's 不同意 is weighed and held not 合理: disclosure proceeds without an Art 32 decision."""
        _allowed(actor, _DECIDERS, "认定第三方异议不合理")

        def change(s, req: Request):
            c = next((x for x in req.consultations if x.id == consultation_id), None)
            if c is None:
                raise NotFound(f"未找到编号为{consultation_id}的征求意见记录。")
            if c.kind != PauseKind.THIRD_PARTY.value or c.answer != "不同意":
                raise ValidationError("只有第三方答复“不同意”的，才需记录其意见不合理的理由。", "consultation")
            if not reason.strip():
                raise ValidationError("请写明第三方意见不合理的理由（如所称商业秘密已经公开、与申请信息无关）。",
                                      "objection_assessment")
            record(s, actor, "第三方异议不合理", req.id, c.party, c.objection_assessment, reason.strip())
            c.objection_assessment = reason.strip()
        return self._update(actor, rid, version, change, CaseStep.DECIDE_DISCLOSURE)

    # -- Art 35: the applicant's answer ---------------------------------------------------------
    def record_reasons_answer(self, actor: Actor, rid: int, version: int, answer: str, answered_on: date,
                              note: str = "") -> RequestDetail:
        """理由合理 / 理由不合理 (with what was said), or 逾期未说明 once the period has run out."""
        _allowed(actor, _RECORDERS, "登记说明理由答复")

        def change(s, req: Request):
            if not Status(req.status).is_open:
                raise ValidationError("已答复的申请不能再登记说明理由的答复。")
            if answer not in art35.ANSWERS:
                raise ValidationError(f"申请人的答复应为：{'、'.join(art35.ANSWERS)}。", "answer")
            n = art35.served_request(case_facts(s, req.id), "登记说明理由答复")
            self._date(answered_on, "答复登记日期", "answered_on", n.served_on, "通知书送达日期")
            if answer == art35.NO_ANSWER:
                due = art35.answer_due(load_calendar(s), n)
                if answered_on <= due:
                    raise ValidationError(f"说明理由的期限至{cn_date(due)}届满（{cn_date(n.served_on)}送达），"
                                          "届满后方可登记“逾期未说明”。", "answered_on")
            elif not note.strip():
                raise ValidationError("请摘要写明申请人说明的理由及审查意见（答复书据此表述）。", "note")
            _store_answer(s, actor, req, answer, answered_on, note.strip())
        return self._update(actor, rid, version, change, CaseStep.RECORD_SERVICE)

    # -- what the workbench lists ---------------------------------------------------------------
    def unissued(self, rid: int) -> list[tuple[str, str]]:
        with self._db.read() as uow:
            return unissued_notices(uow.session, load_request(uow.session, rid))

    def pending(self, limit: int = 200) -> list[PendingNotice]:
        """Open cases' notices not yet signed, or signed and not yet served (the law's notices first)."""
        open_states = [s.value for s in Status if s.is_open]
        with_events = union(*(select(m.request_id) for m in (Correction, Consultation, Extension, FeeNotice)))
        out: list[PendingNotice] = []
        with self._db.read() as uow:
            s = uow.session
            for req in s.scalars(select(Request).where(Request.status.in_(open_states),
                                                       Request.id.in_(with_events)).order_by(Request.reply_due)):
                for notice, state in unissued_notices(s, req):
                    out.append(PendingNotice(req.id, req.number, notice, state))
                if len(out) >= limit:
                    break
        return out[:limit]


def _store_answer(s, actor: Actor, req: Request, answer: str, on: date, note: str) -> None:
    row = s.scalar(select(ReasonsAnswer).where(ReasonsAnswer.request_id == req.id))
    old = f"{row.answer}（{row.answered_on}）" if row is not None else ""
    if row is None:
        row = ReasonsAnswer(request_id=req.id, answer=answer, answered_on=on, recorded_at=datetime.now())
        s.add(row)
    row.answer, row.answered_on, row.note = answer, on, note
    row.recorded_by, row.recorded_at = actor.username, datetime.now()
    record(s, actor, "说明理由答复", req.id, "申请人答复", old, f"{answer}（{on}）", note)
