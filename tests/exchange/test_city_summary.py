"""The city's annual summary of three agencies' locked reports, against tables summed by hand."""

from __future__ import annotations

from openpyxl import load_workbook

from app.exchange.documents import AgencyId, AgencyReport
from app.exchange.summary import DIFFERS, MATCHES, NO_PREVIOUS, summarize
from app.exports.city_summary_xlsx import STATUS_SHEET, write_city_summary_xlsx
from app.workflow.annual_counts import ROWS, Table3, Table4
from app.workflow.annual_report_data import FeeFigures, table2_from

CITY = AgencyId("11440300007542110Y", "某某市人民政府办公室")
A, B, C = AgencyId("A001", "某某市教育局"), AgencyId("B002", "某某市公安局"), AgencyId("C003", "某某市卫生健康委员会")
D, E = AgencyId("D004", "某某市水务局"), AgencyId("E005", "某某市民政局")
ZERO7 = (0,) * 7


def t3(rows: dict) -> Table3:
    """Table 三 from the rows written out (every other row zero)."""
    return Table3({row: tuple(rows.get(row, ZERO7)) for row in ROWS})


def t4(rows: dict) -> Table4:
    return Table4({k: tuple(rows.get(k, (0,) * 5)) for k in ("行政复议", "未经复议直接起诉", "复议后起诉")})


# Columns: 自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计.
A_T3 = t3({"new": (3, 1, 0, 0, 0, 0, 4), "carried": (1, 0, 0, 0, 0, 0, 1), "一.0": (2, 0, 0, 0, 0, 0, 2),
           "二.0": (0, 1, 0, 0, 0, 0, 1), "三.1": (1, 0, 0, 0, 0, 0, 1), "total": (3, 1, 0, 0, 0, 0, 4),
           "next": (1, 0, 0, 0, 0, 0, 1)})
B_T3 = t3({"new": (2, 0, 0, 0, 0, 1, 3), "carried": (2, 0, 0, 0, 0, 0, 2), "一.0": (3, 0, 0, 0, 0, 0, 3),
           "五.2": (0, 0, 0, 0, 0, 1, 1), "total": (3, 0, 0, 0, 0, 1, 4), "next": (1, 0, 0, 0, 0, 0, 1)})
C_T3 = t3({"new": (0, 0, 5, 0, 0, 0, 5), "四.1": (0, 0, 2, 0, 0, 0, 2), "六.3": (0, 0, 1, 0, 0, 0, 1),
           "total": (0, 0, 3, 0, 0, 0, 3), "next": (0, 0, 2, 0, 0, 0, 2)})
D_T3 = t3({"new": (9, 0, 0, 0, 0, 0, 9), "一.0": (9, 0, 0, 0, 0, 0, 9), "total": (9, 0, 0, 0, 0, 0, 9)})


def report(agency, year, table3, table4=None, table2=None, fees=FeeFigures(), locked=True, moved=False):
    return AgencyReport(agency, year, locked, moved, table2_from(table2 or {}), table3, table4 or t4({}), fees, {})


REPORTS = [
    report(A, 2025, A_T3, t4({"行政复议": (1, 0, 0, 1, 2)}),
           {"rules_issued": 2, "norms_current": 10, "licences": 100, "charges_10k_yuan": 1.5},
           FeeFigures(2, 300.0, 200.0)),
    report(B, 2025, B_T3, t4({"行政复议": (0, 1, 0, 0, 1), "未经复议直接起诉": (0, 0, 1, 0, 1)}),
           {"norms_current": 5, "licences": 20, "penalties": 7, "charges_10k_yuan": 0.25}, FeeFigures(1, 50.5, 0.0)),
    report(C, 2025, C_T3, t4({"复议后起诉": (1, 0, 0, 0, 1)}), {"rules_current": 3, "coercions": 1}, moved=True),
    report(D, 2025, D_T3, locked=False),                                        # sent, not locked: not summed
]
PREVIOUS = [report(A, 2024, t3({"new": (1, 0, 0, 0, 0, 0, 1), "next": (1, 0, 0, 0, 0, 0, 1)})),
            report(B, 2024, t3({"new": (1, 0, 0, 0, 0, 0, 1), "next": (1, 0, 0, 0, 0, 0, 1)}))]

