"""管理: office settings, departments, users and roles, the holiday calendar (administrators edit)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QScrollArea, QTabWidget, QVBoxLayout, QWidget

from app.services.container import Services
from app.services.dto import Actor
from app.ui.settings.audit_check_panel import AuditCheckPanel
from app.ui.settings.calendar_editor import CalendarEditor
from app.ui.settings.settings_departments import DepartmentPanel
from app.ui.settings.settings_office_form import OfficeSettingsForm
from app.ui.settings.settings_online import OnlineSettingsForm
from app.ui.settings.settings_workflow import WorkflowSettingsForm
from app.ui.settings.user_panel import UserPanel
from app.workflow.vocabulary import Role

READ_ONLY_NOTE = "只有管理员可以修改以下设置，您可以查看当前内容。"


class SettingsView(QWidget):
    """The main window mounts this page; others learn of changes through the two signals."""

    settings_changed = Signal()   # office settings saved (thresholds, 文号 pattern, names …)
    requests_changed = Signal()   # a calendar change recomputed open cases' due dates

    def __init__(self, services: Services, actor: Actor, parent=None):
        super().__init__(parent)
        self.is_admin = actor.role is Role.ADMIN
        self.office_form = OfficeSettingsForm(services.settings, actor, self.is_admin)
        self.departments = DepartmentPanel(services.office, actor, self.is_admin)
        self.users: UserPanel | None = UserPanel(services.office, actor) if self.is_admin else None
        self.calendar_editor = CalendarEditor(services.calendar, actor, self.is_admin)
        self.workflow_form = WorkflowSettingsForm(services.settings, actor, self.is_admin)
        self.online_form = OnlineSettingsForm(services.settings, actor, self.is_admin)
        self.office_form.saved.connect(lambda _s: self.settings_changed.emit())
        self.office_form.saved.connect(lambda _s: self.workflow_form.load())
        self.workflow_form.saved.connect(lambda _s: self.office_form.load())
        self.workflow_form.saved.connect(lambda _s: self.settings_changed.emit())
        self.calendar_editor.saved.connect(self._calendar_saved)
        if self.users is not None:
            self.departments.changed.connect(self.users.reload)

        self.tabs = QTabWidget()
        self.tabs.addTab(_scrolling(self.office_form), "机关与期限")
        self.tabs.addTab(self.workflow_form, "流程")
        self.tabs.addTab(self.online_form, "网上申请")
        self.tabs.addTab(self.departments, "承办处室")
        if self.users is not None:
            self.tabs.addTab(self.users, "用户与角色")
        self.tabs.addTab(self.calendar_editor, "节假日安排")
        self.audit_check = AuditCheckPanel(services.audit)
        self.tabs.addTab(self.audit_check, "审计核验")
        lay = QVBoxLayout(self)
        if not self.is_admin:
            note = QLabel(READ_ONLY_NOTE)
            note.setObjectName("read_only_note")
            lay.addWidget(note)
        lay.addWidget(self.tabs)

    def _calendar_saved(self, result) -> None:
        if result.changed:
            self.requests_changed.emit()

    def unsaved_changes(self) -> str | None:
        """What would be lost: edited office or workflow settings, an edited year of the calendar."""
        parts = [label for form, label in ((self.office_form, "机关与期限设置"), (self.workflow_form, "流程设置"),
                                           (self.online_form, "网上申请设置"), (self.calendar_editor, "节假日安排")) if form.has_changes()]
        return "、".join(parts) or None

    def save(self) -> None:
        for form in (self.office_form, self.workflow_form, self.online_form, self.calendar_editor):
            if form.has_changes():
                form.save()

    def discard_changes(self) -> None:
        self.reload()

    def reload(self) -> None:
        """Re-read everything (after a restore or an import elsewhere)."""
        self.office_form.load()
        self.workflow_form.load()
        self.online_form.load()
        self.departments.reload()
        if self.users is not None:
            self.users.reload()
        self.calendar_editor.load_year(self.calendar_editor.year.value())


def _scrolling(widget: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidget(widget)
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.NoFrame)
    return area
