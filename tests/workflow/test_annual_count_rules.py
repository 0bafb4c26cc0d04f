"""Year-boundary rules of the annual report (domain §4): 1 January and 31 December, reviews filed on New
Year's Eve, and how a failed check names its row and column."""

from datetime import date

import pytest

from app.workflow.annual_counts import (
    AFTER, BEFORE, ERROR, IN, ROW_CARRIED, ROW_NEW, ROW_NEXT, ROW_TOTAL, WARNING, CaseFact, Finding, Problem,
    ReviewFact, Table3, Table4, cell_members, check_carry_over, column_title, count_table3, count_table4, place,
    problem_findings, review_column, row_title,
)

P = "自然人"


def _facts(*rows):
    return [CaseFact(i, n, r, p, k, o) for i, (n, r, p, k, o) in enumerate(rows, start=1)]


@pytest.mark.parametrize("day, where", [
    (date(2024, 12, 31), BEFORE), (date(2025, 1, 1), IN), (date(2025, 12, 31), IN), (date(2026, 1, 1), AFTER),
    (None, None),
])
def test_a_date_falls_before_in_or_after_the_year_at_its_first_and_last_day(day, where):
    assert place(day, 2025) == where


def test_received_on_new_years_eve_and_replied_on_new_years_day():
    # received 2025-12-31, replied 2026-01-01: in 2025 it counts in 一 (new) and 四 (carried to next year);
    # in 2026 it counts in 二 (carried in) and under its outcome leaf (replied in the year).
    facts = _facts(("A", date(2025, 12, 31), date(2026, 1, 1), P, "一.0"))
    t25, _ = count_table3(facts, 2025)
    assert (t25.value(ROW_NEW, 0), t25.value(ROW_NEXT, 0), t25.value(ROW_TOTAL, 0)) == (1, 1, 0)
    t26, _ = count_table3(facts, 2026)
    assert (t26.value(ROW_NEW, 0), t26.value(ROW_CARRIED, 0), t26.value("一.0", 0), t26.value(ROW_NEXT, 0)) == \
        (0, 1, 1, 0)


def test_a_case_replied_the_day_it_was_received_is_not_backwards():
    _, problems = count_table3(_facts(("A", date(2025, 6, 3), date(2025, 6, 3), P, "一.0")), 2025)
    assert problems == ()
    _, problems = count_table3(_facts(("B", date(2025, 6, 3), date(2025, 6, 2), P, "一.0")), 2025)
    assert [p.number for p in problems] == ["B"]


def test_a_case_received_after_the_year_with_a_reply_inside_it_is_a_problem_there():
    # a reply dated 2025-12-30 on a case received 2026-01-05 is a typing error: the 2025 table names it
    table, problems = count_table3(_facts(("Z", date(2026, 1, 5), date(2025, 12, 30), P, "一.0")), 2025)
    assert [p.number for p in problems] == ["Z"] and "早于收到申请之日" in problems[0].message
    assert table.value(ROW_NEW, 6) == 0


def test_an_invalid_outcome_code_is_named():
    _, problems = count_table3(_facts(("Q", date(2025, 3, 3), date(2025, 3, 20), P, "三.9")), 2025)
    assert problems == (Problem("Q", "办理结果代码“三.9”无效，请重新选择办理结果"),)


def test_drill_down_of_a_single_column_and_of_the_total_row():
    facts = _facts(("A", date(2025, 3, 3), date(2025, 3, 20), P, "一.0"),
                   ("B", date(2025, 3, 4), date(2025, 3, 21), "商业企业", "三.1"),
                   ("C", date(2025, 3, 5), None, "商业企业", None))
    assert [f.number for f in cell_members(facts, 2025, ROW_TOTAL, 0)] == ["A"]
    assert [f.number for f in cell_members(facts, 2025, ROW_NEW, 1)] == ["B", "C"]
    assert [f.number for f in cell_members(facts, 2025, ROW_NEXT, 6)] == ["C"]
    assert cell_members(facts, 2025, "三.1", 0) == []


@pytest.mark.parametrize("row, title", [
    (ROW_NEW, "一、本年新收政府信息公开申请数量"),
    (ROW_CARRIED, "二、上年结转政府信息公开申请数量"),
    (ROW_NEXT, "四、结转下年度继续办理"),
    (ROW_TOTAL, "三、本年度办理结果（七）总计"),
    ("一.0", "三、本年度办理结果（一）予以公开"),
    ("五.2", "三、本年度办理结果（五）不予处理 2.重复申请"),
])
def test_rows_are_named_in_full_as_table_3_prints_them(row, title):
    assert row_title(row) == title


