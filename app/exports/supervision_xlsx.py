"""The weekly 督办 summary workbook: per department, tasks open, due this week, overdue, answered late."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook

from app.exports import cells
from app.exports.atomic import atomic_path
from app.exports.sheet_style import style_titled_table

HEADERS = ("处室", "未办结协办任务", "本周到期", "已逾期", "逾期答复")


@dataclass(frozen=True)
class DepartmentWeek:
    department: str
    open: int
    due_this_week: int
    overdue: int
    answered_late: int


@dataclass(frozen=True)
class WeeklySummary:
    agency_name: str
    week: str                        # e.g. 2025年2月10日—2025年2月16日
    as_of: str
    rows: tuple[DepartmentWeek, ...]
    details: tuple[tuple[str, ...], ...] = ()   # one line per open or late task
    detail_headers: tuple[str, ...] = ()


def write_weekly_summary(summary: WeeklySummary, path: str | Path) -> Path:
    """One sheet of figures (with a 合计 row) and one of the tasks behind them; written atomically."""
    wb = Workbook()
    ws = wb.active
    ws.title = "督办周报"
    cells.append(ws, [f"{summary.agency_name}协办任务督办周报"])
    cells.append(ws, [f"统计周：{summary.week}；统计时点：{summary.as_of}。逾期答复指答复日期晚于协办期限的任务（本周答复）。"])
    cells.append(ws, list(HEADERS))
    for r in summary.rows:
        cells.append(ws, [r.department, r.open, r.due_this_week, r.overdue, r.answered_late])
    totals = [sum(getattr(r, k) for r in summary.rows) for k in ("open", "due_this_week", "overdue", "answered_late")]
    cells.append(ws, ["合计", *totals])
    style_titled_table(ws, len(HEADERS), bold_total=False)
    for col, width in zip("ABCDE", (18, 16, 12, 10, 10)):
        ws.column_dimensions[col].width = width
    detail = wb.create_sheet("任务明细")
    cells.append(detail, list(summary.detail_headers))
    for line in summary.details:
        cells.append(detail, list(line))
    for col, width in zip("ABCDEFGH", (24, 12, 8, 36, 12, 10, 12, 8)):
        detail.column_dimensions[col].width = width
    with atomic_path(path) as tmp:
        wb.save(tmp)
    return Path(path)
