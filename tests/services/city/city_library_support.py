"""A city server of five agencies for the 全市案例库 and the city summary tests: each agency with its own
names and 机关代码, a clerk, a handler, a chief and an administrator; one city-office user."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from sqlalchemy import text
from sqlalchemy.orm import Session

from app.models import User
from app.services.dto import Actor
from app.services.trust import server_sessions
from app.services.trust.office_service import OfficeService
from app.services.uow import Database
from app.workflow.vocabulary import Role
from tests.conftest import TEST_PASSWORD, configure_test_office
from tests.services.trust.test_postgresql_roles import _roles

# id, prefix, name, 机关代码 (the codes are made up, in the settings' format)
AGENCIES = ((1, "jia", "甲区住房和城乡建设局", "11330100JIA0000001"),
            (2, "yi", "乙区交通运输局", "11330100YI00000002"),
            (3, "bing", "丙区自然资源和规划局", "11330100BING000003"),
            (4, "ding", "丁区卫生健康委员会", "11330100DING000004"),
            (5, "wu", "戊区教育局", "11330100WU00000005"))
ROLES = (("clerk", Role.CLERK), ("handler", Role.HANDLER), ("chief", Role.CHIEF), ("admin", Role.ADMIN))
CITY_USER = "shi_gkb"


@dataclass
class Bureau:
    """One agency's workstation and its people, logged in."""

    id: int
    name: str
    code: str
    db: Database
    people: dict[str, Actor] = field(default_factory=dict)

    def __getattr__(self, role: str) -> Actor:
        try:
            return self.__dict__["people"][role]
        except KeyError:
            raise AttributeError(role) from None


@dataclass
class CityOfFive:
    owner: Database
    app_url: str
    bureaus: dict[str, Bureau]

    def workstation(self) -> Database:
        return Database.open(self.app_url)

    def dispose(self) -> None:
        for b in self.bureaus.values():
            b.db.dispose()
        self.owner.dispose()


def build_city(pg_server) -> CityOfFive:
    app_url, _admin_url = _roles(pg_server)
    owner = Database.open(app_url.replace("dd_app_", "dd_owner_").replace("change-me-app", "change-me-owner"))
    configure_test_office(owner)              # agency 1's settings (no session: the first agency)
    with Session(owner.engine) as s:
        for agency, prefix, name, code in AGENCIES:
            if agency != 1:
                s.execute(text("INSERT INTO agencies (id, code, name) VALUES (:a, :c, :n)"),
                          {"a": agency, "c": prefix.upper(), "n": name})
                s.execute(text("INSERT INTO settings (agency_id, key, value) SELECT :a, key, value FROM settings "
                               "WHERE agency_id = 1"), {"a": agency})
            else:
                s.execute(text("UPDATE agencies SET name = :n, code = :c WHERE id = 1"), {"n": name, "c": "JIA"})
            for key, value in (("agency_name", name), ("agency_short", name[2:]), ("agency_code", code)):
                s.execute(text("INSERT INTO settings (agency_id, key, value) VALUES (:a, :k, :v) ON CONFLICT "
                               "(agency_id, key) DO UPDATE SET value = EXCLUDED.value"),
                          {"a": agency, "k": key, "v": json.dumps(value, ensure_ascii=False)})
            for suffix, role in ROLES:
                _user(s, f"{prefix}_{suffix}", role, agency)
        s.execute(text("SELECT setval(pg_get_serial_sequence('agencies', 'id'), 5)"))
        _user(s, CITY_USER, Role.CITY, None)
        s.commit()
    bureaus = {}
    for agency, prefix, name, code in AGENCIES:
        db = Database.open(app_url)
        office = OfficeService(db)
        people = {suffix: office.login(f"{prefix}_{suffix}", TEST_PASSWORD) for suffix, _role in ROLES}
        bureaus[prefix] = Bureau(agency, name, code, db, people)
    return CityOfFive(owner, app_url, bureaus)


def _user(s: Session, username: str, role: Role, agency: int | None) -> None:
    u = User(username=username, display_name=username, role=role.value, password_hash="", agency_id=agency or 1)
    s.add(u)
    s.flush()
    if agency is None:                      # the city office belongs to no agency
        s.execute(text("UPDATE users SET agency_id = NULL WHERE id = :u"), {"u": u.id})
    server_sessions.set_password(s, u.id, TEST_PASSWORD, unattended=True)


def city_login(city: CityOfFive) -> tuple[Database, Actor]:
    db = city.workstation()
    return db, OfficeService(db).login(CITY_USER, TEST_PASSWORD)
