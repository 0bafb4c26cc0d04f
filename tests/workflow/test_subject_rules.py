"""集中申请事项, the rules under the groups: keywords, likeness, when wordings join, how a group without a
phrase of the field is named and represented, and the progress report of a long run."""

import math
from datetime import date

import pytest

from app.workflow.subjects import (
    SubjectInput, _by_signature, _Cluster, _core, _describe, _medoid, group_subjects, keywords, matches, names_in,
    similarity,
)

# 加装电梯: no phrase of SUBJECT_FAMILIES names it, so it groups by keywords.
ELEVATOR = (
    "申请公开某小区电梯加装审批情况",          # {小区, 电梯, 加装, 审批}
    "请提供我小区既有住宅加装电梯的审批文件",  # {小区, 住宅, 加装, 电梯, 审批}
    "要求公开本楼加装电梯的审批结果",          # {本楼, 加装, 电梯, 审批}
    "申请公开某小区加装电梯审批",              # {小区, 加装, 电梯, 审批}: E1's words again
    "我家楼道加装电梯审批的公示",              # {楼道, 加装, 电梯, 审批, 公示}
)


def _items(texts, start=0, applicants=None):
    names = applicants or [f"申请人{start + i}" for i in range(len(texts))]
    return [SubjectInput(start + i, t, names[i], "规划科", date(2025, 3, 1)) for i, t in enumerate(texts)]


def test_a_subject_without_a_phrase_of_the_field_is_named_by_its_common_words_in_the_representatives_order():
    [g] = group_subjects(_items(ELEVATOR))
    assert g.case_ids == (0, 1, 2, 3, 4)
    # The representative: E1 and E4 share one set of words asked twice, the most alike the rest
    # (2 + 0.894 + 0.75 + 0.671 against E2's 1 + 2×0.894 + 0.671 + 0.6); of the two, the shorter, E4.
    assert g.representative == "申请公开某小区加装电梯审批"
    # The words at least half the requests use: 加装, 电梯, 审批 (5 of 5), 小区 (3 of 5); in E4's order;
    # neighbours written together there (小区加装, 加装电梯, 电梯审批) stay together.
    assert g.label == "小区加装电梯审批"
    assert set(g.keywords) == {"小区", "加装", "电梯", "审批"}


def test_a_word_inside_a_longer_common_word_adds_nothing_to_the_label():
    texts = ("申请公开被拆迁房屋的补偿款发放情况", "要求公开我村拆迁补偿款发放名单", "请提供拆迁补偿款的发放标准")
    [g] = group_subjects(_items(texts))
    # common: 发放, 拆迁, 补偿, 补偿款 (3 of 3); 补偿 is inside 补偿款. The three are equally alike,
    # so the shortest wording represents them; there 拆迁补偿款 is written together, 发放 apart.
    assert g.representative == "请提供拆迁补偿款的发放标准"
    assert g.label == "拆迁补偿款、发放"


def test_a_long_word_also_counts_as_its_dictionary_head_and_tail():
    assert keywords("补偿款") == {"补偿款", "补偿"}                   # 偿款 is no word
    assert {"验收报告", "验收", "报告"} <= keywords("验收报告") and "收报" not in keywords("验收报告")


def test_likeness_is_the_cosine_of_the_word_sets_once_two_words_are_shared():
    a, b = frozenset({"小区", "电梯", "加装"}), frozenset({"学校", "电梯", "加装", "进度"})
    assert similarity(a, b) == pytest.approx(2 / math.sqrt(3 * 4))
    assert similarity(frozenset({"房屋", "征收"}), frozenset({"房屋", "登记"})) == 0.0    # one shared word


