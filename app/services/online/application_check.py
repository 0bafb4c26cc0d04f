"""The online form → the desk's RequestInput, with every field's problem at once (the desk's checks reused)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from app.errors import ValidationError
from app.services.cases.request_validation import validate_input
from app.services.dto import RequestInput
from app.services.online.codes import last4
from app.services.online.dto import APPLICANT_ORG, APPLICANT_PERSON, OnlineApplication
from app.workflow.text_input import invisible_problem
from app.workflow.vocabulary import ApplicantType, Channel, Delivery, IdType, RequestedForm

# The desk's field names → the online form's.
_FORM_FIELD = {"applicant_name": "name", "description": "description", "phone": "phone", "address": "address",
               "postcode": "postcode", "email": "email", "id_type": "id_type", "requested_form": "form",
               "delivery": "delivery", "applicant_type": "applicant_type", "notes": "purpose"}
# A harmless value that lets the desk's checks go on to the next field once a field has failed.
_NEUTRAL = {"applicant_name": "某", "description": "某", "id_number": "", "id_type": "", "phone": "",
            "address": "", "postcode": "", "email": "", "requested_form": "", "delivery": "", "notes": "",
            "applicant_type": ApplicantType.OTHER.value}
_ORG_KINDS = [t.value for t in ApplicantType if not t.is_person]


def _desk_type(app: OnlineApplication) -> str:
    if app.applicant_type == APPLICANT_PERSON:
        return ApplicantType.PERSON.value
    return app.org_kind if app.org_kind in _ORG_KINDS else ApplicantType.OTHER.value


def _notes(app: OnlineApplication) -> str:
    parts = []
    if app.contact_person.strip():
        parts.append(f"联系人：{app.contact_person.strip()}")
    if app.purpose.strip():
        parts.append(f"申请用途：{app.purpose.strip()}")
    return "；".join(parts)


def to_request_input(app: OnlineApplication, today: date) -> RequestInput:
    org = app.applicant_type == APPLICANT_ORG
    return RequestInput(
        applicant_name=app.name.strip(), applicant_type=_desk_type(app), channel=Channel.ONLINE.value,
        description=app.description.strip(), arrival_date=today, confirmation_date=None,
        id_type=IdType.CREDIT_CODE.value if org else app.id_type.strip(),
        id_number=(app.credit_code if org else app.id_number).strip().upper(), phone=app.phone.strip(),
        address=app.address.strip(), postcode=app.postcode.strip(), email=app.email.strip(),
        requested_form=app.form.strip(), delivery=app.delivery.strip(), notes=_notes(app))


def _online_rules(app: OnlineApplication) -> dict[str, str]:
    errors: dict[str, str] = {}
    if app.applicant_type not in (APPLICANT_PERSON, APPLICANT_ORG):
        errors["applicant_type"] = "请选择申请人类型：公民，或法人或者其他组织。"
        return errors
    if app.applicant_type == APPLICANT_PERSON:
        if app.id_type not in (IdType.RESIDENT_ID, IdType.PASSPORT, IdType.OTHER):
            errors["id_type"] = "请选择证件类型（居民身份证、护照或其他证件）。"
        if not app.id_number.strip():
            errors["id_number"] = "请填写身份证件号码（条例第二十九条要求提供身份证明）。"
    else:
        if not app.credit_code.strip():
            errors["credit_code"] = "请填写统一社会信用代码（18位）。"
        if not app.contact_person.strip():
            errors["contact_person"] = "请填写联系人姓名。"
        elif problem := invisible_problem(app.contact_person, "联系人"):
            errors["contact_person"] = problem
    if not app.phone.strip():
        errors["phone"] = "请填写联系电话（查询办理进度时需用其后四位）。"
    elif not last4(app.phone).isdigit():
        errors["phone"] = "联系电话至少应有4位数字，例如：13800000000。"
    if app.form not in {f.value for f in RequestedForm}:
        errors["form"] = "请选择提供形式：纸质或电子。"
    if app.delivery not in {d.value for d in Delivery if d is not Delivery.OTHER}:
        errors["delivery"] = "请选择获取方式：自行领取、邮寄、电子邮件或在线获取。"
    elif app.delivery == Delivery.EMAIL and not app.email.strip():
        errors["email"] = "选择电子邮件获取时，请填写电子邮箱。"
    elif app.delivery == Delivery.MAIL and not app.address.strip():
        errors["address"] = "选择邮寄获取时，请填写通信地址。"
    if len(app.description.strip()) > 4000:
        errors["description"] = "申请内容不超过4000字，请精简后再提交。"
    if len(app.purpose.strip()) > 500 or len(app.contact_person.strip()) > 50:
        errors["purpose" if len(app.purpose.strip()) > 500 else "contact_person"] = "内容过长，请精简。"
    return errors


def check_application(app: OnlineApplication, today: date) -> tuple[RequestInput, dict[str, str]]:
    """(the desk's input, problems by form field). The desk's own checks run field after field: a failing
    field is set to a neutral value and the checks run again, so every field's problem is reported."""
    errors = _online_rules(app)
    data = to_request_input(app, today)
    for _ in range(len(_NEUTRAL) + 2):
        try:
            validate_input(data, today)
            break
        except ValidationError as e:
            field = e.field or "description"
            form_field = ("credit_code" if app.applicant_type == APPLICANT_ORG else "id_number") \
                if field == "id_number" else _FORM_FIELD.get(field, field)
            errors.setdefault(form_field, e.message)
            data = replace(data, **{field: _NEUTRAL.get(field, "")})
    return to_request_input(app, today), errors
