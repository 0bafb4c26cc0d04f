"""Gates at 提交签批 and 登记答复: Art 32 (disclosure over an objection) and Art 35 (五.4) need their facts."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from app.errors import ValidationError
from app.exports.letters.kinds import LetterKind
from app.models import Consultation, Request
from app.services.letters.gates import art35
from app.services.letters.gates.notices import case_facts, event_ref
from app.workflow.dates import cn_date
from app.workflow.deadline import PauseKind
from app.workflow.outcomes import Decision

DISCLOSING = (Decision.DISCLOSE.label, Decision.PARTIAL.label)


def objections(req: Request) -> list[Consultation]:
    """Third parties consulted under Art 32 that answered 不同意."""
    return [c for c in req.consultations if c.kind == PauseKind.THIRD_PARTY.value and c.answer == "不同意"]


def require_at_submit(s: Session, req: Request) -> None:
    """提交签批: disclosure over an objection is decided (Art 32) or the objection held not 合理;
    五.4 has its 要求说明理由通知书 served and the applicant's answer recorded."""
    _require_objections_settled(req, "再提交签批")
    if req.decision == Decision.NOT_PROCESSED.label and req.outcome == "五.4":
        art35.require_not_processed(case_facts(s, req.id))


def require_at_reply(s: Session, req: Request, reply_date: date) -> None:
    """登记答复: the 决定公开政府信息告知书 promises disclosure only 在本告知书送达后."""
    if req.decision not in DISCLOSING:
        return
    _require_objections_settled(req, "再登记答复")        # a decision changed after 提交签批 (答复要素) too
    facts = case_facts(s, req.id)
    for c in objections(req):
        if not c.disclosure_reasons.strip():
            continue
        n = facts.issued(LetterKind.DISCLOSURE_DECISION, event_ref("consultation", c.id))
        if n is None:
            raise ValidationError(f"已决定在第三方“{c.party}”不同意的情况下公开，但决定公开政府信息告知书尚未签发。"
                                  "请先出具、签发并送达该告知书，再登记答复。", "disclosure_notice")
        if n.served_on is None:
            raise ValidationError(f"决定公开政府信息告知书（{n.doc_number}）尚未登记送达第三方“{c.party}”，"
                                  "告知书载明“在本告知书送达后”公开。请先办理“登记通知书送达”，再登记答复。",
                                  "served_on")
        if reply_date < n.served_on:
            raise ValidationError(f"答复日期{cn_date(reply_date)}早于决定公开政府信息告知书送达第三方之日"
                                  f"（{cn_date(n.served_on)}），信息只能在告知书送达后公开，请核对答复日期。",
                                  "reply_date")


def _require_objections_settled(req: Request, then: str) -> None:
    if req.decision not in DISCLOSING:
        return
    for c in objections(req):
        if not c.disclosure_reasons.strip() and not c.objection_assessment.strip():
            raise ValidationError(
                f"第三方“{c.party}”不同意公开，答复决定却为“{req.decision}”。请先办理“决定公开（第三方不同意）”"
                "并填写决定公开的理由（条例第三十二条，须书面告知第三方），或办理“第三方异议不合理”"
                f"写明其意见不合理的理由，{then}。", "disclosure_reasons")