def test_two_wordings_sharing_two_subject_words_group_one_shared_word_never():
    school = "申请公开学校电梯加装进度"               # {学校, 电梯, 加装}: 电梯, 加装 shared with E1
    assert [g.case_ids for g in group_subjects(_items((ELEVATOR[0], school)))] == [(0, 1)]
    maintenance = "申请公开某学校电梯维保合同"        # {学校, 电梯, 维保, 合同}: only 电梯 shared with E1
    assert group_subjects(_items((ELEVATOR[0], maintenance))) == []
    assert matches("房屋征收评估报告", ("房屋", "征收", "补偿"))          # 2 shared: 2/√(4×3) = 0.58


def test_likeness_at_the_threshold():
    # 7 words sharing 电梯 and 加装 with E1's 4: 2/√28 = 0.378, above 0.35: one subject
    tender = "申请公开学校电梯加装招标文件中标单位合同金额"
    assert [g.case_ids for g in group_subjects(_items((ELEVATOR[0], tender)))] == [(0, 1)]


COMPENSATION = ("申请公开我家房屋征收补偿款标准", "申请公开本村房屋征收补偿协议", "申请公开房屋征收补偿款发放情况")


def test_a_wording_sharing_two_words_with_a_subject_but_too_unlike_it_does_not_join():
    # the 征收补偿 group's core: 房屋, 征收, 补偿, 补偿款 (in all three). The planning request shares 房屋 and
    # 征收 among its nine words: 2/√(9×4) = 0.33, under 0.35; it is another subject.
    planning = "申请公开房屋征收范围内学校幼儿园医院道路桥梁建设计划"
    groups = group_subjects(_items(COMPENSATION + (planning,)), min_applicants=1)
    assert sorted(g.case_ids for g in groups) == [(0, 1, 2), (3,)]


def test_the_core_is_the_words_more_than_half_use():
    four = [frozenset({"房屋", "征收"}), frozenset({"房屋", "补偿"}), frozenset({"房屋", "补偿"}), frozenset({"房屋"})]
    assert _core(four, [1, 1, 1, 1]) == {"房屋"}             # 补偿 in two of four: half is not more than half
    assert _core(four, [1, 2, 1, 1]) == {"房屋", "补偿"}      # weighted: 补偿 3 of 5
    cluster = _Cluster(four[0], 1)
    for sig in four[1:]:
        cluster.add(sig, 1)
    assert (cluster.weight, cluster.core) == (4, {"房屋"})


def test_a_subject_is_concentrated_from_two_applicants_by_default():
    two = _items(ELEVATOR[:2])
    assert [g.applicants for g in group_subjects(two)] == [2]
    assert group_subjects(two, min_applicants=3) == []


def test_a_long_run_reports_its_progress_every_2000_requests():
    calls = []
    items = [SubjectInput(i, "申请公开某小区电梯加装审批情况", f"申请人{i % 7}", "规划科", None) for i in range(2001)]
    [g] = group_subjects(items, progress=lambda n, total: calls.append((n, total)))
    assert calls == [(0, 2001), (2000, 2001)] and g.count == 2001


def test_person_names_of_two_characters_are_found():
    # the representative avoids wordings naming a person; two-character names count
    assert names_in("张建、李四的房屋") == ["张建", "李四"]


def test_a_label_holds_at_most_four_words_the_first_in_the_representative_on_a_tie():
    texts = ("申请公开本小区既有住宅加装电梯审批", "请提供本小区既有住宅加装电梯的审批", "要求公开本小区既有住宅加装电梯审批结果")
    [g] = group_subjects(_items(texts))
    # one set of words {小区, 住宅, 加装, 电梯, 审批} asked three times; the representative is the shortest,
    # the first by number on a tie (17 characters each). All five words are used by all three: the four
    # first in it are 小区 (5), 住宅 (9), 加装 (11), 电梯 (13); 审批 (15) is left out.
    assert g.representative == texts[0]
    assert g.keywords == ("小区", "住宅", "加装", "电梯")
    assert g.label == "小区、住宅加装电梯"                # 既有 stands between 小区 and 住宅


