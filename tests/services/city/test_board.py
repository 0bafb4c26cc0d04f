"""督办看板 and its drill-down: expected figures worked out by hand in tests/services/city/cases.py."""


import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from app.errors import PermissionDenied
from app.services.city.board_service import CityBoardService
from app.services.trust.office_service import OfficeService
from tests.conftest import TEST_PASSWORD, fixed_today
from tests.services.city.cases import (
    JIA_CASES, JIA_DRILL, JIA_ROW, PERSONAL, SOON_UNTIL, TODAY, TOTAL_ROW, YI_ROW,
)
from tests.services.city.conftest import JIA, YI


def _figures(row) -> tuple:
    return (row.open_cases, row.due_soon, row.overdue, row.replied, row.replied_on_time, row.oldest_number,
            row.oldest_days)


@pytest.mark.pg
def test_the_city_sees_each_agency_and_the_totals(filled):
    db = filled.workstation()
    try:
        city = OfficeService(db).login("shi_gkb", TEST_PASSWORD)
        board = CityBoardService(db, fixed_today(TODAY)).board(city)
        assert board.soon_until == SOON_UNTIL
        assert [(r.agency_id, r.name) for r in board.rows] == [(YI, "乙区交通运输局"), (JIA, "甲区住房和城乡建设局")]
        assert [_figures(r) for r in board.rows] == [YI_ROW, JIA_ROW]
        assert _figures(board.total) == TOTAL_ROW
        assert board.rows[1].on_time_rate == 0.5 and board.rows[0].on_time_rate == 1.0
    finally:
        db.dispose()


@pytest.mark.pg
def test_the_drill_down_lists_an_agencys_open_cases_without_personal_data(filled):
    db = filled.workstation()
    try:
        city = OfficeService(db).login("shi_gkb", TEST_PASSWORD)
        rows = CityBoardService(db, fixed_today(TODAY)).cases(city, JIA)
        assert [(r.number, r.reply_due, r.status, r.stage, r.days_overdue, r.department) for r in rows] == JIA_DRILL
        shown = repr(rows)
        assert not any(v in shown for v in PERSONAL.values())
    finally:
        db.dispose()


@pytest.mark.pg
def test_an_agency_clerk_cannot_call_the_city_functions(filled):
    db = filled.workstation()
    try:
        clerk = OfficeService(db).login("jia_clerk", TEST_PASSWORD)
        with pytest.raises(PermissionDenied):
            CityBoardService(db, fixed_today(TODAY)).board(clerk)
        for sql in ("SELECT * FROM dd_city_board(DATE '2026-06-30', DATE '2026-07-07')",
                    f"SELECT * FROM dd_city_cases({YI}, DATE '2026-06-30')",
                    "SELECT * FROM dd_city_subjects(DATE '2026-01-01', DATE '2026-12-31')",
                    f"SELECT * FROM dd_city_send_notice({YI}, DATE '2026-06-30', DATE '2026-07-10', '[]', '')"):
            with db.engine.connect() as c, pytest.raises(DBAPIError) as e:
                c.execute(text(sql))
            assert e.value.orig.sqlstate == "42501", sql
    finally:
        db.dispose()


def test_on_sqlite_the_board_is_one_row(sqlite_db):
    from app.models import Department, Request
    from datetime import datetime
    from tests.conftest import login_as
    from app.workflow.vocabulary import Role

    with sqlite_db.uow() as uow:
        depts = {}
        for number, status, receipt, due, replied, dept in JIA_CASES:
            if dept and dept not in depts:
                d = Department(name=dept)
                uow.session.add(d)
                uow.session.flush()
                depts[dept] = d.id
            uow.session.add(Request(number=number, status=status, channel="当面", applicant_type="自然人",
                                    applicant_name=PERSONAL["name"], description=PERSONAL["description"],
                                    receipt_date=receipt, reply_due=due, reply_date=replied,
                                    department_id=depts.get(dept), created_at=datetime(2026, 1, 1),
                                    updated_at=datetime(2026, 1, 1)))
        uow.commit()
    city = login_as(sqlite_db, "shi_gkb", "市政务公开办", Role.CITY)
    service = CityBoardService(sqlite_db, fixed_today(TODAY))
    board = service.board(city)
    assert len(board.rows) == 1 and _figures(board.rows[0]) == JIA_ROW == _figures(board.total)
    rows = service.cases(city, 1)
    assert [(r.number, r.reply_due, r.status, r.stage, r.days_overdue, r.department) for r in rows] == JIA_DRILL
    clerk = login_as(sqlite_db, "clerk1", "王登记", Role.CLERK)
    with pytest.raises(PermissionDenied):
        service.cases(clerk, 1)
