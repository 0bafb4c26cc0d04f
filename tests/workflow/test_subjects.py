"""集中申请事项: one subject in five wordings groups; one-offs sharing only generic words never do."""

from datetime import date

from app.workflow.subjects import SubjectInput, group_subjects, keywords, matches

# The same 征收补偿 subject, five wordings, five applicants (with place and person names in them).
COMPENSATION = (
    "申请公开红星村房屋征收补偿安置方案",
    "请提供张建国家房屋征收的补偿标准文件",
    "东城区旧城改造项目国有土地上房屋征收与补偿决定",
    "关于李家庄征收补偿款发放情况",
    "城南片区棚户区改造征收补偿协议及补偿标准",
)
# One-off requests: each shares only the generic words 申请公开 / 文件 / 情况 with the others.
ONE_OFFS = (
    "申请公开2024年度部门预算文件",
    "申请公开某路段交通信号灯设置情况",
    "申请公开本单位食堂采购合同文件",
    "申请公开某小区电梯加装审批情况",
    "申请公开某学校招生计划文件",
    "申请公开某河道整治工程验收报告文件",
)


def _items(texts, applicants=None, start=0):
    names = applicants or [f"申请人{start + i}" for i in range(len(texts))]
    return [SubjectInput(start + i, t, names[i], "规划科", date(2025, 3, 1 + i)) for i, t in enumerate(texts)]


def test_generic_words_place_and_person_names_are_not_keywords():
    words = keywords("申请公开红星村房屋征收补偿安置方案文件情况")
    assert {"征收", "补偿", "房屋"} <= words
    assert not words & {"申请公开", "申请", "公开", "文件", "情况", "红星村"}
    assert "张建国" not in keywords("请提供张建国家房屋征收的补偿标准文件")


def test_five_wordings_from_five_applicants_make_one_group_among_one_offs():
    items = _items(COMPENSATION) + _items(ONE_OFFS, start=100)
    groups = group_subjects(items)
    assert len(groups) == 1                      # no one-off is reported, nor pulled in
    g = groups[0]
    assert g.case_ids == (0, 1, 2, 3, 4)
    assert (g.count, g.applicants) == (5, 5)
    assert "征收" in g.label and "补偿" in g.label
    assert g.representative in COMPENSATION
    assert "张建国" not in g.representative      # a wording that names no person is preferred
    assert (g.first, g.last) == (date(2025, 3, 1), date(2025, 3, 5))
    assert g.departments == ("规划科",)


def test_a_subject_asked_once_is_never_concentrated():
    assert group_subjects(_items(COMPENSATION[:1]) + _items(ONE_OFFS, start=100)) == []


def test_one_applicant_asking_five_times_is_a_repeater_not_a_concentrated_subject():
    assert group_subjects(_items(COMPENSATION, applicants=["张三"] * 5)) == []
    two = group_subjects(_items(COMPENSATION, applicants=["张三"] * 4 + ["李四"]))
    assert [(g.count, g.applicants) for g in two] == [(5, 2)]


def test_requests_with_only_generic_words_are_left_out():
    texts = ["申请公开相关文件", "申请公开有关情况", "申请公开相关文件情况"]
    assert group_subjects(_items(texts)) == []


def test_a_later_request_matches_a_subject_by_its_keywords():
    subject = ("房屋", "征收", "补偿")
    assert matches("请公开我家房屋征收补偿的评估报告", subject)
    assert not matches("申请公开某小区电梯加装审批情况", subject)
    assert not matches("申请公开房屋登记情况", subject)          # one shared word is not enough
