"""Anonymising a case's texts: what the office holds about people, and names and numbers in the text."""

from app.workflow.anonymise import Anonymiser, PersonalData, leftovers

DATA = PersonalData("张建国", True, False, ("宏达房地产开发有限公司",), ("110105198001011238",), ("13812345678",),
                    ("某某市某某区文一路100号",), ("zjg@example.com",))


def test_stored_personal_data_patterns_and_names_are_replaced():
    a = Anonymiser(DATA)
    text = ("张建国（身份证110105198001011238，电话13812345678，住某某市某某区文一路100号）申请公开其与邻居"
            "李秀英的房屋征收补偿协议；另联系0571-87654321或zjg@example.com；宏达房地产开发有限公司不同意公开；"
            "统一社会信用代码91330100MA27XXXX1U不在此列，913301007109298760 亦同。")
    out = a(text)
    assert out.startswith("申请人甲（身份证[证件号码]，电话[电话]，住[地址]）申请公开其与邻居李某的房屋征收补偿协议")
    assert "另联系[电话]或[电子邮箱]" in out and "第三方乙（某公司）不同意公开" in out
    assert leftovers(out, DATA, ["李秀英", "0571-87654321"]) == []
    kinds = {r.kind for r in a.replacements}
    assert kinds == {"申请人", "第三方", "证件号码", "电话", "电子邮箱", "地址", "姓名"}


def test_an_organisation_applicant_becomes_a_company_or_a_unit():
    assert Anonymiser(PersonalData("宏达置业有限公司", False, True))("宏达置业有限公司申请") == "某公司申请"
    institute = "某某大学城市规划研究院"
    assert Anonymiser(PersonalData(institute, False, False))(f"{institute}申请") == "某单位申请"


def test_leftovers_names_what_is_still_there():
    assert leftovers("申请人张建国的电话13812345678", DATA) == ["13812345678", "张建国"]
