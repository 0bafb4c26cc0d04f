"""Who may act on this case: the expected table written out by hand from domain.md §1 and issue 19."""

from __future__ import annotations

import pytest

from app.workflow.authority import CaseStep, Relation, Standing, allowed, refusal
from app.workflow.transitions import TRANSITIONS, Action
from app.workflow.vocabulary import Role

# Relations, one letter each:
#   O  own case (the user is the case's assigned handler; for 答复协办, the task's named handler)
#   D  same department (a member of the handling department; for 答复协办, of the task's department)
#   A  协办 department (a member of a department with a 协办 task on the case)
#   X  other department (unrelated)
#   U  no department set (an office that does not split its work by department)
LETTER = {"O": Relation.OWN, "D": Relation.DEPARTMENT, "A": Relation.ASSISTING, "X": Relation.OTHER,
          "U": Relation.UNATTACHED}
ALL = "ODAXU"
LEAD = "ODU"       # the handling department's people (any of its handlers), or an office without departments
NONE = ""

# Columns: 登记员, 承办人, 科室负责人, 法制审核员, 管理员 (no 法制审核员 active).
EXPECTED: dict[object, tuple[str, str, str, str, str]] = {
    # the clerks' office's own steps: 登记, 审核交办, 补正, 缴费, 答复 (送达), 撤回, 归档 — any case
    Action.CONFIRM_RECEIPT:    (ALL, NONE, NONE, NONE, ALL),
    Action.ASSIGN:             (ALL, NONE, NONE, NONE, ALL),
    Action.REQUEST_CORRECTION: (ALL, NONE, NONE, NONE, ALL),
    Action.RECEIVE_CORRECTION: (ALL, NONE, NONE, NONE, ALL),
    Action.CORRECTION_LAPSED:  (ALL, NONE, NONE, NONE, ALL),
    Action.ISSUE_FEE_NOTICE:   (ALL, NONE, NONE, NONE, ALL),
    Action.RECORD_PAYMENT:     (ALL, NONE, NONE, NONE, ALL),
    Action.FEE_LAPSED:         (ALL, NONE, NONE, NONE, ALL),
    Action.RECORD_REPLY:       (ALL, NONE, NONE, NONE, ALL),
    Action.WITHDRAW:           (ALL, NONE, NONE, NONE, ALL),
    Action.ARCHIVE:            (ALL, NONE, NONE, NONE, ALL),
    # handling: the handling department's handlers; never a 协办 or another department's handler
    Action.START_CONSULTATION: (ALL, LEAD, NONE, NONE, ALL),
    Action.END_CONSULTATION:   (ALL, LEAD, NONE, NONE, ALL),
    Action.SUBMIT:             (ALL, LEAD, NONE, NONE, ALL),
    # the chief of the handling department (or the office's chief, who has no department)
    Action.APPROVE_EXTENSION:  (NONE, NONE, LEAD, NONE, ALL),
    Action.SIGN_OFF:           (NONE, NONE, LEAD, NONE, ALL),
    Action.RETURN:             (NONE, NONE, LEAD, NONE, ALL),
    Action.UNLOCK:             (NONE, NONE, LEAD, NONE, ALL),
    # 合法性审查: the 法制审核员 on any case; the chief stands in (tested below with a reviewer active)
    Action.LEGAL_PASS:         (NONE, NONE, LEAD, ALL, ALL),
    Action.LEGAL_RETURN:       (NONE, NONE, LEAD, ALL, ALL),
    # case-level acts that are not transitions
    CaseStep.ISSUE_NOTICE:      (ALL, NONE, LEAD, NONE, ALL),
    CaseStep.ISSUE_DRAFT:       (ALL, LEAD, LEAD, NONE, ALL),
    CaseStep.SIGN_LETTER:       (NONE, NONE, LEAD, NONE, ALL),
    CaseStep.RECORD_SERVICE:    (ALL, LEAD, LEAD, NONE, ALL),
    CaseStep.REPLY_FACTS:       (ALL, LEAD, LEAD, NONE, ALL),
    CaseStep.DECIDE_DISCLOSURE: (NONE, LEAD, LEAD, NONE, ALL),
    CaseStep.SET_DEADLINE:      (NONE, NONE, LEAD, NONE, ALL),
    CaseStep.MANAGE_TASK:       (ALL, NONE, LEAD, NONE, ALL),
    # 答复协办: the relation is to the task — its named handler or its department's member only
    CaseStep.ANSWER_TASK:       (NONE, "OD", NONE, NONE, ALL),
    # files on the case: those handling it; a 协办 department puts its materials on its task instead
    CaseStep.ADD_ATTACHMENT:    (ALL, LEAD, LEAD, NONE, ALL),
    # the applicant's full ID and phone: those handling it and the 法制审核员; a 协办 department sees masks
    CaseStep.VIEW_CONTACT:      (ALL, LEAD, LEAD, ALL, ALL),
    CaseStep.OPEN_ATTACHMENT:   (ALL, LEAD, LEAD, ALL, ALL),      # ID copies and scans: personal data too
}
ROLES = (Role.CLERK, Role.HANDLER, Role.CHIEF, Role.LEGAL, Role.ADMIN)


