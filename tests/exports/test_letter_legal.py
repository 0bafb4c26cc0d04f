"""Legal basis per decision and the remedy clause; expected citations worked out by hand from domain §4/§7
and the articles of the Regulation (2019), not copied from the code.

A reply follows the recorded Art 36 decision; 不予公开 / 不予处理 take their sub-ground from the recorded
outcome (a leaf of table 三), 部分公开 the withheld part's ground. An outcome alone is refused.
"""

import pytest

from app.exports.letters.legal import (
    REGULATION, RulingUnknown, WithdrawnCase, remedy_clause, ruling_for, third_party_remedy,
)

# (outcome code, decision label) → (reply variant, articles cited, review first?)
CASES = [
    ("一.0", "予以公开", "予以公开", "第三十六条第（二）项", False),
    ("一.0", "已主动公开", "予以公开", "第三十六条第（一）项", False),
    ("三.1", "不予公开", "不予公开", "第十四条、第三十六条第（三）项", True),        # state secret
    ("三.2", "不予公开", "不予公开", "第十四条、第三十六条第（三）项", True),
    ("三.3", "不予公开", "不予公开", "第十四条、第三十六条第（三）项", True),
    ("三.4", "不予公开", "不予公开", "第十五条、第三十六条第（三）项", True),        # Art 15 → （三）4
    ("三.5", "不予公开", "不予公开", "第十六条第一款、第三十六条第（三）项", True),  # Art 16(1) → （三）5
    ("三.6", "不予公开", "不予公开", "第十六条第二款、第三十六条第（三）项", True),  # Art 16(2) → （三）6–7
    ("三.7", "不予公开", "不予公开", "第十六条第二款、第三十六条第（三）项", True),
    ("四.1", "信息不存在", "信息不存在", "第三十六条第（四）项", False),
    ("四.1", "非本机关负责", "非本机关负责", "第三十六条第（五）项", False),
    ("四.2", "需要另行制作", "信息不存在", "第三十八条", False),                    # 加工分析
    ("五.1", "不予处理", "不予处理", "第三十九条第一款", False),                    # 信访举报投诉
    ("五.2", "重复申请", "重复申请", "第三十六条第（六）项", False),
    ("五.3", "不予处理", "不予处理", "第三十九条第二款", False),                    # 公开出版物
    ("五.4", "不予处理", "不予处理", "第三十五条", False),                          # 明显超过合理范围
    ("六.1", "不予处理", "不予处理", "第三十条", False),                            # 逾期不补正
    ("六.3", "特别规定", "特别规定", "第三十六条第（七）项", False),
    (None, "特别规定", "特别规定", "第三十六条第（七）项", False),
    (None, "重复申请", "重复申请", "第三十六条第（六）项", False),                  # decision alone suffices
    ("六.3", "予以公开", "予以公开", "第三十六条第（二）项", False),                # the leaf never picks the letter
]


@pytest.mark.parametrize("code, decision, variant, articles, review_first", CASES)
def test_each_decision_cites_its_articles(code, decision, variant, articles, review_first):
    r = ruling_for(code, decision)
    assert r.variant == variant
    assert r.citation == REGULATION + articles
    assert r.review_first is review_first


@pytest.mark.parametrize("ground, article", [("三.1", "第十四条"), ("三.4", "第十五条"),
                                             ("三.5", "第十六条第一款"), ("三.7", "第十六条第二款")])
def test_partial_disclosure_cites_the_withheld_parts_article(ground, article):
    # domain §7: 第三十七条、<ground's article>、第三十六条第（三）项 besides 第三十六条第（二）项; review first
    r = ruling_for("二.0", "部分公开", ground)
    assert r.citation == REGULATION + f"第三十七条、{article}、第三十六条第（二）项、第三十六条第（三）项"
    assert r.review_first and r.reasons_required


def test_partial_disclosure_without_the_withheld_ground_is_refused():
    with pytest.raises(RulingUnknown, match="不予公开部分的理由类别") as e:
        ruling_for("二.0", "部分公开")
    assert e.value.field == "withheld_ground"


def test_query_matter_is_not_review_first():
    r = ruling_for("三.8", "不予公开")
    assert r.review_first is False and r.reasons_required
    assert r.articles == ()              # the handler's query law is cited instead


def test_unpaid_fee_cites_article_42_and_the_fee_rules():
    r = ruling_for("六.2", "不予处理")
    assert r.citation == "《中华人民共和国政府信息公开条例》第四十二条和《政府信息公开信息处理费管理办法》"
    assert r.variant == "不予处理"


def test_every_refusal_requires_reasons():
    for code in (f"三.{i}" for i in range(1, 9)):
        assert ruling_for(code, "不予公开").reasons_required, code


def test_a_withholding_decision_needs_the_specific_ground():
    with pytest.raises(RulingUnknown, match="请选择具体情形"):
        ruling_for(None, "不予公开")
    with pytest.raises(RulingUnknown, match="请选择具体情形"):
        ruling_for("一.0", "不予公开")
    with pytest.raises(RulingUnknown, match="尚未确定答复决定"):
        ruling_for(None, "")


def test_an_outcome_without_a_decision_asks_for_the_decision():
    # e.g. an imported case: （六）3 其他 is a statistical residue, not a legal ground
    with pytest.raises(RulingUnknown, match="没有记录答复决定") as e:
        ruling_for("六.3", "")
    assert e.value.field == "decision"


def test_a_withdrawn_case_gets_no_reply():
    with pytest.raises(WithdrawnCase, match="不出具政府信息公开申请答复书"):
        ruling_for("六.3", "申请人撤回")


def test_remedy_clause_names_the_configured_review_body_and_court():
    # domain §7, with 〔复议机关〕 = 某某市人民政府 and 〔人民法院〕 = 某某区人民法院
    assert remedy_clause(False, "某某市人民政府", "某某区人民法院") == (
        "如对本答复不服，可自收到本答复之日起六十日内向某某市人民政府申请行政复议，"
        "或者自收到本答复之日起六个月内向某某区人民法院提起行政诉讼。")


def test_remedy_for_refusal_is_review_first_then_any_competent_court():
    text = remedy_clause(True, "某某市人民政府", "某某区人民法院")
    assert text == ("如对本答复不服，应当先自收到本答复之日起六十日内向某某市人民政府申请行政复议；"
                    "对行政复议决定不服的，可以自收到行政复议决定书之日起十五日内依法向人民法院提起行政诉讼。")
    assert "某某区人民法院" not in text and "六个月" not in text


def test_third_party_may_challenge_the_decision_to_disclose():
    assert third_party_remedy("某某市人民政府", "某某区人民法院") == (
        "您（单位）如对本决定不服，可自收到本告知书之日起六十日内向某某市人民政府申请行政复议，"
        "或者自收到本告知书之日起六个月内向某某区人民法院提起行政诉讼。")
