"""Fixed vocabularies of the domain: channels, applicant types, roles, forms, delivery."""

from enum import StrEnum


class Channel(StrEnum):
    """How the application arrived (domain §2); decides the receipt date."""

    IN_PERSON = "当面"
    REGISTERED_MAIL = "邮寄"
    ORDINARY_MAIL = "平信"
    ONLINE = "网络"
    EMAIL = "电子邮件"
    FAX = "传真"
    OTHER = "其他"

    @property
    def needs_confirmation(self) -> bool:
        """平信 and online channels start no clock until both sides confirm."""
        return self in (Channel.ORDINARY_MAIL, Channel.ONLINE, Channel.EMAIL, Channel.FAX)


class ApplicantType(StrEnum):
    """The six applicant columns of table 三."""

    PERSON = "自然人"
    BUSINESS = "商业企业"
    RESEARCH = "科研机构"
    PUBLIC_INTEREST = "社会公益组织"
    LEGAL_SERVICE = "法律服务机构"
    OTHER = "其他"

    @property
    def is_person(self) -> bool:
        return self is ApplicantType.PERSON


class IdType(StrEnum):
    RESIDENT_ID = "居民身份证"
    CREDIT_CODE = "统一社会信用代码"
    PASSPORT = "护照"
    OTHER = "其他证件"


class Role(StrEnum):
    CLERK = "登记员"
    HANDLER = "承办人"
    CHIEF = "科室负责人"
    LEGAL = "法制审核员"          # 合法性审查 (optional stage after 签批)
    ADMIN = "管理员"


class RequestedForm(StrEnum):
    PAPER = "纸质"
    ELECTRONIC = "电子"


class Delivery(StrEnum):
    PICKUP = "自行领取"
    MAIL = "邮寄"
    EMAIL = "电子邮件"
    ONLINE = "在线获取"       # fetched from the online service (issue 23)
    OTHER = "其他"


class ServiceMethod(StrEnum):
    """How the reply was served; decides which date proves timeliness (domain §3)."""

    DIRECT = "直接送达"
    POST = "邮寄送达"
    ELECTRONIC = "电子送达"
    OTHER = "其他"
