"""登记答复's facts: the signed 答复书 served, on or after its 成文日期, once every reply gate holds."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from app.errors import ValidationError
from app.models import Request
from app.services.trust.audit import record
from app.services.cases.date_order import require_on_or_after_letter
from app.services.dto import Actor
from app.services.letters.gates.decision import require_at_reply
from app.services.letters.letter_service import signed_reply
from app.workflow.vocabulary import ServiceMethod


def serve_reply(s: Session, actor: Actor, req: Request, reply_date: date, service_method: ServiceMethod,
                service_date: date | None, decision: str = "", reasons: str = "") -> None:
    """Record that the case's signed reply was served; its 文号 becomes the case's 答复文号 (audited)."""
    letter = signed_reply(s, req.id)
    if letter is None:
        raise ValidationError("登记答复前须先出具并签发答复书：请在“生成文书”中由科室负责人签发"
                              "政府信息公开申请答复书。", "letter")
    require_on_or_after_letter(letter, reply_date, "答复日期", "reply_date")
    require_on_or_after_letter(letter, service_date, "送达日期", "service_date")
    require_at_reply(s, req, reply_date)
    req.service_method = service_method.value
    req.service_date = service_date or reply_date
    if decision:
        req.decision = decision
    if reasons:
        req.decision_reasons = reasons
    record(s, actor, "送达", req.id, "送达文书", req.reply_doc_number, letter.doc_number,
           f"{letter.kind} 第{letter.revision}版")
    req.reply_doc_number = letter.doc_number
    record(s, actor, "送达", req.id, "送达方式", "", f"{service_method.value}（{req.service_date}）")
