"""督办: department tasks and cases by due date per department, 催办通知 (numbered, escalating), weekly summary."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import InvalidTransition, NotFound
from app.exports.atomic import write_bytes
from app.exports.coordination_docs import URGE_TEMPLATE, UrgeNoticeData, render_document
from app.exports.supervision_xlsx import DepartmentWeek, WeeklySummary, write_weekly_summary
from app.models import Department, DeptTask, Request, UrgeNotice, User
from app.services.trust.audit import record
from app.services.clock import load_calendar
from app.services.counters import format_number, next_number, reserve_counter
from app.services.dto import Actor, TaskView
from app.services.cases.request_service import commit
from app.services.settings_service import OfficeSettings, load_settings
from app.services.cases.task_service import OPEN_TASK_STATUSES, task_view
from app.services.trust.sessions import ActingService
from app.services.uow import Database
from app.workflow.calendar import StatutoryCalendar
from app.workflow.dates import cn_date
from app.workflow.status import OPEN_STATUSES, Status
from app.workflow.transitions import TASK_ASSIGNERS, TaskAction, TaskStatus, task_transition
from app.workflow.vocabulary import Role
from app.exports.letters.wording import clean_clause, request_subject

URGE_DOC_TYPE = "催办通知"
UNASSIGNED = "未分派处室"        # the board's group of open cases no department has yet


@dataclass(frozen=True)
class BoardItem:
    kind: str                 # 协办任务 / 申请
    request_id: int
    request_number: str
    text: str                 # the task's brief, or the request's description
    due_on: date
    level: str                # 逾期 / 紧急 / 临近 / ""
    days: int                 # working days left (negative: overdue by)
    status: str
    urge_count: int = 0
    task: TaskView | None = None


@dataclass(frozen=True)
class DepartmentGroup:
    department: str
    items: tuple[BoardItem, ...]

    def count(self, level: str) -> int:
        return sum(1 for i in self.items if i.level == level)


@dataclass(frozen=True)
class UrgeView:
    id: int
    task_id: int
    request_id: int
    department: str
    seq: int
    doc_number: str
    issued_on: date
    escalated: bool


def urge_pattern(settings: OfficeSettings) -> str:
    """The office's 文号 pattern with its own series: 依复 → 催办 (or {文种} → 催)."""
    p = settings.number_pattern
    if "{文种}" in p:
        return p.replace("{文种}", "催")
    return p.replace("依复", "催办") if "依复" in p else "{机关简称}催办〔{年}〕{序号}号"


