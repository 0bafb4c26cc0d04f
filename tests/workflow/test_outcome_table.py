"""Table 三's leaves, codes and row labels written out by hand from domain §4, and the decision mapping."""

import pytest

from app.workflow.outcomes import Decision, Outcome, normalise_label, outcome_for_decision, outcomes_for_decision

# (storage code, label printed in the row) — copied from the table in domain §4, top to bottom
TABLE_3 = [
    ("一.0", "（一）予以公开"),
    ("二.0", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
    ("三.1", "1.属于国家秘密"), ("三.2", "2.其他法律行政法规禁止公开"), ("三.3", "3.危及“三安全一稳定”"),
    ("三.4", "4.保护第三方合法权益"), ("三.5", "5.属于三类内部事务信息"), ("三.6", "6.属于四类过程性信息"),
    ("三.7", "7.属于行政执法案卷"), ("三.8", "8.属于行政查询事项"),
    ("四.1", "1.本机关不掌握相关政府信息"), ("四.2", "2.没有现成信息需要另行制作"),
    ("四.3", "3.补正后申请内容仍不明确"),
    ("五.1", "1.信访举报投诉类申请"), ("五.2", "2.重复申请"), ("五.3", "3.要求提供公开出版物"),
    ("五.4", "4.无正当理由大量反复申请"), ("五.5", "5.要求行政机关确认或重新出具已获取信息"),
    ("六.1", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    ("六.2", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    ("六.3", "3.其他"),
]


def test_every_leaf_of_table_3_has_its_code_and_printed_label_in_order():
    assert [(o.code, o.row_label) for o in Outcome] == TABLE_3


@pytest.mark.parametrize("code, row_label", TABLE_3)
def test_a_stored_code_reads_back_as_its_leaf(code, row_label):
    o = Outcome.from_code(code)
    assert o.row_label == row_label
    assert Outcome.from_label(row_label) is o                 # the ledger may carry the numbered label


def test_an_unknown_code_is_refused():
    with pytest.raises(ValueError):
        Outcome.from_code("三.9")


@pytest.mark.parametrize("text, expected", [
    # the group label of a one-leaf group
    ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", Outcome.PARTIAL),
    ("部分公开", Outcome.PARTIAL),
    ("（三）不予公开", None),            # a group of eight leaves: its label names no single leaf
    ("（六）其他处理", None),
    ("３．其他", Outcome.OTHER),         # full-width digits and dot, NFKC
])
def test_group_labels_stand_for_a_leaf_only_when_the_group_has_one(text, expected):
    assert Outcome.from_label(text) is expected


def test_labels_compare_without_spaces_or_quote_style():
    assert normalise_label(" 危及 ‘三安全一稳定’ ") == "危及三安全一稳定"


@pytest.mark.parametrize("decision, expected", [
    ("予以公开", (Outcome.DISCLOSED,)),
    ("特别规定", (Outcome.OTHER,)),      # domain §4: Art 36(7) counts as （六）3 by default
    ("不予公开", tuple(Outcome.from_code(f"三.{i}") for i in range(1, 9))),
    # 不予处理 chooses among （五） except 重复申请 (a decision of its own), and 四.3 补正后仍不明确
    ("不予处理", (Outcome.STILL_UNCLEAR, Outcome.PETITION, Outcome.PUBLICATION, Outcome.EXCESSIVE,
              Outcome.CONFIRMATION)),
    ("非本机关负责", (Outcome.NOT_HELD,)),
    ("随便", ()),
])
def test_the_leaves_a_decision_may_count_as(decision, expected):
    assert outcomes_for_decision(decision) == expected


def test_not_responsible_counts_as_the_office_configures():
    assert outcomes_for_decision("非本机关负责", "六.3") == (Outcome.OTHER,)
    assert outcome_for_decision("特别规定", "六.3") is Outcome.OTHER


def test_decisions_by_label_with_their_letter_variant():
    # domain §7 variants; 需要另行制作 (Art 38) is worded as 信息不存在
    assert [(d.label, d.letter_variant) for d in Decision] == [
        ("已主动公开", "予以公开"), ("予以公开", "予以公开"), ("部分公开", "部分公开"), ("不予公开", "不予公开"),
        ("信息不存在", "信息不存在"), ("非本机关负责", "非本机关负责"), ("需要另行制作", "信息不存在"),
        ("重复申请", "重复申请"), ("不予处理", "不予处理"), ("特别规定", "特别规定")]
    assert Decision.from_label("撤回") is None


def test_special_rules_count_as_the_configured_leaf_and_only_a_leaf_it_may_be():
    # domain §4: Art 36(7) counts as （六）3 by default; an office may count it as （三）8 (行政查询事项)
    assert outcome_for_decision("特别规定", special_rules_code="三.8") is Outcome.INQUIRY
    assert outcome_for_decision("特别规定", special_rules_code="六.3") is Outcome.OTHER
    assert outcome_for_decision("特别规定", special_rules_code="一.0") is Outcome.OTHER   # not a 36(7) leaf
