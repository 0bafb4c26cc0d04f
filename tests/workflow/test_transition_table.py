"""The workflow table written out by hand from domain §1 (not generated from TRANSITIONS), checked for
every status × action × role, with and without a reason, with 合法性审查 off and on."""

import itertools

import pytest

from app.errors import InvalidTransition
from app.workflow.status import Status
from app.workflow.transitions import (
    TaskAction, TaskStatus, Action, available_actions, rule_for, task_actions, task_transition, transition,
)
from app.workflow.vocabulary import Role

OFFICE = {"登记员", "管理员"}                       # the disclosure office's clerks (and the administrator)
WORKERS = {"登记员", "承办人", "管理员"}            # who works the case in 办理
APPROVERS = {"科室负责人", "管理员"}                # 签批, 延期 approval, 解锁
REVIEWERS = {"法制审核员", "科室负责人", "管理员"}  # 合法性审查 (the chief stands in in a small office)
WITHDRAW = ("申请人撤回", "已答复", OFFICE, True)   # Art 36(7)-like end: recorded by the office, with a reason
EXTEND = ("批准延期", None, APPROVERS, True)        # None: stays in the same status

# status → [(action, target, roles, reason required)], from domain §1 (登记 → 审核 → 办理 → 签批 → 答复 → 归档)
EXPECTED = {
    "待确认": [("确认收到", "待审核", OFFICE, False), WITHDRAW],
    "待审核": [("审核交办", "办理中", OFFICE, False), ("告知补正", "待补正", OFFICE, False), WITHDRAW],
    "待补正": [("收到补正", "待审核", OFFICE, False), ("逾期未补正", "已答复", OFFICE, False), WITHDRAW],
    "办理中": [("发起征求意见", "征求意见中", WORKERS, False), ("发出缴费通知", "待缴费", OFFICE, False),
            EXTEND, ("提交签批", "待签批", WORKERS, False), WITHDRAW],
    "征求意见中": [("征求意见结束", "办理中", WORKERS, False), EXTEND, WITHDRAW],
    "待缴费": [("登记缴费", "办理中", OFFICE, False), ("逾期未缴费", "已答复", OFFICE, False), EXTEND, WITHDRAW],
    "待签批": [("签批同意", "待答复", APPROVERS, False), ("退回修改", "已退回", APPROVERS, True), EXTEND,
            WITHDRAW],
    "已退回": [("提交签批", "待签批", WORKERS, False), EXTEND, WITHDRAW],
    "待合法性审查": [("审查通过", "待答复", REVIEWERS, False), ("审查退回", "已退回", REVIEWERS, True), EXTEND,
               WITHDRAW],
    "待答复": [("登记答复", "已答复", OFFICE, False)],
    "已答复": [("归档", "已归档", OFFICE, False)],
    "已归档": [("解锁", "已答复", APPROVERS, True)],
}


def _expected(status: Status, action: Action):
    for name, target, roles, reason in EXPECTED[status.value]:
        if name == action.value:
            return (target or status.value), roles, reason
    return None


CASES = list(itertools.product(Status, Action, Role))


@pytest.mark.parametrize("legal_review", [False, True], ids=["审查关闭", "审查开启"])
def test_who_may_do_what_from_which_status_as_written_in_domain_1(legal_review):
    for status, action, role in CASES:
        row = _expected(status, action)
        if row is None:
            with pytest.raises(InvalidTransition, match=f"当前状态为“{status.value}”，不能执行“{action.value}”"):
                transition(status, action, role, "理由", legal_review)
            continue
        target, roles, _reason = row
        if legal_review and action is Action.SIGN_OFF:
            target = "待合法性审查"          # 签批同意 leads to the legal review when the office turns it on
        if role.value in roles:
            assert transition(status, action, role, "理由", legal_review).value == target, (status, action, role)
        else:
            with pytest.raises(InvalidTransition, match=f"“{action.value}”只能由.*当前用户角色为“{role.value}”"):
                transition(status, action, role, "理由", legal_review)


def test_the_buttons_offered_are_exactly_the_allowed_actions():
    for status, role in itertools.product(Status, Role):
        expected = {name for name, _t, roles, _r in EXPECTED[status.value] if role.value in roles}
        offered = [a.value for a in available_actions(status, role)]
        assert sorted(offered) == sorted(expected), (status, role)


@pytest.mark.parametrize("status, action, role", [
    (status, Action(name), next(Role(r) for r in Role if r.value in roles))
    for status in Status for name, _t, roles, needs in EXPECTED[status.value] if needs
], ids=str)
@pytest.mark.parametrize("empty", ["", "   ", "\n"], ids=["空", "空格", "换行"])
def test_return_withdraw_unlock_extend_refuse_an_empty_reason(status, action, role, empty):
    # 退回修改, 申请人撤回, 解锁, 批准延期 and 审查退回 need a reason; the message names the action
    with pytest.raises(InvalidTransition, match=f"“{action.value}”必须填写理由"):
        transition(status, action, role, empty)
    assert transition(status, action, role, "申请人书面撤回") is not None


