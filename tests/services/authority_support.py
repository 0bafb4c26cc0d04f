"""An office with a lead, an assisting and an unrelated department, for the per-case authority tests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from app.services.container import Services
from app.services.dto import Actor, RequestDetail
from app.workflow.vocabulary import Role
from tests.conftest import fixed_today
from tests.services.helpers import request_input

TODAY = date(2025, 2, 10)       # Mon; received Mon 2025-01-20 → due Fri 2025-02-21 (domain §3 example)
LEAD, ASSISTING, OTHER = "国土空间规划处", "不动产登记处", "法规处"
REASONS = "该信息已在本局门户网站“政府信息公开”栏目主动公开，可自行查阅"

# username → (display name, role, department): the relation each has to a case of 国土空间规划处
USERS = {
    "clerk1": ("王登记", Role.CLERK, None),
    "own": ("李承办", Role.HANDLER, LEAD),          # the case's assigned handler
    "same": ("张同事", Role.HANDLER, LEAD),         # same department, not assigned
    "assist": ("刘协办", Role.HANDLER, ASSISTING),  # the 协办 department's handler
    "other": ("陈其他", Role.HANDLER, OTHER),       # an unrelated department
    "chief_lead": ("赵处长", Role.CHIEF, LEAD),
    "chief_assist": ("钱处长", Role.CHIEF, ASSISTING),
    "chief_other": ("孙处长", Role.CHIEF, OTHER),
    "legal1": ("吴法审", Role.LEGAL, None),
}


@dataclass
class Office:
    services: Services
    admin: Actor
    users: dict[str, Actor]
    depts: dict[str, int]

    def __getitem__(self, username: str) -> Actor:
        return self.users[username]

    def handling(self, **inp) -> RequestDetail:
        """Registered, given to 国土空间规划处 / 李承办, with a 协办 task for 不动产登记处."""
        s = self.services
        d = s.requests.register(self["clerk1"], request_input(**inp))
        d = s.cases.assign(self["clerk1"], d.id, d.version, self.depts[LEAD], self["own"].user_id)
        s.tasks.add_task(self["clerk1"], d.id, self.depts[ASSISTING], "请核实该地块的不动产登记情况")
        return s.requests.detail(d.id)

    def task(self, rid: int):
        return next(t for t in self.services.tasks.tasks(self.admin, rid) if t.department_id == self.depts[ASSISTING])

    def answered(self, **inp) -> RequestDetail:
        """Handling, the 协办 task answered by its own department: ready for 提交签批."""
        d = self.handling(**inp)
        t = self.task(d.id)
        self.services.tasks.answer(self["assist"], t.id, t.version, "该地块已办理不动产首次登记", "存在", "予以公开")
        return self.services.requests.detail(d.id)

    def in_sign_off(self) -> RequestDetail:
        d = self.answered()
        return self.services.cases.submit(self["own"], d.id, d.version, "已主动公开", reasons=REASONS)


def make_office(db) -> Office:
    services = Services.build(db, fixed_today(TODAY))
    o = services.office
    o.create_user(None, "admin", "管理员", Role.ADMIN, "secret1")
    admin = o.login("admin", "secret1")
    depts = {name: o.save_department(admin, name).id for name in (LEAD, ASSISTING, OTHER)}
    for username, (name, role, dept) in USERS.items():
        o.create_user(admin, username, name, role, "secret1", depts.get(dept))
    users = {u: o.login(u, "secret1") for u in USERS}
    return Office(services, admin, users, depts)


@pytest.fixture
def office(any_db) -> Office:
    return make_office(any_db)
