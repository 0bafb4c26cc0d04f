"""LetterData: everything a letter says, already worded, as named template placeholders."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields, replace

from app.exports.letters.textnorm import letter_text

# Fields that change when a draft is refreshed or signed without its content changing.
_STAMP_FIELDS = ("doc_number", "issue_date")
# Never printed: a letter stored before notices named their event (event_ref "") still says the same thing.
_UNPRINTED = ("event_ref",)


@dataclass(frozen=True)
class LetterData:
    """One letter's placeholders (see resources/templates/README.md); all text, no ORM objects."""

    kind: str                       # LetterKind value, e.g. 政府信息公开申请答复书
    variant: str = ""               # reply variant, e.g. 不予公开
    title: str = ""                 # the document title under the agency name
    agency_name: str = ""
    agency_short: str = ""
    doc_number: str = ""            # 文号
    issue_date: str = ""            # 成文日期, e.g. 2025年3月28日
    addressee: str = ""             # 主送: the applicant, or the consulted third party
    applicant_name: str = ""
    applicant_address: str = ""
    request_number: str = ""        # 申请编号
    receipt_date: str = ""          # 收到申请之日
    request_content: str = ""       # what was asked (inside “ ”)
    history: str = ""               # 补正 / consultation / extension / fee sentences
    decision: str = ""              # e.g. 已主动公开, 不予公开
    outcome: str = ""               # statistical outcome label (table 三 leaf)
    ground: str = ""                # the legal ground in words
    reasons_sentence: str = ""      # the handler's specific reasons, a full sentence or empty
    legal_basis: str = ""           # 《中华人民共和国政府信息公开条例》第X条第（Y）项
    conclusion: str = ""            # what the office decides
    provision: str = ""             # how the information is provided
    remedy: str = ""                # 行政复议 / 行政诉讼 clause
    reply_due_note: str = ""        # receipt: "（即2025年2月21日前）"
    reply_period: str = ""          # receipt: from when the 20 days run, the due and what moved it
    correction_content: str = ""
    correction_period: str = ""
    extension_reason: str = ""
    extension_days: str = ""
    new_due_date: str = ""
    fee_method: str = ""
    fee_quantity: str = ""
    fee_amount: str = ""
    fee_amount_upper: str = ""
    served_document: str = ""       # 送达回证: title and 文号 of the letter served
    service_method: str = ""
    fee_standard: str = ""          # 缴费: the 收费标准 applied (办法第四条/第五条)
    fee_payment: str = ""           # 缴费: how to pay (settings: 非税收入 account or window, 财政票据)
    fee_time_basis: str = ""        # 缴费: what says the time to pay is not counted (settings)
    consulted_on: str = ""          # Art 32: the date the third party was consulted
    party_opinion: str = ""         # Art 32: the party's objection, as a clause
    disclosure_reasons: str = ""    # Art 32: why the office discloses nevertheless
    reasons_period: str = ""        # Art 35: working days to state reasons
    override_reason: str = ""       # Art 35: why a longer reasonable deadline
    withdrawn_on: str = ""          # 终止办理: the date of the withdrawal
    reasons_recital: str = ""       # Art 35: the 要求说明理由通知书 sent and the applicant's answer
    event_ref: str = ""             # the event a notice is about (e.g. extension:3), never printed

    def context(self) -> dict[str, str]:
        """The docxtpl context: every field by name, normalised once so Word and PDF print the same text."""
        return {k: letter_text(v) for k, v in asdict(self).items()}

    def content_key(self) -> tuple:
        """Everything but the 文号 and the date: equal keys mean the letter says the same thing."""
        return tuple((f.name, getattr(self, f.name)) for f in fields(self)
                     if f.name not in _STAMP_FIELDS + _UNPRINTED)

    def stamped(self, doc_number: str, issue_date: str) -> "LetterData":
        return replace(self, doc_number=doc_number, issue_date=issue_date)

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> "LetterData":
        raw = json.loads(text or "{}")
        known = {f.name for f in fields(cls)}
        return cls(**{k: str(v) for k, v in raw.items() if k in known})


def placeholder_names() -> tuple[str, ...]:
    """All placeholder names a template may use."""
    return tuple(f.name for f in fields(LetterData))
