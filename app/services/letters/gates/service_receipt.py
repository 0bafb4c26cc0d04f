"""送达回证: one per served document (答复书, 补正, 缴费, 征求意见, 决定公开), only for a signed one."""

from __future__ import annotations

from app.errors import ValidationError
from app.exports.letters.kinds import SERVABLE, LetterKind
from app.models import Letter


def served_document(letter: Letter | None, kind: LetterKind) -> str:
    """What the 送达回证 names: the signed document's title and 文号, or a message naming the fix."""
    if kind not in SERVABLE:
        names = "、".join(k.value for k in SERVABLE)
        raise ValidationError(f"送达回证的送达文书应为：{names}。", "served_document")
    if letter is None or letter.state != "已签发":
        state = "尚未出具" if letter is None else "尚未签发"
        raise ValidationError(f"{kind.value}{state}，没有可送达的文书，不能出具送达回证。请先在“生成文书”中出具"
                              f"{kind.value}并由科室负责人签发，或在“送达文书”中选择已签发的文书。", "served_document")
    return f"{letter.kind}（{letter.doc_number}）"


def receiver_fields(letter: Letter, kind: LetterKind) -> dict[str, str]:
    """A notice to a third party or another agency is served on it, not on the applicant; its address
    and the method of a notice are written on the form by hand (the app does not hold them)."""
    from app.exports.letters.data import LetterData

    if kind is LetterKind.REPLY:
        return {}
    data = LetterData.from_json(letter.data_json)
    fields = {"service_method": letter.served_method}
    if data.addressee and data.addressee != data.applicant_name:
        fields.update(applicant_name=data.addressee, applicant_address="")
    return fields
