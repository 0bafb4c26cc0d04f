"""Letter data from a case: applicant, dates, 补正/extension history, decision, fee, due dates."""

from __future__ import annotations

from typing import Callable

from app.errors import ValidationError
from app.exports.letters.data import LetterData
from app.exports.letters.kinds import LetterKind
from app.exports.letters.legal import RulingUnknown, outcome_label, remedy_clause, ruling_for
from app.exports.letters.wording import (
    clean_clause, fee_quantity_text, history_sentences, money, provision_sentence, request_subject, rmb_upper, sentence,
)
from app.services.dto import RequestDetail
from app.services.settings_service import OfficeSettings
from app.workflow.dates import cn_date
from app.workflow.deadline import PauseKind

_REASONS_NEEDED = {
    "已主动公开": "已主动公开的，须告知获取该信息的方式和途径（条例第三十六条第（一）项），请在拟办意见的理由中填写。",
    "部分公开": "部分公开的，须说明不予公开部分的内容和理由（条例第三十七条），请在拟办意见的理由中填写。",
    "非本机关负责": "非本机关负责公开的，须说明理由，能够确定负责公开的机关的，写明其名称和联系方式"
                  "（条例第三十六条第（五）项）。请在拟办意见的理由中填写。",
    "特别规定": "属于有特别规定的信息的，须告知申请人依照哪部法律、行政法规办理（条例第三十六条第（七）项），"
               "请在拟办意见的理由中填写。",
}


def build_letter_data(d: RequestDetail, settings: OfficeSettings, kind: LetterKind,
                      served_document: str = "") -> LetterData:
    """Everything the letter of ``kind`` says about case ``d``; raises ValidationError when a fact is missing."""
    if d.receipt_date is None and kind is not LetterKind.SERVICE:
        raise ValidationError("该申请尚未确认收到（收到申请之日未确定），不能出具文书。请先办理“确认收到”。")
    address = d.address + (f"（邮编：{d.postcode}）" if d.postcode else "")
    base = dict(kind=kind.value, title=kind.value, agency_name=settings.agency_name,
                agency_short=settings.agency_short, addressee=d.applicant_name,
                applicant_name=d.applicant_name, applicant_address=address, request_number=d.number,
                receipt_date=cn_date(d.receipt_date), request_content=request_subject(d.description))
    base.update(_BUILDERS[kind](d, settings, served_document))
    return LetterData(**base)


def _receipt(d: RequestDetail, _s, _served) -> dict:
    due = d.deadline.reply_due
    return {"reply_due_note": f"（即于{cn_date(due)}前）" if due else ""}


def _correction(d: RequestDetail, _s, _served) -> dict:
    if not d.corrections:
        raise ValidationError("该申请没有补正告知记录，请先办理“告知补正”并写明需要补正的事项。")
    c = d.corrections[-1]
    return {"correction_content": sentence(c.content), "correction_period": str(c.period_days)}


def _extension(d: RequestDetail, _s, _served) -> dict:
    if not d.extensions:
        raise ValidationError("该申请没有批准延期的记录，请先办理“批准延期”。")
    e = d.extensions[-1]
    if d.deadline.reply_due is None:
        raise ValidationError("该申请的答复期限尚未起算，不能出具延期告知书。")
    return {"extension_reason": clean_clause(e.reason) or "需要进一步检索、核实相关信息",
            "extension_days": str(e.days), "new_due_date": cn_date(d.deadline.reply_due)}


def _consultation(d: RequestDetail, _s, _served) -> dict:
    third = [c for c in d.consultations if c.kind == PauseKind.THIRD_PARTY.value]
    if not third:
        raise ValidationError("该申请没有征求第三方意见的记录，请先办理“发起征求意见”并填写第三方名称。")
    return {"addressee": third[-1].party}


def _fee(d: RequestDetail, _s, _served) -> dict:
    if not d.fees:
        raise ValidationError("该申请没有缴费通知记录，请先办理“发出缴费通知”。")
    f = d.fees[-1]
    return {"fee_method": f.method, "fee_quantity": fee_quantity_text(f.method, f.quantity),
            "fee_amount": money(f.amount), "fee_amount_upper": rmb_upper(f.amount)}


def _service(d: RequestDetail, _s, served: str) -> dict:
    return {"served_document": served or LetterKind.REPLY.value, "service_method": d.service_method}


def _reply(d: RequestDetail, settings: OfficeSettings, _served) -> dict:
    try:
        ruling = ruling_for(d.outcome, d.decision)
    except RulingUnknown as e:
        raise ValidationError(str(e), "outcome") from None
    key = d.decision if d.decision in _REASONS_NEEDED else ruling.variant
    if ruling.reasons_required and not d.decision_reasons.strip():
        raise ValidationError(_REASONS_NEEDED.get(key, f"“{ruling.variant}”答复须写明理由。"), "decision_reasons")
    gives_information = ruling.variant in ("予以公开", "部分公开") and d.decision != "已主动公开"
    history = history_sentences(
        corrections=[(c.requested_on, c.received_on) for c in d.corrections],
        consultations=[(c.kind, c.party, c.sent_on) for c in d.consultations],
        extensions=[(e.approved_on, e.days) for e in d.extensions],
        payments=[(f.paid_amount if f.paid_amount is not None else f.amount, f.paid_on)
                  for f in d.fees if f.paid_on])
    return {
        "variant": ruling.variant, "history": history, "decision": d.decision,
        "outcome": outcome_label(d.outcome), "ground": ruling.ground,
        "reasons_sentence": sentence(d.decision_reasons), "legal_basis": ruling.citation,
        "conclusion": ruling.conclusion,
        "provision": provision_sentence(d.requested_form, d.delivery, d.email) if gives_information else "",
        "remedy": remedy_clause(ruling.review_first, settings.review_body, settings.court),
    }


_BUILDERS: dict[LetterKind, Callable[[RequestDetail, OfficeSettings, str], dict]] = {
    LetterKind.RECEIPT: _receipt, LetterKind.CORRECTION: _correction, LetterKind.EXTENSION: _extension,
    LetterKind.CONSULTATION: _consultation, LetterKind.FEE: _fee, LetterKind.REPLY: _reply,
    LetterKind.SERVICE: _service,
}
