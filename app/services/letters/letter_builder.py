"""Letter data from a case: applicant, dates, 补正/extension history, decision, fee, due dates.

A notice lacking one of its facts is refused with a message naming the field, never printed with a gap.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Callable

from app.errors import ValidationError
from app.exports.letters.data import LetterData
from app.exports.letters.kinds import LetterKind
from app.exports.letters.law_titles import is_statute_title, prohibiting_law, references
from app.exports.letters.legal import (
    THIRD_PARTY_WORDS, RulingUnknown, outcome_label, remedy_clause, ruling_for, third_party_remedy,
    third_party_words,
)
from app.exports.letters.wording import (
    DISCLOSABLE_PART, WHOLE, clean_clause, fee_quantity_text, fee_standard_text, history_sentences, money, provision_sentence,
    request_subject, rmb_upper, sentence,
)
from app.services.dto import RequestDetail
from app.services.letters.lapse_recital import lapse_recital
from app.services.letters.receipt_sentence import receipt_sentence
from app.services.letters.gates import art35
from app.services.letters.gates.notices import CaseFacts, event_ref
from app.services.letters.gates.recitals import recital
from app.services.settings_service import OfficeSettings
from app.workflow.dates import cn_date
from app.workflow.deadline import PauseKind
from app.workflow.outcomes import Decision

_IN_REASONS = "请在“答复理由”中填写（答复理由印入答复书）。"
_REASONS_NEEDED = {
    "已主动公开": "已主动公开的，须告知获取该信息的方式和途径（条例第三十六条第（一）项）。",
    "部分公开": "部分公开的，须说明不予公开部分的内容和理由（条例第三十七条）。",
    "不予公开": "不予公开的，须说明理由（条例第三十六条第（三）项）。",
    "非本机关负责": "非本机关负责公开的，须说明理由，能够确定负责公开的机关的，写明其名称和联系方式"
                  "（条例第三十六条第（五）项）。",
    "特别规定": "属于有特别规定的信息的，须告知申请人依照哪部法律、行政法规办理（条例第三十六条第（七）项）。",
}


@dataclass(frozen=True)
class Extra:
    """What a letter needs besides the case: the served document (送达回证) and the issued notices.

    ``facts`` None (a library draft, a past letter rebuilt) recites events without their notices."""

    served: str = ""
    facts: CaseFacts | None = None


def build_letter_data(d: RequestDetail, settings: OfficeSettings, kind: LetterKind,
                      served_document: str = "", facts: CaseFacts | None = None) -> LetterData:
    """Everything the letter of ``kind`` says about case ``d``; raises ValidationError when a fact is missing."""
    if d.receipt_date is None and kind is not LetterKind.SERVICE:
        raise ValidationError("该申请尚未确认收到（收到申请之日未确定），不能出具文书。请先办理“确认收到”。")
    address = d.address + (f"（邮编：{d.postcode}）" if d.postcode else "")
    base = dict(kind=kind.value, title=kind.value, agency_name=settings.agency_name,
                agency_short=settings.agency_short, addressee=d.applicant_name,
                applicant_name=d.applicant_name, applicant_address=address, request_number=d.number,
                receipt_date=cn_date(d.receipt_date), request_content=request_subject(d.description))
    base.update(_BUILDERS[kind](d, settings, Extra(served_document, facts)))
    return LetterData(**base)


def _missing(message: str, field: str):
    return ValidationError(message, field)


def _provisional_clause(d: RequestDetail, due) -> str:
    """A letter states a date counted through a year without its holiday notice only as 暂定, saying why
    (chosen over refusing it: a 受理回执 in December must still be issued; templates README)."""
    years = [y for y in d.deadline.provisional_years if y <= due.year]
    if not years or not d.deadline.mark(due):
        return ""
    named = "、".join(f"{y}年" for y in years)
    return (f"该日期为暂定：{named}节假日安排尚未公布，按《全国年节及纪念日放假办法》规定的节假日推算，"
            "如国务院办公厅公布的安排有调整，以调整后计算的日期为准")


def _parenthesised(text: str) -> str:
    return f"（{text}）" if text else ""


def _receipt(d: RequestDetail, _s, _served) -> dict:
    due = d.deadline.reply_due
    return receipt_sentence(d, _provisional_clause(d, due) if due else "")


def _correction(d: RequestDetail, _s, _served) -> dict:
    if not d.corrections:
        raise _missing("该申请没有补正告知记录，请先办理“告知补正”并写明需要补正的事项。", "corrections")
    c = d.corrections[-1]
    if not c.content.strip():
        raise _missing("补正告知书缺少“补正事项”（需要补正的具体内容），请先填写。", "correction_content")
    return {"correction_content": sentence(c.content), "correction_period": str(c.period_days),
            "event_ref": event_ref("correction", c.id)}


def _extension(d: RequestDetail, _s, _served) -> dict:
    if not d.extensions:
        raise _missing("该申请没有批准延期的记录，请先办理“批准延期”。", "extensions")
    e = d.extensions[-1]
    if not clean_clause(e.reason):
        raise _missing("延长答复期限告知书缺少“延期理由”，请先补录延期理由。", "extension_reason")
    if d.deadline.reply_due is None:
        raise ValidationError("该申请的答复期限尚未起算，不能出具延期告知书。")
    due = d.deadline.reply_due
    return {"extension_reason": clean_clause(e.reason), "extension_days": str(e.days),
            "new_due_date": cn_date(due) + _parenthesised(_provisional_clause(d, due)),
            "event_ref": event_ref("extension", e.id)}


def _consulted(d: RequestDetail, kind: PauseKind, what: str) -> dict:
    found = [c for c in d.consultations if c.kind == kind.value]
    if not found:
        raise _missing(f"该申请没有{what}的记录，请先办理“发起征求意见”并填写征求意见对象。", "consultations")
    party = clean_clause(found[-1].party)
    if not party:
        raise _missing(f"{what}缺少“征求意见对象”（第三方或机关名称），请先补录。", "party")
    return {"addressee": party, "event_ref": event_ref("consultation", found[-1].id), **_to_party(found[-1])}


def _to_party(c) -> dict:
    """A letter to a consulted party names the 征求意见事项, never the applicant (个人信息保护法 第六条)."""
    if c.matter_flag:
        raise _missing(c.matter_flag, "matter")
    return {"request_content": request_subject(c.matter), "applicant_name": "", "applicant_address": ""}


def _consultation(d: RequestDetail, _s, _served) -> dict:
    return _consulted(d, PauseKind.THIRD_PARTY, "征求第三方意见")


def _agency_consultation(d: RequestDetail, _s, _served) -> dict:
    return _consulted(d, PauseKind.OTHER_AGENCY, "征求其他机关意见")


def _disclosure_decision(d: RequestDetail, settings: OfficeSettings, _served) -> dict:
    """Art 32: to the third party, what will be disclosed over its objection and why, before disclosure."""
    decided = [c for c in d.consultations if c.kind == PauseKind.THIRD_PARTY.value and c.disclosure_reasons.strip()]
    if not decided:
        raise _missing("尚未记录“决定公开的理由”（第三方不同意公开而本机关决定公开的），"
                       "请先办理“决定公开（第三方不同意）”并填写理由。", "disclosure_reasons")
    c = decided[-1]
    if not clean_clause(c.party):
        raise _missing("该征求意见记录缺少“征求意见对象”（第三方名称），请先补录。", "party")
    opinion = clean_clause(c.opinion)
    return {"addressee": clean_clause(c.party), **_to_party(c), "consulted_on": cn_date(c.sent_on),
            "party_opinion": f"您（单位）提出不同意公开的意见：{opinion}" if opinion else "您（单位）不同意公开",
            "disclosure_reasons": sentence(c.disclosure_reasons), "event_ref": event_ref("consultation", c.id),
            "remedy": third_party_remedy(settings.review_body, settings.court)}


def _reasons_request(_d: RequestDetail, settings: OfficeSettings, _served) -> dict:
    return {"reasons_period": str(settings.reasons_period_days)}


def _reasonable_deadline(d: RequestDetail, _s, x: Extra) -> dict:
    if d.override_due is None:
        raise _missing("该申请尚未依第三十五条确定延迟答复的合理期限，请先办理“另定期限”。", "override_due")
    if not clean_clause(d.override_reason):
        raise _missing("延迟答复告知书缺少“另定期限的理由”，请先补录。", "override_reason")
    recited = art35.later_deadline_recital(x.facts) if x.facts is not None else ""
    return {"new_due_date": cn_date(d.override_due), "override_reason": clean_clause(d.override_reason),
            "reasons_recital": recited}


def _withdrawal(d: RequestDetail, settings: OfficeSettings, _served) -> dict:
    if not settings.withdrawal_notice:
        raise ValidationError("本机关设置为申请人撤回时不出具终止办理告知书（设置 → 撤回时出具终止办理告知书）。",
                              "withdrawal_notice")
    from app.workflow.outcomes import WITHDRAWN

    if d.decision != WITHDRAWN or d.reply_date is None:
        raise ValidationError("该申请没有撤回记录，不能出具终止办理告知书。", "decision")
    return {"withdrawn_on": cn_date(d.reply_date)}


def _fee(d: RequestDetail, settings: OfficeSettings, _served) -> dict:
    if not d.fees:
        raise _missing("该申请没有缴费通知记录，请先办理“发出缴费通知”。", "fees")
    f = d.fees[-1]
    if not settings.fee_payment.strip():
        raise _missing("设置中缺少“信息处理费缴纳方式”（非税收入账户或缴费窗口、财政票据），请管理员先填写。",
                       "fee_payment")
    return {"fee_method": f.method, "fee_quantity": fee_quantity_text(f.method, f.quantity),
            "fee_amount": money(f.amount), "fee_amount_upper": rmb_upper(f.amount),
            "fee_standard": fee_standard_text(f.method), "fee_payment": clean_clause(settings.fee_payment),
            "fee_time_basis": settings.fee_time_basis.strip() or "《政府信息公开信息处理费管理办法》",
            "event_ref": event_ref("fee", f.id)}


def _service(d: RequestDetail, _s, x: Extra) -> dict:
    return {"served_document": x.served or LetterKind.REPLY.value, "service_method": d.service_method}


def _reply(d: RequestDetail, settings: OfficeSettings, x: Extra) -> dict:
    try:
        ruling = ruling_for(d.outcome, d.decision, d.withheld_ground)
    except RulingUnknown as e:
        raise ValidationError(str(e), e.field) from None
    decision = Decision.from_label(d.decision)
    leaf = d.outcome if decision in (Decision.WITHHOLD, Decision.NOT_PROCESSED) else ""
    ground = d.withheld_ground if decision is Decision.PARTIAL else leaf
    reasons = d.decision_reasons.strip()
    if ruling.reasons_required and not reasons:
        key = d.decision if d.decision in _REASONS_NEEDED else ruling.variant
        raise _missing(_REASONS_NEEDED.get(key, f"“{ruling.variant}”答复须写明理由。") + _IN_REASONS,
                       "decision_reasons")
    if ground == "三.2":                 # the prohibiting law stands in the 根据 clause
        try:
            ruling = replace(ruling, extra_law=prohibiting_law(reasons))
        except ValueError as e:
            raise _missing(str(e), "decision_reasons") from None
    if ground == "三.4":
        ruling = replace(ruling, ground=ruling.ground.replace(THIRD_PARTY_WORDS, third_party_words(reasons)))
    ruling = _with_route(ruling, leaf, d)
    gives_information = ruling.variant in ("予以公开", "部分公开") and decision is not Decision.PROACTIVELY_DISCLOSED
    if leaf == "五.4" and x.facts is not None:
        ruling = replace(ruling, ground=art35.not_processed_ground(x.facts))
    history = (recital(d, x.facts, art35_in_ground=leaf == "五.4") if x.facts is not None else history_sentences(
        corrections=[(c.requested_on, c.received_on) for c in d.corrections],
        consultations=[(c.kind, c.party, c.sent_on) for c in d.consultations],
        extensions=[(e.approved_on, e.days) for e in d.extensions],
        payments=[(f.paid_amount if f.paid_amount is not None else f.amount, f.paid_on)
                  for f in d.fees if f.paid_on])) + lapse_recital(d)      # a lapse's proof, either way
    return {
        "variant": ruling.variant, "history": history, "decision": d.decision,
        "outcome": outcome_label(d.outcome), "ground": ruling.ground,
        "reasons_sentence": sentence(reasons), "legal_basis": ruling.citation,
        "conclusion": ruling.conclusion,
        "provision": _provision(d, settings, decision is Decision.PARTIAL) if gives_information else "",
        "remedy": remedy_clause(ruling.review_first, settings.review_body, settings.court),
    }


def _with_route(ruling, leaf: str, d: RequestDetail):
    """三.8 cites the law giving the query channel and says where to query; 五.3 where to obtain."""
    route = clean_clause(d.access_route)
    if leaf == "三.8":
        law = clean_clause(d.query_law)
        if not law:
            raise _missing("属于行政查询事项的，须填写提供查询渠道的法律依据（如《不动产登记资料查询暂行办法》"
                           "第×条），答复书据此引用。", "query_law")
        if not route:
            raise _missing("属于行政查询事项的，须填写查询途径（到何处、通过何种渠道查询）。", "access_route")
        # a channel set by a 法律 or 行政法规 is a 36(7) 另有规定; one set by a 规章 is cited alone
        statute = any(is_statute_title(t) for t, _ in references(law))
        articles = ("第三十六条第（七）项",) if statute else ruling.articles
        return replace(ruling, articles=articles, extra_law=law, conclusion=f"{ruling.conclusion}。查询途径：{route}")
    if leaf == "五.3":
        if not route:
            raise _missing("要求提供公开出版物的，须告知获取途径（如出版物名称、发行或查阅地点），请填写获取途径。",
                           "access_route")
        return replace(ruling, conclusion=f"{ruling.conclusion}：{route}")
    return ruling


def _provision(d: RequestDetail, settings: OfficeSettings, partial: bool = False) -> str:
    place = clean_clause(d.collection_place) or clean_clause(settings.collection_place)
    hours = clean_clause(d.collection_hours) or clean_clause(settings.collection_hours)
    if d.delivery == "自行领取":
        if not place:
            raise _missing("申请人选择自行领取，答复书须写明领取地点，请在设置或本答复中填写“领取地点”。",
                           "collection_place")
        if not hours:
            raise _missing("申请人选择自行领取，答复书须写明领取时间，请在设置或本答复中填写“领取时间”。",
                           "collection_hours")
    what = DISCLOSABLE_PART if partial else WHOLE
    return provision_sentence(d.requested_form, d.delivery, d.email, place, hours, what)


_BUILDERS: dict[LetterKind, Callable[[RequestDetail, OfficeSettings, Extra], dict]] = {
    LetterKind.RECEIPT: _receipt, LetterKind.CORRECTION: _correction, LetterKind.EXTENSION: _extension,
    LetterKind.CONSULTATION: _consultation, LetterKind.FEE: _fee, LetterKind.REPLY: _reply,
    LetterKind.SERVICE: _service, LetterKind.DISCLOSURE_DECISION: _disclosure_decision,
    LetterKind.AGENCY_CONSULTATION: _agency_consultation, LetterKind.REASONS_REQUEST: _reasons_request,
    LetterKind.REASONABLE_DEADLINE: _reasonable_deadline, LetterKind.WITHDRAWAL: _withdrawal,
}
