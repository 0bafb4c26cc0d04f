"""One case: every field, the timeline, the deadline explanation, attachments, and its actions."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QHBoxLayout, QLabel, QPushButton, QTableView, QTabWidget, QTextBrowser,
    QVBoxLayout, QWidget,
)

from app.errors import ConflictError, DomainError
from app.services.dto import Actor, RequestDetail
from app.ui.common import prompts
from app.ui.cases.attachments_panel import AttachmentsPanel
from app.ui.cases.case_actions import FORMS, ActionContext
from app.ui.cases.case_fact_forms import FACT_ACTIONS, REPLY_FACTS_LABEL, FactAction
from app.ui.cases.deliberation_panel import DeliberationPanel
from app.ui.cases.dept_task_panel import DeptTaskPanel
from app.ui.cases.detail_html import deadline_panel_html, info_html
from app.ui.cases.documents import deadline_html
from app.ui.cases.edit_request_dialog import EditRequestDialog
from app.ui.cases.event_table_model import EventTableModel
from app.ui.common.flow_layout import FlowLayout
from app.ui.common.form_dialog import FormDialog
from app.ui.letter.letters import open_letter_dialog, open_receipt
from app.ui.common.printing import print_html
from app.ui.common.style import repolish
from app.workflow.authority import CaseStep, Standing
from app.workflow.deadline import ClockState
from app.workflow.status import Status
from app.workflow.transitions import Action, available_actions
from app.workflow.vocabulary import Role

_OFFICE = (Role.CLERK, Role.ADMIN)
_LIBRARY_MARKERS = (Role.CLERK, Role.CHIEF, Role.ADMIN)     # who keeps the 案例库 (the service checks too)


class RequestDetailView(QWidget):
    back_requested = Signal()

    def __init__(self, services, actor: Actor, hub, parent=None):
        super().__init__(parent)
        self.services, self.actor, self.hub = services, actor, hub
        self.detail: RequestDetail | None = None
        self.standing: Standing | None = None
        self.action_buttons: dict[Action, QPushButton] = {}
        self.fact_buttons: dict[str, QPushButton] = {}
        self.attachments = AttachmentsPanel(services.attachments, actor, self)
        self.attachments.changed.connect(self.reload)
        self.task_panel = DeptTaskPanel(services, actor, self)
        self.task_panel.changed.connect(self._tasks_changed)
        self.deliberation_panel = DeliberationPanel(services, actor, self)
        self.deliberation_panel.changed.connect(self._tasks_changed)
        self._build()

    # -- building ---------------------------------------------------------------------------
    def _build(self) -> None:
        self.number = QLabel(self)
        self.number.setObjectName("detailNumber")
        self.status_badge = QLabel(self)
        self.status_badge.setObjectName("statusBadge")
        self.due_badge = QLabel(self)
        self.due_badge.setObjectName("dueBadge")
        self.applicant = QLabel(self)
        back = QPushButton("← 返回列表", self)
        back.setShortcut("Alt+Left")
        back.clicked.connect(self.back_requested.emit)
        refresh = QPushButton("刷新 (F5)", self)
        refresh.clicked.connect(self.reload)
        head = QHBoxLayout()
        for w in (self.number, self.status_badge, self.due_badge, self.applicant):
            head.addWidget(w)
        head.addStretch(1)
        head.addWidget(refresh)
        head.addWidget(back)
        self.action_bar = FlowLayout()
        self.info = QTextBrowser(self)
        self.events = EventTableModel(self)
        self.timeline = self._timeline_table()
        self.deadline = QTextBrowser(self)
        print_deadline = QPushButton("打印期限计算说明", self)
        print_deadline.clicked.connect(self.print_deadline)
        deadline_tab = QWidget(self)
        box = QVBoxLayout(deadline_tab)
        box.addWidget(self.deadline, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(print_deadline)
        box.addLayout(row)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.info, "申请信息")
        self.tabs.addTab(self.timeline, "办理过程")
        self.tabs.addTab(deadline_tab, "期限计算")
        self.tabs.addTab(self.task_panel, "协办")
        self.tabs.addTab(self.deliberation_panel, "会商")
        self.tabs.addTab(self.attachments, "附件")
        outer = QVBoxLayout(self)
        outer.addLayout(head)
        outer.addLayout(self.action_bar)
        outer.addWidget(self.tabs, 1)

    def _timeline_table(self) -> QTableView:
        t = QTableView(self)
        t.setModel(self.events)
        t.setSelectionBehavior(QAbstractItemView.SelectRows)
        t.setAlternatingRowColors(True)
        t.verticalHeader().hide()
        t.horizontalHeader().setStretchLastSection(True)
        for i, col in enumerate(self.events.COLUMNS):
            t.setColumnWidth(i, col.width)
        return t

    # -- showing a case ---------------------------------------------------------------------
    def open(self, request_id: int) -> None:
        try:
            self.show_detail(self.services.requests.detail(request_id))
        except DomainError as e:
            prompts.error(self, "无法打开申请", e.message)

    def reload(self) -> None:
        if self.detail is not None:
            self.open(self.detail.id)

    def show_detail(self, d: RequestDetail) -> None:
        self.detail = d
        self.number.setText(d.number)
        self.status_badge.setText(d.status)
        due = d.deadline.reply_due
        state = d.deadline.state
        text = f"应答复：{due.isoformat()}{d.deadline.mark(due)}" if due else str(state)
        if due and state not in (ClockState.RUNNING,) and Status(d.status).is_open:
            text = f"{state} · {text}"       # e.g. 暂停计时（征求意见中） · 应答复：… (moves while paused)
        self.due_badge.setText(text + ("（已逾期）" if d.urgency == "逾期" else ""))
        self.due_badge.setProperty("level", d.urgency)
        self.due_badge.setToolTip({"逾期": "已逾期", "紧急": "即将到期", "临近": "临近到期"}.get(d.urgency, ""))
        repolish(self.due_badge)
        self.applicant.setText(f"{d.applicant_name}（{d.applicant_type}）")
        names = {"system": "系统", "cli": "命令行"}
        names.update({u.username: u.display_name for u in self.services.office.users()})
        self.info.setHtml(info_html(d, names))
        self.events.set_rows([replace(e, actor=names.get(e.actor, e.actor)) for e in d.events])
        self.deadline.setHtml(deadline_panel_html(d))
        self.attachments.load(d.id)
        self.standing = self.services.cases.standing(self.actor, d.id)    # what the service allows here
        self.attachments.set_access(self.standing.may(CaseStep.ADD_ATTACHMENT),
                                    self.standing.may(CaseStep.OPEN_ATTACHMENT))
        self.task_panel.standing = self.standing
        self.task_panel.load(d)
        self.deliberation_panel.load(d)
        self.tabs.setTabText(self.tabs.indexOf(self.deliberation_panel),
                             f"会商（{len(self.deliberation_panel.records)}）" if self.deliberation_panel.records else "会商")
        self.tabs.setTabText(self.tabs.indexOf(self.task_panel),
                             f"协办（{len(self.task_panel.tasks)}）" if self.task_panel.tasks else "协办")
        self._build_actions(d)

    def _build_actions(self, d: RequestDetail) -> None:
        while self.action_bar.count():
            item = self.action_bar.takeAt(0)
            if item.widget():
                item.widget().hide()          # gone now, not only after the deferred delete
                item.widget().deleteLater()
        self.action_buttons = {}
        self.edit_button: QPushButton | None = None
        for action in available_actions(Status(d.status), self.actor.role):
            if not self.standing.may(action):
                continue
            b = self._button(action.value, lambda _=False, a=action: self.run_action(a))
            b.setProperty("primary", action not in (Action.WITHDRAW, Action.UNLOCK, Action.RETURN,
                                                   Action.LEGAL_RETURN))
            self.action_buttons[action] = b
        self.fact_buttons: dict[str, QPushButton] = {}
        for fact in FACT_ACTIONS:
            if fact.applies(d, self.actor.role) and self.standing.may(fact.step):
                self.fact_buttons[fact.label] = self._button(fact.label, lambda _=False, f=fact: self.run_fact(f))
        if self.actor.role in _OFFICE and d.status != Status.ARCHIVED:
            self.edit_button = self._button("修改登记信息", self.edit)
        self.reveal_button = None
        if (d.id_number or d.phone) and self.standing.may(CaseStep.VIEW_CONTACT):
            self.reveal_button = self._button("查看完整信息", self.reveal_contact)
            self.reveal_button.setToolTip("显示完整的证件号码和联系电话；每次查看都记入审计记录")
        # letters carry the applicant's name and address: for those who may see them (not a 协办 department)
        sees_applicant = self.standing.may(CaseStep.VIEW_CONTACT)
        if sees_applicant:
            self._button("打印受理回执", self.print_receipt)
        self.library_button = None
        if d.outcome and d.reply_date and self.actor.role in _LIBRARY_MARKERS:
            self.library_button = self._button("标记典型案例…", self.mark_library_case)
            self.library_button.setToolTip("匿名化后加入案例库（保存前逐项核对）")
        self.letter_button = None
        if sees_applicant:
            self.letter_button = self._button("生成文书", self.open_letters)
            if not self.letter_button.isEnabled():
                self.letter_button.setToolTip("文书模块尚未安装")

    def _button(self, text: str, slot) -> QPushButton:
        b = QPushButton(text, self)
        b.clicked.connect(slot)
        self.action_bar.addWidget(b)
        return b

    # -- actions ----------------------------------------------------------------------------
    def run_action(self, action: Action) -> RequestDetail | None:
        """Ask what the action needs and call the service; conflicts reload, never overwrite."""
        if self.detail is None:
            return None
        return self._run_form(FORMS[action](self._context()))

    def run_fact(self, fact: FactAction) -> RequestDetail | None:
        """A fact a letter needs (送达, a party's receipt, the reply's facts …), not a workflow step."""
        if self.detail is None:
            return None
        return self._run_form(fact.form(self._context()))

    def _context(self) -> ActionContext:
        return ActionContext(self.services, self.actor, self.detail, self.services.queries.today())

    def _run_form(self, form) -> RequestDetail | None:
        try:
            if form.confirm_only:
                result = form.submit({}) if prompts.confirm(self, form.title, form.intro) else None
            else:
                result = FormDialog.ask(self, form.title, form.fields, form.submit, form.intro,
                                        form.preview, self.services.queries.today())
        except DomainError as e:
            self._failed(form.title, e)
            return None
        if result is not None:
            self._changed(result)
        return result

    def edit(self) -> RequestDetail | None:
        try:
            result = EditRequestDialog.ask(self, self.services, self.actor, self.detail)
        except DomainError as e:
            self._failed("修改登记信息", e)
            return None
        if result is not None:
            self._changed(result)
        return result

    def _changed(self, d: RequestDetail) -> None:
        self.show_detail(d)
        self.hub.changed(d.id)

    def _tasks_changed(self) -> None:
        self.reload()
        if self.detail is not None:
            self.hub.changed(self.detail.id)

    def _failed(self, title: str, e: DomainError) -> None:
        if isinstance(e, ConflictError):
            prompts.warn(self, "申请已被他人修改", f"{e.message}\n\n已重新载入最新内容，请核对后再操作。")
            self.reload()
            self.hub.changed(self.detail.id)
        else:
            prompts.error(self, f"无法{title}", e.message)

    def reveal_contact(self) -> bool:
        """查看完整信息: the full 证件号码 and 联系电话, fetched (and audited) only when asked."""
        if self.detail is None:
            return False
        try:
            c = self.services.requests.contact(self.actor, self.detail.id)
        except DomainError as e:
            self._failed("查看完整信息", e)
            return False
        prompts.info(self, "查看完整信息", f"申请人：{self.detail.applicant_name}\n证件号码：{c.id_number or '（未填写）'}\n"
                                       f"联系电话：{c.phone or '（未填写）'}\n\n本次查看已记入审计记录。")
        self.reload()
        return True

    def print_receipt(self):
        result = open_receipt(self, self.services, self.actor, self.detail.id,
                              can_sign=self.standing.may(CaseStep.SIGN_LETTER),
                              can_issue=self.standing.may(CaseStep.ISSUE_NOTICE))
        self.reload()
        return result

    def print_deadline(self) -> bool:
        if self.detail is None:
            return False
        agency = self.services.settings.load().agency_name
        return print_html(self, f"期限计算说明 {self.detail.number}", deadline_html(agency, self.detail))

    def mark_library_case(self) -> bool:
        """标记典型案例: the anonymised copy, reviewed in the dialog, saved to the 案例库."""
        from app.ui.library.library_draft_dialog import LibraryDraftDialog

        if self.detail is None:
            return False
        try:
            entry = LibraryDraftDialog.ask(self, self.services.library, self.actor, self.detail.number)
        except DomainError as e:
            self._failed("标记典型案例", e)
            return False
        if entry is None:
            return False
        prompts.info(self, "已加入案例库", f"“{entry.title}”已加入案例库（仅保存匿名化副本）。")
        self.reload()
        return True

    def open_letters(self) -> None:
        if self.detail is not None:
            fix = self.fix_reply_fact if self.standing.may(CaseStep.REPLY_FACTS) else None
            open_letter_dialog(self, self.services, self.actor, self.detail.id,
                               can_sign=self.standing.may(CaseStep.SIGN_LETTER), fix=fix,
                               can_issue=self.standing.may(CaseStep.ISSUE_DRAFT)
                               or self.standing.may(CaseStep.ISSUE_NOTICE))
            self.reload()

    def fix_reply_fact(self, field: str) -> bool:
        """A letter refused for a missing reply fact: open “答复要素” at that field (from 生成文书)."""
        self.reload()
        fact = next(f for f in FACT_ACTIONS if f.label == REPLY_FACTS_LABEL)
        form = fact.form(self._context())
        label = next((f.label for f in form.fields if f.key == field), "")
        if label:
            form = replace(form, intro=f"生成文书需要“{label}”，请在此填写。\n{form.intro}")
        return self._run_form(form) is not None
