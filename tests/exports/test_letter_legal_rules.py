"""The letters' legal rules at their edges (domain §7): who must state reasons, who goes to review first,
which sub-grounds a decision takes, how a citation reads with a law besides the Regulation."""

import pytest

from app.exports.letters.legal import (
    REGULATION, Ruling, RulingUnknown, WithdrawnCase, decision_from_label, outcome_label, partial_ruling, ruling_for,
)

# decision (and sub-ground) → (reasons required?, review first?), by hand from domain §7:
# every 不予公开 (三.1–三.8) and 部分公开 states reasons; 复议前置 covers Arts 14–16 refusals (三.1–三.7) and
# the withheld part of 部分公开; 三.8, 36(1) 已主动公开, 36(5) 非本机关负责 and 36(7) 特别规定 explain
# where to go (reasons), everything else neither.
RULES = [
    ("予以公开", "一.0", False, False),
    ("已主动公开", None, True, False),
    ("信息不存在", None, False, False),
    ("非本机关负责", None, True, False),
    ("需要另行制作", None, False, False),
    ("重复申请", None, False, False),
    ("特别规定", None, True, False),
    *[("不予公开", f"三.{i}", True, True) for i in range(1, 8)],
    ("不予公开", "三.8", True, False),
    *[("不予处理", c, False, False) for c in ("四.3", "五.1", "五.3", "五.4", "五.5", "六.1", "六.2")],
]


@pytest.mark.parametrize("decision, code, reasons, review_first", RULES)
def test_who_states_reasons_and_who_goes_to_review_first(decision, code, reasons, review_first):
    r = ruling_for(code, decision)
    assert (r.reasons_required, r.review_first) == (reasons, review_first)


def test_not_processed_takes_only_its_own_sub_grounds():
    # 重复申请 (五.2) is a decision of its own; 不予处理 offers the seven others by name
    choices = "请选择具体情形（补正后申请内容仍不明确、信访举报投诉类申请、要求提供公开出版物"
    with pytest.raises(RulingUnknown, match=choices) as e:
        ruling_for("五.2", "不予处理")
    assert e.value.field == "outcome"
    with pytest.raises(RulingUnknown, match="请选择具体情形（属于国家秘密、.*、属于行政查询事项）"):
        ruling_for("四.1", "不予公开")


def test_a_citation_with_a_law_besides_the_regulation():
    # 三.8: the handler's query law stands alone when no article of the Regulation is cited;
    # with articles it follows them after 和
    assert Ruling("不予公开", (), "", "", extra_law="《不动产登记暂行条例》").citation == "《不动产登记暂行条例》"
    with_law = Ruling("不予处理", ("第三十条",), "", "", extra_law="《X办法》")
    assert with_law.citation == f"{REGULATION}第三十条和《X办法》"
    assert Ruling("不予处理", ("第三十条",), "", "").citation == f"{REGULATION}第三十条"
    assert Ruling("不予公开", (), "", "").citation == ""


def test_the_recorded_decision_is_read_with_its_spaces_trimmed():
    assert ruling_for("一.0", " 予以公开 ").variant == "予以公开"
    assert decision_from_label(None) is None
    with pytest.raises(WithdrawnCase):
        ruling_for(None, " 申请人撤回 ")


def test_an_outcome_without_decision_is_named_in_the_refusal():
    with pytest.raises(RulingUnknown, match="只有统计用的办理结果“其他”"):
        ruling_for("六.3", None)
    assert outcome_label(None) == "" and outcome_label("三.4") == "保护第三方合法权益"


@pytest.mark.parametrize("ground", ["三.8", "四.1", ""])
def test_a_partial_disclosure_withheld_for_no_art_14_16_ground_is_refused(ground):
    # the withheld part of 部分公开 must be one of 不予公开 1–7 (Arts 14–16)
    with pytest.raises(RulingUnknown, match="即不予公开情形1至7之一"):
        partial_ruling(ground)


def test_partial_disclosure_words_the_withheld_part():
    r = partial_ruling("三.6")
    assert r.articles == ("第三十七条", "第十六条第二款", "第三十六条第（二）项", "第三十六条第（三）项")
    assert "部分内容属于行政机关在履行行政管理职能过程中形成的过程性信息，不应当公开" in r.ground


def test_a_refusal_reads_as_its_message_alone_with_the_field_kept_apart():
    # the window shows str(exc) to the clerk; the field it names is carried separately
    with pytest.raises(RulingUnknown) as e:
        partial_ruling("")
    assert str(e.value) == ("部分公开的，须记录不予公开部分的理由类别（属于国家秘密、保护第三方合法权益等，"
                            "即不予公开情形1至7之一），答复书据此引用条款。")
    assert e.value.field == "withheld_ground"


@pytest.mark.parametrize("reasons, words", [
    # 三.4 says what the handler's reasons name: one ground alone, or both (or neither) as the general words
    ("图纸含第三方的商业秘密", "商业秘密"),
    ("附件载有邻户的个人隐私", "个人隐私"),
    ("涉及商业秘密和个人隐私", "商业秘密、个人隐私等"),
    ("公开会损害第三方合法权益", "商业秘密、个人隐私等"),
    ("", "商业秘密、个人隐私等"),
    (None, "商业秘密、个人隐私等"),
])
def test_third_party_ground_names_only_what_the_reasons_name(reasons, words):
    from app.exports.letters.legal import third_party_words
    assert third_party_words(reasons) == words
