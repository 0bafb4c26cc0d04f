"""The board's queries on SQLite (one agency), the same figures as dd_city_board / dd_city_cases."""

from __future__ import annotations

from datetime import date

from sqlalchemy import and_, case, func, literal, select
from sqlalchemy.orm import Session

from app.models import Agency, Department, Request
from app.workflow.status import OPEN_STATUSES

LOCAL = 1
_OPEN = Request.status.in_([s.value for s in OPEN_STATUSES])


def _count(cond) -> object:
    return func.coalesce(func.sum(case((cond, 1), else_=0)), 0)


def board_rows(s: Session, today: date, soon_until: date) -> list[tuple]:
    agency = s.get(Agency, LOCAL)
    open_, soon, late = s.execute(select(
        func.count(), _count(and_(Request.reply_due >= today, Request.reply_due <= soon_until)),
        _count(Request.reply_due < today)).where(_OPEN)).one()
    replied, on_time = s.execute(select(func.count(), _count(Request.reply_date <= Request.reply_due)).where(
        Request.reply_date.is_not(None), Request.reply_date >= date(today.year, 1, 1),
        Request.reply_date <= today)).one()
    oldest = s.execute(select(Request.number, Request.reply_due).where(_OPEN, Request.reply_due < today)
                       .order_by(Request.reply_due, Request.number).limit(1)).first()
    return [(LOCAL, agency.code if agency else "local", agency.name if agency else "本机关", open_, soon, late,
             replied, on_time, oldest[0] if oldest else None, (today - oldest[1]).days if oldest else None)]


def case_rows(s: Session, today: date) -> list[tuple]:
    rows = s.execute(select(Request.number, Request.receipt_date, Request.reply_due, Request.status,
                            func.coalesce(Department.name, literal("")))
                     .outerjoin(Department, Department.id == Request.department_id).where(_OPEN)
                     .order_by(Request.reply_due.is_(None), Request.reply_due, Request.number)).all()
    return [(n, rec, due, st, (today - due).days if due and due < today else 0, dept)
            for n, rec, due, st, dept in rows]
