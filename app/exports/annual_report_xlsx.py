"""The annual report's tables 二, 三 and 四 as an Excel workbook in the official layout (A4, borders, zeros)."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from app.exports.annual_report_grid import Grid, table2_grid, table3_grid, table4_grid
from app.exports.atomic import atomic_path
from app.exports.cells import put
from app.workflow.annual_report_data import SECTION_HEADINGS, AnnualReportData

_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_FONT = Font(name="宋体", size=10)
_BOLD = Font(name="宋体", size=10, bold=True)
_TITLE = Font(name="黑体", size=14)
_UNITS_PER_MM = 0.9          # Excel column width units per millimetre of the printed grid
_UNITS_PER_CHAR = 1.9        # one CJK character of 宋体 10 pt, in Excel width units
_LINE_PT = 13.5


def write_annual_report_xlsx(data: AnnualReportData, path: str | Path) -> Path:
    """One sheet per table, each with its section heading, ready to print on A4."""
    wb = Workbook()
    wb.remove(wb.active)
    add_table_sheets(wb, data)
    wb.properties.title = data.title
    wb.properties.creator = data.agency_name
    path = Path(path)
    with atomic_path(path) as temp:
        wb.save(temp)
    return path


def add_table_sheets(wb: Workbook, data: AnnualReportData) -> None:
    """Tables 二, 三 and 四 of ``data`` as three sheets in the 30号 layout (the city summary uses them too)."""
    for name, heading, grid, landscape in (
            ("表二 主动公开", SECTION_HEADINGS[1], table2_grid(data), False),
            ("表三 依申请公开", SECTION_HEADINGS[2], table3_grid(data), False),
            ("表四 复议诉讼", SECTION_HEADINGS[3], table4_grid(data), True)):
        _sheet(wb.create_sheet(name), heading, grid, landscape)


def _sheet(ws: Worksheet, heading: str, grid: Grid, landscape: bool) -> None:
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=grid.n_cols)
    title = put(ws.cell(1, 1), heading)
    title.font, title.alignment = _TITLE, Alignment(horizontal="left", vertical="center")
    ws.row_dimensions[1].height = 28
    widths = [round(mm * _UNITS_PER_MM, 1) for mm in grid.widths_mm]
    for i, width in enumerate(widths):
        ws.column_dimensions[get_column_letter(i + 1)].width = width
    for c in grid.cells:
        top, left = c.row + 2, c.col + 1          # row 1 holds the heading
        if c.rows > 1 or c.cols > 1:
            ws.merge_cells(start_row=top, start_column=left,
                           end_row=top + c.rows - 1, end_column=left + c.cols - 1)
        align = Alignment(horizontal="left" if c.left else "center", vertical="center", wrap_text=True)
        for r in range(top, top + c.rows):
            for col in range(left, left + c.cols):
                cell = ws.cell(r, col)
                cell.border, cell.alignment, cell.font = _BORDER, align, _BOLD if c.bold else _FONT
        first = put(ws.cell(top, left), c.value)
        if isinstance(c.value, int):
            first.number_format = "0"                  # zeros print as 0, never blank
        elif isinstance(c.value, float):
            first.number_format = "0.0000"
    for r, height in enumerate(_row_heights(grid, widths), start=2):
        ws.row_dimensions[r].height = height
    _print_setup(ws, landscape, f"1:{grid.header_rows + 1}")


def _row_heights(grid: Grid, widths: list[float]) -> list[float]:
    """Tall enough for wrapped labels: a cell's lines are shared by the rows it spans."""
    lines = [1.0] * grid.n_rows
    for c in grid.cells:
        per_line = max(1, int(sum(widths[c.col:c.col + c.cols]) / _UNITS_PER_CHAR) - 1)
        need = -(-len(str(c.value)) // per_line) / c.rows
        for r in range(c.row, c.row + c.rows):
            lines[r] = max(lines[r], need)
    return [round(max(20.0, n * _LINE_PT + 6), 1) for n in lines]


def _print_setup(ws: Worksheet, landscape: bool, title_rows: str) -> None:
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.6
    ws.page_margins.top = ws.page_margins.bottom = 0.8
    ws.print_title_rows = title_rows
    ws.sheet_view.showGridLines = False
    ws.sheet_view.showZeros = True
