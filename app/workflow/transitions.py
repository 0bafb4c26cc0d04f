"""The workflow as a table: (status, action) → next status, with the roles allowed to act."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from app.errors import InvalidTransition
from app.workflow.status import Status
from app.workflow.vocabulary import Role

S = Status
CLERK, HANDLER, CHIEF, ADMIN, LEGAL = Role.CLERK, Role.HANDLER, Role.CHIEF, Role.ADMIN, Role.LEGAL


class Action(StrEnum):
    CONFIRM_RECEIPT = "确认收到"
    ASSIGN = "审核交办"
    REQUEST_CORRECTION = "告知补正"
    RECEIVE_CORRECTION = "收到补正"
    CORRECTION_LAPSED = "逾期未补正"
    START_CONSULTATION = "发起征求意见"
    END_CONSULTATION = "征求意见结束"
    ISSUE_FEE_NOTICE = "发出缴费通知"
    RECORD_PAYMENT = "登记缴费"
    FEE_LAPSED = "逾期未缴费"
    APPROVE_EXTENSION = "批准延期"
    SUBMIT = "提交签批"
    SIGN_OFF = "签批同意"
    RETURN = "退回修改"
    LEGAL_PASS = "审查通过"       # 合法性审查 passed → 待答复
    LEGAL_RETURN = "审查退回"     # 合法性审查 returned with reasons → 已退回 (back to the handler)
    RECORD_REPLY = "登记答复"
    WITHDRAW = "申请人撤回"
    ARCHIVE = "归档"
    UNLOCK = "解锁"


@dataclass(frozen=True)
class Rule:
    source: Status
    action: Action
    target: Status
    roles: frozenset[Role]
    needs_reason: bool = False
    review_target: Status | None = None   # where it leads instead when 合法性审查 is switched on

    def target_for(self, legal_review: bool) -> Status:
        return self.review_target if legal_review and self.review_target else self.target


def _r(source, action, target, roles, needs_reason=False, review_target=None) -> Rule:
    return Rule(source, action, target, frozenset(roles), needs_reason, review_target)


_OFFICE = (CLERK, ADMIN)
_WORKERS = (CLERK, HANDLER, ADMIN)
_APPROVERS = (CHIEF, ADMIN)
# 合法性审查: the 法制审核员; the chief may take the stage in a small office without one (the service
# refuses the chief once an active 法制审核员 exists).
_LEGAL_REVIEWERS = (LEGAL, CHIEF, ADMIN)
_EXTENDABLE = (S.HANDLING, S.CONSULTING, S.AWAITING_FEE, S.SIGN_OFF, S.RETURNED, S.LEGAL_REVIEW)
_WITHDRAWABLE = (S.UNCONFIRMED, S.REGISTERED, S.AWAITING_CORRECTION, S.HANDLING, S.CONSULTING,
                 S.AWAITING_FEE, S.SIGN_OFF, S.RETURNED, S.LEGAL_REVIEW)

TRANSITIONS: tuple[Rule, ...] = (
    _r(S.UNCONFIRMED, Action.CONFIRM_RECEIPT, S.REGISTERED, _OFFICE),
    _r(S.REGISTERED, Action.ASSIGN, S.HANDLING, _OFFICE),
    _r(S.REGISTERED, Action.REQUEST_CORRECTION, S.AWAITING_CORRECTION, _OFFICE),
    _r(S.AWAITING_CORRECTION, Action.RECEIVE_CORRECTION, S.REGISTERED, _OFFICE),
    _r(S.AWAITING_CORRECTION, Action.CORRECTION_LAPSED, S.REPLIED, _OFFICE),
    _r(S.HANDLING, Action.START_CONSULTATION, S.CONSULTING, _WORKERS),
    _r(S.CONSULTING, Action.END_CONSULTATION, S.HANDLING, _WORKERS),
    _r(S.HANDLING, Action.ISSUE_FEE_NOTICE, S.AWAITING_FEE, _OFFICE),
    _r(S.AWAITING_FEE, Action.RECORD_PAYMENT, S.HANDLING, _OFFICE),
    _r(S.AWAITING_FEE, Action.FEE_LAPSED, S.REPLIED, _OFFICE),
    *(_r(s, Action.APPROVE_EXTENSION, s, _APPROVERS, needs_reason=True) for s in _EXTENDABLE),
    _r(S.HANDLING, Action.SUBMIT, S.SIGN_OFF, _WORKERS),
    _r(S.RETURNED, Action.SUBMIT, S.SIGN_OFF, _WORKERS),
    _r(S.SIGN_OFF, Action.SIGN_OFF, S.APPROVED, _APPROVERS, review_target=S.LEGAL_REVIEW),
    _r(S.SIGN_OFF, Action.RETURN, S.RETURNED, _APPROVERS, needs_reason=True),
    _r(S.LEGAL_REVIEW, Action.LEGAL_PASS, S.APPROVED, _LEGAL_REVIEWERS),
    _r(S.LEGAL_REVIEW, Action.LEGAL_RETURN, S.RETURNED, _LEGAL_REVIEWERS, needs_reason=True),
    _r(S.APPROVED, Action.RECORD_REPLY, S.REPLIED, _OFFICE),
    *(_r(s, Action.WITHDRAW, S.REPLIED, _OFFICE, needs_reason=True) for s in _WITHDRAWABLE),
    _r(S.REPLIED, Action.ARCHIVE, S.ARCHIVED, _OFFICE),
    _r(S.ARCHIVED, Action.UNLOCK, S.REPLIED, _APPROVERS, needs_reason=True),
)

_INDEX: dict[tuple[Status, Action], Rule] = {(t.source, t.action): t for t in TRANSITIONS}


def rule_for(status: Status, action: Action) -> Rule | None:
    return _INDEX.get((status, action))


def available_actions(status: Status, role: Role) -> list[Action]:
    """Actions the role may take from ``status``, in table order (the UI builds its buttons here)."""
    return [t.action for t in TRANSITIONS if t.source == status and role in t.roles]


def transition(status: Status, action: Action, role: Role, reason: str = "",
               legal_review: bool = False) -> Status:
    """The next status, or InvalidTransition with a message a clerk can act on.

    ``legal_review``: the office's 合法性审查 setting; 签批同意 then leads to 待合法性审查.
    """
    rule = _INDEX.get((status, action))
    if rule is None:
        raise InvalidTransition(f"当前状态为“{status}”，不能执行“{action}”。")
    if role not in rule.roles:
        allowed = "、".join(r.value for r in Role if r in rule.roles)
        raise InvalidTransition(f"“{action}”只能由{allowed}办理，当前用户角色为“{role}”。")
    if rule.needs_reason and not reason.strip():
        raise InvalidTransition(f"“{action}”必须填写理由。")
    return rule.target_for(legal_review)


# -- 协办 / 协查: one task per department on a case (issue 11) ------------------------------------

class TaskStatus(StrEnum):
    OPEN = "待答复"
    ANSWERED = "已答复"
    RETURNED = "已退回"        # returned for more work: the department answers again
    WAIVED = "已免除"

    @property
    def settled(self) -> bool:
        """Answered or waived: no longer holds the case back from 签批."""
        return self in (TaskStatus.ANSWERED, TaskStatus.WAIVED)


class TaskAction(StrEnum):
    ANSWER = "答复协办"
    RETURN = "退回补充"
    WAIVE = "免除协办"
    URGE = "催办"


@dataclass(frozen=True)
class TaskRule:
    source: TaskStatus
    action: TaskAction
    target: TaskStatus
    roles: frozenset[Role]
    needs_reason: bool = False


T = TaskStatus
_OFFICE_STAFF = (CLERK, CHIEF, ADMIN)     # the disclosure office: returns, waives, urges
_ANSWERERS = (HANDLER, ADMIN)             # the department's handler (the service checks the department)

TASK_TRANSITIONS: tuple[TaskRule, ...] = tuple(TaskRule(*r[:3], frozenset(r[3]), *r[4:]) for r in (
    (T.OPEN, TaskAction.ANSWER, T.ANSWERED, _ANSWERERS),
    (T.RETURNED, TaskAction.ANSWER, T.ANSWERED, _ANSWERERS),
    (T.ANSWERED, TaskAction.RETURN, T.RETURNED, _OFFICE_STAFF, True),
    (T.OPEN, TaskAction.WAIVE, T.WAIVED, _OFFICE_STAFF, True),
    (T.RETURNED, TaskAction.WAIVE, T.WAIVED, _OFFICE_STAFF, True),
    (T.OPEN, TaskAction.URGE, T.OPEN, _OFFICE_STAFF),
    (T.RETURNED, TaskAction.URGE, T.RETURNED, _OFFICE_STAFF),
))
_TASK_INDEX = {(r.source, r.action): r for r in TASK_TRANSITIONS}

# The case statuses in which departments may be given tasks (办理 stage, before 签批).
TASKABLE = (S.HANDLING, S.CONSULTING, S.AWAITING_FEE, S.RETURNED)
TASK_ASSIGNERS = frozenset(_OFFICE_STAFF)


def task_rule_for(status: TaskStatus, action: TaskAction) -> TaskRule | None:
    return _TASK_INDEX.get((status, action))


def task_actions(status: TaskStatus, role: Role) -> list[TaskAction]:
    return [r.action for r in TASK_TRANSITIONS if r.source == status and role in r.roles]


def task_transition(status: TaskStatus, action: TaskAction, role: Role, reason: str = "") -> TaskStatus:
    """The task's next status, or InvalidTransition with a message a clerk can act on."""
    rule = _TASK_INDEX.get((status, action))
    if rule is None:
        raise InvalidTransition(f"协办任务当前为“{status}”，不能执行“{action}”。")
    if role not in rule.roles:
        allowed = "、".join(r.value for r in Role if r in rule.roles)
        raise InvalidTransition(f"“{action}”只能由{allowed}办理，当前用户角色为“{role}”。")
    if rule.needs_reason and not reason.strip():
        raise InvalidTransition(f"“{action}”必须填写理由。")
    return rule.target