# A + B + C, summed by hand.
HAND_T3 = {"new": (5, 1, 5, 0, 0, 1, 12), "carried": (3, 0, 0, 0, 0, 0, 3), "一.0": (5, 0, 0, 0, 0, 0, 5),
           "二.0": (0, 1, 0, 0, 0, 0, 1), "三.1": (1, 0, 0, 0, 0, 0, 1), "四.1": (0, 0, 2, 0, 0, 0, 2),
           "五.2": (0, 0, 0, 0, 0, 1, 1), "六.3": (0, 0, 1, 0, 0, 0, 1), "total": (6, 1, 3, 0, 0, 1, 11),
           "next": (2, 0, 2, 0, 0, 0, 4)}
HAND_T4 = {"行政复议": (1, 1, 0, 1, 3), "未经复议直接起诉": (0, 0, 1, 0, 1), "复议后起诉": (1, 0, 0, 0, 1)}
HAND_T2 = {"rules_issued": 2, "rules_repealed": 0, "rules_current": 3, "norms_issued": 0, "norms_repealed": 0,
           "norms_current": 15, "licences": 120, "penalties": 7, "coercions": 1, "charges_10k_yuan": 1.75}


def city_summary():
    return summarize(CITY, 2025, REPORTS, PREVIOUS, [A, B, C, D, E])


def test_three_locked_reports_sum_to_the_hand_summed_tables():
    s = city_summary()
    assert [r.agency.code for r in s.included] == ["A001", "B002", "C003"]
    for row in ROWS:
        assert s.table3.cells[row] == HAND_T3.get(row, ZERO7), row
    assert dict(s.table4.cells) == HAND_T4
    assert s.table2 == HAND_T2
    assert s.fees == FeeFigures(3, 350.5, 200.0)
    assert s.findings == ()                      # 12 + 3 = 11 + 4, and so on per column


def test_missing_unlocked_moved_and_carry_over_are_listed():
    s = city_summary()
    assert [r.agency for r in s.unlocked] == [D]
    assert s.missing == (E,)
    assert s.changed_after_lock == (C,)
    verdicts = {c.agency.code: c.verdict for c in s.carry_over}
    assert verdicts == {"A001": MATCHES, "B002": DIFFERS, "C003": NO_PREVIOUS, "D004": NO_PREVIOUS}
    b = next(c for c in s.carry_over if c.agency == B)
    assert [(f.column, f.message) for f in b.findings] == [
        ("自然人", "本年为2，2024年报送的报告的“四、结转下年度继续办理”为1"),
        ("总计", "本年为2，2024年报送的报告的“四、结转下年度继续办理”为1")]
    assert summarize(CITY, 2025, REPORTS, PREVIOUS, [A], moved=["A001"]).changed_after_lock == (A, C)


def test_the_summary_workbook_prints_the_sums_in_the_30_layout(tmp_path):
    path = write_city_summary_xlsx(city_summary(), tmp_path / "city.xlsx")
    wb = load_workbook(path)
    assert wb.sheetnames == ["表二 主动公开", "表三 依申请公开", "表四 复议诉讼", STATUS_SHEET]
    t3_sheet = wb["表三 依申请公开"]
    # row 1 heading, rows 2–4 the header; 一 on row 5, 二 on row 6; figures from column D, 总计 in column J
    assert t3_sheet["A5"].value == "一、本年新收政府信息公开申请数量"
    assert [t3_sheet.cell(5, c).value for c in range(4, 11)] == [5, 1, 5, 0, 0, 1, 12]
    assert [t3_sheet.cell(6, c).value for c in range(4, 11)] == [3, 0, 0, 0, 0, 0, 3]
    last = t3_sheet.max_row
    assert t3_sheet.cell(last, 1).value == "四、结转下年度继续办理"
    assert [t3_sheet.cell(last, c).value for c in range(4, 11)] == [2, 0, 2, 0, 0, 0, 4]
    assert [c.value for c in wb["表四 复议诉讼"][5]] == [1, 1, 0, 1, 3, 0, 0, 1, 0, 1, 1, 0, 0, 0, 1]
    status = [tuple(c.value for c in row) for row in wb[STATUS_SHEET].iter_rows(min_row=3, max_row=7)]
    assert status == [
        ("A001", "某某市教育局", "已锁定，计入汇总", "否", "相符", 4, 1, 4, 1),
        ("B002", "某某市公安局", "已锁定，计入汇总", "否", "不符", 3, 2, 4, 1),
        ("C003", "某某市卫生健康委员会", "已锁定，计入汇总", "是", "无上年度报告，未核对", 5, 0, 3, 2),
        ("D004", "某某市水务局", "未锁定，未计入汇总", "否", "无上年度报告，未核对", 9, 0, 9, 0),
        ("E005", "某某市民政局", "未报送", None, None, None, None, None, None)]
    assert wb.properties.title == "某某市人民政府办公室2025年政府信息公开工作年度报告汇总表"
