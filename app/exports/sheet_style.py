"""The look of the one-table weekly workbooks (协办督办周报, 全市督办周报): a centred bold title on row 1,
a wrapped note on row 2, and the table from row 3 (header shaded and bold) with thin borders."""

from __future__ import annotations

from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.worksheet import Worksheet

HEADER_ROW = 3


def style_titled_table(ws: Worksheet, width: int, bold_total: bool = False) -> None:
    """Style a sheet laid out as title, note, header and rows; ``bold_total``: the last row (合计) bold."""
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=width)
    ws["A1"].font = Font(bold=True, size=14)
    ws["A1"].alignment = Alignment(horizontal="center")
    ws["A2"].alignment = Alignment(wrap_text=True)
    ws.row_dimensions[2].height = 32
    thin = Side(style="thin")
    bold_rows = (HEADER_ROW, ws.max_row) if bold_total else (HEADER_ROW,)
    for row in ws.iter_rows(min_row=HEADER_ROW, max_row=ws.max_row):
        for cell in row:
            cell.border = Border(top=thin, bottom=thin, left=thin, right=thin)
            if cell.row in bold_rows:
                cell.font = Font(bold=True)
            if cell.row == HEADER_ROW:
                cell.fill = PatternFill("solid", fgColor="EEF3F8")
