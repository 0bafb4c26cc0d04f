"""协办 / 协查: departments' tasks on a case — assign, answer, return, waive; the gate before 签批."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import ConflictError, InvalidTransition, NotFound, ValidationError
from app.models import Department, DeptTask, Request, User
from app.services.trust.audit import record
from app.services.cases.authority import require, require_on_task
from app.services.cases.date_order import require_task_due_after_assignment
from app.services.dto import Actor, TaskView
from app.services.cases.material_views import materials_of
from app.services.cases.request_service import commit, load_request
from app.services.trust.sessions import ActingService
from app.services.uow import Database
from app.workflow.authority import CaseStep
from app.workflow.status import Status
from app.workflow.transitions import (
    TASK_ASSIGNERS, TASKABLE, TaskAction, TaskStatus, task_transition,
)
from app.workflow.vocabulary import Role
from app.workflow.text_input import check_text

INFO_EXISTS = ("存在", "部分存在", "不存在", "非本部门掌握")
OPEN_TASK_STATUSES = (TaskStatus.OPEN.value, TaskStatus.RETURNED.value)


def task_view(s: Session, t: DeptTask) -> TaskView:
    dept, req = s.get(Department, t.department_id), s.get(Request, t.request_id)
    handler = s.get(User, t.handler_id) if t.handler_id else None
    return TaskView(t.id, t.version, t.request_id, req.number, t.department_id, dept.name, t.lead, t.brief,
                    t.due_on, t.handler_id, handler.display_name if handler else "", t.status, t.findings,
                    t.info_exists, t.proposed_decision, t.answered_on, t.answered_by, t.note, t.urge_count,
                    t.last_urged_on, req.reply_due, materials_of(s, task_id=t.id))


def unsettled_tasks(s: Session, request_id: int) -> list[str]:
    """Departments whose task still holds the case back from 签批, e.g. ["法规科（待答复）"]."""
    rows = s.execute(select(Department.name, DeptTask.status).join(Department, Department.id ==
                     DeptTask.department_id).where(DeptTask.request_id == request_id,
                                                   DeptTask.status.in_(OPEN_TASK_STATUSES))
                     .order_by(DeptTask.id)).all()
    return [f"{name}（{status}）" for name, status in rows]


def _user_name(s: Session, user_id: int | None) -> str:
    u = s.get(User, user_id) if user_id else None
    return u.display_name if u else ""


def may_see(actor: Actor, task: DeptTask, case_department_id: int | None) -> bool:
    """A handler sees their own department's tasks (and, as the lead department, the case's others)."""
    if actor.role is not Role.HANDLER:
        return True
    return actor.department_id is not None and actor.department_id in (task.department_id, case_department_id)


class TaskService(ActingService):
    """Every method taking an ``actor`` verifies it came from a log-in (ActingService)."""

    def __init__(self, db: Database, today=date.today):
        self._db = db
        self._today = today

    # -- reading ----------------------------------------------------------------------------
    def tasks(self, actor: Actor, request_id: int) -> list[TaskView]:
        with self._db.uow() as uow:
            s = uow.session
            req = load_request(s, request_id)
            rows = s.scalars(select(DeptTask).where(DeptTask.request_id == request_id)
                             .order_by(DeptTask.lead.desc(), DeptTask.id))
            return [task_view(s, t) for t in rows if may_see(actor, t, req.department_id)]

    def my_tasks(self, actor: Actor) -> list[TaskView]:
        """Workbench: a handler's department's open tasks; the chief's escalated ones; the office's open."""
        with self._db.uow() as uow:
            s = uow.session
            q = select(DeptTask).where(DeptTask.status.in_(OPEN_TASK_STATUSES)).order_by(DeptTask.due_on,
                                                                                        DeptTask.id)
            if actor.role is Role.HANDLER:
                q = q.where(DeptTask.department_id == (actor.department_id or -1))
            elif actor.role is Role.CHIEF:
                q = q.where(DeptTask.urge_count >= 2)
            elif actor.role is Role.LEGAL:
                return []
            return [task_view(s, t) for t in s.scalars(q)]

    # -- the office assigns -----------------------------------------------------------------
    def add_task(self, actor: Actor, request_id: int, department_id: int, brief: str,
                 due_on: date | None = None, handler_id: int | None = None) -> TaskView:
        """One task per department; the due date defaults to the case's department draft due (§3)."""
        if actor.role not in TASK_ASSIGNERS:
            raise InvalidTransition(f"分派协办任务由登记员、科室负责人或管理员办理，当前用户角色为“{actor.role}”。")
        check_text(brief, "协办内容", "brief")
        if not brief.strip():
            raise ValidationError("请写明需要该处室协查或提供的内容。", "brief")
        with self._db.uow() as uow:
            s = uow.session
            req = load_request(s, request_id)
            require(s, actor, req, CaseStep.MANAGE_TASK)
            if Status(req.status) not in TASKABLE:
                raise ValidationError(f"申请当前为“{req.status}”，只有办理中的申请可以分派协办任务。")
            dept = s.get(Department, department_id)
            if dept is None:
                raise ValidationError("请选择处室。", "department_id")
            if s.scalar(select(DeptTask.id).where(DeptTask.request_id == request_id,
                                                  DeptTask.department_id == department_id)):
                raise ValidationError(f"“{dept.name}”已有该申请的协办任务。", "department_id")
            # the default is the department's draft due, or today once that has passed (never backwards)
            due = due_on or (max(req.draft_due, self._today()) if req.draft_due else None)
            if due is None:
                raise ValidationError("申请的答复期限尚未起算，请填写协办期限。", "due_on")
            require_task_due_after_assignment(due, self._today())
            self._check_handler(s, handler_id, department_id)
            lead = department_id == req.department_id
            t = DeptTask(request_id=request_id, department_id=department_id, lead=lead, brief=brief.strip(),
                         due_on=due, handler_id=handler_id, status=TaskStatus.OPEN.value,
                         assigned_on=self._today(), created_at=datetime.now(), created_by=actor.username)
            s.add(t)
            s.flush()
            record(s, actor, "分派协办", request_id, f"{dept.name}（{'主办' if lead else '协办'}）", "",
                   f"期限{due.isoformat()}", brief.strip())
            commit(uow)
            return task_view(s, t)

    def edit_task(self, actor: Actor, task_id: int, version: int, brief: str, due_on: date,
                  handler_id: int | None) -> TaskView:
        if actor.role not in TASK_ASSIGNERS:
            raise InvalidTransition("修改协办任务由登记员、科室负责人或管理员办理。")
        check_text(brief, "协办内容", "brief")
        if not brief.strip():
            raise ValidationError("请写明需要该处室协查或提供的内容。", "brief")
        with self._db.uow() as uow:
            s = uow.session
            t = self._load(s, task_id, version)
            require(s, actor, s.get(Request, t.request_id), CaseStep.MANAGE_TASK)
            require_task_due_after_assignment(due_on, t.assigned_on or self._today())
            self._check_handler(s, handler_id, t.department_id)
            dept = s.get(Department, t.department_id).name
            for label, attr, new in (("协办期限", "due_on", due_on), ("协办内容", "brief", brief.strip()),
                                     ("协办人", "handler_id", handler_id)):
                old = getattr(t, attr)
                if old != new:
                    shown = (_user_name(s, old), _user_name(s, new)) if attr == "handler_id" else (old, new)
                    record(s, actor, "修改协办", t.request_id, f"{dept}.{label}", *shown)
                    setattr(t, attr, new)
            commit(uow)
            return task_view(s, t)

    # -- the department answers, the office returns or waives -----------------------------------
    def answer(self, actor: Actor, task_id: int, version: int, findings: str, info_exists: str,
               proposed_decision: str = "") -> TaskView:
        check_text(findings, "查明的情况", "findings")
        if not findings.strip():
            raise ValidationError("请填写查明的情况。", "findings")
        if info_exists not in INFO_EXISTS:
            raise ValidationError(f"请选择信息是否存在：{'、'.join(INFO_EXISTS)}。", "info_exists")

        def mutate(s, t, dept):
            t.findings, t.info_exists, t.proposed_decision = findings.strip(), info_exists, proposed_decision
            t.answered_on, t.answered_by = self._today(), actor.username
            late = "（逾期答复）" if t.answered_on > t.due_on else ""
            return f"{info_exists}；{proposed_decision or '未提拟办意见'}{late}", findings.strip()
        return self._act(actor, task_id, version, TaskAction.ANSWER, "", mutate)

    def return_task(self, actor: Actor, task_id: int, version: int, reason: str) -> TaskView:
        def mutate(s, t, dept):
            t.note = reason.strip()
            return "退回补充", reason.strip()
        return self._act(actor, task_id, version, TaskAction.RETURN, reason, mutate)

    def waive(self, actor: Actor, task_id: int, version: int, reason: str) -> TaskView:
        def mutate(s, t, dept):
            t.note = reason.strip()
            return "免除", reason.strip()
        return self._act(actor, task_id, version, TaskAction.WAIVE, reason, mutate)

    # -- helpers ----------------------------------------------------------------------------
    def _act(self, actor, task_id, version, action: TaskAction, reason: str, mutate) -> TaskView:
        with self._db.uow() as uow:
            s = uow.session
            t = self._load(s, task_id, version)
            old = TaskStatus(t.status)
            new = task_transition(old, action, actor.role, reason)
            if action is TaskAction.ANSWER:       # the task's own department answers it
                require_on_task(s, actor, t, CaseStep.ANSWER_TASK)
            else:                                 # the office (or the lead department's chief) manages it
                require(s, actor, s.get(Request, t.request_id), CaseStep.MANAGE_TASK)
            dept = s.get(Department, t.department_id).name
            new_text, why = mutate(s, t, dept)
            t.status = new.value
            record(s, actor, action.value, t.request_id, f"{dept}协办", old.value, f"{new.value}：{new_text}", why)
            commit(uow)
            return task_view(s, t)

    def _load(self, s: Session, task_id: int, version: int | None) -> DeptTask:
        t = s.get(DeptTask, task_id)
        if t is None:
            raise NotFound("协办任务不存在，可能已被删除。")
        if version is not None and t.version != version:
            raise ConflictError("该协办任务已被其他用户修改，请刷新后重新操作。")
        if not Status(s.get(Request, t.request_id).status).is_open:
            raise ValidationError("申请已办结，协办任务不能再修改。")
        return t

    @staticmethod
    def _check_handler(s: Session, handler_id: int | None, department_id: int) -> None:
        if handler_id is None:
            return
        u = s.get(User, handler_id)
        if u is None or u.department_id != department_id:
            raise ValidationError("协办人应为该处室的人员。", "handler_id")
