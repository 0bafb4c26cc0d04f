"""The documents of domain §7: their titles, template files, 文号 codes and command-line names."""

from __future__ import annotations

from enum import StrEnum

# One reply variant per outcome (domain §7); each has its own Word template.
REPLY_VARIANTS = ("予以公开", "部分公开", "不予公开", "信息不存在", "非本机关负责", "重复申请", "不予处理",
                  "特别规定")


class LetterKind(StrEnum):
    """A document type; ``value`` is the title printed on the letter."""

    RECEIPT = "政府信息公开申请受理回执"
    CORRECTION = "补正申请告知书"
    EXTENSION = "延长答复期限告知书"
    CONSULTATION = "征求第三方意见函"
    FEE = "信息处理费缴费通知书"
    REPLY = "政府信息公开申请答复书"
    SERVICE = "送达回证"
    DISCLOSURE_DECISION = "决定公开政府信息告知书"      # Art 32: to the third party that objected
    AGENCY_CONSULTATION = "政府信息公开征求意见函"      # Art 34: to a co-producing agency
    REASONS_REQUEST = "要求说明理由通知书"              # Art 35: the applicant states reasons
    REASONABLE_DEADLINE = "延迟答复告知书"              # Art 35: the reasonable later deadline
    WITHDRAWAL = "终止办理告知书"                       # withdrawal confirmed (optional, per settings)

    @property
    def short(self) -> str:
        """The name used on the command line (``--kind``) and in menus."""
        return _SHORT[self]

    @property
    def number_code(self) -> str:
        """The character that tells this document's 文号 series apart (答复书 keeps the office's 依复)."""
        return _CODES[self]

    @property
    def numbered(self) -> bool:
        """送达回证 is a form that refers to the served letter; it has no 文号 of its own."""
        return self is not LetterKind.SERVICE

    def template_name(self, variant: str = "") -> str:
        """File name of the Word template under resources/templates (or the office's folder)."""
        if self is LetterKind.REPLY:
            if variant not in REPLY_VARIANTS:
                raise ValueError(f"unknown reply variant {variant!r}")
            return f"答复书-{variant}.docx"
        return f"{_SHORT_FILE[self]}.docx"

    @classmethod
    def from_short(cls, text: str) -> "LetterKind":
        for kind in cls:
            if text in (kind.short, kind.value, kind.name.lower()):
                return kind
        names = "、".join(k.short for k in cls)
        raise ValueError(f"文书类型“{text}”不存在，可选：{names}。")


_SHORT = {
    LetterKind.RECEIPT: "回执", LetterKind.CORRECTION: "补正", LetterKind.EXTENSION: "延期",
    LetterKind.CONSULTATION: "征求意见", LetterKind.FEE: "缴费", LetterKind.REPLY: "答复",
    LetterKind.SERVICE: "送达回证", LetterKind.DISCLOSURE_DECISION: "决定公开",
    LetterKind.AGENCY_CONSULTATION: "征求机关意见", LetterKind.REASONS_REQUEST: "说明理由",
    LetterKind.REASONABLE_DEADLINE: "延迟答复", LetterKind.WITHDRAWAL: "撤回确认",
}
_SHORT_FILE = {
    LetterKind.RECEIPT: "受理回执", LetterKind.CORRECTION: "补正申请告知书",
    LetterKind.EXTENSION: "延长答复期限告知书", LetterKind.CONSULTATION: "征求第三方意见函",
    LetterKind.FEE: "信息处理费缴费通知书", LetterKind.SERVICE: "送达回证",
    LetterKind.DISCLOSURE_DECISION: "决定公开政府信息告知书", LetterKind.AGENCY_CONSULTATION: "征求意见函-其他机关",
    LetterKind.REASONS_REQUEST: "要求说明理由通知书", LetterKind.REASONABLE_DEADLINE: "延迟答复告知书",
    LetterKind.WITHDRAWAL: "终止办理告知书",
}
_CODES = {
    LetterKind.RECEIPT: "受", LetterKind.CORRECTION: "补", LetterKind.EXTENSION: "延",
    LetterKind.CONSULTATION: "征", LetterKind.FEE: "费", LetterKind.REPLY: "复", LetterKind.SERVICE: "",
    LetterKind.DISCLOSURE_DECISION: "决", LetterKind.AGENCY_CONSULTATION: "函", LetterKind.REASONS_REQUEST: "理",
    LetterKind.REASONABLE_DEADLINE: "迟", LetterKind.WITHDRAWAL: "撤",
}


def number_pattern_for(pattern: str, kind: LetterKind) -> str:
    """The office's 文号 pattern adapted to ``kind`` so each document type has its own series.

    ``{文种}`` in the pattern is replaced by the type's code; otherwise the default pattern's
    "依复" becomes "依补", "依延" … for the notices. A pattern with neither is used as it is
    (the counters are still separate per type).
    """
    if "{文种}" in pattern:
        return pattern.replace("{文种}", kind.number_code)
    if kind is not LetterKind.REPLY and "依复" in pattern:
        return pattern.replace("依复", "依" + kind.number_code)
    return pattern


# Documents a 送达回证 can be made for (the user picks one; it must be signed).
SERVABLE = (LetterKind.REPLY, LetterKind.CORRECTION, LetterKind.FEE, LetterKind.CONSULTATION,
            LetterKind.AGENCY_CONSULTATION, LetterKind.DISCLOSURE_DECISION, LetterKind.EXTENSION,
            LetterKind.REASONS_REQUEST, LetterKind.REASONABLE_DEADLINE)
