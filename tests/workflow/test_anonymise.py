"""Anonymising a case's texts: what the office holds about people, and names and numbers in the text."""

import pytest

from app.workflow.anonymise import Anonymiser, PersonalData, find_names, leftovers
from app.workflow.field_terms import FIELD_WORDS

DATA = PersonalData("张建国", True, False, ("宏达房地产开发有限公司",), ("110105198001011238",), ("13812345678",),
                    ("某某市某某区文一路100号",), ("zjg@example.com",), ("310012",))
NOBODY = PersonalData("王某某")       # an applicant whose name appears in none of the texts below


def test_stored_personal_data_patterns_and_names_are_replaced():
    a = Anonymiser(DATA)
    text = ("张建国（身份证110105198001011238，电话13812345678，住某某市某某区文一路100号，邮编310012）申请公开"
            "其与邻居李秀英的房屋征收补偿协议；另联系0571-87654321或zjg@example.com；宏达房地产开发有限公司不同意"
            "公开；统一社会信用代码91330100MA27XXXX1U不在此列，913301007109298760 亦同。")
    out = a(text)
    assert out.startswith("申请人甲（身份证[证件号码]，电话[电话]，住[地址]，邮编[邮编]）申请公开其与邻居某甲的房屋"
                          "征收补偿协议")
    assert "另联系[电话]或[电子邮箱]" in out and "第三方乙（某公司）不同意公开" in out
    assert "统一社会信用代码[证件号码]不在此列，[证件号码] 亦同" in out
    assert leftovers(out, DATA, ["李秀英", "0571-87654321"]) == []
    kinds = {r.kind for r in a.replacements}
    assert kinds == {"申请人", "第三方", "证件号码", "电话", "电子邮箱", "地址", "邮政编码", "姓名"}


def test_an_organisation_applicant_becomes_a_company_or_a_unit():
    assert Anonymiser(PersonalData("宏达置业有限公司", False, True))("宏达置业有限公司申请") == "某公司申请"
    institute = "某某大学城市规划研究院"
    assert Anonymiser(PersonalData(institute, False, False))(f"{institute}申请") == "某单位申请"


def test_third_parties_are_numbered_from_yi_and_named_by_what_they_are():
    # 申请人甲 is the applicant, so third parties count 乙, 丙, 丁 in the order the office recorded them.
    data = PersonalData("王某某", third_parties=("宏达置业有限公司", "江南市住房和城乡建设局", "李秀英"))
    out = Anonymiser(data)("宏达置业有限公司、江南市住房和城乡建设局和李秀英均不同意公开")
    assert out == "第三方乙（某公司）、第三方丙（某单位）和第三方丁（某某）均不同意公开"


def test_a_stored_string_inside_a_longer_one_is_replaced_after_it():
    # Stored literals are replaced longest first: the company's full name, then the applicant's shorter
    # name, so the company never becomes “某公司有限公司”.
    data = PersonalData("宏达置业", False, True, third_parties=("宏达置业有限公司",))
    assert Anonymiser(data)("宏达置业有限公司与宏达置业") == "第三方乙（某公司）与某公司"


# -- whole names, surname included (issue 18.14) ----------------------------------------------------
@pytest.mark.parametrize("text", [
    "申请公开高新区某地块的建设工程规划许可证及附图",
    "申请公开开发区B-12地块的建设用地规划许可证、规划条件和土地出让合同",
    "要求提供本小区物业专项维修资金使用情况及业主大会决议",
    "申请公开我村征地补偿安置方案及规划许可审批材料",
])
def test_the_fields_own_words_are_never_taken_for_names(text):
    # jieba tags 许可证 and 高新区 as person names; they are in the one list of field words.
    a = Anonymiser(NOBODY)
    assert a(text) == text
    assert a.replacements == []


def test_the_field_words_are_kept_in_one_list_holding_what_jieba_mistakes_for_names():
    assert {"许可", "许可证", "规划", "高新区", "开发区"} <= FIELD_WORDS
    assert "许可证" not in find_names("申请公开规划许可证") and "高新区" not in find_names("高新区管委会")