def test_two_wordings_sharing_two_words_but_too_unlike_stay_apart():
    # nine words sharing 电梯 and 加装 with E1's four: 2/√36 = 0.33, under 0.35
    tender = "申请公开学校电梯加装招标文件中标单位合同金额付款凭证"
    assert group_subjects(_items((ELEVATOR[0], tender))) == []


def test_a_later_request_exactly_as_alike_as_the_threshold_matches():
    # 20 keywords, 7 shared with a subject of 20: 7/√(20×20) = 0.35, the threshold itself
    text = "、".join("房屋 征收 补偿 协议 方案 标准 评估 报告 合同 图纸 附图 批复 公告 名单 面积 金额 账户 明细 凭证 档案".split())
    subject = ("房屋", "征收", "补偿", "协议", "方案", "标准", "评估") + tuple(f"词{i}" for i in range(13))
    assert len(keywords(text)) == 20 and matches(text, subject)


def test_a_groups_core_follows_the_wordings_that_joined_it():
    # E1 {小区, 电梯, 加装, 审批} starts the group; the school's {学校, 电梯, 加装} joins (2/√12 = 0.58) and
    # the core becomes the words both use, {电梯, 加装}. The tender's nine words share those two:
    # 2/√(9×2) = 0.47 with the core as it now is (against E1 alone it would be 2/√36 = 0.33).
    texts = (ELEVATOR[0], "申请公开学校电梯加装进度", "申请公开学校电梯加装招标文件中标单位合同金额付款凭证")
    assert [g.case_ids for g in group_subjects(_items(texts))] == [(0, 1, 2)]


def test_single_character_words_are_no_keywords():
    # jieba: 我家 房屋 被 拆 的 补偿 标准; 拆 (a verb) is one character, 我家/被/的 are function words
    assert keywords("申请公开我家房屋被拆的补偿标准") == {"房屋", "补偿", "标准"}


def test_a_surname_alone_is_no_persons_name():
    # jieba tags 刘 of the anonymised 刘某某 as a name (nr); one character names nobody
    assert names_in("要求公开对刘某某违法建设的查处决定") == []
    assert names_in("申请公开李某某家楼顶违章搭建的查处情况") == []


def test_two_wordings_exactly_as_alike_as_the_threshold_group():
    # Neither names a phrase of the field. The first's 20 keywords: 工程 and the 19 listed; the second's:
    # 大道, 改造, 工程 and the 17 listed. In common: 工程, 评估, 报告, 合同, 图纸, 附图, 批复 (7):
    # 7/√(20×20) = 0.35, THRESHOLD itself: the second joins the first's cluster.
    road = "申请公开滨江路拓宽工程的" + "、".join(
        "评估 报告 合同 图纸 附图 批复 公告 立项 环评 勘察 设计 施工 监理 招标 预算 决算 审计 红线 用地".split())
    avenue = "申请公开东湖大道改造工程的" + "、".join(
        "评估 报告 合同 图纸 附图 批复 名单 面积 金额 账户 明细 凭证 档案 资金 拨付 工期 质量".split())
    assert (len(keywords(road)), len(keywords(avenue)), len(keywords(road) & keywords(avenue))) == (20, 20, 7)
    assert [g.case_ids for g in group_subjects(_items((road, avenue)))] == [(0, 1)]


# E1, E2, E3, E5: four wordings of 加装电梯, each asked once
FOUR_ELEVATORS = (ELEVATOR[0], ELEVATOR[1], ELEVATOR[2], ELEVATOR[4])


def test_the_representative_is_the_wording_most_like_the_rest_not_the_shortest():
    [g] = group_subjects(_items(FOUR_ELEVATORS))
    # E1 {小区, 电梯, 加装, 审批}: 1 + 4/√20 (E2) + 3/4 (E3) + 3/√20 (E5) = 1 + 0.894 + 0.75 + 0.671 = 3.32
    # E2: 1 + 0.894 + 3/√20 + 3/5 = 3.17; E3: 1 + 0.75 + 0.671 + 3/√20 = 3.09; E5: 1 + 0.671 + 0.6 + 0.671 = 2.94.
    # E1 (15 characters) represents the group, not the shorter E5 (13).
    assert g.representative == ELEVATOR[0]


