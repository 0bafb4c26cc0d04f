"""The city office's role on a server of many agencies: its session sees no agency's rows (issue 22)."""

import pytest
from sqlalchemy import text

from app.services.trust.office_service import OfficeService
from app.workflow.vocabulary import Role
from tests.conftest import TEST_PASSWORD
from tests.services.city.conftest import JIA, YI

pytestmark = pytest.mark.pg


def _agency_tables(owner) -> list[str]:
    with owner.engine.connect() as c:
        return sorted(c.execute(text("SELECT DISTINCT table_name FROM information_schema.columns WHERE "
                                     "column_name = 'agency_id' AND table_schema = 'public'")).scalars())


def test_a_city_user_logs_in_and_reads_no_row_of_any_agency_with_raw_sql(city_server):
    city_server.add_case(YI, "乙-2026-001", "办理中", None, None)
    city_server.add_case(JIA, "甲-2026-001", "办理中", None, None)
    db = city_server.workstation()
    try:
        actor = OfficeService(db).login("shi_gkb", TEST_PASSWORD)
        assert actor.role is Role.CITY
        with db.engine.connect() as c:
            assert c.execute(text("SELECT dd_is_city()")).scalar() is True
            assert c.execute(text("SELECT dd_agency()")).scalar() is None
            seen = {t: c.execute(text(f"SELECT count(*) FROM {t} WHERE agency_id IS NOT NULL")).scalar()
                    for t in _agency_tables(city_server.owner)}
            assert c.execute(text("SELECT count(*) FROM agencies")).scalar() == 0
            # its own account only (no agency's accounts): the log-in reads it
            assert c.execute(text("SELECT username FROM users")).scalars().all() == ["shi_gkb"]
        assert "requests" in seen and set(seen.values()) == {0}, seen
    finally:
        db.dispose()


def test_an_agency_clerk_is_no_city_user(city_server):
    db = city_server.workstation()
    try:
        OfficeService(db).login("jia_clerk", TEST_PASSWORD)
        with db.engine.connect() as c:
            assert c.execute(text("SELECT dd_is_city()")).scalar() is False
            assert c.execute(text("SELECT dd_agency()")).scalar() == JIA
    finally:
        db.dispose()


def test_without_a_session_nobody_is_the_city(city_server):
    db = city_server.workstation()
    try:
        with db.engine.connect() as c:
            assert c.execute(text("SELECT dd_is_city()")).scalar() is False
    finally:
        db.dispose()