@pytest.mark.parametrize("text, name", [
    ("黄海涛申请公开其房屋所在地块的规划许可证", "黄海涛"),      # jieba: 黄 (a) + 海涛 (nr)
    ("邻居欧阳建国加建的违法建设查处决定", "欧阳建国"),          # jieba: 欧阳 (ns) + 建国 (ns)
    ("邻居上官婉儿的不动产登记信息", "上官婉儿"),                # jieba: one nr word of four characters
    ("经办人司马光现场核查", "司马光"),
    ("邻居上官明的房屋", "上官明"),                               # jieba: 上官 (n) + 明 (a), a one-character given name
    ("邻居张一鸣加建车库", "张一鸣"),                             # 一 is U+4E00, the first CJK character
    ("邻居欧阳建的房屋", "欧阳建"),                               # jieba: one word of three, tagged a place
    ("申请人为欧阳建国", "欧阳建国"),                             # the given name is the text's last word
    ("村民王小明反映违法建设", "王小明"),
])
def test_a_name_is_replaced_whole_surname_included(text, name):
    a = Anonymiser(NOBODY)
    out = a(text)
    assert out == text.replace(name, "某甲")
    assert [(r.kind, r.original, r.replacement) for r in a.replacements] == [("姓名", name, "某甲")]


def test_a_compound_surname_before_a_verb_takes_no_given_name():
    # “欧阳申请” is the surname 欧阳 and the verb 申请: 申请 is not a given name, and a surname alone is none
    assert find_names("欧阳申请公开规划许可证") == []


def test_a_name_and_its_own_prefix_become_two_distinct_whole_replacements():
    # Longest first: 张建国 is replaced before 张建, else “张某国、张某” (the order the issue names).
    a = Anonymiser(NOBODY)
    assert a("张建国、张建申请公开开发区项目规划许可") == "某甲、某乙申请公开开发区项目规划许可"
    assert {(r.original, r.replacement) for r in a.replacements} == {("张建国", "某甲"), ("张建", "某乙")}


def test_the_same_person_keeps_one_alias_across_the_texts_of_a_case():
    a = Anonymiser(NOBODY)
    assert a("邻居李秀英加建车库") == "邻居某甲加建车库"
    assert a("经核查，李秀英与黄海涛的加建均未取得建设工程规划许可证") == \
        "经核查，某甲与某乙的加建均未取得建设工程规划许可证"


def test_after_ten_names_the_aliases_go_on_numbered():
    # 甲 … 癸 are ten; the eleventh name is 某甲2, never a repeat of 某甲.
    a = Anonymiser(NOBODY)
    first = [a.alias(f"name{n}") for n in range(20)]
    assert first == [f"某{o}" for o in "甲乙丙丁戊己庚辛壬癸"] + [f"某{o}2" for o in "甲乙丙丁戊己庚辛壬癸"]
    assert a.alias("name0") == "某甲" and a.alias("name20") == "某甲3"


def test_each_replacement_shows_its_place_before_and_after_for_review():
    a = Anonymiser(NOBODY)
    a("经核查，邻居黄海涛于2024年加建")
    r = a.replacements[0]
    assert (r.before, r.after) == ("经核查，邻居黄海涛于2024年加建", "经核查，邻居某甲于2024年加建")


