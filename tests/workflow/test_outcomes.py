"""Outcome labels exactly as table 三 prints them, and ledger label matching (domain §4, §6)."""

import pytest

from app.workflow.outcomes import Outcome


def test_twenty_one_leaves_in_six_groups():
    assert len(Outcome) == 21
    assert [o.code for o in Outcome if o.group == "三"] == [f"三.{i}" for i in range(1, 9)]
    assert Outcome.PARTIAL.row_label == "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
    assert Outcome.CONFIRMATION.row_label == "5.要求行政机关确认或重新出具已获取信息"


@pytest.mark.parametrize("text, expected", [
    ("予以公开", Outcome.DISCLOSED),
    ("属于国家秘密", Outcome.STATE_SECRET),
    ("1.属于国家秘密", Outcome.STATE_SECRET),
    ('危及"三安全一稳定"', Outcome.THREE_SECURITIES),     # straight quotes
    ("危及「三安全一稳定」", Outcome.THREE_SECURITIES),
    ("重复申请", Outcome.REPEATED),
    ("其他", Outcome.OTHER),
    ("本机关不掌握相关政府信息 ", Outcome.NOT_HELD),
    ("（一）予以公开", Outcome.DISCLOSED),
    ("(一)予以公开", Outcome.DISCLOSED),                   # NFKC: half-width brackets
])
def test_ledger_labels(text, expected):
    assert Outcome.from_label(text) is expected


def test_unknown_label_is_rejected():
    assert Outcome.from_label("公开了") is None


@pytest.mark.parametrize("decision, configured, expected", [
    ("已主动公开", "四.1", Outcome.DISCLOSED),        # domain §4: told where to get it → （一）
    ("部分公开", "四.1", Outcome.PARTIAL),
    ("信息不存在", "四.1", Outcome.NOT_HELD),
    ("非本机关负责", "四.1", Outcome.NOT_HELD),       # default （四）1
    ("非本机关负责", "六.3", Outcome.OTHER),          # the office may count it as （六）3
    ("需要另行制作", "四.1", Outcome.NEEDS_CREATION),
    ("重复申请", "四.1", Outcome.REPEATED),
    ("不予公开", "四.1", None),                       # which （三） leaf depends on the ground
    ("随便", "四.1", None),
])
def test_outcome_for_decision(decision, configured, expected):
    from app.workflow.outcomes import outcome_for_decision

    assert outcome_for_decision(decision, configured) is expected
