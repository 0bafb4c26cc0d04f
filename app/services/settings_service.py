"""Office settings stored in the database (agency, 文号 pattern, thresholds, remedy bodies)."""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, fields, replace
from datetime import date

from sqlalchemy import select

from app.errors import ValidationError
from app.models import Setting
from app.services.trust.audit import record
from app.services.dto import Actor
from app.services.trust.sessions import ActingService
from app.services.uow import Database
from app.workflow.deadline import Policy
from app.workflow.vocabulary import Role


@dataclass(frozen=True)
class OfficeSettings:
    agency_name: str = "某某市自然资源和规划局"
    agency_short: str = "某自然资规"
    number_pattern: str = "{机关简称}依复〔{年}〕{序号}号"
    request_number_pattern: str = "{机关简称}依申〔{年}〕{序号}号"
    amber_days: int = 5
    red_days: int = 2
    draft_lead_days: int = 3
    correction_period_days: int = 15
    review_body: str = "某某市人民政府"
    court: str = "某某区人民法院"
    not_responsible_outcome: str = "四.1"
    special_rules_outcome: str = "六.3"     # the table 三 leaf of 36(7) answers: 六.3 or 三.8
    template_dir: str = ""
    legal_review: bool = False          # 管理 → 流程: 签批同意 leads to 待合法性审查
    legal_review_days: int = 1          # its share of the department draft lead time
    # Letters (domain §7): where and when information is collected (自行领取), editable per letter;
    # how a fee is paid; what says the time to pay is not counted; Art 35 period; 撤回 confirmation.
    collection_place: str = "某某市自然资源和规划局政府信息公开受理窗口（某某路1号）"
    collection_hours: str = "法定工作日上午9:00至12:00、下午14:00至17:00"
    fee_payment: str = ("持本通知书到某某市政务服务中心非税收入缴款窗口缴纳，或缴入某某市财政局非税收入汇缴结算户"
                        "（账号：某某），缴款后凭缴款凭证领取财政部门统一监制的财政票据")
    fee_time_basis: str = "《政府信息公开信息处理费管理办法》"
    reasons_period_days: int = 15
    withdrawal_notice: bool = False
    proactive_min_applicants: int = 3   # Art 44: a subject asked by this many applicants is a candidate
    report_site: str = "本机关门户网站“政府信息公开”专栏"   # where the annual report's electronic version is
    report_contact: str = ""            # contact details printed in the annual report's preamble
    agency_code: str = ""               # 机关代码 in exchange files (统一社会信用代码 advised); empty until entered
    # 网上申请 (issue 23): 申请须知 shown before the form; the public site's address for e-mail notices; the
    # SMTP relay (no relay: no e-mail notices).
    online_notice: str = ""
    online_site: str = ""
    smtp_host: str = ""
    smtp_port: int = 25
    smtp_from: str = ""

    @property
    def policy(self) -> Policy:
        return Policy(self.draft_lead_days, self.correction_period_days, self.amber_days, self.red_days)


_LABELS = {
    "agency_name": "机关名称", "agency_short": "机关简称", "number_pattern": "文号格式",
    "amber_days": "黄色预警天数", "red_days": "红色预警天数", "draft_lead_days": "承办处室提前报送天数",
    "correction_period_days": "补正期限", "review_body": "复议机关", "court": "人民法院",
    "request_number_pattern": "申请编号格式", "not_responsible_outcome": "非本机关负责的统计口径",
    "special_rules_outcome": "特别规定（第三十六条第（七）项）的统计口径",
    "template_dir": "文书模板文件夹", "legal_review": "合法性审查", "legal_review_days": "合法性审查工作日",
    "template_dir": "文书模板文件夹", "collection_place": "领取地点", "collection_hours": "领取时间",
    "fee_payment": "信息处理费缴纳方式", "fee_time_basis": "缴费期间不计入答复期限的依据",
    "reasons_period_days": "说明理由期限", "withdrawal_notice": "撤回时出具终止办理告知书",
    "proactive_min_applicants": "转主动公开候选申请人数",
    "report_site": "年度报告发布位置", "report_contact": "年度报告联系方式", "agency_code": "机关代码",
    "online_notice": "网上申请须知", "online_site": "网上申请网址", "smtp_host": "邮件服务器",
    "smtp_port": "邮件服务器端口", "smtp_from": "发件人地址",
}
_POLICY_FIELDS = ("amber_days", "red_days", "draft_lead_days", "correction_period_days")