# -- the detection patterns: each breaks a test when it breaks --------------------------------------
@pytest.mark.parametrize("text, expected", [
    ("身份证号110105198001011238。", "身份证号[证件号码]。"),
    ("身份证号11010519800101123X。", "身份证号[证件号码]。"),        # check digit X
    ("身份证号11010519800101123x。", "身份证号[证件号码]。"),
    ("编号1101051980010112385。", "编号1101051980010112385。"),      # 19 digits: not an ID
    ("编号11010519800101123。", "编号11010519800101123。"),          # 17 digits: not an ID
    ("宗地号A110105198001011238。", "宗地号A110105198001011238。"),  # inside a longer code
    ("宗地号110105198001011238B。", "宗地号110105198001011238B。"),
])
def test_id_number_pattern(text, expected):
    assert Anonymiser(NOBODY)(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("统一社会信用代码91330100MA27ABCD1U。", "统一社会信用代码[证件号码]。"),
    ("代码12330100002519812K。", "代码[证件号码]。"),                 # 事业单位: 12…
    ("代码91330100MA27ABCD1。", "代码91330100MA27ABCD1。"),           # 17 characters: not a code
    ("代码91330100MA27ABCD1UU。", "代码91330100MA27ABCD1UU。"),       # 19 characters
    ("代码9I330100MA27ABCD1U。", "代码9I330100MA27ABCD1U。"),         # I is never used in a code
    ("代码91330I00MA27ABCD1U。", "代码91330I00MA27ABCD1U。"),         # the region part is digits only
    ("代码X91330100MA27ABCD1U。", "代码X91330100MA27ABCD1U。"),       # inside a longer code
])
def test_credit_code_pattern(text, expected):
    assert Anonymiser(NOBODY)(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("手机13812345678。", "手机[电话]。"),
    ("手机19912345678。", "手机[电话]。"),
    ("编号12812345678。", "编号12812345678。"),      # 12…: no mobile number starts so
    ("编号1381234567。", "编号1381234567。"),        # 10 digits
    ("编号138123456789。", "编号138123456789。"),    # 12 digits: not even its first eleven
    ("编号213812345678。", "编号213812345678。"),
])
def test_mobile_pattern(text, expected):
    assert Anonymiser(NOBODY)(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("电话0571-87654321。", "电话[电话]。"),
    ("电话057187654321。", "电话[电话]。"),
    ("电话010-8765432。", "电话[电话]。"),           # 3-digit area code, 7-digit number
    ("电话0571-876543。", "电话0571-876543。"),       # 6 digits: too short
    ("编号10571-87654321。", "编号10571-87654321。"),  # not at a number's start
    ("电话0571-876543210。", "电话0571-876543210。"),  # 9 digits: too long
])
def test_landline_pattern(text, expected):
    assert Anonymiser(NOBODY)(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("邮箱zjg.li+gov@mail.example.com.cn，", "邮箱[电子邮箱]，"),
    ("邮箱a@b，", "邮箱a@b，"),                       # no domain dot: not an address
    ("见@example.com。", "见@example.com。"),         # no mailbox name
    ("邮箱a@.com。", "邮箱a@.com。"),                 # no domain name
    ("邮箱a@b.。", "邮箱a@b.。"),                     # a dot ending nothing
])
def test_email_pattern(text, expected):
    assert Anonymiser(NOBODY)(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("现住江南市高新区文一路100号3幢2单元1502室。", "现住[地址]。"),     # a four-digit room
    ("现住江南市文一路100号。", "现住[地址]。"),                         # a two-character city, one level
    ("家住滨江区花园8号。", "家住[地址]。"),                               # 花园 right after the district
    ("本人位于江南市滨江区江南大道88号的房屋", "本人位于[地址]的房屋"),
    ("户籍地江南省江南市红星村3组12号。", "户籍地[地址]。"),
    ("项目位于江南市滨江区。", "项目位于江南市滨江区。"),      # a district alone is no one's address
])
def test_address_pattern(text, expected):
    assert Anonymiser(NOBODY)(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("邮编310012。", "邮编[邮编]。"),
    ("邮编：310012。", "邮编：[邮编]。"),
    ("邮政编码:310012。", "邮政编码:[邮编]。"),
    ("邮政编码310012。", "邮政编码[邮编]。"),
    ("面积310012平方米。", "面积310012平方米。"),      # a 6-digit number is not a postcode by itself
    ("邮编3100123。", "邮编3100123。"),
])
def test_postcode_pattern(text, expected):
    assert Anonymiser(NOBODY)(text) == expected


# -- leftovers: what is still there ------------------------------------------------------------------
def test_leftovers_names_what_is_still_there_sorted():
    assert leftovers("申请人张建国的电话13812345678", DATA) == ["13812345678", "张建国"]


