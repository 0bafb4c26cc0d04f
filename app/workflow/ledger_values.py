"""Values in offices' ledgers → the app's vocabularies (domain §6), with the choices when one cannot be placed."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from app.workflow.outcomes import Decision, GROUPS, Outcome, normalise_label, outcome_for_decision
from app.workflow.vocabulary import ApplicantType, Channel, Delivery, IdType, RequestedForm, ServiceMethod

BY_NAME = "按申请人名称判断"   # a 申请人类型 mapping target: …有限公司 → 商业企业, …律师事务所 → 法律服务机构
PER_ROW = "逐行选择"          # a value mapping (or default) whose rows the clerk decides one by one
NO_OUTCOME = "（不填）"       # a row's choice for 办理结果: the case is still open
CONSULTATION_KINDS = {"第三方": "征求第三方意见", "其他机关": "征求其他机关意见"}

_SYNONYMS: dict[str, dict[str, str]] = {
    "申请人类型": {"公民": "自然人", "个人": "自然人"},
    "申请方式": {"网上申请": "网络", "政府网站": "网络", "网站": "网络", "在线申请": "网络", "现场": "当面",
             "窗口": "当面", "现场申请": "当面", "当面提交": "当面", "挂号信": "邮寄", "EMS": "邮寄", "快递": "邮寄",
             "信函": "邮寄", "邮件": "电子邮件", "电子邮箱": "电子邮件"},
    "征求意见类型": {"征求第三方意见": "第三方", "征求其他机关意见": "其他机关"},
}
_CHOICES: dict[str, tuple[str, ...]] = {
    "申请人类型": tuple(t.value for t in ApplicantType),
    "申请方式": tuple(c.value for c in Channel),
    "证件类型": tuple(t.value for t in IdType),
    "提供形式": tuple(f.value for f in RequestedForm),
    "获取方式": tuple(d.value for d in Delivery),
    "送达方式": tuple(m.value for m in ServiceMethod),
    "征求意见类型": tuple(CONSULTATION_KINDS),
    "答复类型": tuple(d.label for d in Decision),
    "延期": ("是", "否"),
}
MAPPABLE = tuple(_CHOICES) + ("办理结果",)
DEFAULTABLE = MAPPABLE   # columns a clerk may fill for every row where the ledger has none
# Decision words offices write as the outcome (domain §6); 非本机关负责 follows the office's setting.
_DECISION_WORDS = {
    "已主动公开": "予以公开", "可以公开": "予以公开", "信息不存在": "本机关不掌握相关政府信息",
    "需要另行制作": "没有现成信息需要另行制作", "需另行制作": "没有现成信息需要另行制作",
    "转信访渠道办理": "信访举报投诉类申请", "信访举报投诉类": "信访举报投诉类申请",
}
_NOT_RESPONSIBLE = ("非本机关政府信息", "非本机关负责")
_GROUPED = {"不予公开": "三", "不予处理": "五", "无法提供": "四", "其他处理": "六"}
_BRACKETED = re.compile(r"^(不予公开|不予处理|无法提供|其他处理)[(（](.+)[)）]$")
_GROUP_PREFIX = re.compile(r"^[(（]?[一二三四五六七][)）、.]?")


@dataclass(frozen=True)
class Placed:
    """A ledger value placed: ``value`` in the app's words, or None with the ``choices`` to offer."""

    value: str | None
    choices: tuple[str, ...] = ()


def _key(text: str) -> str:
    return unicodedata.normalize("NFKC", text).replace(" ", "").strip()


def choices(column: str) -> tuple[str, ...]:
    """What a value of ``column`` may be mapped to (申请人类型 may also follow the applicant's name)."""
    if column == "办理结果":
        return tuple(o.label for o in Outcome)
    if column == "申请人类型":
        return _CHOICES[column] + (BY_NAME,)
    return _CHOICES.get(column, ())


def default_choices(column: str) -> tuple[str, ...]:
    """What a missing (or blank) ``column`` may be filled with for every row; 逐行选择 = decide each row."""
    return choices(column) + (PER_ROW,)


