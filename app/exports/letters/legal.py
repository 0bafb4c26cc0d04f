"""Legal basis per outcome (domain §4 mapping) and the remedy clause of a reply (domain §7)."""

from __future__ import annotations

from dataclasses import dataclass

from app.workflow.outcomes import Decision, Outcome

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
        text = REGULATION + "、".join(self.articles)
        return f"{text}和{self.extra_law}" if self.extra_law else text


def _withhold(article: str, ground: str) -> Ruling:
    arts = (article, "第三十六条第（三）项") if article else ("第三十六条第（三）项",)
    return Ruling("不予公开", arts, ground, _WITHHOLD, review_first=True)


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
    "三.8": _withhold("", "您申请获取的信息属于行政查询事项，应当通过相应的查询渠道获取"),
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
                   "您可以通过公开出版发行渠道获取，本机关不作为政府信息公开申请处理"),
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

# Decisions whose letter differs from what the statistical outcome alone would say.
_BY_DECISION: dict[Decision, Ruling] = {
    Decision.PROACTIVELY_DISCLOSED: Ruling(
        "予以公开", ("第三十六条第（一）项",), "您申请获取的政府信息本机关已经主动公开",
        "现告知您获取该政府信息的方式、途径", reasons_required=True),
    Decision.NOT_RESPONSIBLE: Ruling(
        "非本机关负责", ("第三十六条第（五）项",), "您申请公开的信息不属于本机关负责公开的政府信息",
        "特此告知", reasons_required=True),
    Decision.SPECIAL_RULES: _BY_OUTCOME["六.3"],
    Decision.NEEDS_CREATION: _BY_OUTCOME["四.2"],
}


class RulingUnknown(ValueError):
    """The case has no decision or outcome from which a reply can be worded."""


def decision_from_label(label: str) -> Decision | None:
    return next((d for d in Decision if d.label == (label or "").strip()), None)


def ruling_for(outcome_code: str | None, decision_label: str = "") -> Ruling:
    """The reply's ruling: special decisions first, then the recorded outcome, then the decision."""
    decision = decision_from_label(decision_label)
    if decision in _BY_DECISION:
        return _BY_DECISION[decision]
    code = outcome_code
    if not code and decision is not None and decision.value[1] is not None:
        code = decision.value[1].code
    if not code:
        if decision is not None:
            raise RulingUnknown(f"拟办意见为“{decision.label}”，请同时选择具体的办理结果（如属于国家秘密）。")
        raise RulingUnknown("该申请尚未确定办理结果，请先在拟办意见中选择办理结果。")
    try:
        return _BY_OUTCOME[code]
    except KeyError:
        raise RulingUnknown(f"办理结果“{code}”无法对应答复书，请检查办理结果。") from None


def outcome_label(code: str | None) -> str:
    return Outcome.from_code(code).label if code else ""


def remedy_clause(review_first: bool, review_body: str, court: str) -> str:
    """The remedy sentence with the office's review body and court (domain §7).

    Since 2024 (行政复议法 2023 第二十三条) a refusal to disclose must go to review first; a partial
    disclosure refuses the rest, so it gets the same wording.
    """
    if review_first:
        return (f"如对本答复不服，应当先自收到本答复之日起六十日内向{review_body}申请行政复议；"
                f"对行政复议决定不服的，可以自收到行政复议决定书之日起十五日内向{court}提起行政诉讼。")
    return (f"如对本答复不服，可自收到本答复之日起六十日内向{review_body}申请行政复议，"
            f"或者自收到本答复之日起六个月内向{court}提起行政诉讼。")
