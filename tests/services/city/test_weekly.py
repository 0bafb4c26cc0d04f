"""The weekly city summary (.xlsx), read back: figures worked out by hand (tests/services/city/cases.py)."""

from datetime import datetime

import pytest
from openpyxl import load_workbook

from app.cli import main
from app.errors import ValidationError
from app.models import Request
from app.services.city.weekly_service import CityWeeklyService
from app.services.trust.office_service import OfficeService
from app.workflow.vocabulary import Role
from tests.conftest import TEST_PASSWORD, fixed_today, login_as
from tests.services.city.cases import JIA_CASES, TODAY


def _rows(path) -> list[list]:
    ws = load_workbook(path).active
    return [[c.value for c in row] for row in ws.iter_rows()]


@pytest.mark.pg
def test_the_week_of_two_agencies_with_totals(filled, tmp_path):
    db = filled.workstation()
    try:
        city = OfficeService(db).login("shi_gkb", TEST_PASSWORD)
        service = CityWeeklyService(db, fixed_today(TODAY))
        with pytest.raises(ValidationError) as e:
            service.export(city, "2026-27", tmp_path / "x.xlsx")
        assert e.value.field == "统计周"
        service.export(city, "2026-W27", tmp_path / "week.xlsx")
    finally:
        db.dispose()
    rows = _rows(tmp_path / "week.xlsx")
    assert rows[0][0] == "全市依申请公开办理督办周报（2026-W27，2026年6月29日—2026年7月5日）"
    assert rows[1][0].startswith("统计时点：2026年6月30日。")          # the week under way: as at today
    assert rows[3:] == [
        ["乙区交通运输局", 2, 2, 0, 1, 1, "100.0%", "—", "—"],
        ["甲区住房和城乡建设局", 4, 1, 2, 2, 1, "50.0%", "甲-2026-001", 10],
        ["合计", 6, 3, 2, 3, 2, "66.7%", "甲-2026-001", 10]]


def test_the_command_on_the_one_agency_desk(sqlite_db, tmp_path, monkeypatch):
    with sqlite_db.uow() as uow:
        for number, status, receipt, due, replied, _dept in JIA_CASES:
            uow.session.add(Request(number=number, status=status, channel="当面", applicant_type="自然人",
                                    applicant_name="某某", description="申请", receipt_date=receipt, reply_due=due,
                                    reply_date=replied, created_at=datetime(2026, 1, 1), updated_at=datetime(2026, 1, 1)))
        uow.commit()
    login_as(sqlite_db, "shi_gkb", "市政务公开办", Role.CITY)
    login_as(sqlite_db, "clerk1", "王登记", Role.CLERK)
    path = sqlite_db.engine.url.database
    sqlite_db.dispose()
    monkeypatch.setenv("DISCLOSURE_DESK_PASSWORD", TEST_PASSWORD)
    out = tmp_path / "w.xlsx"
    assert main(["--db", path, "--user", "clerk1", "city-weekly", "--week", "2026-W27", "--out", str(out)]) == 2
    assert not out.exists()                                          # a clerk is refused
    assert main(["--db", path, "--user", "shi_gkb", "city-weekly", "--week", "2026-W27", "--out", str(out)]) == 0
    # as at Sunday 2026-07-05: open 甲-001…004; overdue 001 (due 6-20), 002 (6-25), 003 (7-3); due soon up to
    # Friday 7-10: none (004 is due 7-20); replied this year: 005 (on time), 006 (late), 007 (7-1 ≤ 7-5, on time)
    rows = _rows(out)
    assert rows[3][1:] == [4, 0, 3, 3, 2, "66.7%", "甲-2026-001", 15] and rows[4][0] == "合计" and len(rows) == 5
