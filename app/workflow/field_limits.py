"""The one table of text-field lengths: each field a person types or imports, its name and stored length."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TextField:
    """A text field: the Chinese name a clerk reads, and the most characters its column stores."""

    label: str
    max_len: int


# key = "table.column" of the model that stores it; the lengths are the models' String(n)
# (tests/workflow/test_field_limits.py compares them), so both databases refuse the same values.
TEXT_FIELDS: dict[str, TextField] = {
    "requests.number": TextField("申请编号", 60),
    "requests.applicant_name": TextField("申请人", 200),
    "requests.id_type": TextField("证件类型", 20),
    "requests.id_number": TextField("证件号码", 40),
    "requests.phone": TextField("联系电话", 40),
    "requests.address": TextField("通信地址", 300),
    "requests.postcode": TextField("邮政编码", 10),
    "requests.email": TextField("电子邮箱", 120),
    "requests.decision": TextField("答复类型", 20),
    "requests.reply_doc_number": TextField("答复文号", 60),
    "requests.service_method": TextField("送达方式", 20),
    "requests.collection_place": TextField("领取地点", 200),
    "requests.collection_hours": TextField("领取时间", 200),
    "departments.name": TextField("承办处室", 100),
    "consultations.party": TextField("征求意见对象", 200),
}


def too_long(key: str, text: str) -> str:
    """The Chinese refusal for ``text`` in field ``key``, or "" when it fits."""
    f = TEXT_FIELDS[key]
    if len(text) <= f.max_len:
        return ""
    return f"{f.label}有{len(text)}个字，超过了{f.max_len}个字的上限：请删减"


def limits_by_label(keys) -> dict[str, int]:
    """{label: max length} for ``keys``: how the ledger names its limited columns."""
    return {TEXT_FIELDS[k].label: TEXT_FIELDS[k].max_len for k in keys}