AGENCY_CODE = re.compile(r"[0-9A-Za-z][0-9A-Za-z._-]{1,39}")     # as docs/exchange-v1.schema.json


def _validate(s: OfficeSettings) -> None:
    if not s.agency_name.strip():
        raise ValidationError("机关名称不能为空，请填写本机关全称。", "agency_name")
    if "{序号}" not in s.number_pattern:
        raise ValidationError("文号格式必须包含“{序号}”，例如：{机关简称}依复〔{年}〕{序号}号。", "number_pattern")
    for key in ("amber_days", "red_days", "draft_lead_days", "correction_period_days", "reasons_period_days"):
        if not 0 <= getattr(s, key) <= 60:
            raise ValidationError(f"{_LABELS[key]}应为0至60之间的整数。", key)
    if not 2 <= s.proactive_min_applicants <= 100:
        raise ValidationError("转主动公开候选申请人数应为2至100之间的整数。", "proactive_min_applicants")
    if s.special_rules_outcome not in ("六.3", "三.8"):
        raise ValidationError("特别规定（第三十六条第（七）项）的答复应计入（六）3“其他”或（三）8“属于行政查询事项”。",
                              "special_rules_outcome")
    if s.agency_code and not AGENCY_CODE.fullmatch(s.agency_code):
        raise ValidationError("机关代码只能由字母、数字和“.”“_”“-”组成，2至40位，以字母或数字开头"
                              "（建议填写统一社会信用代码）。", "agency_code")
    _validate_online(s)
    if s.red_days > s.amber_days:
        raise ValidationError("红色预警天数不能大于黄色预警天数。", "red_days")
    if s.legal_review and not 1 <= s.legal_review_days <= s.draft_lead_days - 1:
        raise ValidationError(
            f"合法性审查工作日应为1至{max(1, s.draft_lead_days - 1)}之间的整数：它占用承办处室提前报送的"
            f"{s.draft_lead_days}个工作日，还须留出签批和送达的时间。", "legal_review_days")


def _validate_online(s: OfficeSettings) -> None:
    if not 1 <= s.smtp_port <= 65535:
        raise ValidationError("邮件服务器端口应为1至65535之间的整数（一般为25或587）。", "smtp_port")
    if s.smtp_host.strip() and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", s.smtp_from.strip()):
        raise ValidationError("设置邮件服务器后须填写发件人地址，例如：gongkai@example.gov.cn。", "smtp_from")
    if s.smtp_host.strip() and not re.fullmatch(r"[A-Za-z0-9.\-]{1,253}", s.smtp_host.strip()):
        raise ValidationError("邮件服务器应为主机名或IP地址，例如：smtp.example.gov.cn。", "smtp_host")
    if s.online_site.strip() and not re.match(r"https?://\S+$", s.online_site.strip()):
        raise ValidationError("网上申请网址应以 https:// 开头，例如：https://gongkai.example.gov.cn/。", "online_site")


# Settings a letter prints; each ships as a 某某 example. An entry that still holds 某某 (an example only
# half edited, e.g. 临江市某某区人民法院) would count as the office's own and reach an applicant.
PRINTED_FIELDS = ("agency_name", "agency_short", "review_body", "court", "fee_payment", "collection_place",
                  "collection_hours")


def _refuse_half_edited_examples(old: OfficeSettings, new: OfficeSettings) -> None:
    for key in PRINTED_FIELDS:
        after = getattr(new, key)
        if after != getattr(old, key) and "某某" in after:
            raise ValidationError(f"{_LABELS[key]}中仍有示例文字“某某”，请改为本机关的实际内容后再保存。"
                                  "未保存任何设置。", key)


