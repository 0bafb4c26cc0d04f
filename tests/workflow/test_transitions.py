"""Walk the whole transition table: every allowed move for every role, and every forbidden pair."""

import itertools

import pytest

from app.errors import InvalidTransition
from app.workflow.status import Status
from app.workflow.transitions import (
    TASK_TRANSITIONS, TRANSITIONS, Action, TaskAction, TaskStatus, available_actions, rule_for, task_actions,
    task_rule_for, task_transition, transition,
)
from app.workflow.vocabulary import Role

ALLOWED = [(t, role) for t in TRANSITIONS for role in Role]


@pytest.mark.parametrize("rule, role", ALLOWED, ids=lambda x: getattr(x, "value", None) or str(x.action))
def test_every_rule_for_every_role(rule, role):
    reason = "理由" if rule.needs_reason else ""
    if role in rule.roles:
        assert transition(rule.source, rule.action, role, reason) is rule.target
    else:
        with pytest.raises(InvalidTransition, match="只能由"):
            transition(rule.source, rule.action, role, reason)


FORBIDDEN = [(s, a) for s, a in itertools.product(Status, Action) if rule_for(s, a) is None]


@pytest.mark.parametrize("status, action", FORBIDDEN, ids=lambda x: x.value)
def test_every_forbidden_pair(status, action):
    with pytest.raises(InvalidTransition, match=f"当前状态为“{status.value}”，不能执行“{action.value}”"):
        transition(status, action, Role.ADMIN, "理由")


def test_table_covers_every_pair_exactly_once():
    pairs = [(t.source, t.action) for t in TRANSITIONS]
    assert len(pairs) == len(set(pairs))
    assert len(FORBIDDEN) + len(pairs) == len(Status) * len(Action)


@pytest.mark.parametrize("rule", [t for t in TRANSITIONS if t.needs_reason], ids=lambda t: t.action.value)
def test_reason_required(rule):
    role = next(iter(rule.roles))
    with pytest.raises(InvalidTransition, match="必须填写理由"):
        transition(rule.source, rule.action, role, "  ")


def test_clerk_cannot_sign_off_but_chief_can():
    assert Action.SIGN_OFF not in available_actions(Status.SIGN_OFF, Role.CLERK)
    assert Action.SIGN_OFF in available_actions(Status.SIGN_OFF, Role.CHIEF)
    with pytest.raises(InvalidTransition, match="科室负责人"):
        transition(Status.SIGN_OFF, Action.SIGN_OFF, Role.CLERK)


def test_main_path_reaches_archive():
    path = [(Action.ASSIGN, Role.CLERK), (Action.SUBMIT, Role.HANDLER), (Action.SIGN_OFF, Role.CHIEF),
            (Action.RECORD_REPLY, Role.CLERK), (Action.ARCHIVE, Role.CLERK)]
    status = Status.REGISTERED
    for action, role in path:
        status = transition(status, action, role)
    assert status is Status.ARCHIVED and not status.is_open


def test_every_status_is_reachable_and_open_states_can_close():
    reachable, frontier = {Status.UNCONFIRMED, Status.REGISTERED}, [Status.UNCONFIRMED, Status.REGISTERED]
    while frontier:
        s = frontier.pop()
        for t in TRANSITIONS:
            for target in {t.target, t.target_for(legal_review=True)}:
                if t.source == s and target not in reachable:
                    reachable.add(target)
                    frontier.append(target)
    assert reachable == set(Status)


# -- 合法性审查 (issue 11): the stage the office may switch on ------------------------------------

@pytest.mark.parametrize("rule, role", ALLOWED, ids=lambda x: getattr(x, "value", None) or str(x.action))
def test_every_rule_for_every_role_with_legal_review_on(rule, role):
    """Switched on, only 签批同意 changes its target (to 待合法性审查); the roles stay the same."""
    reason = "理由" if rule.needs_reason else ""
    expected = Status.LEGAL_REVIEW if rule.action is Action.SIGN_OFF else rule.target
    if role in rule.roles:
        assert transition(rule.source, rule.action, role, reason, legal_review=True) is expected
    else:
        with pytest.raises(InvalidTransition, match="只能由"):
            transition(rule.source, rule.action, role, reason, legal_review=True)


