"""The city's weekly supervision summary (全市依申请公开办理督办周报) as .xlsx: one row per agency, totals."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook

from app.exports import cells
from app.exports.atomic import atomic_path
from app.exports.sheet_style import style_titled_table

HEADERS = ("机关", "在办", "临近到期", "已逾期", "本年已答复", "按期答复", "按期答复率", "最久逾期申请编号", "逾期天数")


@dataclass(frozen=True)
class AgencyWeekRow:
    agency: str
    open_cases: int
    due_soon: int
    overdue: int
    replied: int
    replied_on_time: int
    oldest_number: str
    oldest_days: int


@dataclass(frozen=True)
class CityWeekly:
    week: str               # 2026-W27
    period: str             # 2026年6月29日—2026年7月5日
    as_of: str              # the day the figures are taken
    soon_days: int
    rows: tuple[AgencyWeekRow, ...]
    total: AgencyWeekRow


def _rate(r: AgencyWeekRow) -> str:
    return f"{r.replied_on_time / r.replied:.1%}" if r.replied else "—"


def _line(r: AgencyWeekRow) -> list:
    return [r.agency, r.open_cases, r.due_soon, r.overdue, r.replied, r.replied_on_time, _rate(r),
            r.oldest_number or "—", r.oldest_days if r.oldest_number else "—"]


def write_city_weekly(weekly: CityWeekly, path: str | Path) -> Path:
    """One sheet: the title with the week, a note on the definitions, a row per agency and 合计."""
    wb = Workbook()
    ws = wb.active
    ws.title = "督办周报"
    cells.append(ws, [f"全市依申请公开办理督办周报（{weekly.week}，{weekly.period}）"])
    cells.append(ws, [f"统计时点：{weekly.as_of}。临近到期：{weekly.soon_days}个工作日内到期且未逾期；按期答复率："
                      f"本年已答复案件中在答复期限内答复的比例；逾期天数按自然日计。"])
    cells.append(ws, list(HEADERS))
    for r in weekly.rows:
        cells.append(ws, _line(r))
    cells.append(ws, _line(weekly.total))
    style_titled_table(ws, len(HEADERS), bold_total=True)
    ws.column_dimensions["A"].width = 28
    ws.column_dimensions["H"].width = 20
    with atomic_path(path) as tmp:
        wb.save(tmp)
    return Path(path)