class SupervisionService(ActingService):
    """Every method taking an ``actor`` verifies it came from a log-in (ActingService)."""

    def __init__(self, db: Database, today=date.today):
        self._db = db
        self._today = today

    # -- the page ---------------------------------------------------------------------------
    def board(self, actor: Actor) -> list[DepartmentGroup]:
        """Open tasks and open cases, by due date, grouped by department (a handler: their own); open cases
        without a department form the 未分派处室 group, first."""
        today = self._today()
        with self._db.uow() as uow:
            s = uow.session
            cal, settings = load_calendar(s), load_settings(s)
            red, amber = cal.add_workdays(today, settings.red_days), cal.add_workdays(today, settings.amber_days)

            def level(due: date) -> str:
                return "逾期" if due < today else "紧急" if due <= red else "临近" if due <= amber else ""

            def days(due: date) -> int:
                return cal.workdays_between(today, due) if due >= today else -cal.workdays_between(due, today)

            mine = actor.department_id if actor.role is Role.HANDLER else None
            groups: dict[str, list[BoardItem]] = {}
            tq = select(DeptTask).where(DeptTask.status.in_(OPEN_TASK_STATUSES))
            if mine is not None:
                tq = tq.where(DeptTask.department_id == mine)
            for t in s.scalars(tq):
                v = task_view(s, t)
                groups.setdefault(v.department, []).append(BoardItem(
                    "协办任务", v.request_id, v.request_number, f"{v.kind}：{v.brief}", v.due_on, level(v.due_on),
                    days(v.due_on), v.status, v.urge_count, v))
            open_ = [st.value for st in OPEN_STATUSES if st is not Status.UNCONFIRMED]
            # an outer join: a case no department has been given is still on the board (未分派处室)
            cq = (select(Request, Department.name).outerjoin(Department, Department.id == Request.department_id)
                  .where(Request.status.in_(open_), Request.reply_due.is_not(None)))
            if mine is not None:
                cq = cq.where(Request.department_id == mine)
            for req, dept in s.execute(cq):
                groups.setdefault(dept or UNASSIGNED, []).append(BoardItem(
                    "申请", req.id, req.number, req.description, req.reply_due, level(req.reply_due),
                    days(req.reply_due), req.status))
            order = {name: i for i, name in enumerate(
                s.scalars(select(Department.name).order_by(Department.id)))}
            order[UNASSIGNED] = -1                                  # first: nobody else is chasing these
        return [DepartmentGroup(name, tuple(sorted(items, key=lambda i: (i.due_on, i.kind != "协办任务",
                                                                         i.request_number))))
                for name, items in sorted(groups.items(), key=lambda kv: order.get(kv[0], 0))]

    # -- 催办通知 -----------------------------------------------------------------------------
    def urge(self, actor: Actor, task_id: int, version: int) -> UrgeView:
        """A numbered 催办通知 to the task's department; the second one escalates to the chief."""
        today = self._today()
        with self._db.uow() as uow:
            s = uow.session
            reserve_counter(s, URGE_DOC_TYPE, today.year)   # first statement: serialises issuers
            t = s.get(DeptTask, task_id)
            if t is None:
                raise NotFound("协办任务不存在，可能已被删除。")
            if t.version != version:
                from app.errors import ConflictError

                raise ConflictError("该协办任务已被其他用户修改，请刷新后重新操作。")
            task_transition(TaskStatus(t.status), TaskAction.URGE, actor.role)
            settings, cal = load_settings(s), load_calendar(s)
            seq = t.urge_count + 1
            number = next_number(s, urge_pattern(settings), settings.agency_short, URGE_DOC_TYPE, today.year)
            data = self._notice_data(s, t, seq, number, settings, cal, today)
            rendered = render_document(data, self._template(settings), f"催办通知 {number}")
            dept = s.get(Department, t.department_id).name
            n = UrgeNotice(task_id=t.id, request_id=t.request_id, department_id=t.department_id, seq=seq,
                           doc_number=number, issued_on=today, issued_at=datetime.now(), issued_by=actor.username,
                           escalated=seq >= 2, docx=rendered.docx, pdf=rendered.pdf)
            s.add(n)
            t.urge_count, t.last_urged_on = seq, today
            s.flush()
            record(s, actor, "催办", t.request_id, f"{dept}协办", "", number, f"第{seq}次催办")
            if seq == 2:
                record(s, actor, "升级督办", t.request_id, f"{dept}协办", "", "科室负责人督办",
                       "第二次催办仍未答复，报科室负责人督办")
            commit(uow)
            return UrgeView(n.id, t.id, t.request_id, dept, seq, number, today, n.escalated)

    def notices(self, task_id: int) -> list[UrgeView]:
        with self._db.uow() as uow:
            s = uow.session
            rows = s.scalars(select(UrgeNotice).where(UrgeNotice.task_id == task_id).order_by(UrgeNotice.id))
            return [UrgeView(n.id, n.task_id, n.request_id, s.get(Department, n.department_id).name, n.seq,
                             n.doc_number, n.issued_on, n.escalated) for n in rows]

    def notice_bytes(self, notice_id: int, suffix: str) -> bytes:
        with self._db.uow() as uow:
            n = uow.session.get(UrgeNotice, notice_id)
            if n is None:
                raise NotFound("催办通知不存在。")
            return n.pdf if suffix.lower() == ".pdf" else n.docx

    def save_notice(self, actor: Actor, notice_id: int, path: str | Path) -> Path:
        """The notice as issued, Word or PDF by the file's suffix (written atomically), audited."""
        target = Path(path)
        write_bytes(target, self.notice_bytes(notice_id, target.suffix))
        with self._db.uow() as uow:
            n = uow.session.get(UrgeNotice, notice_id)
            record(uow.session, actor, "导出催办通知", n.request_id, "", "", n.doc_number, target.name)
            uow.commit()
        return target

    def _template(self, settings: OfficeSettings):
        if settings.template_dir:
            own = Path(settings.template_dir).expanduser() / URGE_TEMPLATE
            if own.is_file():
                return own
        return URGE_TEMPLATE

    def _notice_data(self, s: Session, t: DeptTask, seq: int, number: str, settings: OfficeSettings,
                     cal: StatutoryCalendar, today: date) -> UrgeNoticeData:
        req, dept = s.get(Request, t.request_id), s.get(Department, t.department_id)
        if t.due_on >= today:
            where = f"距协办期限还有{cal.workdays_between(today, t.due_on)}个工作日"
            answer_by = t.due_on
        else:
            where = f"已超过协办期限{cal.workdays_between(t.due_on, today)}个工作日"
            answer_by = cal.add_workdays(today, 1)
        status = f"截至{cn_date(today)}，你处室尚未答复，{where}。"
        if t.status == TaskStatus.RETURNED:
            status = f"你处室的协查意见已退回补充（{clean_clause(t.note)}），截至{cn_date(today)}尚未重新答复，{where}。"
        escalation = ""
        if seq >= 2:
            chiefs = s.scalars(select(User.display_name).where(User.role == Role.CHIEF.value, User.active)).all()
            escalation = (f"这是对该事项的第{seq}次催办，本通知同时报{'、'.join(chiefs) or '机关负责人'}督办。")
        return UrgeNoticeData(
            agency_name=settings.agency_name, doc_number=number, issue_date=cn_date(today), addressee=dept.name,
            request_number=req.number, applicant_name=req.applicant_name,
            receipt_date=cn_date(req.receipt_date), request_content=request_subject(req.description),
            task_kind="主办" if t.lead else "协办", assigned_date=cn_date(t.assigned_on or t.created_at.date()),
            brief=clean_clause(t.brief),
            due_date=cn_date(t.due_on), status_sentence=status, reply_due=cn_date(req.reply_due),
            answer_by=cn_date(answer_by), escalation=escalation, sender=settings.agency_name)

    # -- weekly summary ---------------------------------------------------------------------
    def weekly_summary(self, actor: Actor, path: str | Path) -> Path:
        """Per department: tasks open, due this week (Mon–Sun), overdue, answered late this week."""
        if actor.role not in TASK_ASSIGNERS:
            raise InvalidTransition("督办周报由登记员、科室负责人或管理员导出。")
        today = self._today()
        monday = today - timedelta(days=today.weekday())
        sunday = monday + timedelta(days=6)
        with self._db.uow() as uow:
            s = uow.session
            settings = load_settings(s)
            tasks = [task_view(s, t) for t in s.scalars(select(DeptTask).order_by(DeptTask.due_on, DeptTask.id))]
            depts = s.scalars(select(Department).order_by(Department.id)).all()
            rows, details = [], []
            for d in depts:
                mine = [t for t in tasks if t.department_id == d.id]
                if not mine and not d.active:
                    continue
                open_ = [t for t in mine if not TaskStatus(t.status).settled]
                late = [t for t in mine if t.answered_late and monday <= t.answered_on <= sunday]
                rows.append(DepartmentWeek(d.name, len(open_), sum(monday <= t.due_on <= sunday for t in mine),
                                           sum(t.due_on < today for t in open_), len(late)))
                details += [(t.request_number, t.department, t.kind, t.brief, t.due_on.isoformat(), t.status,
                             t.answered_on.isoformat() if t.answered_on else "", t.urge_count)
                            for t in open_ + late]
            summary = WeeklySummary(settings.agency_name, f"{cn_date(monday)}—{cn_date(sunday)}", cn_date(today),
                                    tuple(rows), tuple(details),
                                    ("申请编号", "处室", "类型", "协查内容", "协办期限", "状态", "答复日期", "催办次数"))
            out = write_weekly_summary(summary, path)
            record(s, actor, "导出督办周报", None, "统计周", "", summary.week, Path(path).name)
            uow.commit()
        return out


__all__ = ["UNASSIGNED", "BoardItem", "DepartmentGroup", "SupervisionService", "UrgeView", "format_number",
           "urge_pattern"]
