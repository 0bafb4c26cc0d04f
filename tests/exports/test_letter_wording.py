"""Sentences, money in capitals, 文号 series, and Chinese line breaking; values worked out by hand."""

from datetime import date

import pytest

from app.exports.letters.kinds import LetterKind, number_pattern_for
from app.exports.letters.linebreak import break_lines
from app.exports.letters.wording import (
    clean_clause, fee_quantity_text, history_sentences, money, provision_sentence, quoted, request_subject, rmb_upper,
    sentence,
)


@pytest.mark.parametrize("amount, text", [
    (4700, "肆仟柒佰元整"),           # 250 pages by volume (domain §5)
    (100, "壹佰元整"),
    (1010, "壹仟零壹拾元整"),
    (10001, "壹万零壹元整"),
    (100000, "壹拾万元整"),
    (12.5, "壹拾贰元伍角"),
    (3.07, "叁元零柒分"),
    (0.05, "伍分"),
])
def test_amount_in_capitals(amount, text):
    assert rmb_upper(amount) == text


def test_money_has_no_trailing_zeros():
    assert (money(4700.0), money(12.5), money(0.3)) == ("4700", "12.5", "0.3")


def test_user_text_becomes_clause_or_sentence():
    assert clean_clause("请写明小区名称。\n") == "请写明小区名称"
    assert sentence("请写明小区名称") == "请写明小区名称。"
    assert sentence("已公开！") == "已公开！"
    assert sentence("  ") == ""
    assert quoted("关于“某小区”的批复。") == "关于‘某小区’的批复"


def test_what_was_asked_drops_the_asking_words():
    assert request_subject("申请公开某企业环评审批文件") == "某企业环评审批文件"
    assert request_subject("本人申请获取：某小区规划许可证") == "某小区规划许可证"
    assert request_subject("某小区规划许可证及附图。") == "某小区规划许可证及附图"
    assert request_subject("申请公开") == "申请公开"           # nothing else to say: keep it


def test_history_recites_correction_consultation_extension_and_payment():
    text = history_sentences(
        corrections=[(date(2025, 1, 22), date(2025, 2, 10)), (date(2025, 3, 3), None)],
        consultations=[("征求第三方意见", "某某公司", date(2025, 2, 12)),
                       ("征求其他机关意见", "某某区政府", date(2025, 2, 13))],
        extensions=[(date(2025, 2, 20), 20)],
        payments=[(100.0, date(2025, 2, 25))])
    assert text == (
        "因申请内容不明确，本机关于2025年1月22日告知您作出补正，并于2025年2月10日收到您补正后的申请。"
        "因申请公开的信息可能涉及第三方合法权益，本机关于2025年2月12日书面征求了第三方意见，征求意见所需时间不计算在答复期限内。"
        "本机关于2025年2月13日征求了某某区政府的意见，所需时间不计算在答复期限内。"
        "经本机关政府信息公开工作机构负责人同意，本机关于2025年2月20日告知您延长答复期限20个工作日。"
        "您已于2025年2月25日缴纳信息处理费100元。")
    assert "某某公司" not in text        # the third party is not named to the applicant


def test_how_information_is_provided():
    assert provision_sentence("纸质", "邮寄") == "现将该政府信息以纸质形式邮寄给您，请注意查收。"
    assert provision_sentence("电子", "电子邮件", "a@b.cn") == \
        "现将该政府信息以电子文档形式发送至您的电子邮箱（a@b.cn），请注意查收。"
    assert provision_sentence("纸质", "自行领取").startswith("请您在收到本答复书后，携带本答复书及有效身份证明")


def test_fee_quantity_wording():
    assert fee_quantity_text("按件计收", 12) == "您本月提出的第12件政府信息公开申请"
    assert fee_quantity_text("按量计收", 250) == "250页"


def test_each_document_type_has_its_own_number_series():
    default = "{机关简称}依复〔{年}〕{序号}号"
    assert number_pattern_for(default, LetterKind.REPLY) == default
    assert number_pattern_for(default, LetterKind.CORRECTION) == "{机关简称}依补〔{年}〕{序号}号"
    assert number_pattern_for(default, LetterKind.EXTENSION) == "{机关简称}依延〔{年}〕{序号}号"
    assert number_pattern_for("{机关简称}{文种}〔{年}〕{序号}号", LetterKind.FEE) == "{机关简称}费〔{年}〕{序号}号"


def test_kinds_by_command_line_name():
    assert LetterKind.from_short("补正") is LetterKind.CORRECTION
    assert LetterKind.from_short("送达回证") is LetterKind.SERVICE
    with pytest.raises(ValueError, match="可选"):
        LetterKind.from_short("通知")


def _em(s: str) -> float:
    return sum(0.5 if c.isascii() else 1.0 for c in s)


def test_closing_punctuation_hangs_instead_of_starting_a_line():
    # width 5 characters: "，" would start line 2, so it stays on line 1 past the margin
    assert break_lines("一二三四五，六七", 5, 5, _em) == ["一二三四五，", "六七"]


def test_opening_bracket_never_ends_a_line():
    assert break_lines("一二三四（五六）", 5, 5, _em) == ["一二三四", "（五六）"]


def test_numbers_are_not_split():
    # "2025" is 2 em wide; after "一二三四" (4 em) it does not fit in 5 and moves whole
    assert break_lines("一二三四2025年", 5, 5, _em) == ["一二三四", "2025年"]


def test_first_line_may_be_shorter():
    assert break_lines("一二三四五六七八", 3, 5, _em) == ["一二三", "四五六七八"]
