"""Text that looks like a formula is written as text: the annual report workbook never runs it."""

import zipfile

import openpyxl
from openpyxl import Workbook

from app.exports.annual_report_xlsx import write_annual_report_xlsx
from app.exports.atomic import atomic_path
from app.exports.cells import put
from app.services.reports.report_service import ReportService

TRICKS = ['=HYPERLINK("http://evil.example","点我")', "+1+1", "-2+3", "@SUM(A1:A2)", "=1+1"]


def test_formula_like_text_stays_text(tmp_path):
    wb = Workbook()
    for i, text in enumerate(TRICKS, start=1):
        put(wb.active.cell(i, 1), text)
    with atomic_path(tmp_path / "t.xlsx") as temp:
        wb.save(temp)
    xml = zipfile.ZipFile(tmp_path / "t.xlsx").read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in xml                                     # no formula element at all
    back = openpyxl.load_workbook(tmp_path / "t.xlsx").active
    assert [back.cell(i, 1).value for i in range(1, 6)] == TRICKS   # re-imports unchanged
    assert {back.cell(i, 1).data_type for i in range(1, 6)} == {"s"}


def test_annual_report_workbook_has_no_formula(any_db, tmp_path):
    data = ReportService(any_db).report(2025)
    data = data.__class__(**{**data.__dict__, "agency_name": "=HYPERLINK(\"x\")"})
    write_annual_report_xlsx(data, tmp_path / "年报.xlsx")
    z = zipfile.ZipFile(tmp_path / "年报.xlsx")
    sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
    assert sheets and not any("<f>" in z.read(n).decode() for n in sheets)
    wb = openpyxl.load_workbook(tmp_path / "年报.xlsx")
    texts = [c for ws in wb for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert texts and all(c.data_type == "s" for c in texts)
