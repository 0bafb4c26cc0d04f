"""Field-by-field checks for the registration form, run as the clerk types (no database needed)."""

from __future__ import annotations

import re
from datetime import date

from app.workflow.dates import cn_date
from app.workflow.receipt import receipt_date_for
from app.workflow.validation import credit_code_problem, resident_id_problem
from app.workflow.vocabulary import IdType

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_POSTCODE = re.compile(r"^\d{6}$")
_PHONE = re.compile(r"^[\d\-+() ]{5,20}$")


def id_number_problem(id_type: str, number: str) -> str | None:
    number = number.strip()
    if not number or "*" in number:      # the masked value as shown: unchanged, the stored one is kept
        return None
    if id_type == IdType.RESIDENT_ID:
        return resident_id_problem(number)
    if id_type == IdType.CREDIT_CODE:
        return credit_code_problem(number)
    if not id_type:
        return "填写了证件号码，请同时选择证件类型。"
    return None


def field_problem(key: str, v: dict, today: date) -> str | None:
    """The Chinese message for field ``key`` of form values ``v``, or None when it is fine."""
    value = v.get(key)
    text = value.strip() if isinstance(value, str) else value
    if key == "applicant_name" and not text:
        return "请填写申请人姓名或名称。"
    if key == "description" and not text:
        return "请写明所需政府信息的名称、文号或其他特征。"
    if key == "id_number":
        return id_number_problem(v.get("id_type", ""), value or "")
    if key == "phone" and text and "*" not in text and not _PHONE.match(text):
        return "联系电话只能包含数字和“-”，例如：010-12345678。"
    if key == "postcode" and text and not _POSTCODE.match(text):
        return "邮政编码应为6位数字。"
    if key == "email" and text and not _EMAIL.match(text):
        return "电子邮箱格式不正确，例如：zhangsan@example.com。"
    if key == "arrival_date":
        if value is None:
            return "请填写申请送达本机关的日期。"
        if value > today:
            return "到达日期不能晚于今天，请核对。"
    if key == "confirmation_date" and value is not None:
        arrival = v.get("arrival_date")
        if arrival is not None and value < arrival:
            return "确认日期不能早于到达日期，请核对。"
        if value > today:
            return "确认日期不能晚于今天，请核对。"
    return None


def receipt_text(channel: str, arrival: date | None, confirmation: date | None) -> str:
    """What the form shows under the dates: the derived receipt date, or why the clock waits."""
    receipt = receipt_date_for(channel, arrival, confirmation)
    if receipt is not None:
        return f"收到申请之日：{cn_date(receipt)}（答复期限自次日起算）"
    return "收到申请之日：待确认（平信、网络、电子邮件、传真申请自双方确认之日起算，确认前不计时）"
