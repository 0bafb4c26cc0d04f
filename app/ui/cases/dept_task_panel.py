"""The case's 协办 tab: departments' tasks, their answers side by side, and the task actions."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout, QLabel, QPushButton, QSplitter, QTableView, QTextBrowser, QVBoxLayout,
    QWidget,
)

from app.errors import DomainError
from app.services.dto import Actor, RequestDetail, TaskView
from app.services.cases.task_service import INFO_EXISTS
from app.ui.common import prompts
from app.ui.common.data_table_model import configure_table
from app.ui.cases.case_actions import DECISION_CHOICES
from app.ui.cases.dept_task_model import DeptTaskTableModel
from app.ui.common.form_dialog import FormDialog, FormField
from app.ui.cases.material_list import TASK, MaterialListWidget
from app.ui.cases.task_html import answers_html
from app.workflow.authority import CaseStep, Standing
from app.workflow.status import Status
from app.workflow.transitions import (
    TASK_ASSIGNERS, TASK_TRANSITIONS, TASKABLE, TaskAction, TaskStatus, task_actions,
)
from app.workflow.vocabulary import Role

PANEL_ACTIONS = (TaskAction.ANSWER, TaskAction.RETURN, TaskAction.WAIVE)   # 催办 lives on the 督办 page


class DeptTaskPanel(QWidget):
    changed = Signal()

    def __init__(self, services, actor: Actor, parent=None):
        super().__init__(parent)
        self.services, self.actor = services, actor
        self.detail: RequestDetail | None = None
        self.standing: Standing | None = None      # the case page sets it from CaseService.standing
        self.tasks: list[TaskView] = []
        self.model = DeptTaskTableModel(self, ("department", "kind", "brief", "due_on", "status", "handler",
                                                "urge_count", "answered_on"))
        self.table = QTableView(self)
        configure_table(self.table, self.model)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.answers = QTextBrowser(self)
        self.answers.setObjectName("taskAnswers")
        self.add_button = self._button("分派协办", self.add_task)
        self.edit_button = self._button("修改期限", self.edit_task)
        self.action_buttons = {a: self._button(a.value, lambda _=False, a=a: self.run(a)) for a in PANEL_ACTIONS}
        self.materials = MaterialListWidget(services.materials, actor, TASK, self)
        self.materials.changed.connect(self.changed)
        self.hint = QLabel(self)
        self.hint.setObjectName("hint")
        bar = QHBoxLayout()
        for b in (self.add_button, self.edit_button, *self.action_buttons.values()):
            bar.addWidget(b)
        bar.addStretch(1)
        bar.addWidget(self.hint)
        below = QSplitter(Qt.Horizontal, self)
        below.addWidget(self.answers)
        below.addWidget(self.materials)
        below.setSizes([760, 300])
        split = QSplitter(Qt.Vertical, self)
        split.addWidget(self.table)
        split.addWidget(below)
        split.setSizes([150, 260])
        outer = QVBoxLayout(self)
        outer.addLayout(bar)
        outer.addWidget(split, 1)

    def _button(self, text: str, slot) -> QPushButton:
        b = QPushButton(text, self)
        b.clicked.connect(slot)
        return b

    # -- showing ----------------------------------------------------------------------------
    def load(self, detail: RequestDetail) -> None:
        self.detail = detail
        selected = self.selected()
        self.tasks = self.services.tasks.tasks(self.actor, detail.id)
        self.model.set_tasks(self.tasks, self.services.queries.due_thresholds())
        self.answers.setHtml(answers_html(self.tasks))
        if selected is not None:
            self.select(selected.department)
        self._update_buttons()

    def selected(self) -> TaskView | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def select(self, department: str) -> bool:
        for i, t in enumerate(self.tasks):
            if t.department == department:
                self.table.selectRow(i)
                return True
        return False

    def _update_buttons(self) -> None:
        d, t = self.detail, self.selected()
        office = self.actor.role in TASK_ASSIGNERS and (self.standing is None
                                                         or self.standing.may(CaseStep.MANAGE_TASK))
        self.add_button.setVisible(office)
        self.add_button.setEnabled(d is not None and Status(d.status) in TASKABLE)
        self.edit_button.setVisible(office)
        self.edit_button.setEnabled(t is not None and not TaskStatus(t.status).settled)
        allowed = task_actions(TaskStatus(t.status), self.actor.role) if t is not None else []
        for action, b in self.action_buttons.items():
            mine = action is not TaskAction.ANSWER or self._my_department(t)
            b.setVisible(self.actor.role in _ROLES_OF[action])
            b.setEnabled(action in allowed and mine and d is not None and Status(d.status).is_open)
        may_add = t is not None and Status(d.status).is_open and self.actor.role is not Role.LEGAL and (
            office or self._my_department(t))
        self.materials.set_owner(t.id if t else None, t.materials if t else (), may_add)
        self.materials.title.setText(f"{t.department}的协办材料" if t else "协办材料（请先选择任务）")
        self.hint.setText("" if self.tasks else "尚未分派协办任务")

    def _my_department(self, t: TaskView | None) -> bool:
        if t is None:
            return False
        return self.actor.role is Role.ADMIN or self.actor.department_id == t.department_id \
            or self.actor.user_id == t.handler_id

    # -- actions ----------------------------------------------------------------------------
    def _ask(self, title: str, fields, submit, intro: str = "") -> None:
        try:
            result = FormDialog.ask(self, title, fields, submit, intro, None, self.services.queries.today())
        except DomainError as e:
            prompts.error(self, f"无法{title}", e.message)
            return
        if result is not None:
            self.changed.emit()

    def add_task(self) -> None:
        d = self.detail
        taken = {t.department_id for t in self.tasks}
        depts = tuple((f"{name}{'（主办）' if i == d.department_id else ''}", i)
                      for i, name in self.services.requests.departments() if i not in taken)

        def people(values: dict):
            dept = values.get("department_id")
            return (("（暂不指定）", None),) + tuple((n, i) for i, n in self.services.requests.handlers(dept)) \
                if dept is not None else (("（暂不指定）", None),)
        fields = (FormField("department_id", "处室", "choice", None, depts, required=True),
                  FormField("brief", "协查内容", "multiline", required=True,
                            placeholder="需要该处室核查或提供的信息、材料"),
                  FormField("due_on", "协办期限", "date", _default_due(d.deadline.draft_due,
                                                                   self.services.queries.today())),
                  FormField("handler_id", "协办人", "choice", None, people, "department_id"))
        intro = (f"协办期限默认为处室报送草稿期限（应答复日期前{self.services.settings.load().draft_lead_days}"
                 "个工作日），可以修改。全部协办任务答复或免除后，申请方可提交签批。")
        self._ask("分派协办", fields, lambda v: self.services.tasks.add_task(
            self.actor, d.id, v["department_id"], v["brief"], v["due_on"], v["handler_id"]), intro)

    def edit_task(self) -> None:
        t = self.selected()
        people = (("（暂不指定）", None),) + tuple((n, i) for i, n in self.services.requests.handlers(t.department_id))
        fields = (FormField("brief", "协查内容", "multiline", t.brief, required=True),
                  FormField("due_on", "协办期限", "date", t.due_on),
                  FormField("handler_id", "协办人", "choice", t.handler_id, people))
        self._ask("修改协办任务", fields, lambda v: self.services.tasks.edit_task(
            self.actor, t.id, t.version, v["brief"], v["due_on"], v["handler_id"]))

    def run(self, action: TaskAction) -> None:
        t = self.selected()
        if t is None:
            return
        tasks = self.services.tasks
        if action is TaskAction.ANSWER:
            exists = tuple((x, x) for x in INFO_EXISTS)
            fields = (FormField("findings", "查明情况", "multiline", t.findings, required=True),
                      FormField("info_exists", "信息是否存在", "choice", t.info_exists or INFO_EXISTS[0], exists,
                                required=True),
                      FormField("proposed_decision", "拟办意见", "choice", t.proposed_decision, DECISION_CHOICES))
            intro = f"{t.department}（{t.kind}）：{t.brief}"
            if t.note and t.status == TaskStatus.RETURNED:
                intro += f"\n退回补充的要求：{t.note}"
            self._ask("答复协办", fields, lambda v: tasks.answer(
                self.actor, t.id, t.version, v["findings"], v["info_exists"], v["proposed_decision"]), intro)
        else:
            verb = "退回补充" if action is TaskAction.RETURN else "免除协办"
            fields = (FormField("reason", "理由", "multiline", required=True),)
            call = tasks.return_task if action is TaskAction.RETURN else tasks.waive
            self._ask(verb, fields, lambda v: call(self.actor, t.id, t.version, v["reason"]),
                      f"{t.department}（{t.kind}）：{t.brief}")


# Who ever sees a button: the roles the task table allows the action to at all.
_ROLES_OF = {a: frozenset(r for rule in TASK_TRANSITIONS if rule.action is a for r in rule.roles)
             for a in PANEL_ACTIONS}


def _default_due(draft_due, today):
    """The department's draft due, or today when it has passed (a task is never due before it is given)."""
    return max(draft_due, today) if draft_due else today
