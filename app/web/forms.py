"""The Art 29 form's fields as data (label, kind, choices) and the posted form → service values.

No rule lives here: which fields are required, checksums and limits are the service's
(OnlineService.submit raises OnlineInvalid naming the field); this only says how each field is shown.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.services.online.dto import APPLICANT_ORG, APPLICANT_PERSON, DELIVERY_ONLINE, OnlineApplication, Upload
from app.workflow.vocabulary import ApplicantType, Delivery, IdType, RequestedForm


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    kind: str = "text"            # text | tel | email | textarea | radio | select
    choices: tuple[str, ...] = ()
    hint: str = ""
    required: bool = False
    autocomplete: str = "off"
    inputmode: str = ""


ORG_KINDS = tuple(t.value for t in ApplicantType if not t.is_person)
ID_TYPES = (IdType.RESIDENT_ID.value, IdType.PASSPORT.value, IdType.OTHER.value)
DELIVERIES = (Delivery.PICKUP.value, Delivery.MAIL.value, Delivery.EMAIL.value, DELIVERY_ONLINE)

# (heading, fields) in the order the paper form has them.
SECTIONS: tuple[tuple[str, tuple[Field, ...]], ...] = (
    ("申请人", (
        Field("applicant_type", "申请人类型", "radio", (APPLICANT_PERSON, APPLICANT_ORG), required=True),
        Field("name", "姓名或者名称", hint="公民填写姓名；法人或者其他组织填写单位全称", required=True,
              autocomplete="name"),
        Field("phone", "联系电话", "tel", hint="手机或固定电话，查询进度时需要其后四位", required=True,
              autocomplete="tel", inputmode="tel"),
    )),
    ("公民填写", (
        Field("id_type", "证件类型", "select", ID_TYPES),
        Field("id_number", "证件号码", hint="居民身份证为18位，最后一位可为X", inputmode="text"),
    )),
    ("法人或者其他组织填写", (
        Field("credit_code", "统一社会信用代码", hint="18位，数字和大写字母"),
        Field("org_kind", "单位类别", "select", ("",) + ORG_KINDS),
        Field("contact_person", "联系人姓名"),
    )),
    ("联系方式", (
        Field("address", "通信地址", autocomplete="street-address"),
        Field("postcode", "邮政编码", hint="6位数字", inputmode="numeric", autocomplete="postal-code"),
        Field("email", "电子邮箱", "email", hint="选择电子邮件获取时必填", autocomplete="email"),
    )),
    ("所需信息", (
        Field("description", "所需政府信息的名称、文号或者便于查询的其他特征性描述", "textarea", required=True),
        Field("purpose", "用途（选填）", "textarea"),
        Field("form", "提供形式", "radio", tuple(f.value for f in RequestedForm)),
        Field("delivery", "获取方式", "radio", DELIVERIES,
              hint="选择“在线获取”或“电子邮件”的，告知书和答复书可在本网站办理进度页下载"),
    )),
)
FIELDS = {f.name: f for _, fields in SECTIONS for f in fields}
HONEYPOT = "website"          # hidden by CSS; a person never fills it in


def application_from(form) -> OnlineApplication:
    """The posted values as typed (stripped of surrounding blanks only)."""
    values = {name: str(form.get(name) or "").strip() for name in FIELDS}
    return OnlineApplication(**values)


async def uploads_from(form, name: str = "attachments") -> list[Upload]:
    """The files posted under ``name`` (an empty file input posts one nameless, empty part: skipped)."""
    result = []
    for item in form.getlist(name):
        if isinstance(item, str) or not getattr(item, "filename", ""):
            continue
        data = await item.read()
        if item.filename or data:
            result.append(Upload(filename=item.filename, data=data))
    return result


def grouped(code: str) -> list[str]:
    """K7QF-3M9X-… → ['K7QF', '3M9X', …] for reading aloud group by group."""
    return [g for g in code.replace(" ", "-").split("-") if g]
