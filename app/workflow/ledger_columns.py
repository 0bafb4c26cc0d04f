"""The 台账 columns (domain §6, version 2), their synonyms in offices' own ledgers, and header cleaning."""

from __future__ import annotations

import re
import unicodedata

from app.workflow.field_limits import limits_by_label

COLUMNS = ("申请编号", "收到日期", "申请方式", "申请人", "申请人类型", "申请内容", "承办处室", "补正告知日期",
           "补正收到日期", "征求意见开始日期", "征求意见结束日期", "延期", "办理结果", "答复日期", "备注")
COMPUTED = ("应答复日期", "状态")
EXPORT_COLUMNS = COLUMNS + COMPUTED
CONTACT_COLUMNS = ("证件号码", "联系电话", "通信地址", "邮政编码", "电子邮箱")
V2_COLUMNS = ("证件类型", "证件号码", "联系电话", "通信地址", "邮政编码", "电子邮箱", "提供形式", "获取方式",
              "补正事项", "补正期限", "征求意见对象", "征求意见类型", "延期天数", "延期理由", "答复类型", "答复理由",
              "答复文号", "送达方式")
ALL_COLUMNS = EXPORT_COLUMNS + V2_COLUMNS
REQUIRED = ("申请编号", "收到日期", "申请人", "申请人类型", "申请内容")
DATE_COLUMNS = ("收到日期", "补正告知日期", "补正收到日期", "征求意见开始日期", "征求意见结束日期", "答复日期")
IGNORE = "忽略"
# A free-text reply column (回复内容) read for its outcome by key words; each row's reading is shown for review.
KEYWORDS = "办理结果（按关键词判断）"
TARGETS = ALL_COLUMNS + (KEYWORDS,)
# Columns that several ledger columns may fill together: each row takes the first non-blank of them
# (SiteServer keeps persons in 姓名 and organisations in 名称, each with its own 联系电话 …).
COMBINABLE = ("申请人",) + CONTACT_COLUMNS
PERSON_NAME_HEADERS = ("姓名", "申请人姓名", "个人姓名", "公民姓名")
ORG_NAME_HEADERS = ("名称", "企业名称", "单位名称", "申请人名称", "机构名称", "组织名称", "法人或其他组织名称")
# Free text that may span lines; every other column is one line.
MULTILINE = ("申请内容", "备注", "补正事项", "延期理由", "答复理由", "通信地址")

# The stored length of each limited text column, from the one table of text-field limits.
LIMITS = limits_by_label((
    "requests.number", "requests.applicant_name", "departments.name", "requests.id_type", "requests.id_number",
    "requests.phone", "requests.address", "requests.postcode", "requests.email", "consultations.party",
    "requests.decision", "requests.reply_doc_number", "requests.service_method",
))

SYNONYMS: dict[str, tuple[str, ...]] = {
    "申请编号": ("流水号", "受理号", "受理编号", "查询编号", "查询号", "登记号"),
    "收到日期": ("收到申请日期", "申请时间", "申请日期", "登记日期", "受理时间", "受理日期"),
    "申请人": ("申请人姓名", "申请人名称", "姓名/名称", "姓名", "名称", "企业名称", "单位名称", "机构名称", "组织名称",
            "法人或其他组织名称", "个人姓名", "公民姓名"),
    "申请人类型": ("申请人类别", "申请人性质", "申请人身份"),
    "申请内容": ("所需信息的内容描述", "所需信息内容描述", "申请公开内容", "申请事项", "申请信息内容"),
    "承办处室": ("办理部门", "承办部门", "承办单位", "承办科室"),
    "办理结果": ("处理结果", "处理方式", "答复结果"),
    "答复日期": ("答复时间", "回复时间", "办结日期", "办结时间", "结束时间"),
    "备注": ("备注说明",),
    KEYWORDS: ("回复内容", "答复内容", "答复意见", "处理意见", "办理情况"),
    "联系电话": ("电话", "手机号码"),
    "通信地址": ("联系地址", "通讯地址"),
}

_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"), None)
_NOTES = re.compile(r"\([^()]*\)|\[[^\[\]]*\]|【[^【】]*】|〔[^〔〕]*〕")
_INDEX: dict[str, str] = {}


def clean_header(text) -> str:
    """Header text as compared: NFKC; no line breaks, spaces, ``*``, zero-width characters or notes."""
    s = unicodedata.normalize("NFKC", str(text if text is not None else "")).translate(_ZERO_WIDTH)
    s = re.sub(r"[\s*]", "", s)
    return _NOTES.sub("", s)


def _index() -> dict[str, str]:
    if not _INDEX:
        for col in ALL_COLUMNS:
            _INDEX[clean_header(col)] = col
        for col, names in SYNONYMS.items():
            for name in names:
                _INDEX[clean_header(name)] = col
    return _INDEX


def column_key(header, occurrence: int = 1, repeated: bool = False) -> str:
    """How the clerk names a column: its header, or ``联系电话#2`` for the second column of that name
    (``联系电话#1`` for the first, when the name repeats; plain ``联系电话`` names them all)."""
    return f"{str(header).strip()}#{occurrence}" if repeated or occurrence > 1 else str(header).strip()


def overridden(text, occurrence: int, overrides: dict[str, str] | None) -> str | None:
    """The clerk's target for this column (``原列名#n`` before ``原列名``), or None when not named."""
    key = clean_header(text)
    found = None
    for raw, target in (overrides or {}).items():
        name, sep, n = raw.rpartition("#")
        if sep and n.isdigit() and clean_header(name) == key:
            if int(n) == occurrence:
                return target
        elif clean_header(raw) == key:
            found = target
    return found


def match_header(text, overrides: dict[str, str] | None = None, occurrence: int = 1) -> tuple[str | None, bool]:
    """(column, exact) for one header cell; ``overrides`` = the clerk's 原列名 → 列名 (or 忽略)."""
    key = clean_header(text)
    if not key:
        return None, False
    target = overridden(text, occurrence, overrides)
    if target is not None:
        return (None if target == IGNORE else target), True
    col = _index().get(key)
    return col, col is not None and col != KEYWORDS and clean_header(col) == key


def normalise_header(text) -> str:
    """Kept for callers of version 1: the cleaned header text."""
    return clean_header(text)
