"""Legal basis per outcome (domain §4 mapping) and the remedy clause of a reply (domain §7)."""

from __future__ import annotations

from dataclasses import dataclass

from app.workflow.outcomes import WITHDRAWN, Decision, Outcome

REGULATION = "《中华人民共和国政府信息公开条例》"
FEE_RULES = "《政府信息公开信息处理费管理办法》"
_WITHHOLD = "本机关决定不予公开"
_NOT_PROCESSED = "本机关不再处理您的该项政府信息公开申请"


@dataclass(frozen=True)
class Ruling:
    """What a reply says about the decision: variant, articles cited, ground and conclusion."""

    variant: str
    articles: tuple[str, ...]
    ground: str
    conclusion: str
    reasons_required: bool = False
    review_first: bool = False      # 行政复议前置 (行政复议法 2023 第二十三条): anything withheld
    extra_law: str = ""

    @property
    def citation(self) -> str:
        """E.g. 《中华人民共和国政府信息公开条例》第十四条、第三十六条第（三）项."""
        text = REGULATION + "、".join(self.articles) if self.articles else ""
        if self.extra_law and text:
            return f"{text}和{self.extra_law}"
        return text or self.extra_law


def _withhold(article: str, ground: str) -> Ruling:
    return Ruling("不予公开", (article, "第三十六条第（三）项"), ground, _WITHHOLD, reasons_required=True,
                  review_first=True)


# Keyed by Outcome.code; expected articles worked out from the Regulation (domain §4, §7).
_BY_OUTCOME: dict[str, Ruling] = {
    "一.0": Ruling("予以公开", ("第三十六条第（二）项",), "您申请获取的政府信息属于可以公开的政府信息",
                   "本机关决定予以公开"),
    "二.0": Ruling("部分公开", ("第三十七条", "第三十六条第（二）项"),
                   "您申请获取的政府信息中含有不应当公开的内容，但能够作区分处理",
                   "本机关决定对其中可以公开的内容予以公开，对不应当公开的内容不予公开",
                   reasons_required=True, review_first=True),
    "三.1": _withhold("第十四条", "您申请获取的信息属于依法确定为国家秘密的政府信息"),
    "三.2": _withhold("第十四条", "您申请获取的信息属于法律、行政法规禁止公开的政府信息"),
    "三.3": _withhold("第十四条", "您申请获取的信息公开后可能危及国家安全、公共安全、经济安全、社会稳定"),
    "三.4": _withhold("第十五条", "您申请获取的信息涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害"),
    "三.5": _withhold("第十六条第一款", "您申请获取的信息属于行政机关的内部事务信息"),
    "三.6": _withhold("第十六条第二款", "您申请获取的信息属于行政机关在履行行政管理职能过程中形成的过程性信息"),
    "三.7": _withhold("第十六条第二款", "您申请获取的信息属于行政执法案卷信息"),
    # 三.8 is not an Art 14–16 refusal: the letter cites the law giving the query channel (typed by
    # the handler, put in front of the articles) and says where to query; review or lawsuit, no review first.
    "三.8": Ruling("不予公开", (), "您申请获取的信息属于行政查询事项，有关规定对该类信息的查询另有专门渠道",
                   "本机关不作为政府信息公开申请提供，请您通过该查询渠道查询", reasons_required=True),
    "四.1": Ruling("信息不存在", ("第三十六条第（四）项",), "本机关未制作或者获取您申请公开的政府信息",
                   "现告知您该政府信息不存在"),
    "四.2": Ruling("信息不存在", ("第三十八条",),
                   "本机关没有您所申请的现成信息，需要对现有政府信息进行加工、分析方能提供", "本机关不予提供"),
    "四.3": Ruling("不予处理", ("第三十条",), "您补正后的申请内容仍不明确，本机关无法确定您所需要的政府信息",
                   "本机关无法向您提供该政府信息"),
    "五.1": Ruling("不予处理", ("第三十九条第一款",), "您以政府信息公开申请的形式进行信访、投诉、举报等活动",
                   "本机关不作为政府信息公开申请处理，您可以通过信访、投诉、举报等相应渠道提出"),
    "五.2": Ruling("重复申请", ("第三十六条第（六）项",),
                   "您本次申请公开的政府信息与您此前提出的申请相同，本机关已就该申请作出答复",
                   "本机关不予重复处理"),
    "五.3": Ruling("不予处理", ("第三十九条第二款",), "您申请获取的是政府公报、报刊、书籍等公开出版物",
                   "现告知您获取该出版物的途径"),
    "五.4": Ruling("不予处理", ("第三十五条",),
                   "您申请公开政府信息的数量、频次明显超过合理范围，经本机关要求说明理由，您说明的理由不合理",
                   "本机关不予处理"),
    "五.5": Ruling("不予处理", ("第二条",),
                   "您的申请是要求本机关确认或者重新出具您已获取的信息，不属于申请获取政府信息",
                   "本机关不作为政府信息公开申请处理"),
    "六.1": Ruling("不予处理", ("第三十条",), "您无正当理由逾期未按本机关的补正告知作出补正，视为放弃申请",
                   _NOT_PROCESSED),
    "六.2": Ruling("不予处理", ("第四十二条",), "您逾期未按本机关的收费通知要求缴纳信息处理费，视为放弃申请",
                   _NOT_PROCESSED, extra_law=FEE_RULES),
    "六.3": Ruling("特别规定", ("第三十六条第（七）项",),
                   "您申请获取的信息属于工商、不动产登记资料等信息，有关法律、行政法规对信息的获取有特别规定",
                   "请您依照有关法律、行政法规的规定办理", reasons_required=True),
}

