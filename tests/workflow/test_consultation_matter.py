"""征求意见事项: which of the applicant's stored data a letter's matter still holds (个人信息保护法 第六条)."""

import pytest

from app.workflow.consultation_matter import applicant_data_in, matter_problem

STORED = dict(name="张建国", address="江南省江南市滨江区文一路100号", id_number="11010519800101123X",
              phone="0571-87654321")


@pytest.mark.parametrize("text, found", [
    ("文一路102号的建设工程规划许可证", ()),
    ("张建国家旁边的规划许可证", ("姓名（名称）",)),
    ("江南省江南市滨江区文一路100号旁的地块", ("住址",)),
    ("文一路100号旁的地块", ("住址",)),                        # without 省/市/区
    ("滨江区文一路100号旁的地块", ("住址",)),
    ("证件11010519800101123x的申请", ("证件号码",)),            # the check letter in either case
    ("电话0571 8765 4321", ("联系电话",)),
    ("电话057187654321", ("联系电话",)),
    ("张建国（0571-87654321）", ("姓名（名称）", "联系电话")),
])
def test_the_applicants_stored_data_in_a_matter(text, found):
    assert applicant_data_in(text, **STORED) == found


def test_short_or_blank_stored_data_is_never_looked_for():
    # a one-character name, an ID under six characters or a phone under seven digits would match anything
    assert applicant_data_in("张某申请公开文一路规划许可123456", "张", "", "12345", "123456") == ()
    assert applicant_data_in("申请公开规划许可", "", "", "", "") == ()


def test_an_address_that_is_only_a_district_is_matched_whole_only():
    # 江南市滨江区 leaves no street part of four characters: only the whole address counts
    assert applicant_data_in("滨江区的规划", "", "江南市滨江区", "", "") == ()
    assert applicant_data_in("江南市滨江区的规划", "", "江南市滨江区", "", "") == ("住址",)


def test_the_flag_names_what_was_found_and_the_fix():
    assert matter_problem(()) == ""
    message = matter_problem(("姓名（名称）", "联系电话"))
    assert message.startswith("征求意见事项含有申请人的姓名（名称）、联系电话。")
    assert "个人信息保护法第六条" in message and message.endswith("请在“征求意见事项”中删去后再出具。")


def test_the_shortest_stored_data_still_looked_for():
    # 个人信息保护法 第六条 at the thresholds: a two-character name or address, a six-character 证件号码 and a
    # seven-digit (local) phone are the applicant's and are found; a stored name is compared without its spaces
    assert applicant_data_in("王五家旁边的地块", " 王五 ", "", "", "") == ("姓名（名称）",)
    assert applicant_data_in("东村的宅基地审批", "", "东村", "", "") == ("住址",)
    assert applicant_data_in("证件E12345的申请", "", "", "E12345", "") == ("证件号码",)
    assert applicant_data_in("电话8765432", "", "", "", "8765432") == ("联系电话",)


def test_the_street_part_is_taken_only_when_four_characters_remain():
    # 某某市西湖区三路5号: after 某某市 and 西湖区 exactly four characters remain (三路5号), enough to name a home
    assert applicant_data_in("三路5号旁的地块", "", "某某市西湖区三路5号", "", "") == ("住址",)
    # 某某市某某区1号: stripping 某某区 would leave 1号 (two characters), which any permit number holds
    assert applicant_data_in("规划许可证第1号", "", "某某市某某区1号", "", "") == ()
