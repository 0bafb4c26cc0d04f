"""集中申请事项 as a 自然资源和规划局's clerk sees them (issue 19): one subject in many wordings is one group,
named as the clerk names the subject, among one-off requests that are no group at all."""

from datetime import date

import pytest

from app.workflow.subjects import (
    SubjectInput, group_subjects, primary_family, subject_label, subject_phrases,
)

# Nine wordings of one 建设工程规划许可 subject (the issue saw them split 6 + 3).
PERMIT = (
    "申请公开锦绣家园3号楼的建设工程规划许可证及附图",
    "请提供我家旁边在建商业楼的建设工程规划许可证",
    "申请获取滨江路加油站项目建设工程规划许可证复印件",
    "要求公开某某花园二期工程的规划许可证和总平面图",
    "申请公开我小区东侧新建住宅楼的规划许可审批文件",
    "请公开红星村安置房项目的建设工程规划许可情况",
    "申请公开第二中学扩建工程的工程规划许可证及批后公示",
    "恳请提供某某大厦建设工程规划许可证的编号及发证日期",
    "申请公开锦绣家园项目规划许可及规划设计方案批复",
)
# Fifteen wordings of 征收补偿 (the issue saw 11 + 4).
COMPENSATION = (
    "申请公开红星村房屋征收补偿安置方案",
    "请提供我家房屋征收的补偿标准文件",
    "东城区旧城改造项目国有土地上房屋征收与补偿方案",
    "关于李家庄征收补偿款发放情况",
    "城南片区棚户区改造征收补偿协议及补偿标准",
    "申请公开我户被征收房屋的补偿评估报告",
    "要求公开集体土地征收补偿费用的使用明细",
    "申请公开我村征收补偿款的分配方案",
    "请公开滨江路拓宽工程征收补偿协议签订情况",
    "申请公开本人被征收房屋的补偿协议",
    "申请公开江南大道项目征收补偿资金拨付凭证",
    "要求提供我家被征收土地的补偿安置费标准",
    "申请公开老城区改造房屋征收补偿方案的批复",
    "请提供征收补偿安置人员名单的确定依据",
    "申请公开红星村征收补偿协议的签订人数",
)
# Six wordings of a 违法建设 decision (labelled “违法建设、决定” before).
ILLEGAL_BUILDING = (
    "申请公开对邻居违法建设的查处决定书",
    "要求提供对我楼上违法建设的查处决定",
    "申请公开某某公司违法建设的处罚决定书",
    "请公开对我楼下私自扩建违法建设的查处决定",
    "申请公开滨江小区顶楼违法建设查处决定",
    "申请公开我举报的违法建设的查处情况",
)
# Five wordings of 物业专项维修资金 (labelled “小区、专项维修资金” before).
REPAIR_FUND = (
    "申请公开本小区物业专项维修资金使用明细",
    "请提供我小区物业专项维修资金的缴存和使用情况",
    "要求公开某某花园维修资金账户余额",
    "申请公开小区电梯更换使用物业专项维修资金的审批材料",
    "申请公开本小区住宅专项维修资金使用记录",
)
# One-off requests; none names a subject of the field, and they share only generic words.
ONE_OFFS = (
    "申请公开2024年度部门预算文件",
    "申请公开某路段交通信号灯设置情况",
    "申请公开本单位食堂采购合同文件",
    "申请公开某学校招生计划文件",
    "申请公开某河道整治工程验收报告文件",
    "申请公开局机关公务用车数量",
    "申请公开2023年政府信息公开工作年度报告",
)


def _items(texts, start):
    # Every request from its own applicant: every subject above is asked by as many applicants as wordings.
    return [SubjectInput(start + i, t, f"申请人{start + i}", "规划科", date(2025, 3, 1) if i % 2 else date(2025, 4, 1))
            for i, t in enumerate(texts)]


ALL = (_items(PERMIT, 0) + _items(COMPENSATION, 100) + _items(ILLEGAL_BUILDING, 200) + _items(REPAIR_FUND, 300)
       + _items(ONE_OFFS, 400))


def test_each_subject_in_all_its_wordings_is_one_group_named_as_a_clerk_names_it():
    groups = group_subjects(ALL)
    # 15 + 9 + 6 + 5 requests; largest first; no one-off is a group or joins one.
    assert [(g.label, g.count) for g in groups] == [
        ("征收补偿", 15), ("建设工程规划许可证", 9), ("违法建设查处决定", 6), ("物业专项维修资金", 5)]
    assert groups[0].case_ids == tuple(range(100, 115))
    assert groups[1].case_ids == tuple(range(0, 9))
    assert groups[2].case_ids == tuple(range(200, 206))
    assert groups[3].case_ids == tuple(range(300, 305))
    assert all(g.applicants == g.count for g in groups)


def test_the_groups_do_not_depend_on_the_order_requests_arrive_in():
    reordered = list(reversed(ALL))
    assert [(g.label, g.case_ids) for g in group_subjects(reordered)] == \
        [(g.label, g.case_ids) for g in group_subjects(ALL)]