class SettingsService(ActingService):
    def __init__(self, db: Database, today=date.today):
        self._db = db
        self._today = today

    def load(self) -> OfficeSettings:
        with self._db.read() as uow:
            return load_settings(uow.session)

    def is_demo_database(self) -> bool:
        """True when demo data was written into this database (the window title says 演示数据库)."""
        with self._db.uow() as uow:
            return uow.session.get(Setting, "demo_database") is not None

    def save(self, actor: Actor, new: OfficeSettings) -> OfficeSettings:
        """Save (administrators only); a change to the deadline policy recomputes open cases."""
        if actor.role is not Role.ADMIN:
            raise ValidationError("只有管理员可以修改机关设置。")
        _validate(new)
        with self._db.uow() as uow:
            old = load_settings(uow.session)
            _refuse_half_edited_examples(old, new)
            for f in fields(OfficeSettings):
                before, after = getattr(old, f.name), getattr(new, f.name)
                if before != after:
                    uow.session.merge(Setting(key=f.name, value=json.dumps(after, ensure_ascii=False)))
                    record(uow.session, actor, "修改设置", field=_LABELS.get(f.name, f.name),
                           old=str(before), new=str(after))
            if any(getattr(old, k) != getattr(new, k) for k in _POLICY_FIELDS):
                from app.services.calendar_service import recompute_open_cases

                uow.session.flush()
                recompute_open_cases(uow.session, actor, self._today(), "期限设置变更")
            uow.commit()
        return new


# What a letter names the office by; each ships as a 某某 example that must never reach an applicant.
IDENTITY_FIELDS = ("agency_name", "agency_short", "review_body", "court")


def unset_identity(session) -> list[str]:
    """Labels of the identity settings the office has never entered (still the shipped 某某 example)."""
    stored = set(session.scalars(select(Setting.key).where(Setting.key.in_(IDENTITY_FIELDS))).all())
    return [_LABELS[k] for k in IDENTITY_FIELDS if k not in stored]


def require_identity(session) -> None:
    """Refuse (ValidationError) while any identity setting is still the shipped placeholder."""
    missing = unset_identity(session)
    if missing:
        raise ValidationError(
            f"本机关的{'、'.join(missing)}尚未填写，仍是示例文字（“某某……”），不能出具文书。"
            "请管理员在“管理 → 机关与期限”中填写后再生成。", "agency_name")


def require_entered(session, keys: tuple[str, ...], letter: str) -> None:
    """Refuse ``letter`` while a setting it prints was never entered by the office (still the 某某 example)."""
    stored = set(session.scalars(select(Setting.key).where(Setting.key.in_(keys))).all())
    missing = [_LABELS[k] for k in keys if k not in stored]
    if missing:
        raise ValidationError(
            f"{letter}须写明本机关的{'、'.join(missing)}，设置中仍是示例文字（“某某……”），不能出具。"
            "请管理员在“管理 → 机关与期限”中填写后再生成。", keys[0])


def store_identity(session, values: dict[str, str], only_missing: bool = False) -> None:
    """Store the identity settings as given (first run, demo): each becomes the office's own entry.
    ``only_missing`` keeps what the office has already entered (the demo on a configured database)."""
    stored = set(session.scalars(select(Setting.key)).all()) if only_missing else set()
    for key in IDENTITY_FIELDS:
        if key in values and key not in stored:
            session.merge(Setting(key=key, value=json.dumps(values[key], ensure_ascii=False)))


def load_settings(session) -> OfficeSettings:
    stored = {s.key: json.loads(s.value) for s in session.query(Setting).all()}
    known = {f.name for f in fields(OfficeSettings)}
    return replace(OfficeSettings(), **{k: v for k, v in stored.items() if k in known})


def settings_dict(s: OfficeSettings) -> dict:
    return asdict(s)