def test_a_word_in_exactly_half_of_a_groups_requests_is_common():
    [g] = group_subjects(_items(FOUR_ELEVATORS))
    # 加装, 电梯, 审批 in 4 of 4; 小区 in E1 and E2, 2 of 4: half is enough (住宅, 本楼, 楼道, 公示: 1 of 4)
    assert g.keywords == ("小区", "电梯", "加装", "审批")          # in E1's order
    assert g.label == "小区电梯加装审批"


def test_without_a_word_common_to_half_the_requests_a_group_is_described_by_its_two_most_used_words():
    # Five requests; only E4's wording is asked twice, the three others share no word with it or each other.
    texts = (ELEVATOR[3], ELEVATOR[3], "要求公开本楼增设升降梯的批复", "我家楼道装梯的公示", "请提供老旧住宅改造方案")
    g = _describe(*_by_signature(_items(texts)))
    # 小区, 加装, 电梯, 审批: 2 of 5 each, under half; every other word 1 of 5. E4's wording is the most like
    # the rest (alike 2 against 1), so it represents them; the two most-used words, first in E4
    # (申请公开某小区加装电梯审批): 小区 (5), 加装 (7).
    assert g.representative == ELEVATOR[3]
    assert g.keywords == ("小区", "加装")
    assert g.label == "小区加装"


def test_names_in_a_wordings_first_three_requests_pass_it_over_as_representative():
    x = ("申请公开某小区加装电梯审批", "申请公开本小区加装电梯审批", "申请公开某小区加装电梯的审批")
    named = "申请公开张建国家小区加装电梯审批"              # the same words; names 张建国
    stairwell = ELEVATOR[4]                                 # 我家楼道加装电梯审批的公示, no name
    # x's wording asked three times, the third naming 张建国: passed over for the stairwell's, although
    # more alike (3 + 3/√20 = 3.67 against 1 + 3 × 3/√20 = 3.01)
    [g] = group_subjects(_items(x[:2] + (named, stairwell)))
    assert g.representative == stairwell
    # asked four times, the name only in the fourth: the first three name nobody; x's wording represents
    # (4 + 0.67 against 1 + 4 × 0.67), by its shortest request, the first of 13 characters
    [g] = group_subjects(_items(x + (named, stairwell)))
    assert g.representative == x[0]


def test_the_representative_is_one_of_the_200_most_asked_wordings():
    # 201 wordings of one subject. Wordings 0–199 each name two of 21 document words (every pair once,
    # so no two share two words: likeness 0) and are asked twice; wording 200 names all 21 and is asked
    # once. Among the 200 most asked every wording is as alike the rest (2.0), none names a person, and
    # wording 199, whose requests are the shortest (no 申请), represents them. Wording 200 would be the
    # most alike the rest (1 + 200 × 2 × 2/√42) but is not among the 200 most asked.
    docs = "方案 标准 评估 报告 合同 图纸 附图 批复 公告 名单 面积 金额 账户 明细 凭证 档案 图则 资金 拨付 工期 质量".split()
    pairs = [(a, b) for i, a in enumerate(docs) for b in docs[i + 1:]][:200]
    sigs = [frozenset(p) for p in pairs] + [frozenset(docs)]
    texts = [f"申请公开房屋征收补偿{a}和{b}" for a, b in pairs[:199]] + [f"公开房屋征收补偿{pairs[199][0]}"]
    members = [[SubjectInput(2 * k, t, "申请人甲", "规划科", None), SubjectInput(2 * k + 1, t, "申请人乙", "规划科", None)]
               for k, t in enumerate(texts)]
    members.append([SubjectInput(999, "房屋征收补偿", "申请人丙", "规划科", None)])
    assert _medoid(sigs, members) == 199
