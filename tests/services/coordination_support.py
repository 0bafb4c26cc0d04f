"""An office for the issue-11 service tests: departments and users, every actor from a real log-in."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

import pytest

from app.services.container import Services
from app.services.dto import Actor, RequestDetail
from app.workflow.vocabulary import Role
from tests.conftest import fixed_today
from tests.services.helpers import request_input

TODAY = date(2025, 2, 10)        # a Monday; a case received 2025-01-20 is due 2025-02-21 (domain §3)


@dataclass
class Staff:
    services: Services
    admin: Actor
    clerk: Actor
    handler: Actor       # 规划科
    handler2: Actor      # 法规科
    handler3: Actor      # 档案室
    chief: Actor
    legal: Actor
    depts: dict[str, int]

    def case_in_sign_off(self, **decision) -> RequestDetail:
        """Registered, assigned to 规划科 and submitted: waiting for the chief's 签批."""
        s = self.services
        d = s.requests.register(self.clerk, request_input())
        d = s.cases.assign(self.clerk, d.id, d.version, self.depts["规划科"], self.handler.user_id)
        return s.cases.submit(self.handler, d.id, d.version, decision.get("decision", "已主动公开"),
                              reasons=decision.get("reasons", "该信息已在本局门户网站“政府信息公开”栏目主动公开"))

    def turn_legal_review(self, on: bool, days: int = 1) -> None:
        s = self.services.settings
        s.save(self.admin, replace(s.load(), legal_review=on, legal_review_days=days))


def make_staff(db, today: date = TODAY) -> Staff:
    services = Services.build(db, fixed_today(today))
    o = services.office
    o.create_user(None, "admin", "管理员", Role.ADMIN, "secret1")
    admin = o.login("admin", "secret1")
    depts = {name: o.save_department(admin, name).id for name in ("规划科", "法规科", "档案室")}
    users = (("clerk1", "王登记", Role.CLERK, None), ("handler1", "李承办", Role.HANDLER, "规划科"),
             ("handler2", "孙法规", Role.HANDLER, "法规科"), ("handler3", "周档案", Role.HANDLER, "档案室"),
             ("chief1", "赵科长", Role.CHIEF, None), ("legal1", "钱法制", Role.LEGAL, None))
    for username, name, role, dept in users:
        o.create_user(admin, username, name, role, "secret1", depts.get(dept))
    a = {u[0]: o.login(u[0], "secret1") for u in users}
    return Staff(services, admin, a["clerk1"], a["handler1"], a["handler2"], a["handler3"], a["chief1"],
                 a["legal1"], depts)


@pytest.fixture
def staff(any_db) -> Staff:
    return make_staff(any_db)