@pytest.mark.parametrize("text, family, phrase", [
    ("申请公开锦绣家园3号楼的建设工程规划许可证及附图", "规划许可", "建设工程规划许可证"),
    ("申请公开学校扩建工程的工程规划许可证", "规划许可", "规划许可证"),
    ("申请公开该地块的建设用地规划许可证", "用地规划许可", "建设用地规划许可证"),
    ("对邻居违法建设的查处决定书", "违法建设", "违法建设查处决定"),         # 的 between the parts
    ("某某公司违法建设的处罚决定书", "违法建设", "违法建设处罚决定"),
    ("东城区房屋征收与补偿方案", "征收补偿", "征收补偿方案"),              # 与 between the parts
    ("本小区住宅专项维修资金使用记录", "维修资金", "住宅专项维修资金"),
])
def test_the_most_specific_phrase_of_a_family_is_what_a_text_names(text, family, phrase):
    assert subject_phrases(text)[family][1] == phrase
    assert primary_family(text) == family


def test_the_parts_of_a_phrase_may_not_lie_far_apart_or_across_a_comma():
    # 违法建设 … 查处 … 决定 with at most three characters between the parts, never a punctuation mark.
    assert subject_phrases("违法建设的查处决定")["违法建设"][1] == "违法建设查处决定"
    assert subject_phrases("违法建设以及其他查处决定")["违法建设"][1] == "违法建设"      # 以及其他: four
    assert subject_phrases("违法建设，查处决定")["违法建设"][1] == "违法建设"
    assert subject_phrases("房屋征收，补偿方案另议") == {}


def test_exactly_three_characters_between_the_parts_of_a_phrase_still_join():
    # 违法建设 | 行为的 | 查处 | (none) | 决定: three characters between the first two parts, PHRASE_GAP itself
    assert subject_phrases("申请公开违法建设行为的查处决定")["违法建设"][1] == "违法建设查处决定"
    # 征收 | 土地的 | 补偿 | (none) | 方案: likewise
    assert subject_phrases("申请公开我村征收土地的补偿方案")["征收补偿"][1] == "征收补偿方案"


def test_a_request_naming_two_subjects_belongs_to_the_one_it_names_first():
    text = "申请公开红星村征收补偿方案及安置房的建设工程规划许可证"
    assert set(subject_phrases(text)) == {"征收补偿", "规划许可"}
    assert subject_phrases(text)["征收补偿"][0] == 7 and primary_family(text) == "征收补偿"   # after 申请公开红星村
    assert primary_family("申请公开安置房的建设工程规划许可证及征收补偿方案") == "规划许可"
    assert primary_family("申请公开2024年度部门预算文件") is None


def test_a_group_is_named_by_its_most_frequent_phrase_then_the_longer():
    assert subject_label(["规划许可证", "建设工程规划许可证", "建设工程规划许可证"]) == "建设工程规划许可证"
    assert subject_label(["规划许可证", "规划许可证", "建设工程规划许可证"]) == "规划许可证"
    # a tie: the longer phrase, then the family listed first
    assert subject_label(["规划许可证", "建设工程规划许可证"]) == "建设工程规划许可证"
    assert subject_label(["征收补偿", "违法建设"]) == "违法建设"       # 违法建设 is listed before 征收补偿
    assert subject_label(["申请公开部门预算"]) == ""


def test_a_wording_without_the_fields_phrase_joins_the_subject_its_words_are_like():
    # “被拆迁房屋的补偿款” names no phrase of the field, but shares 房屋 and 补偿 with the 征收补偿 group's core
    texts = ("申请公开我家房屋征收补偿款标准", "申请公开本村房屋征收补偿协议", "申请公开房屋征收补偿款发放情况",
             "申请公开被拆迁房屋的补偿款发放情况")
    groups = group_subjects(_items(texts, 0))
    assert [(g.label, g.case_ids) for g in groups] == [("征收补偿", (0, 1, 2, 3))]


def test_a_subject_asked_by_one_applicant_only_is_no_group():
    one = [SubjectInput(i, t, "张三", "规划科", None) for i, t in enumerate(PERMIT)]
    assert group_subjects(one) == []
    assert [g.label for g in group_subjects(one, min_applicants=1)] == ["建设工程规划许可证"]


def test_a_wording_exactly_as_alike_as_the_threshold_joins_a_subject_group_of_the_field():
    # The 征收补偿 request (one of the field) has 20 keywords: 房屋, 征收, 补偿, 协议 and the 16 listed.
    # The road request names no phrase of the field; its 20 keywords: 工程 and the 19 listed, of which
    # 评估, 报告, 合同, 图纸, 附图, 批复, 公告 (7) are the compensation request's too.
    # Likeness of the two cores: 7/√(20×20) = 0.35, THRESHOLD itself: it joins, two applicants, one group.
    compensation = "申请公开红星村房屋征收补偿协议及" + "、".join(
        "方案 标准 评估 报告 合同 图纸 附图 批复 公告 名单 面积 金额 账户 明细 凭证 档案".split())
    road = "申请公开滨江路拓宽工程的" + "、".join(
        "评估 报告 合同 图纸 附图 批复 公告 立项 环评 勘察 设计 施工 监理 招标 预算 决算 审计 红线 用地".split())
    groups = group_subjects(_items((compensation, road), 0))
    assert [(g.label, g.case_ids) for g in groups] == [("征收补偿协议", (0, 1))]