def test_actions_without_a_reason_go_through_with_an_empty_one():
    assert transition(Status.UNCONFIRMED, Action.CONFIRM_RECEIPT, Role.CLERK, "") is Status.REGISTERED
    assert transition(Status.SIGN_OFF, Action.SIGN_OFF, Role.CHIEF, "") is Status.APPROVED
    assert transition(Status.REPLIED, Action.ARCHIVE, Role.ADMIN) is Status.ARCHIVED


@pytest.mark.parametrize("status", list(Status), ids=lambda s: s.value)
def test_extension_is_approved_in_every_handling_status_and_nowhere_else(status):
    # Art 33(2): before the original due date, while the case is being handled (办理 and 签批 stages)
    extendable = {"办理中", "征求意见中", "待缴费", "待签批", "已退回", "待合法性审查"}
    if status.value in extendable:
        assert transition(status, Action.APPROVE_EXTENSION, Role.CHIEF, "情况复杂") is status
        with pytest.raises(InvalidTransition, match="只能由科室负责人、管理员办理"):
            transition(status, Action.APPROVE_EXTENSION, Role.CLERK, "情况复杂")
    else:
        with pytest.raises(InvalidTransition, match="不能执行“批准延期”"):
            transition(status, Action.APPROVE_EXTENSION, Role.ADMIN, "情况复杂")


@pytest.mark.parametrize("status", list(Status), ids=lambda s: s.value)
def test_withdrawal_is_recorded_in_every_status_before_sign_off_completes(status):
    # the applicant may withdraw until the reply is being served; 待答复, 已答复 and 已归档 refuse it
    withdrawable = {"待确认", "待审核", "待补正", "办理中", "征求意见中", "待缴费", "待签批", "已退回", "待合法性审查"}
    if status.value in withdrawable:
        assert transition(status, Action.WITHDRAW, Role.CLERK, "申请人书面撤回") is Status.REPLIED
        with pytest.raises(InvalidTransition, match="只能由登记员、管理员办理"):
            transition(status, Action.WITHDRAW, Role.HANDLER, "申请人书面撤回")
    else:
        with pytest.raises(InvalidTransition, match="不能执行“申请人撤回”"):
            transition(status, Action.WITHDRAW, Role.CLERK, "申请人书面撤回")


def test_confirm_receipt_starts_the_case_only_from_unconfirmed():
    # 平信/online: the clerk's confirmation sets the receipt date and the case enters 审核 (domain §2)
    assert transition(Status.UNCONFIRMED, Action.CONFIRM_RECEIPT, Role.CLERK) is Status.REGISTERED
    assert rule_for(Status.UNCONFIRMED, Action.CONFIRM_RECEIPT).needs_reason is False
    with pytest.raises(InvalidTransition, match="只能由登记员、管理员办理，当前用户角色为“承办人”"):
        transition(Status.UNCONFIRMED, Action.CONFIRM_RECEIPT, Role.HANDLER)
    with pytest.raises(InvalidTransition, match="当前状态为“待审核”，不能执行“确认收到”"):
        transition(Status.REGISTERED, Action.CONFIRM_RECEIPT, Role.CLERK)


# 协办 tasks (issue 11), by hand: the department answers; the office returns, waives (with a reason), urges
TASK_OFFICE = {"登记员", "科室负责人", "管理员"}
TASK_EXPECTED = {
    ("待答复", "答复协办"): ("已答复", {"承办人", "管理员"}, False),
    ("已退回", "答复协办"): ("已答复", {"承办人", "管理员"}, False),
    ("已答复", "退回补充"): ("已退回", TASK_OFFICE, True),
    ("待答复", "免除协办"): ("已免除", TASK_OFFICE, True),
    ("已退回", "免除协办"): ("已免除", TASK_OFFICE, True),
    ("待答复", "催办"): ("待答复", TASK_OFFICE, False),
    ("已退回", "催办"): ("已退回", TASK_OFFICE, False),
}


def test_task_table_by_hand_for_every_role_with_and_without_reason():
    for status, action, role in itertools.product(TaskStatus, TaskAction, Role):
        row = TASK_EXPECTED.get((status.value, action.value))
        if row is None:
            with pytest.raises(InvalidTransition, match="协办任务当前为"):
                task_transition(status, action, role, "理由")
            continue
        target, roles, needs = row
        if role.value not in roles:
            with pytest.raises(InvalidTransition, match="只能由"):
                task_transition(status, action, role, "理由")
            continue
        assert task_transition(status, action, role, "理由").value == target
        if needs:
            with pytest.raises(InvalidTransition, match=f"“{action.value}”必须填写理由"):
                task_transition(status, action, role, " ")
        else:
            assert task_transition(status, action, role, "").value == target
        assert action in task_actions(status, role)


def test_a_refused_task_action_names_who_may_take_it():
    # the department's handler answers; a clerk is told whom to ask, by role
    with pytest.raises(InvalidTransition, match="^“答复协办”只能由承办人、管理员办理，当前用户角色为“登记员”。$"):
        task_transition(TaskStatus.OPEN, TaskAction.ANSWER, Role.CLERK)
    office_only = "^“退回补充”只能由登记员、科室负责人、管理员办理，当前用户角色为“承办人”。$"
    with pytest.raises(InvalidTransition, match=office_only):
        task_transition(TaskStatus.ANSWERED, TaskAction.RETURN, Role.HANDLER, "补充材料")
