"""What the 提交凭证 lists: the submitted fields, personal numbers masked (个人信息保护法: least exposure)."""

from __future__ import annotations

from app.services.dto import RequestInput
from app.services.online.dto import APPLICANT_ORG, OnlineApplication
from app.workflow.masking import mask_id, mask_phone


def receipt_lines(app: OnlineApplication, data: RequestInput) -> list[tuple[str, str]]:
    org = app.applicant_type == APPLICANT_ORG
    lines = [("申请人类型", app.applicant_type), ("申请人" if not org else "名称", data.applicant_name)]
    if org:
        lines += [("统一社会信用代码", mask_id(data.id_number)), ("联系人", app.contact_person.strip())]
    else:
        lines += [("证件类型", data.id_type), ("证件号码", mask_id(data.id_number))]
    lines += [("联系电话", mask_phone(data.phone))]
    if data.email:
        lines.append(("电子邮箱", data.email))
    if data.address:
        lines.append(("通信地址", data.address))
    if data.postcode:
        lines.append(("邮政编码", data.postcode))
    lines += [("所需信息的描述", data.description)]
    if app.purpose.strip():
        lines.append(("申请用途", app.purpose.strip()))
    lines += [("提供形式", data.requested_form), ("获取方式", data.delivery)]
    return lines
