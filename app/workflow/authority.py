"""Who may act on this case: one decision per act × role × the user's relation to the case."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from app.workflow.transitions import Action
from app.workflow.vocabulary import Role


class Relation(StrEnum):
    """How the acting user stands to the case (or, for 答复协办, to the task)."""

    OWN = "本人承办"            # the case's (or task's) assigned handler
    DEPARTMENT = "承办处室"     # a member of the handling department (of the task's department)
    ASSISTING = "协办处室"      # a member of a department with a 协办 task on the case, not the lead
    OTHER = "其他处室"          # a member of an unrelated department
    UNATTACHED = "未分处室"     # no department set: an office that does not split work by department


class CaseStep(StrEnum):
    """Case-level acts that are not status transitions."""

    ISSUE_NOTICE = "出具告知书"           # the office's notices (回执, 补正, 延期, 缴费, 送达回证 …)
    ISSUE_DRAFT = "起草文书"              # the reply and the consultation letters the handler drafts
    SIGN_LETTER = "签发文书"
    RECORD_SERVICE = "登记送达和收到日期"  # a notice's service, a consulted party's receipt
    REPLY_FACTS = "答复要素"
    DECIDE_DISCLOSURE = "决定公开（第三方不同意）"
    SET_DEADLINE = "另定期限（第三十五条）"
    MANAGE_TASK = "分派和管理协办任务"
    ANSWER_TASK = "答复协办"
    ADD_ATTACHMENT = "添加附件"
    VIEW_CONTACT = "查看完整信息"          # the applicant's full 证件号码 and 联系电话 (audited)
    OPEN_ATTACHMENT = "另存附件"           # the case's files: ID copies, the application scan …


Act = Action | CaseStep
ANY = frozenset(Relation)
# The handling department: its handlers (any of them, so a colleague can take over in an absence).
LEAD = frozenset({Relation.OWN, Relation.DEPARTMENT, Relation.UNATTACHED})
# A chief acts for the department they head; a chief with no department heads the office.
HEAD = frozenset({Relation.OWN, Relation.DEPARTMENT, Relation.UNATTACHED})
# 答复协办: the relation is to the task, so only the task's own department (or its named handler).
TASK_OWNER = frozenset({Relation.OWN, Relation.DEPARTMENT})

CLERK, HANDLER, CHIEF, LEGAL, ADMIN = Role.CLERK, Role.HANDLER, Role.CHIEF, Role.LEGAL, Role.ADMIN
_OFFICE = {CLERK: ANY, ADMIN: ANY}                               # the clerks' office's own steps
_WORK = {CLERK: ANY, HANDLER: LEAD, ADMIN: ANY}                  # handling the case
_APPROVE = {CHIEF: HEAD, ADMIN: ANY}                             # the chief's approvals
_REVIEW = {LEGAL: ANY, CHIEF: HEAD, ADMIN: ANY}                  # 合法性审查 (the chief only without a 法制审核员)

WHO: dict[Act, dict[Role, frozenset[Relation]]] = {
    Action.CONFIRM_RECEIPT: _OFFICE, Action.ASSIGN: _OFFICE, Action.REQUEST_CORRECTION: _OFFICE,
    Action.RECEIVE_CORRECTION: _OFFICE, Action.CORRECTION_LAPSED: _OFFICE,
    Action.ISSUE_FEE_NOTICE: _OFFICE, Action.RECORD_PAYMENT: _OFFICE, Action.FEE_LAPSED: _OFFICE,
    Action.RECORD_REPLY: _OFFICE, Action.WITHDRAW: _OFFICE, Action.ARCHIVE: _OFFICE,
    Action.START_CONSULTATION: _WORK, Action.END_CONSULTATION: _WORK, Action.SUBMIT: _WORK,
    Action.APPROVE_EXTENSION: _APPROVE, Action.SIGN_OFF: _APPROVE, Action.RETURN: _APPROVE,
    Action.UNLOCK: _APPROVE,
    Action.LEGAL_PASS: _REVIEW, Action.LEGAL_RETURN: _REVIEW,
    CaseStep.ISSUE_NOTICE: {CLERK: ANY, CHIEF: HEAD, ADMIN: ANY},
    CaseStep.ISSUE_DRAFT: {CLERK: ANY, HANDLER: LEAD, CHIEF: HEAD, ADMIN: ANY},
    CaseStep.SIGN_LETTER: _APPROVE,
    CaseStep.RECORD_SERVICE: {CLERK: ANY, HANDLER: LEAD, CHIEF: HEAD, ADMIN: ANY},
    CaseStep.REPLY_FACTS: {CLERK: ANY, HANDLER: LEAD, CHIEF: HEAD, ADMIN: ANY},
    CaseStep.DECIDE_DISCLOSURE: {HANDLER: LEAD, CHIEF: HEAD, ADMIN: ANY},
    CaseStep.SET_DEADLINE: _APPROVE,
    CaseStep.MANAGE_TASK: {CLERK: ANY, CHIEF: HEAD, ADMIN: ANY},
    CaseStep.ANSWER_TASK: {HANDLER: TASK_OWNER, ADMIN: ANY},
    CaseStep.ADD_ATTACHMENT: {CLERK: ANY, HANDLER: LEAD, CHIEF: HEAD, ADMIN: ANY},
    # personal data only to those handling the case (个人信息保护法 第六条); a 协办 department sees the
    # masked values; the 法制审核员 reviews every case, e.g. whether an applicant asks for their own data
    CaseStep.VIEW_CONTACT: {CLERK: ANY, HANDLER: LEAD, CHIEF: HEAD, LEGAL: ANY, ADMIN: ANY},
    CaseStep.OPEN_ATTACHMENT: {CLERK: ANY, HANDLER: LEAD, CHIEF: HEAD, LEGAL: ANY, ADMIN: ANY},
}
LEGAL_REVIEW_ACTS = (Action.LEGAL_PASS, Action.LEGAL_RETURN)
NO_CHIEF_REVIEW = "本机关已设法制审核员，合法性审查应由法制审核员办理。"


def refusal(act: Act, role: Role, relation: Relation, legal_reviewer: bool = False) -> str:
    """Why ``role`` standing in ``relation`` may not take ``act`` ("" when allowed).

    ``legal_reviewer``: an active 法制审核员 exists, so the chief no longer takes 合法性审查.
    """
    who = WHO[act]
    if role not in who:
        allowed = "、".join(r.value for r in Role if r in who)
        return f"“{act}”只能由{allowed}办理，当前用户角色为“{role}”。"
    if act in LEGAL_REVIEW_ACTS and role is CHIEF and legal_reviewer:
        return NO_CHIEF_REVIEW
    if relation in who[role]:
        return ""
    return _relation_refusal(act, role, relation)


def _relation_refusal(act: Act, role: Role, relation: Relation) -> str:
    if act is CaseStep.ANSWER_TASK:
        return "该协办任务由其他处室答复，您不在该处室，也不是该任务的协办人。"
    if role is CHIEF:
        return f"“{act}”由承办处室的科室负责人办理；本申请不由您负责的处室承办。"
    if relation is Relation.ASSISTING:
        return (f"您所在处室是本申请的协办处室，只能在“协办”页答复本处室的协办任务；"
                f"“{act}”由承办处室办理。")
    return f"“{act}”只能由本申请承办处室的承办人办理；本申请不由您所在处室承办。"


def allowed(act: Act, role: Role, relation: Relation, legal_reviewer: bool = False) -> bool:
    return not refusal(act, role, relation, legal_reviewer)


@dataclass(frozen=True)
class Standing:
    """One user's standing on one case: the window builds its buttons from ``may``, the service
    refuses with ``why``; both come from :func:`refusal`."""

    role: Role
    relation: Relation
    legal_reviewer: bool = False

    def why(self, act: Act) -> str:
        return refusal(act, self.role, self.relation, self.legal_reviewer)

    def may(self, act: Act) -> bool:
        return not self.why(act)
