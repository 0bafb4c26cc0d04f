"""The city's weekly summary: the supervision board as at the end of an ISO week, written as .xlsx."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path
from typing import Callable

from app.errors import ValidationError
from app.exports.city_weekly import AgencyWeekRow, CityWeekly, write_city_weekly
from app.services.city.board_service import SOON_DAYS, CityBoardService
from app.services.city.dto import AgencyBoardRow
from app.services.dto import Actor
from app.services.trust.sessions import ActingService
from app.services.uow import Database

_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")


def week_days(week: str) -> tuple[date, date]:
    """Monday and Sunday of ``2026-W27`` (ISO 8601); a clear message for anything else."""
    m = _WEEK.match((week or "").strip())
    try:
        monday = date.fromisocalendar(int(m[1]), int(m[2]), 1) if m else None
    except ValueError:
        monday = None
    if monday is None:
        raise ValidationError(f"统计周“{week}”格式不正确，请写成“年-W周”，例如 2026-W27（ISO周，周一至周日）。", "统计周")
    return monday, monday + timedelta(days=6)


def _row(r: AgencyBoardRow) -> AgencyWeekRow:
    return AgencyWeekRow(r.name, r.open_cases, r.due_soon, r.overdue, r.replied, r.replied_on_time,
                         r.oldest_number, r.oldest_days)


class CityWeeklyService(ActingService):
    def __init__(self, db: Database, today: Callable[[], date] = date.today):
        self._db = db
        self._today = today
        self._board = CityBoardService(db, today)

    def weekly(self, actor: Actor, week: str) -> CityWeekly:
        """The board as at the week's Sunday (or today, for the week under way)."""
        monday, sunday = week_days(week)
        today = self._today()
        if monday > today:
            raise ValidationError(f"统计周 {week} 尚未开始，请选择本周或以前的周。", "统计周")
        as_of = min(sunday, today)
        board = self._board.board(actor, SOON_DAYS, as_of)
        return CityWeekly(week.strip(), f"{monday.year}年{monday.month}月{monday.day}日—{sunday.year}年{sunday.month}月"
                          f"{sunday.day}日", f"{as_of.year}年{as_of.month}月{as_of.day}日", SOON_DAYS,
                          tuple(_row(r) for r in board.rows), _row(board.total))

    def export(self, actor: Actor, week: str, path: str | Path) -> CityWeekly:
        weekly = self.weekly(actor, week)
        write_city_weekly(weekly, path)
        return weekly
