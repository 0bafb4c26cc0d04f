"""Table 三 and 四 counted by the rules of domain §4 against a ledger counted by hand; the checks."""

from dataclasses import replace
from datetime import date

import pytest

from app.workflow.annual_counts import (
    AFTER, BEFORE, COLUMNS, IN, LEAF_ROWS, ROW_CARRIED, ROW_NEW, ROW_NEXT, ROW_TOTAL, ROWS, WARNING, CaseFact,
    CaseGroup, ReviewFact, Table3, cell_members, check_carry_over, check_table3, check_table4, count_groups,
    count_table3, count_table4, row_title,
)
from app.workflow.annual_report_data import FeeFigures, fee_paragraph, overview_paragraph
from app.workflow.outcomes import Outcome

P, B, R, S, L, OT = "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"
TYPES = (P, B, R, S, L, OT)


def _ledger() -> list[tuple]:
    """(number, receipt, reply, applicant type, outcome code) — the ledger the counts below use."""
    rows = [
        # received in 2024, not replied before 2025 → 二 (carried) in 2025
        ("C1", date(2024, 11, 15), date(2025, 1, 10), P, "一.0"),
        ("C2", date(2024, 12, 20), date(2025, 2, 5), B, "三.1"),
        ("C3", date(2024, 12, 30), None, L, None),                      # still open
        ("C4", date(2024, 12, 31), date(2026, 1, 15), P, "四.1"),       # replied only in 2026
        # never counted in 2025
        ("C5", date(2024, 6, 1), date(2024, 6, 20), P, "二.0"),         # replied in 2024
        ("C6", date(2024, 12, 31), date(2024, 12, 31), S, "一.0"),      # replied on 2024-12-31
        ("C7", None, None, P, None),                                    # 待确认: no receipt date
        ("C8", date(2026, 1, 5), None, B, None),                        # received in 2026
        # received in 2025 and still open on 31 December → 一 and 四
        ("O1", date(2025, 12, 15), None, P, None),
        ("O2", date(2025, 11, 20), date(2026, 1, 8), S, "一.0"),
        ("O3", date(2025, 12, 31), None, OT, None),
    ]
    # one new 2025 case per outcome leaf; leaf i goes to applicant column i % 6
    for i, outcome in enumerate(Outcome):
        receipt, reply = date(2025, 3, 1 + i), date(2025, 4, 1 + i)
        if i == 0:
            receipt, reply = date(2025, 1, 1), date(2025, 1, 2)         # first day of the year
        if i == 20:
            receipt, reply = date(2025, 12, 31), date(2025, 12, 31)     # last day of the year
        rows.append((f"N{i + 1}", receipt, reply, TYPES[i % 6], outcome.code))
    return rows


LEDGER = _ledger()

# Worked out by hand from the ledger above (domain §4), columns 自然人, 商业企业, 科研机构, 社会公益组织,
# 法律服务机构, 其他, 总计. Leaves by applicant: 自然人 N1 N7 N13 N19; 商业企业 N2 N8 N14 N20;
# 科研机构 N3 N9 N15 N21; 社会公益组织 N4 N10 N16; 法律服务机构 N5 N11 N17; 其他 N6 N12 N18.
EXPECTED_2025 = {
    ROW_NEW: (5, 4, 4, 4, 3, 4, 24),        # 21 leaf cases + O1 (自然人), O2 (社会公益组织), O3 (其他)
    ROW_CARRIED: (2, 1, 0, 0, 1, 0, 4),     # C1, C4 自然人; C2 商业企业; C3 法律服务机构
    "一.0": (2, 0, 0, 0, 0, 0, 2),           # N1 + C1
    "三.1": (0, 1, 1, 0, 0, 0, 2),           # C2 + N3
    ROW_TOTAL: (5, 5, 4, 3, 3, 3, 23),      # 21 leaves + C1 + C2
    ROW_NEXT: (2, 0, 0, 1, 1, 1, 5),        # C3, C4, O1, O2, O3
}
_LEAF_COLUMN = {o.code: i % 6 for i, o in enumerate(Outcome)}
for _code, _col in _LEAF_COLUMN.items():
    if _code not in EXPECTED_2025:
        EXPECTED_2025[_code] = tuple(1 if c in (_col, 6) else 0 for c in range(7))


