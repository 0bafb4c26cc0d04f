"""The analysis as an Excel workbook: sheet 集中申请事项 first, then one sheet per group of figures."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from app.exports import cells
from app.exports.atomic import atomic_path
from app.exports.analysis_tables import (
    Table, applicant_table, conversion_table, period_title, subject_table, summary_table, volume_tables,
)
from app.workflow.analysis import AnalysisResult

_BOLD = Font(name="宋体", bold=True)
_WIDTHS = {"事项": 24, "代表性申请内容": 60, "涉及处室": 30, "说明": 40, "指标": 28, "办理结果": 40}


def _sheet(wb: Workbook, name: str, tables: list[Table], title: str) -> None:
    ws = wb.create_sheet(name)
    cells.append(ws, [title])
    ws["A1"].font = Font(name="黑体", size=13)
    for table in tables:
        if len(tables) > 1:
            ws.append([])
            cells.append(ws, [table.title])
            ws.cell(ws.max_row, 1).font = _BOLD
        cells.append(ws, table.headers)
        for cell in ws[ws.max_row]:
            cell.font = _BOLD
        for row in table.rows:
            cells.append(ws, row)
    first = tables[0].headers
    for i, header in enumerate(first, start=1):
        ws.column_dimensions[get_column_letter(i)].width = _WIDTHS.get(header, 14)
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")


def write_analysis_xlsx(result: AnalysisResult, path: str | Path) -> Path:
    """集中申请事项 (事项, 申请件数, 申请人数, 涉及处室, 代表性申请内容; by 申请件数), 主要指标, 分布, 重复申请人."""
    wb = Workbook()
    wb.remove(wb.active)
    title = period_title(result)
    _sheet(wb, "集中申请事项", [subject_table(result)], title)
    _sheet(wb, "主要指标", [summary_table(result)], title)
    _sheet(wb, "分布", volume_tables(result), title)
    _sheet(wb, "重复申请人", [applicant_table(result)], title)
    _sheet(wb, "依申请转主动公开", [conversion_table(result)], title)
    wb.properties.title = title
    path = Path(path)
    with atomic_path(path) as tmp:
        wb.save(tmp)
    return path
