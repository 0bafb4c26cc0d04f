"""The office-editable holiday calendar; any change recomputes every open case's due dates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import delete, select
from sqlalchemy.orm import selectinload

from app.errors import ValidationError
from app.models import CalendarDayRow, Request
from app.services.trust.audit import record
from app.services.clock import load_calendar, refresh_due_audited
from app.services.dto import Actor
from app.services.settings_service import load_settings
from app.services.trust.sessions import ActingService
from app.services.uow import Database
from app.workflow.calendar import CalendarDay, SpecialDay, builtin_days
from app.workflow.status import OPEN_STATUSES
from app.workflow.vocabulary import Role


@dataclass(frozen=True)
class RecomputeResult:
    open_cases: int
    changed: int


class CalendarService(ActingService):
    def __init__(self, db: Database, today=date.today):
        self._db = db
        self._today = today

    def days(self, year: int) -> list[CalendarDay]:
        with self._db.read() as uow:
            rows = uow.session.scalars(select(CalendarDayRow).where(
                CalendarDayRow.day.between(date(year, 1, 1), date(year, 12, 31))).order_by(CalendarDayRow.day))
            return [CalendarDay(r.day, r.is_workday, r.name, r.notice) for r in rows]

    def builtin_days(self, year: int) -> list[SpecialDay]:
        """The arrangement built into the program (chinesecalendar) for ``year``; read-only."""
        return builtin_days(year)

    def special_days(self, year: int) -> list[SpecialDay]:
        """The year's statutory holidays and 调休 working days as deadlines count them: the office's
        entered notices over the built-in arrangement (the date pop-ups mark these)."""
        with self._db.read() as uow:
            cal = load_calendar(uow.session)
        first = date(year, 1, 1).toordinal()
        days = (cal.special_day(date.fromordinal(n)) for n in range(first, date(year, 12, 31).toordinal() + 1))
        return [d for d in days if d is not None]

    def is_published(self, year: int) -> bool:
        with self._db.read() as uow:
            return load_calendar(uow.session).is_published(year)

    def refresh_open_cases(self, actor: Actor) -> RecomputeResult:
        """Bring open cases' cached due dates up to today (open pauses run on); run at start-up."""
        with self._db.uow() as uow:
            result = recompute_open_cases(uow.session, actor, self._today(), "每日期限刷新")
            uow.commit()
            return result

    def save_year(self, actor: Actor, year: int, days: list[CalendarDay], notice: str) -> RecomputeResult:
        """Replace the office's entries for ``year`` (from one State Council notice) and recompute."""
        if actor.role is not Role.ADMIN:
            raise ValidationError("只有管理员可以修改节假日安排。")
        if not notice.strip():
            raise ValidationError("请填写依据的国务院办公厅通知名称或文号。", "notice")
        for d in days:
            if d.day.year != year:
                raise ValidationError(f"{d.day}不属于{year}年，请核对。", "day")
            if d.is_workday and d.day.weekday() < 5:
                raise ValidationError(f"{d.day}是工作日，不能再设为调休上班日。", "day")
        if len({d.day for d in days}) != len(days):
            raise ValidationError("同一日期录入了两次，请删除重复行。", "day")
        with self._db.uow() as uow:
            s = uow.session
            old = s.scalars(select(CalendarDayRow).where(
                CalendarDayRow.day.between(date(year, 1, 1), date(year, 12, 31)))).all()
            old_text = "；".join(f"{r.day}{'班' if r.is_workday else '休'}" for r in old)
            s.execute(delete(CalendarDayRow).where(
                CalendarDayRow.day.between(date(year, 1, 1), date(year, 12, 31))))
            for d in days:
                s.add(CalendarDayRow(day=d.day, is_workday=d.is_workday, name=d.name, notice=notice))
            new_text = "；".join(f"{d.day}{'班' if d.is_workday else '休'}" for d in days)
            record(s, actor, "修改节假日", None, f"{year}年", old_text, new_text, notice)
            s.flush()
            result = recompute_open_cases(s, actor, self._today(), f"{year}年节假日安排变更")
            uow.commit()
            return result


def recompute_open_cases(s, actor: Actor, today: date, reason: str) -> RecomputeResult:
    """Recompute every open case's cached due dates; each change is audited."""
    cal, policy = load_calendar(s), load_settings(s).policy
    reqs = s.scalars(select(Request).where(Request.status.in_([x.value for x in OPEN_STATUSES]))
                     .options(selectinload(Request.corrections), selectinload(Request.consultations),
                              selectinload(Request.extensions), selectinload(Request.fee_notices))).all()
    changed = sum(refresh_due_audited(s, actor, req, cal, policy, today, reason) for req in reqs)
    return RecomputeResult(len(reqs), changed)
