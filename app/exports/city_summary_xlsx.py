"""The city's annual summary as a workbook: tables 二, 三 and 四 in the 30号 layout, and who was summed."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from app.exchange.summary import NO_PREVIOUS, CitySummary
from app.exports.annual_report_xlsx import add_table_sheets
from app.exports.atomic import atomic_path
from app.exports.cells import append, put
from app.workflow.annual_counts import ROW_CARRIED, ROW_NEW, ROW_NEXT, ROW_TOTAL, TOTAL_COLUMN

STATUS_SHEET = "报送情况"
HEADERS = ("机关代码", "机关名称", "报送情况", "锁定后数字变动", "上年结转核对", "本年新收", "上年结转", "本年办结",
           "结转下年度")
INCLUDED, UNLOCKED, MISSING = "已锁定，计入汇总", "未锁定，未计入汇总", "未报送"


def status_rows(summary: CitySummary) -> list[tuple]:
    """One row per agency: summed, unlocked or missing, with its checks and its table 三 totals."""
    moved = {a.code for a in summary.changed_after_lock}
    carry = {c.agency.code: c.verdict for c in summary.carry_over}
    rows = []
    for status, reports in ((INCLUDED, summary.included), (UNLOCKED, summary.unlocked)):
        for r in reports:
            t = r.table3
            rows.append((r.agency.code, r.agency.name, status, "是" if r.agency.code in moved else "否",
                         carry.get(r.agency.code, NO_PREVIOUS),
                         *(t.value(row, TOTAL_COLUMN) for row in (ROW_NEW, ROW_CARRIED, ROW_TOTAL, ROW_NEXT))))
    rows += [(a.code, a.name, MISSING, "", "", "", "", "", "") for a in summary.missing]
    return rows


def write_city_summary_xlsx(summary: CitySummary, path: str | Path) -> Path:
    wb = Workbook()
    wb.remove(wb.active)
    add_table_sheets(wb, summary.report_data())
    ws = wb.create_sheet(STATUS_SHEET)
    put(ws.cell(1, 1), f"{summary.title}·{STATUS_SHEET}").font = Font(name="黑体", size=14)
    append(ws, HEADERS)
    for row in status_rows(summary):
        append(ws, row)
    notes = [f"{c.agency.name}：{f}" for c in summary.carry_over for f in c.findings]
    if notes:
        append(ws, ())
        append(ws, ("上年结转核对不符的明细",))
        for note in notes:
            append(ws, (note,))
    for letter, width in zip("ABCDEFGHI", (22, 36, 18, 14, 20, 10, 10, 10, 10)):
        ws.column_dimensions[letter].width = width
    for cells in ws.iter_rows(min_row=2, max_row=2):
        for cell in cells:
            cell.font, cell.alignment = Font(bold=True), Alignment(horizontal="center", wrap_text=True)
    wb.properties.title = summary.title
    wb.properties.creator = summary.city.name
    path = Path(path)
    with atomic_path(path) as temp:
        wb.save(temp)
    return path