@pytest.mark.parametrize("left", ["张建国", "宏达房地产开发有限公司", "110105198001011238", "13812345678",
                                  "某某市某某区文一路100号", "zjg@example.com", "310012"])
def test_leftovers_finds_every_kind_of_stored_data(left):
    assert leftovers(f"案情：{left}。", DATA) == [left]


def test_leftovers_is_empty_for_a_clean_text_and_checks_the_extra_strings():
    clean = "申请人甲申请公开[地址]房屋的征收补偿协议"
    assert leftovers(clean, DATA) == []
    assert leftovers(clean + "，邻居李秀英", DATA, ["李秀英"]) == ["李秀英"]
    assert leftovers(clean, DATA, ["", "李秀英"]) == []


def test_leftovers_ignores_blank_and_one_character_data_and_trims_spaces():
    # A one-character “name” would be found in almost any text; stored strings are compared trimmed.
    data = PersonalData(" 张建国 ", phones=("1",), addresses=("",))
    assert leftovers("张建国申请1号楼", data) == ["张建国"]


# -- what a reviewer and a later reader rely on --------------------------------------------------------
def test_an_applicant_is_a_person_unless_recorded_otherwise():
    # PersonalData's defaults: a person (申请人甲); an organisation not marked a company is a 某单位
    assert Anonymiser(PersonalData("李秀英"))("李秀英申请") == "申请人甲申请"
    assert Anonymiser(PersonalData("江南市规划设计研究院", False))("江南市规划设计研究院申请") == "某单位申请"


def test_a_blank_text_stays_blank():
    assert Anonymiser(DATA)("") == ""


def test_two_character_stored_data_is_replaced_and_looked_for():
    # 李四 and 王五 are two characters: short, but a name; only one character is too short
    data = PersonalData("李四", third_parties=("王五",))
    assert Anonymiser(data)("李四与王五") == "申请人甲与第三方乙（某某）"
    assert leftovers("李四与王五", data) == ["李四", "王五"]


def test_blank_stored_data_replaces_nothing():
    data = PersonalData("李四", phones=(" ",), addresses=("",))
    assert Anonymiser(data)("李四申请公开规划许可证") == "申请人甲申请公开规划许可证"


def test_the_longer_stored_original_goes_first_whatever_its_replacement():
    # the applicant 宏达置业有限公司 (a company: 某公司) holds the third party 宏达置业 (a person's shop
    # name, 第三方乙（某某）, the longer alias): the company's name is still replaced whole, first
    data = PersonalData("宏达置业有限公司", False, True, third_parties=("宏达置业",))
    assert Anonymiser(data)("宏达置业有限公司") == "某公司"


def test_stored_data_no_pattern_knows_is_replaced_from_the_record():
    # an 8-digit local number, a passport, a village address without 号, a mailbox without a dot and a
    # postcode without 邮编: no pattern finds them, the record does
    data = PersonalData("王某某", id_numbers=("E12345678",), phones=("8765 4321",), addresses=("红星村3组",),
                        emails=("zjg@localhost",), postcodes=("310012",))
    out = Anonymiser(data)("护照E12345678，电话8765 4321，红星村3组，zjg@localhost，（310012）")
    assert out == "护照[证件号码]，电话[电话]，[地址]，[电子邮箱]，（[邮编]）"


def test_each_distinct_replacement_is_listed_once_at_its_first_place():
    a = Anonymiser(NOBODY)
    a("邻居黄海涛加建车库")
    a("黄海涛拒不拆除")
    assert [(r.original, r.before) for r in a.replacements] == [("黄海涛", "邻居黄海涛加建车库")]


def test_the_place_shown_is_eight_characters_either_side():
    a = Anonymiser(NOBODY)
    a("经现场核查，举报所称邻居黄海涛于二〇二四年五月加建的车库未取得规划许可")
    r = a.replacements[0]
    # 黄 is the 13th character: the eight before it are 查，举报所称邻居, the eight after 涛 于二〇二四年五月
    assert (r.before, r.after) == ("查，举报所称邻居黄海涛于二〇二四年五月", "查，举报所称邻居某甲于二〇二四年五月")


