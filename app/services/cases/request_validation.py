"""Checks on registration input; each failure names the field and the fix, in Chinese."""

from __future__ import annotations

import re
from datetime import date

from app.errors import ValidationError
from app.services.dto import RequestInput
from app.workflow.field_limits import too_long
from app.workflow.text_input import invisible_problem
from app.workflow.validation import credit_code_problem, resident_id_problem
from app.workflow.vocabulary import ApplicantType, Channel, Delivery, IdType, RequestedForm

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_POSTCODE = re.compile(r"^\d{6}$")
_PHONE = re.compile(r"^[\d\-+() ]{5,20}$")


def _one_of(value: str, enum, label: str, field: str, required: bool = True) -> None:
    if not value and not required:
        return
    if value not in {e.value for e in enum}:
        choices = "、".join(e.value for e in enum)
        raise ValidationError(f"{label}“{value}”无效，应为：{choices}。", field)


# Text a person could have typed: line breaks and tabs in the long fields, nothing else invisible.
_MULTILINE = {"description", "notes", "address"}
_LABELS = {"applicant_name": "申请人", "description": "申请内容", "notes": "备注", "address": "通信地址",
           "id_number": "证件号码", "phone": "联系电话", "email": "电子邮箱", "postcode": "邮政编码",
           "number": "申请编号"}


def control_character_problem(d: RequestInput) -> tuple[str, str] | None:
    """(field, message) for the first control or bidi-override character in a text field."""
    for name, label in _LABELS.items():
        problem = invisible_problem(getattr(d, name) or "", label, multiline=name in _MULTILINE)
        if problem:
            return name, problem
    return None


# Registration fields and the stored column whose length limits them (one table for form, import, both DBs).
_LIMITED = {"number": "requests.number", "applicant_name": "requests.applicant_name", "id_number": "requests.id_number",
            "phone": "requests.phone", "address": "requests.address", "postcode": "requests.postcode",
            "email": "requests.email"}


def length_problem(d: RequestInput) -> tuple[str, str] | None:
    """(field, message) for the first text longer than its column stores (SQLite would keep it, PostgreSQL
    would raise; the office's own export would then not re-import)."""
    for name, key in _LIMITED.items():
        problem = too_long(key, (getattr(d, name) or "").strip())
        if problem:
            return name, problem + "。"
    return None


def validate_input(d: RequestInput, today: date) -> None:
    """Raise ValidationError for the first problem found; nothing is saved before this passes."""
    problem = control_character_problem(d) or length_problem(d)
    if problem is not None:
        raise ValidationError(problem[1], problem[0])
    if not d.applicant_name.strip():
        raise ValidationError("申请人姓名或名称不能为空，请填写。", "applicant_name")
    _one_of(d.applicant_type, ApplicantType, "申请人类型", "applicant_type")
    _one_of(d.channel, Channel, "申请方式", "channel")
    if not d.description.strip():
        raise ValidationError("申请内容不能为空，请写明所需政府信息的名称、文号或其他特征。", "description")
    if d.arrival_date is None:
        raise ValidationError("到达日期不能为空，请填写申请送达本机关的日期。", "arrival_date")
    if d.arrival_date > today:
        raise ValidationError("到达日期不能晚于今天，请核对。", "arrival_date")
    if d.confirmation_date is not None:
        if d.confirmation_date < d.arrival_date:
            raise ValidationError("确认日期不能早于到达日期，请核对。", "confirmation_date")
        if d.confirmation_date > today:
            raise ValidationError("确认日期不能晚于今天，请核对。", "confirmation_date")
    _one_of(d.id_type, IdType, "证件类型", "id_type", required=False)
    number = d.id_number.strip()
    if number:
        if d.id_type == IdType.RESIDENT_ID:
            problem = resident_id_problem(number)
        elif d.id_type == IdType.CREDIT_CODE:
            problem = credit_code_problem(number)
        elif not d.id_type:
            problem = "填写了证件号码，请同时选择证件类型。"
        else:
            problem = None
        if problem:
            raise ValidationError(problem, "id_number")
    if d.email.strip() and not _EMAIL.match(d.email.strip()):
        raise ValidationError("电子邮箱格式不正确，例如：zhangsan@example.com。", "email")
    if d.postcode.strip() and not _POSTCODE.match(d.postcode.strip()):
        raise ValidationError("邮政编码应为6位数字。", "postcode")
    if d.phone.strip() and not _PHONE.match(d.phone.strip()):
        raise ValidationError("联系电话只能包含数字和“-”，例如：010-12345678。", "phone")
    _one_of(d.requested_form, RequestedForm, "获取形式", "requested_form", required=False)
    _one_of(d.delivery, Delivery, "获取方式", "delivery", required=False)