def place(column: str, text: str, mapping: dict[tuple[str, str], str] | None = None,
          not_responsible: str = "四.1") -> Placed:
    """Place ``text`` of ``column``; the clerk's ``mapping`` ((列名, 原值) → 值) comes first."""
    if mapping:
        for (col, raw), value in mapping.items():
            if col == column and _key(raw) == _key(text):
                if (value == BY_NAME and column == "申请人类型") or value == PER_ROW:
                    return Placed(value)
                return place(column, value, None, not_responsible)
    if column == "办理结果":
        return _outcome(text, not_responsible)
    options = _CHOICES.get(column)
    if options is None:
        return Placed(text)
    key = _key(text)
    for o in options:
        if _key(o) == key:
            return Placed(o)
    synonyms = {_key(k): v for k, v in _SYNONYMS.get(column, {}).items()}
    if key in synonyms:
        return Placed(synonyms[key])
    if column == "延期" and key.upper() in ("Y", "YES", "TRUE", "已延期"):
        return Placed("是")
    return Placed(None, options)


def _outcome(text: str, not_responsible: str) -> Placed:
    found = Outcome.from_label(text)
    if found:
        return Placed(found.label)
    key = normalise_label(text)
    if key in _DECISION_WORDS:
        return Placed(_DECISION_WORDS[key])
    if key in _NOT_RESPONSIBLE:
        return Placed(Outcome.from_code(not_responsible).label)
    stripped = _GROUP_PREFIX.sub("", key, count=1)
    if stripped != key and Outcome.from_label(stripped):
        return Placed(Outcome.from_label(stripped).label)
    m = _BRACKETED.match(key)
    group = _GROUPED.get(m[1] if m else key)
    if group is None:
        if Decision.from_label(key) and outcome_for_decision(key, not_responsible):
            return Placed(outcome_for_decision(key, not_responsible).label)
        return Placed(None, tuple(o.label for o in Outcome))
    leaves = [o for o in Outcome if o.group == group]
    if m:
        best = _closest(m[2], leaves)
        if best:
            return Placed(best.label)
    return Placed(None, tuple(o.label for o in leaves))


def _closest(text: str, leaves: list[Outcome]) -> Outcome | None:
    """The one leaf sharing the longest run of characters (≥ 2) with ``text``; None when tied."""
    def run(a: str, b: str) -> int:
        best = 0
        for i in range(len(a)):
            for j in range(i + best + 1, len(a) + 1):
                if a[i:j] in b:
                    best = j - i
                else:
                    break
        return best

    target = normalise_label(text)
    scored = sorted(((run(target, normalise_label(o.label)), o) for o in leaves), key=lambda p: -p[0])
    if not scored or scored[0][0] < 2 or (len(scored) > 1 and scored[1][0] == scored[0][0]):
        return None
    return scored[0][1]


def decision_word(text: str) -> str:
    """The Art 36 decision a 办理结果 word names (已主动公开, 信息不存在 …), or ""."""
    key = normalise_label(text)
    if Outcome.from_label(key):
        return ""    # an outcome label says how it counts, not what was decided
    if key == "非本机关政府信息":
        return Decision.NOT_RESPONSIBLE.label
    key = {"需另行制作": "需要另行制作"}.get(key, key)
    return key if Decision.from_label(key) else ""


_NAME_HINTS = (
    (re.compile(r"律师事务所|律所|法律服务|法律援助|公证处|司法鉴定"), "法律服务机构"),
    (re.compile(r"研究院|研究所|研究中心|大学|学院|科学院|实验室"), "科研机构"),
    (re.compile(r"公益|基金会|协会|志愿|慈善|救助"), "社会公益组织"),
    (re.compile(r"公司|集团|企业|厂$|商行|合作社|个体工商户|事务所"), "商业企业"),
)


def suggest_applicant_type(name: str) -> str:
    """A suggestion from the applicant's name (…有限公司 → 商业企业, …律师事务所 → 法律服务机构), or ""."""
    for pattern, value in _NAME_HINTS:
        if pattern.search(name or ""):
            return value
    return ""


# Names that are an organisation's although no kind of organisation can be told from them.
_ORGANISATION = re.compile(r"委员会|村委会|居委会|管委会|政府|办事处|街道|商会|工会|联合会|医院|学校|银行|中心$|[局厅处]$")


def judge_applicant_type(name: str, held_by: str = "") -> str:
    """The applicant type a name shows: a person's column → 自然人; …公司 → 商业企业, …事务所 → 法律服务机构;
    an organisation no kind can be told of (…委员会, or held in an organisation's column) → 其他; else ""."""
    if held_by == "person":
        return "自然人"
    guess = suggest_applicant_type(name)
    if guess:
        return guess
    return "其他" if held_by == "organisation" or _ORGANISATION.search(name or "") else ""


def group_label(code: str) -> str:
    return next(g.label for g in GROUPS if g.code == code)