# Decisions whose letter does not depend on a sub-ground (the statistical outcome only counts them).
_BY_DECISION: dict[Decision, Ruling] = {
    Decision.PROACTIVELY_DISCLOSED: Ruling(
        "予以公开", ("第三十六条第（一）项",), "您申请获取的政府信息本机关已经主动公开",
        "现告知您获取该政府信息的方式、途径", reasons_required=True),
    Decision.DISCLOSE: _BY_OUTCOME["一.0"],
    Decision.NOT_EXIST: _BY_OUTCOME["四.1"],
    Decision.NOT_RESPONSIBLE: Ruling(
        "非本机关负责", ("第三十六条第（五）项",), "您申请公开的信息不属于本机关负责公开的政府信息",
        "特此告知", reasons_required=True),
    Decision.NEEDS_CREATION: _BY_OUTCOME["四.2"],
    Decision.REPEATED: _BY_OUTCOME["五.2"],
    Decision.SPECIAL_RULES: _BY_OUTCOME["六.3"],
}
# Decisions whose wording comes from the recorded sub-ground (a leaf of table 三).
_SUB_GROUNDS: dict[Decision, tuple[str, ...]] = {
    Decision.WITHHOLD: tuple(f"三.{i}" for i in range(1, 9)),
    Decision.NOT_PROCESSED: ("四.3", "五.1", "五.3", "五.4", "五.5", "六.1", "六.2"),
}
# The withheld part of a 部分公开 reply, in words, by its ground (Arts 14–16).
WITHHELD_WORDS = {
    "三.1": "属于依法确定为国家秘密的政府信息",
    "三.2": "属于法律、行政法规禁止公开的政府信息",
    "三.3": "公开后可能危及国家安全、公共安全、经济安全、社会稳定",
    "三.4": "涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害",
    "三.5": "属于行政机关的内部事务信息",
    "三.6": "属于行政机关在履行行政管理职能过程中形成的过程性信息",
    "三.7": "属于行政执法案卷信息",
}


THIRD_PARTY_WORDS = "商业秘密、个人隐私等"


def third_party_words(reasons: str) -> str:
    """三.4 as the handler's reasons put it: 商业秘密 or 个人隐私 alone when only that one is named."""
    trade, privacy = "商业秘密" in (reasons or ""), "个人隐私" in (reasons or "")
    if trade != privacy:
        return "商业秘密" if trade else "个人隐私"
    return THIRD_PARTY_WORDS


class RulingUnknown(ValueError):
    """The case has no decision from which a reply can be worded; ``field`` names what is missing."""

    def __init__(self, message: str, field: str = "decision"):
        super().__init__(message)
        self.field = field


