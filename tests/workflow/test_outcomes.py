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
