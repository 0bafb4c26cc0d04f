"""Facts letters need that arrive after the event: 送达 of notices, the decision of an imported case,
Art 32 reasons to disclose over a third party's objection, collection details for one letter."""

from __future__ import annotations

from datetime import date

from app.errors import NotFound, ValidationError
from app.models import Consultation, Request
from app.services.cases.case_facts_update import CaseFactService
from app.services.trust.audit import record
from app.services.cases.consultation_matter import matter_of
from app.services.dto import Actor, RequestDetail
from app.services.cases.reply_facts import apply_reply_facts
from app.workflow.authority import CaseStep
from app.workflow.deadline import PauseKind
from app.workflow.outcomes import Decision
from app.workflow.vocabulary import Role

_DECIDERS = (Role.HANDLER, Role.CHIEF, Role.ADMIN)


class LetterFactsService(CaseFactService):
    """One audited transaction per call; each takes the version the user saw; the actor's log-in
    session is verified first (ActingService), and names come from the users table."""

    def _not_future(self, d: date | None, label: str, field: str, not_before: date | None = None) -> date:
        if d is None:
            raise ValidationError(f"请填写{label}。", field)
        if d > self._today():
            raise ValidationError(f"{label}不能晚于今天，请核对。", field)
        if not_before and d < not_before:
            raise ValidationError(f"{label}不能早于发出日期，请核对。", field)
        return d

    def record_correction_served(self, actor: Actor, rid: int, version: int, served_on: date) -> RequestDetail:
        """送达 of the latest 补正 notice: the applicant's period runs from this day (domain §3)."""
        def change(s, req: Request):
            if not req.corrections:
                raise ValidationError("该申请没有补正告知记录。", "served_on")
            c = req.corrections[-1]
            self._not_future(served_on, "补正告知书送达日期", "served_on", c.requested_on)
            record(s, actor, "补正告知书送达", req.id, "送达日期", c.notice_served_on, served_on)
            c.notice_served_on = served_on
        return self._update(actor, rid, version, change, CaseStep.RECORD_SERVICE)

    def record_fee_notice_served(self, actor: Actor, rid: int, version: int, served_on: date) -> RequestDetail:
        """送达 of the latest 缴费通知书: the 20 working days to pay run from the day after (domain §3)."""
        def change(s, req: Request):
            if not req.fee_notices:
                raise ValidationError("该申请没有缴费通知记录。", "received_on")
            f = req.fee_notices[-1]
            self._not_future(served_on, "缴费通知书送达日期", "received_on", f.issued_on)
            record(s, actor, "缴费通知书送达", req.id, "送达日期", f.received_on, served_on)
            f.received_on = served_on
        return self._update(actor, rid, version, change, CaseStep.RECORD_SERVICE)

    def set_extension_reason(self, actor: Actor, rid: int, version: int, reason: str) -> RequestDetail:
        """The latest extension's 延期理由 (e.g. an imported one without it): its notice prints it."""
        def change(s, req: Request):
            if not req.extensions:
                raise ValidationError("该申请没有批准延期的记录。", "extension_reason")
            if not reason.strip():
                raise ValidationError("请填写延期理由（写入延长答复期限告知书）。", "extension_reason")
            e = req.extensions[-1]
            record(s, actor, "补录延期理由", req.id, "延期理由", e.reason, reason.strip())
            e.reason = reason.strip()
        return self._update(actor, rid, version, change, CaseStep.ISSUE_NOTICE)

    def record_consultation_receipt(self, actor: Actor, rid: int, version: int, consultation_id: int,
                                    received_on: date) -> RequestDetail:
        """The consulted party's receipt of the letter: its 15-working-day window runs from it."""
        def change(s, req: Request):
            c = _consultation(req, consultation_id)
            self._not_future(received_on, "对方收到日期", "party_received_on", c.sent_on)
            record(s, actor, "登记收到日期", req.id, f"{c.kind}（{c.party}）", c.party_received_on, received_on)
            c.party_received_on = received_on
        return self._update(actor, rid, version, change, CaseStep.RECORD_SERVICE)

    def set_consultation_matter(self, actor: Actor, rid: int, version: int, consultation_id: int,
                                matter: str) -> RequestDetail:
        """征求意见事项: what the letter to the party names (the information, never the applicant); audited."""
        def change(s, req: Request):
            c = _consultation(req, consultation_id)
            if not matter.strip():
                raise ValidationError("请填写征求意见事项（所涉政府信息的名称或内容）。", "matter")
            record(s, actor, "征求意见事项", req.id, f"{c.kind}（{c.party}）", matter_of(req, c), matter.strip())
            c.matter = matter.strip()
        return self._update(actor, rid, version, change, CaseStep.ISSUE_DRAFT)

    def decide_disclosure_over_objection(self, actor: Actor, rid: int, version: int, consultation_id: int,
                                         reasons: str) -> RequestDetail:
        """Art 32: disclose although the third party objects; the reasons go to it in writing first."""
        if actor.role not in _DECIDERS:
            raise ValidationError("无权作出该决定。")

        def change(s, req: Request):
            c = _consultation(req, consultation_id)
            if c.kind != PauseKind.THIRD_PARTY.value:
                raise ValidationError("只有征求第三方意见的，才需书面告知第三方决定公开的内容和理由。", "consultation")
            if c.answer == "同意":
                raise ValidationError("该第三方已同意公开，无需作出“第三方不同意而决定公开”的决定。", "consultation")
            if not reasons.strip():
                raise ValidationError("请填写决定公开的理由（不公开可能对公共利益造成重大影响的具体理由）。",
                                      "disclosure_reasons")
            record(s, actor, "决定公开（第三方不同意）", req.id, c.party, c.disclosure_reasons, reasons.strip())
            c.disclosure_reasons = reasons.strip()
        return self._update(actor, rid, version, change, CaseStep.DECIDE_DISCLOSURE)

    def set_reply_facts(self, actor: Actor, rid: int, version: int, decision: str = "", reasons: str = "",
                        **facts: str) -> RequestDetail:
        """The decision (e.g. for an imported case that has only an outcome) and the reply's facts."""
        def change(s, req: Request):
            if decision:
                if Decision.from_label(decision) is None:
                    choices = "、".join(d.label for d in Decision)
                    raise ValidationError(f"答复决定应为：{choices}。", "decision")
                if decision != req.decision:
                    record(s, actor, "答复要素", req.id, "答复决定", req.decision, decision)
                    req.decision = decision
            if reasons.strip() and reasons != req.decision_reasons:
                record(s, actor, "答复要素", req.id, "答复理由", req.decision_reasons, reasons)
                req.decision_reasons = reasons
            apply_reply_facts(s, actor, req, **facts)
        return self._update(actor, rid, version, change, CaseStep.REPLY_FACTS)


def _consultation(req: Request, consultation_id: int) -> Consultation:
    c = next((c for c in req.consultations if c.id == consultation_id), None)
    if c is None:
        raise NotFound(f"未找到编号为{consultation_id}的征求意见记录。")
    return c