@pytest.mark.parametrize("role", list(Role), ids=lambda r: r.value)
def test_legal_review_stage_for_every_role(role):
    S, A = Status, Action
    may_review = role in (Role.LEGAL, Role.CHIEF, Role.ADMIN)   # the chief: a small office's stand-in
    for action, target in ((A.LEGAL_PASS, S.APPROVED), (A.LEGAL_RETURN, S.RETURNED)):
        if may_review:
            assert transition(S.LEGAL_REVIEW, action, role, "意见") is target
        else:
            with pytest.raises(InvalidTransition, match="科室负责人、法制审核员、管理员"):
                transition(S.LEGAL_REVIEW, action, role, "意见")
    for status in Status:
        if status is not S.LEGAL_REVIEW:
            for action in (A.LEGAL_PASS, A.LEGAL_RETURN):
                with pytest.raises(InvalidTransition, match=f"当前状态为“{status.value}”"):
                    transition(status, action, role, "意见")
    if may_review:
        with pytest.raises(InvalidTransition, match="“审查退回”必须填写理由"):
            transition(S.LEGAL_REVIEW, A.LEGAL_RETURN, role, " ")


def test_legal_reviewer_acts_only_in_the_review_stage():
    assert available_actions(Status.LEGAL_REVIEW, Role.LEGAL) == [Action.LEGAL_PASS, Action.LEGAL_RETURN]
    assert all(available_actions(s, Role.LEGAL) == [] for s in Status if s is not Status.LEGAL_REVIEW)
    # the clerk still records a withdrawal, the chief still approves an extension during the review
    assert Action.WITHDRAW in available_actions(Status.LEGAL_REVIEW, Role.CLERK)
    assert Action.APPROVE_EXTENSION in available_actions(Status.LEGAL_REVIEW, Role.CHIEF)


def test_main_path_with_legal_review_returned_once_then_passed():
    path = [(Action.ASSIGN, Role.CLERK), (Action.SUBMIT, Role.HANDLER), (Action.SIGN_OFF, Role.CHIEF),
            (Action.LEGAL_RETURN, Role.LEGAL), (Action.SUBMIT, Role.HANDLER), (Action.SIGN_OFF, Role.CHIEF),
            (Action.LEGAL_PASS, Role.LEGAL), (Action.RECORD_REPLY, Role.CLERK)]
    status, seen = Status.REGISTERED, []
    for action, role in path:
        status = transition(status, action, role, "理由", legal_review=True)
        seen.append(status.value)
    assert seen == ["办理中", "待签批", "待合法性审查", "已退回", "待签批", "待合法性审查", "待答复", "已答复"]


# -- 协办 tasks (issue 11): their own small table ---------------------------------------------------

TASK_ALLOWED = [(r, role) for r in TASK_TRANSITIONS for role in Role]


@pytest.mark.parametrize("rule, role", TASK_ALLOWED, ids=lambda x: getattr(x, "value", None) or str(x.action))
def test_every_task_rule_for_every_role(rule, role):
    reason = "理由" if rule.needs_reason else ""
    if role in rule.roles:
        assert task_transition(rule.source, rule.action, role, reason) is rule.target
    else:
        with pytest.raises(InvalidTransition, match="只能由"):
            task_transition(rule.source, rule.action, role, reason)


TASK_FORBIDDEN = [(s, a) for s, a in itertools.product(TaskStatus, TaskAction) if task_rule_for(s, a) is None]


@pytest.mark.parametrize("status, action", TASK_FORBIDDEN, ids=lambda x: x.value)
def test_every_forbidden_task_pair(status, action):
    for role in Role:
        with pytest.raises(InvalidTransition, match=f"协办任务当前为“{status.value}”，不能执行“{action.value}”"):
            task_transition(status, action, role, "理由")


def test_task_roles_by_hand():
    # the department answers; the office (登记员, 科室负责人, 管理员) returns, waives and urges
    assert task_actions(TaskStatus.OPEN, Role.HANDLER) == [TaskAction.ANSWER]
    assert task_actions(TaskStatus.OPEN, Role.CLERK) == [TaskAction.WAIVE, TaskAction.URGE]
    assert task_actions(TaskStatus.ANSWERED, Role.CHIEF) == [TaskAction.RETURN]
    assert task_actions(TaskStatus.ANSWERED, Role.HANDLER) == []
    assert all(task_actions(s, Role.LEGAL) == [] for s in TaskStatus)
    assert task_actions(TaskStatus.WAIVED, Role.ADMIN) == []
    assert [s for s in TaskStatus if s.settled] == [TaskStatus.ANSWERED, TaskStatus.WAIVED]
    with pytest.raises(InvalidTransition, match="“免除协办”必须填写理由"):
        task_transition(TaskStatus.OPEN, TaskAction.WAIVE, Role.CLERK, " ")