def facts(ledger=LEDGER) -> list[CaseFact]:
    return [CaseFact(i, number, receipt, reply, kind, outcome)
            for i, (number, receipt, reply, kind, outcome) in enumerate(ledger, start=1)]


def test_every_row_and_column_of_2025_as_counted_by_hand():
    table, problems = count_table3(facts(), 2025)
    assert problems == ()
    assert set(table.cells) == set(ROWS) and len(LEAF_ROWS) == 21
    for row in ROWS:
        assert table.cells[row] == EXPECTED_2025[row], row_title(row)


def test_carry_over_of_2024_is_the_2025_carried_row():
    # By hand: open on 2024-12-31 were C1, C2, C3, C4 (C6 was replied that day).
    table, _ = count_table3(facts(), 2024)
    assert table.cells[ROW_NEXT] == (2, 1, 0, 0, 1, 0, 4)
    assert table.cells[ROW_NEW] == (3, 1, 0, 1, 1, 0, 6)      # C1 C2 C3 C4 C5 C6 (C7 has no date)
    assert table.cells[ROW_TOTAL] == (1, 0, 0, 1, 0, 0, 2)    # C5 二.0, C6 一.0


def test_groups_of_like_cases_count_with_their_weight():
    # As the database hands them over: 3 自然人 received and disclosed in the year, 2 商业企业 carried in
    # and still open, 1 法律服务机构 received in the year and replied after it, 4 replied last year.
    table, troubled = count_groups([
        CaseGroup(IN, IN, False, P, "一.0", 3), CaseGroup(BEFORE, None, False, B, None, 2),
        CaseGroup(IN, AFTER, False, L, "五.2", 1), CaseGroup(BEFORE, BEFORE, False, P, "一.0", 4)])
    assert troubled == ()
    assert table.cells[ROW_NEW] == (3, 0, 0, 0, 1, 0, 4)
    assert table.cells[ROW_CARRIED] == (0, 2, 0, 0, 0, 0, 2)
    assert table.cells["一.0"] == table.cells[ROW_TOTAL] == (3, 0, 0, 0, 0, 0, 3)
    assert table.cells[ROW_NEXT] == (0, 2, 0, 0, 1, 0, 3)
    _, troubled = count_groups([CaseGroup(IN, IN, True, P, "一.0", 2)])
    assert troubled == (CaseGroup(IN, IN, True, P, "一.0", 2),)


def test_the_hand_counted_table_passes_every_check():
    table, _ = count_table3(facts(), 2025)
    assert check_table3(table) == []


def test_a_broken_table_fails_naming_row_and_column():
    table, _ = count_table3(facts(), 2025)
    cells = dict(table.cells)
    cells["三.4"] = (0, 0, 0, 0, 1, 1, 1)      # one more 法律服务机构 case, nothing else adjusted
    broken = check_table3(Table3(cells))
    texts = [str(f) for f in broken]
    assert all(f.blocking for f in broken)
    assert len(broken) == 2
    assert any("“三、本年度办理结果（三）不予公开 4.保护第三方合法权益”行“总计”列" in t
               and "总计为1，六类申请人之和为2" in t for t in texts)
    assert any("“三、本年度办理结果（七）总计”行“法人或其他组织—法律服务机构”列" in t
               and "（七）总计为3，各项办理结果之和为4" in t for t in texts)


def test_unbalanced_column_is_named():
    table, _ = count_table3(facts(), 2025)
    cells = dict(table.cells)
    cells[ROW_NEW] = (6, 4, 4, 4, 3, 4, 25)    # one 自然人 too many in 一 (and so in its 总计)
    found = check_table3(Table3(cells))
    assert [(f.row, f.column) for f in found] == [("一、二、（七）、四", "自然人"), ("一、二、（七）、四", "总计")]
    assert "第一项6加第二项2之和为8，不等于（七）总计5加第四项2之和7" in found[0].message


def test_a_reply_without_outcome_is_a_problem_and_unbalances_its_column():
    ledger = LEDGER + [("X1", date(2025, 5, 6), date(2025, 5, 20), R, None)]
    table, problems = count_table3(facts(ledger), 2025)
    assert [p.number for p in problems] == ["X1"]
    assert "没有有效的办理结果" in problems[0].message
    assert [f.column for f in check_table3(table)] == ["法人或其他组织—科研机构", "总计"]


