"""Walk the whole transition table: every allowed move for every role, and every forbidden pair."""

import itertools

import pytest

from app.errors import InvalidTransition
from app.workflow.status import Status
from app.workflow.transitions import TRANSITIONS, Action, available_actions, rule_for, transition
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
            if t.source == s and t.target not in reachable:
                reachable.add(t.target)
                frontier.append(t.target)
    assert reachable == set(Status)