@pytest.mark.parametrize("text, expected", [
    ("邻居章建举报的违章建筑", "邻居某甲举报的违章建筑"),
    ("违章建筑系邻居章建所建，章建拒不拆除", "违章建筑系邻居某甲所建，某甲拒不拆除"),   # a field word at the start
])
def test_a_name_is_kept_where_it_is_part_of_a_field_word(text, expected):
    # 章建 is a person; inside 违章建筑 the same two characters are not
    assert Anonymiser(NOBODY)(text) == expected


@pytest.mark.parametrize("field_word, text, expected", [
    ("章建路", "邻居章建在章建路加建", "邻居某甲在章建路加建"),       # the name begins the field word
    ("违章建", "邻居章建的违章建", "邻居某甲的违章建"),               # the name ends it
])
def test_a_field_word_protects_its_own_first_and_last_characters(monkeypatch, field_word, text, expected):
    from app.workflow import anonymise

    monkeypatch.setattr(anonymise, "FIELD_WORDS", anonymise.FIELD_WORDS | {field_word})
    assert Anonymiser(NOBODY)(text) == expected


@pytest.mark.parametrize("text", ["根据条例第五条、第五届委员会的决定", "东城区百里路规划许可证"])
def test_words_beginning_like_a_compound_surname_are_not_names(text):
    assert find_names(text) == []


def test_a_four_character_name_without_a_compound_surname_is_replaced_whole():
    assert Anonymiser(NOBODY)("阿卜杜拉申请公开规划许可证") == "某甲申请公开规划许可证"


def test_a_compound_surname_word_jieba_takes_for_a_place_is_a_name():
    # jieba cuts 欧阳明辉 differently from 欧阳建国; whichever way, the name goes whole
    assert "欧阳" not in Anonymiser(NOBODY)("邻居欧阳明辉加建车库")


def test_both_ends_of_the_cjk_range_are_chinese_characters():
    # U+4E00 一 and U+9FA5 龥 open and close the range names and addresses are read in
    from app.workflow.anonymise import _cjk

    assert _cjk("一") and _cjk("龥") and _cjk("张一鸣") and not _cjk("张A") and not _cjk("〇")


# -- names: how long a name may be, and what a surname character standing alone is --------------------
def test_a_four_character_compound_surname_name_jieba_calls_a_place_is_a_name():
    # jieba tags 欧阳东凤 / 上官云朗 as one ns word: a compound surname plus a two-character given name
    assert find_names("申请人欧阳东凤要求公开") == ["欧阳东凤"]
    assert find_names("申请人上官云朗要求公开") == ["上官云朗"]


def test_five_characters_are_a_place_or_a_building_not_a_name():
    # 司马台长城 (ns) and 宋庆龄故居 (nr) are single jieba words of five characters: names stop at four
    assert find_names("申请公开司马台长城景区规划") == []
    assert find_names("参观宋庆龄故居的规划") == []


def test_a_compound_surname_before_a_three_character_noun_is_no_name():
    # 欧阳 + 体育馆: a given name is one or two characters, so 欧阳体育馆 is a place, not a person
    assert find_names("前往欧阳体育馆") == []
    assert find_names("位于欧阳图书馆旁") == []


def test_a_surname_character_used_as_a_conjunction_is_not_joined_to_the_next_name():
    # 和 is a surname, but here jieba calls it a conjunction (c): 李明 and 海涛, not 和海涛
    assert find_names("李明和海涛一起申请") == ["李明", "海涛"]


def test_a_one_character_stored_value_is_not_replaced_everywhere():
    # one character would be found in any text (市 in 本市, 路 in 道路): values shorter than two are ignored
    a = Anonymiser(PersonalData(applicant="市", addresses=("路",)))
    assert a("申请公开本市道路的规划") == "申请公开本市道路的规划" and a.replacements == []


def test_an_empty_field_stays_empty():
    a = Anonymiser(PersonalData(applicant="张建国"))
    assert a("") == "" and a(None) is None and a.replacements == []