@pytest.mark.parametrize("col, title", [
    (0, "自然人"), (1, "法人或其他组织—商业企业"), (5, "法人或其他组织—其他"), (6, "总计")])
def test_columns_are_named_under_their_header(col, title):
    assert column_title(col) == title


@pytest.mark.parametrize("filed, decided, result, column", [
    (date(2025, 12, 31), None, "", 3),                    # filed on New Year's Eve: pending on 31 December
    (date(2026, 1, 1), None, "", None),                   # filed the next day: not this year's
    (date(2025, 12, 31), date(2025, 12, 31), "纠正", 1),   # filed and decided on the last day
    (date(2025, 3, 1), date(2026, 1, 1), "维持", 3),       # decided on New Year's Day: still pending then
    (date(2025, 3, 1), date(2025, 6, 1), "", 3),          # a decision date without a result: not counted as decided
    (date(2024, 3, 1), date(2024, 12, 31), "其他", None),  # decided last year
    (date(2024, 3, 1), date(2025, 1, 1), "其他", 2),       # carried in, decided on the year's first day
])
def test_a_review_counts_by_where_it_stands_on_31_december(filed, decided, result, column):
    assert review_column(ReviewFact(1, "行政复议", filed, result, decided), 2025) == column


def test_a_review_of_an_unknown_kind_is_not_counted():
    t = count_table4([ReviewFact(1, "信访", date(2025, 3, 1), "维持", date(2025, 5, 1)),
                      ReviewFact(2, "复议后起诉", date(2025, 3, 1), "", None)], 2025)
    assert t.cells == {"行政复议": (0, 0, 0, 0, 0), "未经复议直接起诉": (0, 0, 0, 0, 0), "复议后起诉": (0, 0, 0, 1, 1)}


def test_tables_survive_the_stored_json():
    table, _ = count_table3(_facts(("A", date(2025, 3, 3), date(2025, 3, 20), P, "一.0")), 2025)
    assert Table3.from_json(table.to_json()) == table
    t4 = count_table4([ReviewFact(1, "行政复议", date(2025, 3, 1), "维持", date(2025, 5, 1))], 2025)
    assert Table4.from_json(t4.to_json()) == t4 and t4.to_json()["行政复议"] == [1, 0, 0, 0, 1]


def test_findings_read_where_and_what():
    assert str(Finding(ERROR, "表四", "行政复议", "总计", "总计为2")) == "【错误】表四“行政复议”行“总计”列：总计为2"
    assert str(Finding(WARNING, "", "", "", "上年报告未锁定")) == "【提示】上年报告未锁定"
    assert not Finding(WARNING, "表三", "", "", "x").blocking and Finding(ERROR, "表三", "", "", "x").blocking
    [f] = problem_findings([Problem("2025-001", "答复日期早于收到申请之日，请改正日期")])
    assert str(f) == "【错误】申请“2025-001”行：答复日期早于收到申请之日，请改正日期" and f.blocking


def test_carry_over_names_where_last_years_figure_came_from():
    table, _ = count_table3(_facts(("A", date(2024, 12, 2), None, P, None)), 2025)
    [f] = check_carry_over(table, (0, 0, 0, 0, 0, 0, 1), 2024, "已公布报告")[:1]
    assert f.column == "自然人" and "本年为1，2024年已公布报告的“四、结转下年度继续办理”为0" in f.message


def test_a_case_closed_in_an_earlier_year_is_not_this_years_problem():
    # received and replied in 2024 with an applicant type outside the six columns: the 2024 table names
    # it; the 2025 table does not count it at all, so it raises no problem there either
    facts = _facts(("P1", date(2024, 3, 1), date(2024, 3, 20), "个体户", "一.0"),
                   ("P2", date(2024, 5, 6), date(2024, 5, 2), P, "一.0"))
    assert [p.number for p in count_table3(facts, 2024)[1]] == ["P1", "P2"]
    assert count_table3(facts, 2025)[1] == ()


def test_a_reply_typed_before_the_receipt_is_counted_and_named_in_the_receipts_year():
    # received 2025-05-06, reply mistyped as 2024-12-30: 一 still counts it in 2025 (自然人), and the
    # problem asks for the dates to be corrected
    table, problems = count_table3(_facts(("T1", date(2025, 5, 6), date(2024, 12, 30), P, "一.0")), 2025)
    assert table.value(ROW_NEW, 0) == 1
    assert problems == (Problem("T1", "答复日期早于收到申请之日，请改正日期"),)