def _cells():
    for act, row in EXPECTED.items():
        for role, letters in zip(ROLES, row):
            for letter, relation in LETTER.items():
                yield act, role, relation, letter in letters


def test_the_table_covers_every_act():
    assert set(EXPECTED) == set(Action) | set(CaseStep)


@pytest.mark.parametrize("act,role,relation,expected", list(_cells()),
                         ids=lambda v: v.value if hasattr(v, "value") else str(v))
def test_who_may_act_per_action_role_and_relation(act, role, relation, expected):
    assert allowed(act, role, relation) is expected
    assert Standing(role, relation).may(act) is expected
    assert (refusal(act, role, relation) == "") is expected


def test_the_roles_agree_with_the_transition_table():
    """Authority never offers a role an action the transition table would refuse, nor the reverse."""
    for action in Action:
        in_table = {r for t in TRANSITIONS if t.action is action for r in t.roles}
        by_hand = {role for role, letters in zip(ROLES, EXPECTED[action]) if letters}
        assert in_table == by_hand, action


@pytest.mark.parametrize("relation", list(Relation))
def test_a_chief_takes_no_legal_review_once_a_legal_reviewer_is_active(relation):
    for action in (Action.LEGAL_PASS, Action.LEGAL_RETURN):
        assert refusal(action, Role.CHIEF, relation, legal_reviewer=True) == \
            "本机关已设法制审核员，合法性审查应由法制审核员办理。"
        assert refusal(action, Role.LEGAL, relation, legal_reviewer=True) == ""
        assert refusal(action, Role.ADMIN, relation, legal_reviewer=True) == ""
    # the reviewer's presence changes nothing else the chief does
    assert refusal(Action.SIGN_OFF, Role.CHIEF, Relation.DEPARTMENT, legal_reviewer=True) == ""
    assert Standing(Role.CHIEF, Relation.DEPARTMENT, True).may(Action.RETURN)
    assert not Standing(Role.CHIEF, Relation.DEPARTMENT, True).may(Action.LEGAL_PASS)


def test_refusals_name_who_may_act_and_why():
    assert refusal(Action.SUBMIT, Role.HANDLER, Relation.ASSISTING) == (
        "您所在处室是本申请的协办处室，只能在“协办”页答复本处室的协办任务；“提交签批”由承办处室办理。")
    assert refusal(Action.SUBMIT, Role.HANDLER, Relation.OTHER) == (
        "“提交签批”只能由本申请承办处室的承办人办理；本申请不由您所在处室承办。")
    assert refusal(CaseStep.DECIDE_DISCLOSURE, Role.HANDLER, Relation.ASSISTING).startswith(
        "您所在处室是本申请的协办处室")
    assert refusal(Action.SIGN_OFF, Role.CHIEF, Relation.OTHER) == (
        "“签批同意”由承办处室的科室负责人办理；本申请不由您负责的处室承办。")
    assert refusal(CaseStep.SIGN_LETTER, Role.CHIEF, Relation.ASSISTING) == (
        "“签发文书”由承办处室的科室负责人办理；本申请不由您负责的处室承办。")
    assert refusal(CaseStep.SIGN_LETTER, Role.LEGAL, Relation.DEPARTMENT) == (
        "“签发文书”只能由科室负责人、管理员办理，当前用户角色为“法制审核员”。")
    assert refusal(Action.SUBMIT, Role.CHIEF, Relation.DEPARTMENT) == (
        "“提交签批”只能由登记员、承办人、管理员办理，当前用户角色为“科室负责人”。")
    assert refusal(CaseStep.ANSWER_TASK, Role.HANDLER, Relation.OTHER) == (
        "该协办任务由其他处室答复，您不在该处室，也不是该任务的协办人。")
    assert refusal(CaseStep.ANSWER_TASK, Role.HANDLER, Relation.UNATTACHED) == (
        "该协办任务由其他处室答复，您不在该处室，也不是该任务的协办人。")
