"""督办看板: each agency's open, due-soon and overdue cases, on-time rate and oldest overdue case."""

from __future__ import annotations

from datetime import date
from typing import Callable

from sqlalchemy import text

from app.errors import NotFound
from app.services.city import board_local
from app.services.city.dto import AgencyBoardRow, CityBoard, CityCaseRow
from app.services.city.server import require_city, server_refusals
from app.services.clock import load_calendar
from app.services.dto import Actor
from app.services.trust.sessions import ActingService
from app.services.uow import Database
from app.workflow.status import Status

SOON_DAYS = 5           # working days: 临近到期 on the city's board


class CityBoardService(ActingService):
    """The city office's board and drill-down. On PostgreSQL through the server's SECURITY DEFINER
    functions (the city's session sees no agency row itself); on SQLite the one agency, by plain SQL."""

    def __init__(self, db: Database, today: Callable[[], date] = date.today):
        self._db = db
        self._today = today

    def today(self) -> date:
        return self._today()

    def board(self, actor: Actor, soon_days: int = SOON_DAYS, today: date | None = None) -> CityBoard:
        require_city(actor)
        today = today or self._today()
        with self._db.read() as uow, server_refusals():
            s = uow.session
            soon_until = load_calendar(s).add_workdays(today, soon_days)
            if self._on_server():
                rows = s.execute(text("SELECT * FROM dd_city_board(:t, :u)"), {"t": today, "u": soon_until}).all()
            else:
                rows = board_local.board_rows(s, today, soon_until)
        return CityBoard(today, soon_until, soon_days, tuple(
            AgencyBoardRow(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8] or "", r[9] or 0) for r in rows))

    def cases(self, actor: Actor, agency_id: int, today: date | None = None) -> list[CityCaseRow]:
        """One agency's open cases, most urgent first: 申请编号, dates, stage, days overdue, 处室."""
        require_city(actor)
        today = today or self._today()
        with self._db.read() as uow, server_refusals():
            s = uow.session
            if self._on_server():
                rows = s.execute(text("SELECT * FROM dd_city_cases(:a, :t)"), {"a": agency_id, "t": today}).all()
            elif agency_id != board_local.LOCAL:
                raise NotFound("该机关不在本数据库中。")
            else:
                rows = board_local.case_rows(s, today)
        return [CityCaseRow(r[0], r[1], r[2], r[3], Status(r[3]).stage, r[4], r[5]) for r in rows]

    def _on_server(self) -> bool:
        return self._db.engine.dialect.name == "postgresql"
