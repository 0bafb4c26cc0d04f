"""A city server for the city office's tests: agencies 1 (乙), 2 (甲), a city user and a clerk of each."""

from dataclasses import dataclass
from datetime import date, datetime

import pytest
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from app.models import Department, Request, User
from app.services.trust import server_sessions
from app.services.uow import Database
from app.workflow.vocabulary import Role
from tests.conftest import TEST_PASSWORD
from tests.services.trust.test_postgresql_roles import _roles

YI, JIA = 1, 2
USERS = (("shi_gkb", Role.CITY, None), ("jia_clerk", Role.CLERK, JIA), ("jia_chief", Role.CHIEF, JIA),
         ("yi_clerk", Role.CLERK, YI))


@dataclass
class CityServer:
    owner: Database
    app_url: str

    def workstation(self) -> Database:
        return Database.open(self.app_url)

    def add_case(self, agency: int, number: str, status: str, receipt: date | None, due: date | None,
                 replied: date | None = None, dept: str | None = None, **personal) -> int:
        """One case written by the owner (no session, no RLS), with its cached due date."""
        with Session(self.owner.engine) as s:
            dept_id = None
            if dept:
                dept_id = s.scalar(select(Department.id).where(Department.agency_id == agency,
                                                                Department.name == dept))
                if dept_id is None:
                    d = Department(agency_id=agency, name=dept)
                    s.add(d)
                    s.flush()
                    dept_id = d.id
            r = Request(agency_id=agency, number=number, status=status, channel="当面", applicant_type="自然人",
                        applicant_name=personal.get("name", "张三"), id_number=personal.get("id_number", ""),
                        phone=personal.get("phone", ""), address=personal.get("address", ""),
                        description=personal.get("description", "申请公开某项目的批复文件"), receipt_date=receipt,
                        reply_due=due, reply_date=replied, department_id=dept_id, created_at=datetime(2026, 1, 1),
                        updated_at=datetime(2026, 1, 1))
            s.add(r)
            s.commit()
            return r.id


@pytest.fixture(scope="module")
def city_server(pg_server):
    app_url, _admin_url = _roles(pg_server)
    owner = Database.open(app_url.replace("dd_app_", "dd_owner_").replace("change-me-app", "change-me-owner"))
    with Session(owner.engine) as s:
        s.execute(text("UPDATE agencies SET name = '乙区交通运输局' WHERE id = :a"), {"a": YI})
        s.execute(text("INSERT INTO agencies (id, code, name) VALUES (:a, 'JIA', '甲区住房和城乡建设局')"), {"a": JIA})
        s.execute(text("SELECT setval(pg_get_serial_sequence('agencies', 'id'), 2)"))
        for name, role, agency in USERS:
            u = User(username=name, display_name=name, role=role.value, password_hash="", agency_id=agency)
            s.add(u)
            s.flush()
            if agency is None:          # the column's default is the first agency: the city has none
                s.execute(text("UPDATE users SET agency_id = NULL WHERE id = :u"), {"u": u.id})
            server_sessions.set_password(s, u.id, TEST_PASSWORD, unattended=True)
        s.commit()
    yield CityServer(owner, app_url)
    owner.dispose()


@pytest.fixture(scope="module")
def filled(city_server):
    """The city server with the cases of tests/services/city/cases.py (personal data on each)."""
    from tests.services.city.cases import JIA_CASES, PERSONAL, YI_CASES

    for agency, cases in ((JIA, JIA_CASES), (YI, YI_CASES)):
        for number, status, receipt, due, replied, dept in cases:
            city_server.add_case(agency, number, status, receipt, due, replied, dept, **PERSONAL)
    return city_server
