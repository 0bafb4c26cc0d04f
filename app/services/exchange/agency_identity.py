"""This office as exchange files name it: its 机关名称 and 机关代码 from the settings, both entered."""

from __future__ import annotations

from app.errors import ValidationError
from app.exchange.documents import AgencyId
from app.services.settings_service import load_settings, unset_identity


def own_agency(session) -> AgencyId:
    """The office's name and code; refused while either is not entered (a file must say who sent it)."""
    settings = load_settings(session)
    if "机关名称" in unset_identity(session):
        raise ValidationError("本机关的机关名称尚未填写（仍是示例文字），不能生成数据交换文件。"
                              "请管理员在“管理 → 机关与期限”中填写。", "agency_name")
    if not settings.agency_code.strip():
        raise ValidationError("本机关的机关代码尚未填写，不能生成数据交换文件（省级平台按机关代码区分各机关）。"
                              "请管理员在“管理 → 机关与期限”中填写机关代码（建议用统一社会信用代码）。", "agency_code")
    return AgencyId(settings.agency_code.strip(), settings.agency_name.strip())


def own_code(session) -> str:
    """The office's code, or "" while none is entered."""
    return load_settings(session).agency_code.strip()
