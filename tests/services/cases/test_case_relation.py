"""How a user stands to a case or a 协办 task (app/services/cases/authority.py), worked out from the records:
assigned handler, handling department, 协办 department, another department, no department."""

from __future__ import annotations

import pytest

from app.errors import PermissionDenied
from app.models import DeptTask, Request
from app.services.cases.authority import (
    legal_reviewer_exists, relation_to_case, relation_to_task, require, require_on_task, standing,
)
from app.workflow.authority import CaseStep, Relation
from app.workflow.transitions import Action
from tests.services.authority_support import ASSISTING, OTHER, office  # noqa: F401


@pytest.fixture
def case(office):
    return office.handling()          # 国土空间规划处 / 李承办 leads, 不动产登记处 has a 协办 task


def test_relation_to_the_case(office, case):
    expected = {"own": Relation.OWN, "same": Relation.DEPARTMENT, "chief_lead": Relation.DEPARTMENT,
                "assist": Relation.ASSISTING, "chief_assist": Relation.ASSISTING, "other": Relation.OTHER,
                "chief_other": Relation.OTHER, "clerk1": Relation.UNATTACHED, "legal1": Relation.UNATTACHED}
    with office.services.db.read() as uow:
        req = uow.session.get(Request, case.id)
        got = {who: relation_to_case(uow.session, office[who], req) for who in expected}
    assert got == expected


def test_the_assigned_handler_keeps_the_case_when_moved_to_another_department(office, case):
    o = office.services.office
    own = next(u for u in o.users() if u.username == "own")
    o.update_user(office.admin, own.id, own.display_name, own.role, office.depts[OTHER], active=True)
    moved = o.login("own", "secret1")
    assert moved.department_id == office.depts[OTHER]
    with office.services.db.read() as uow:
        assert relation_to_case(uow.session, moved, uow.session.get(Request, case.id)) is Relation.OWN
        assert relation_to_case(uow.session, office["same"], uow.session.get(Request, case.id)) \
            is Relation.DEPARTMENT


def test_an_unassigned_case_belongs_to_no_department(office):
    from tests.services.helpers import request_input

    d = office.services.requests.register(office["clerk1"], request_input())
    with office.services.db.read() as uow:
        req = uow.session.get(Request, d.id)
        assert relation_to_case(uow.session, office["same"], req) is Relation.OTHER
        assert relation_to_case(uow.session, office["clerk1"], req) is Relation.UNATTACHED


def test_relation_to_a_task(office, case):
    with office.services.db.read() as uow:
        task = uow.session.query(DeptTask).filter_by(request_id=case.id).one()
        assert task.department_id == office.depts[ASSISTING]
        assert relation_to_task(office["assist"], task) is Relation.DEPARTMENT
        assert relation_to_task(office["own"], task) is Relation.OTHER       # the lead department's handler
        assert relation_to_task(office["clerk1"], task) is Relation.UNATTACHED
        task.handler_id = office["other"].user_id                          # a named 协办人 from elsewhere
        assert relation_to_task(office["other"], task) is Relation.OWN
        with pytest.raises(PermissionDenied, match="该协办任务由其他处室答复"):
            require_on_task(uow.session, office["own"], task, CaseStep.ANSWER_TASK)
        require_on_task(uow.session, office["assist"], task, CaseStep.ANSWER_TASK)     # allowed: no error


def test_an_active_legal_reviewer_counts_and_an_inactive_one_does_not(office, case):
    s = office.services
    with s.db.read() as uow:
        assert legal_reviewer_exists(uow.session)
        req = uow.session.get(Request, case.id)
        assert standing(uow.session, office["chief_lead"], req).legal_reviewer is True
    legal = next(u for u in s.office.users() if u.username == "legal1")
    s.office.update_user(office.admin, legal.id, legal.display_name, legal.role, None, active=False)
    with s.db.read() as uow:
        assert not legal_reviewer_exists(uow.session)
        req = uow.session.get(Request, case.id)
        assert standing(uow.session, office["chief_lead"], req).legal_reviewer is False
        require(uow.session, office["chief_lead"], req, Action.LEGAL_PASS)             # allowed now


def test_require_refuses_with_the_tables_words(office, case):
    with office.services.db.read() as uow:
        req = uow.session.get(Request, case.id)
        with pytest.raises(PermissionDenied, match="您所在处室是本申请的协办处室"):
            require(uow.session, office["assist"], req, Action.SUBMIT)
        with pytest.raises(PermissionDenied, match="本机关已设法制审核员"):
            require(uow.session, office["chief_lead"], req, Action.LEGAL_PASS)
        require(uow.session, office["same"], req, Action.SUBMIT)                        # allowed: no error