class WithdrawnCase(RulingUnknown):
    """A withdrawn case gets no 答复书."""


def decision_from_label(label: str) -> Decision | None:
    return next((d for d in Decision if d.label == (label or "").strip()), None)


def ruling_for(outcome_code: str | None, decision_label: str = "", withheld_ground: str = "") -> Ruling:
    """The reply's ruling from the recorded Art 36 decision, never from the statistical leaf alone.

    不予公开 and 不予处理 take their sub-ground from the recorded outcome; 部分公开 its withheld
    part's ground. An outcome without a decision (e.g. imported) is refused: the clerk records it first.
    """
    if (decision_label or "").strip() == WITHDRAWN:
        raise WithdrawnCase("申请人已撤回申请，不出具政府信息公开申请答复书；"
                            "如需书面确认，可出具“终止办理告知书”（在设置中开启）。")
    decision = decision_from_label(decision_label)
    if decision is None:
        if outcome_code:
            raise RulingUnknown(f"该申请只有统计用的办理结果“{outcome_label(outcome_code)}”，没有记录答复决定"
                                "（条例第三十六条所列情形）。答复书依答复决定出具，请先补录答复决定。")
        raise RulingUnknown("该申请尚未确定答复决定，请先在“提交签批”中选择答复决定（条例第三十六条所列情形）。")
    if decision is Decision.PARTIAL:
        return partial_ruling(withheld_ground)
    if decision in _BY_DECISION:
        return _BY_DECISION[decision]
    allowed = _SUB_GROUNDS[decision]
    if outcome_code not in allowed:
        labels = "、".join(Outcome.from_code(c).label for c in allowed)
        raise RulingUnknown(f"答复决定为“{decision.label}”，请选择具体情形（{labels}）。", "outcome")
    return _BY_OUTCOME[outcome_code]


def partial_ruling(withheld_ground: str) -> Ruling:
    """部分公开: Art 37 and 36(2) for what is given, the withheld part's own article and 36(3) for the rest."""
    if withheld_ground not in WITHHELD_WORDS:
        raise RulingUnknown("部分公开的，须记录不予公开部分的理由类别（属于国家秘密、保护第三方合法权益等，"
                            "即不予公开情形1至7之一），答复书据此引用条款。", "withheld_ground")
    article = _BY_OUTCOME[withheld_ground].articles[0]
    return Ruling(
        "部分公开", ("第三十七条", article, "第三十六条第（二）项", "第三十六条第（三）项"),
        f"您申请获取的政府信息中，部分内容{WITHHELD_WORDS[withheld_ground]}，不应当公开，其余内容能够作区分处理",
        "本机关决定对其中可以公开的内容予以公开，对不应当公开的内容不予公开",
        reasons_required=True, review_first=True)


def outcome_label(code: str | None) -> str:
    return Outcome.from_code(code).label if code else ""


def remedy_clause(review_first: bool, review_body: str, court: str) -> str:
    """The remedy sentence with the office's review body and court (domain §7).

    Since 2024 (行政复议法 2023 第二十三条第一款第（四）项) a refusal under Arts 14–16 must go to review
    first; a partial disclosure refuses the rest, so it gets the same wording. After review the court
    is not fixed in advance (it depends on the review body's decision), so none is named.
    """
    if review_first:
        return (f"如对本答复不服，应当先自收到本答复之日起六十日内向{review_body}申请行政复议；"
                "对行政复议决定不服的，可以自收到行政复议决定书之日起十五日内依法向人民法院提起行政诉讼。")
    return (f"如对本答复不服，可自收到本答复之日起六十日内向{review_body}申请行政复议，"
            f"或者自收到本答复之日起六个月内向{court}提起行政诉讼。")


def third_party_remedy(review_body: str, court: str) -> str:
    """Art 32 notice: the third party may challenge the decision to disclose (review or lawsuit)."""
    return (f"您（单位）如对本决定不服，可自收到本告知书之日起六十日内向{review_body}申请行政复议，"
            f"或者自收到本告知书之日起六个月内向{court}提起行政诉讼。")