@pytest.mark.parametrize("row, kind, reply, message", [
    ("Y1", "个体户", date(2025, 5, 2), "不是表三的六类之一"),
    ("Y2", P, date(2025, 4, 1), "早于收到申请之日"),
])
def test_uncountable_cases_are_named(row, kind, reply, message):
    ledger = [(row, date(2025, 4, 10), reply, kind, "一.0")]
    _, problems = count_table3(facts(ledger), 2025)
    assert len(problems) == 1 and problems[0].number == row and message in problems[0].message


def test_drill_down_lists_the_cases_of_a_cell():
    f = facts()
    names = lambda row, col: sorted(x.number for x in cell_members(f, 2025, row, col))  # noqa: E731
    assert names(ROW_CARRIED, 0) == ["C1", "C4"]
    assert names(ROW_NEXT, 6) == ["C3", "C4", "O1", "O2", "O3"]
    assert names("一.0", 6) == ["C1", "N1"]
    assert len(cell_members(f, 2025, ROW_TOTAL, 6)) == 23
    assert names(ROW_TOTAL, 1) == ["C2", "N14", "N2", "N20", "N8"]


def test_carry_over_mismatch_with_locked_previous_year_warns():
    table, _ = count_table3(facts(), 2025)
    found = check_carry_over(table, (2, 1, 0, 0, 0, 0, 3), 2024)     # last year printed 0 for 法律服务机构
    assert [(f.level, f.column) for f in found] == [(WARNING, "法人或其他组织—法律服务机构"), (WARNING, "总计")]
    assert "2024年已锁定报告的“四、结转下年度继续办理”为0" in found[0].message
    assert check_carry_over(table, EXPECTED_2025[ROW_CARRIED], 2024) == []


REVIEWS = [
    ReviewFact(1, "行政复议", date(2025, 3, 1), "维持", date(2025, 5, 1)),
    ReviewFact(2, "行政复议", date(2025, 11, 1), "", None),
    ReviewFact(3, "行政复议", date(2025, 12, 1), "纠正", date(2026, 2, 1)),      # pending on 31 Dec
    ReviewFact(4, "未经复议直接起诉", date(2024, 10, 1), "其他", date(2025, 3, 1)),
    ReviewFact(5, "复议后起诉", date(2024, 5, 1), "维持", date(2024, 9, 1)),      # decided in 2024
    ReviewFact(6, "复议后起诉", date(2026, 1, 10), "", None),                    # filed in 2026
    ReviewFact(7, "复议后起诉", date(2025, 6, 1), "纠正", date(2025, 12, 31)),
]


def test_table4_by_hand():
    # 维持, 纠正, 其他, 尚未审结, 总计 — worked out from the register above.
    assert count_table4(REVIEWS, 2025).cells == {
        "行政复议": (1, 0, 0, 2, 3), "未经复议直接起诉": (0, 0, 1, 0, 1), "复议后起诉": (0, 1, 0, 0, 1)}
    assert count_table4(REVIEWS, 2024).cells == {
        "行政复议": (0, 0, 0, 0, 0), "未经复议直接起诉": (0, 0, 0, 1, 1), "复议后起诉": (1, 0, 0, 0, 1)}


def test_table4_check():
    t = count_table4(REVIEWS, 2025)
    broken = replace(t, cells={**t.cells, "复议后起诉": (0, 1, 0, 0, 2)})
    assert check_table4(t) == []
    [f] = check_table4(broken)
    assert (f.table, f.row, f.column) == ("表四", "复议后起诉", "总计")


def test_generated_paragraphs():
    table, _ = count_table3(facts(), 2025)
    text = overview_paragraph(2025, table, count_table4(REVIEWS, 2025))
    # groups by hand: （一）2 （二）1 （三）9 （四）3 （五）5 （六）3 = 23
    assert text.startswith("2025年，本机关共收到政府信息公开申请24件，上年结转4件。全年办结23件，")
    assert "予以公开2件，部分公开1件，不予公开9件，无法提供3件，不予处理5件，其他处理3件" in text
    assert "结转下年度继续办理5件" in text and "行政复议3件、行政诉讼2件，其中尚未审结2件" in text
    assert fee_paragraph(2025, FeeFigures(2, 4800.0, 4700.5)) == \
        "2025年，本机关共发出信息处理费收费通知2件，通知收费金额4800元，实际收取信息处理费4700.50元。"
    assert "未发出信息处理费收费通知" in fee_paragraph(2025, FeeFigures())


def test_column_headers():
    assert COLUMNS == ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计")
