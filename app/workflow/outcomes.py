"""Statistical outcomes: the leaves of table 三 (国办公开办函〔2021〕30号), labels exactly as printed."""

import unicodedata
from functools import cache
from dataclasses import dataclass
from enum import Enum


@dataclass(frozen=True)
class OutcomeGroup:
    code: str
    label: str


GROUPS: tuple[OutcomeGroup, ...] = (
    OutcomeGroup("一", "（一）予以公开"),
    OutcomeGroup("二", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
    OutcomeGroup("三", "（三）不予公开"),
    OutcomeGroup("四", "（四）无法提供"),
    OutcomeGroup("五", "（五）不予处理"),
    OutcomeGroup("六", "（六）其他处理"),
)


class Outcome(Enum):
    """One leaf of table 三; ``value`` is (group, item number, label). Item 0 = the group itself."""

    DISCLOSED = ("一", 0, "予以公开")
    PARTIAL = ("二", 0, "部分公开")
    STATE_SECRET = ("三", 1, "属于国家秘密")
    LAW_FORBIDS = ("三", 2, "其他法律行政法规禁止公开")
    THREE_SECURITIES = ("三", 3, "危及“三安全一稳定”")
    THIRD_PARTY = ("三", 4, "保护第三方合法权益")
    INTERNAL_AFFAIRS = ("三", 5, "属于三类内部事务信息")
    PROCESS_INFO = ("三", 6, "属于四类过程性信息")
    ENFORCEMENT_FILE = ("三", 7, "属于行政执法案卷")
    INQUIRY = ("三", 8, "属于行政查询事项")
    NOT_HELD = ("四", 1, "本机关不掌握相关政府信息")
    NEEDS_CREATION = ("四", 2, "没有现成信息需要另行制作")
    STILL_UNCLEAR = ("四", 3, "补正后申请内容仍不明确")
    PETITION = ("五", 1, "信访举报投诉类申请")
    REPEATED = ("五", 2, "重复申请")
    PUBLICATION = ("五", 3, "要求提供公开出版物")
    EXCESSIVE = ("五", 4, "无正当理由大量反复申请")
    CONFIRMATION = ("五", 5, "要求行政机关确认或重新出具已获取信息")
    NO_CORRECTION = ("六", 1, "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请")
    FEE_UNPAID = ("六", 2, "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请")
    OTHER = ("六", 3, "其他")

    @property
    def group(self) -> str:
        return self.value[0]

    @property
    def item(self) -> int:
        return self.value[1]

    @property
    def label(self) -> str:
        return self.value[2]

    @property
    def row_label(self) -> str:
        """The label as it stands in table 三 (numbered leaves carry their number)."""
        if self.item == 0:
            return next(g.label for g in GROUPS if g.code == self.group)
        return f"{self.item}.{self.label}"

    @property
    def code(self) -> str:
        """Stable storage code, e.g. ``三.1``."""
        return f"{self.group}.{self.item}"

    @classmethod
    def from_code(cls, code: str) -> "Outcome":
        for o in cls:
            if o.code == code:
                return o
        raise ValueError(code)

    @classmethod
    def from_label(cls, text: str) -> "Outcome | None":
        """Match a ledger label (domain §6): NFKC, quote style ignored, numbering optional."""
        return _label_index().get(normalise_label(text))


@cache
def _label_index() -> dict[str, Outcome]:
    index: dict[str, Outcome] = {}
    for g in GROUPS:
        only = [o for o in Outcome if o.group == g.code]
        if len(only) == 1:
            index[normalise_label(g.label)] = only[0]
    for o in Outcome:
        index[normalise_label(o.label)] = o
        index[normalise_label(o.row_label)] = o
    return index


_QUOTES = str.maketrans({c: "" for c in "\"'“”‘’「」『』〝〞＂＇"})


def normalise_label(text: str) -> str:
    return unicodedata.normalize("NFKC", str(text)).translate(_QUOTES).replace(" ", "").strip()


# The recorded decision of a withdrawn case: not an Art 36 decision, so no 答复书 is worded for it.
WITHDRAWN = "申请人撤回"


class Decision(Enum):
    """The Art 36 decision a reply letter states; ``value`` = (label, default outcome, letter variant)."""

    PROACTIVELY_DISCLOSED = ("已主动公开", Outcome.DISCLOSED, "予以公开")
    DISCLOSE = ("予以公开", Outcome.DISCLOSED, "予以公开")
    PARTIAL = ("部分公开", Outcome.PARTIAL, "部分公开")
    WITHHOLD = ("不予公开", None, "不予公开")
    NOT_EXIST = ("信息不存在", Outcome.NOT_HELD, "信息不存在")
    NOT_RESPONSIBLE = ("非本机关负责", Outcome.NOT_HELD, "非本机关负责")
    NEEDS_CREATION = ("需要另行制作", Outcome.NEEDS_CREATION, "信息不存在")
    REPEATED = ("重复申请", Outcome.REPEATED, "重复申请")
    NOT_PROCESSED = ("不予处理", None, "不予处理")
    SPECIAL_RULES = ("特别规定", Outcome.OTHER, "特别规定")

    @property
    def label(self) -> str:
        return self.value[0]

    @property
    def letter_variant(self) -> str:
        return self.value[2]

    @property
    def default_outcome(self) -> "Outcome | None":
        """The statistical outcome this decision usually counts as (None: the handler must choose)."""
        return self.value[1]

    @classmethod
    def from_label(cls, label: str) -> "Decision | None":
        return next((d for d in cls if d.label == label), None)


# No official text fixes the leaf of a 36(7) answer (特别规定): （六）3 by default, （三）8 as many offices count
# 不动产/工商登记资料 (settings ``special_rules_outcome``; resources/templates/README.md says why).
SPECIAL_RULES_LEAVES = ("六.3", "三.8")


def outcome_for_decision(decision: str, not_responsible_code: str = "四.1",
                         special_rules_code: str = "六.3") -> Outcome | None:
    """Domain §4 mapping from the Art 36 decision; 非本机关负责 and 特别规定 count as the office configures."""
    d = Decision.from_label(decision)
    if d is None:
        return None
    if d is Decision.NOT_RESPONSIBLE:
        return Outcome.from_code(not_responsible_code)
    if d is Decision.SPECIAL_RULES and special_rules_code in SPECIAL_RULES_LEAVES:
        return Outcome.from_code(special_rules_code)
    return d.default_outcome


# Decisions whose table 三 leaf is not fixed by the decision itself: the handler picks one of these.
_OPEN_GROUPS = {Decision.WITHHOLD: "三", Decision.NOT_PROCESSED: "五"}


def outcomes_for_decision(decision: str, not_responsible_code: str = "四.1",
                          special_rules_code: str = "六.3") -> tuple[Outcome, ...]:
    """The leaves a decision may count as: exactly one where the mapping fixes it, else the choices.

    不予公开 chooses among （三）1–8; 不予处理 among （四）3 补正后申请内容仍不明确 (its letter is the
    不予处理 variant, citing Art 30) and （五） except 重复申请 (a decision of its own).
    An unknown decision gives ().
    """
    d = Decision.from_label(decision)
    if d is None:
        return ()
    fixed = outcome_for_decision(decision, not_responsible_code, special_rules_code)
    if fixed is not None:
        return (fixed,)
    extra = (Outcome.STILL_UNCLEAR,) if d is Decision.NOT_PROCESSED else ()
    return extra + tuple(o for o in Outcome if o.group == _OPEN_GROUPS[d] and o is not Outcome.REPEATED)
