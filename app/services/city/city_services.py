"""The city office's services for one database, built with the others by the composition root."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Callable

from app.services.city.board_service import CityBoardService
from app.services.city.notice_service import CityNoticeService
from app.services.city.subject_service import CitySubjectService
from app.services.city.weekly_service import CityWeeklyService
from app.services.uow import Database


@dataclass
class CityServices:
    board: CityBoardService
    notices: CityNoticeService
    weekly: CityWeeklyService
    subjects: CitySubjectService

    @classmethod
    def build(cls, db: Database, today: Callable[[], date] = date.today) -> "CityServices":
        return cls(CityBoardService(db, today), CityNoticeService(db, today), CityWeeklyService(db, today),
                   CitySubjectService(db, today))
