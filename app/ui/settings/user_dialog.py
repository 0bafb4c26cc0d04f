"""Create or edit one user: name, role, department, enabled, and a new password (never shown)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout,
)

from app.errors import DomainError, ValidationError
from app.services.trust.office_service import DepartmentView, UserView
from app.ui.settings.settings_field_errors import ERROR_STYLE, FieldErrors
from app.workflow.vocabulary import Role


@dataclass(frozen=True)
class UserForm:
    username: str
    display_name: str
    role: Role
    department_id: int | None
    active: bool
    password: str   # empty when editing = keep the old password


class UserDialog(QDialog):
    """On OK calls ``submit(form)``; a ValidationError stays in the dialog, at its field."""

    def __init__(self, departments: list[DepartmentView], user: UserView | None,
                 submit: Callable[[UserForm], object], parent=None):
        super().__init__(parent)
        self._user, self._submit = user, submit
        self.setWindowTitle("修改用户" if user else "新增用户")
        self.errors = FieldErrors()
        self.username = QLineEdit(user.username if user else "")
        self.username.setReadOnly(user is not None)
        self.display_name = QLineEdit(user.display_name if user else "")
        self.role = QComboBox()
        for r in Role:
            self.role.addItem(r.value, r)
        self.role.setCurrentIndex(self.role.findData(Role(user.role)) if user else 0)
        self.department = QComboBox()
        self.department.addItem("（不属于处室）", None)
        for d in departments:
            if d.active or (user and user.department_id == d.id):
                self.department.addItem(d.name if d.active else f"{d.name}（已停用）", d.id)
        if user and user.department_id:
            self.department.setCurrentIndex(max(0, self.department.findData(user.department_id)))
        self.active = QCheckBox("启用（可以登录）")
        self.active.setChecked(user.active if user else True)
        self.active.setVisible(user is not None)   # a new user always starts enabled
        self.password = QLineEdit()
        self.confirm = QLineEdit()
        for w in (self.password, self.confirm):
            w.setEchoMode(QLineEdit.Password)
            w.setPlaceholderText("留空则不修改密码" if user else "至少6位")
        self.general = QLabel()
        self.general.setStyleSheet(ERROR_STYLE)
        self.general.setWordWrap(True)
        self._layout()

    def _layout(self) -> None:
        form = QFormLayout()
        form.addRow("用户名", self.errors.wrap("username", self.username))
        form.addRow("姓名", self.errors.wrap("display_name", self.display_name))
        form.addRow("角色", self.role)
        form.addRow("所属处室", self.department)
        form.addRow("", self.active)
        form.addRow("新密码" if self._user else "密码", self.errors.wrap("password", self.password))
        form.addRow("再次输入密码", self.confirm)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Ok).setText("保存")
        buttons.button(QDialogButtonBox.Cancel).setText("取消")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.general)
        lay.addWidget(buttons)

    def form(self) -> UserForm:
        return UserForm(self.username.text().strip(), self.display_name.text().strip(),
                        self.role.currentData(), self.department.currentData(),
                        self.active.isChecked(), self.password.text())

    def accept(self) -> None:
        self.general.clear()
        if self.password.text() != self.confirm.text():
            self.errors.show(ValidationError("两次输入的密码不一致，请重新输入。", "password"))
            return
        try:
            self._submit(self.form())
        except ValidationError as e:
            if not self.errors.show(e):
                self.general.setText(e.message)
            return
        except DomainError as e:
            self.errors.clear()
            self.general.setText(e.message)
            return
        super().accept()

    @classmethod
    def ask(cls, parent, departments: list[DepartmentView], user: UserView | None,
            submit: Callable[[UserForm], object]) -> bool:
        """True when the user was saved through ``submit``."""
        dlg = cls(departments, user, submit, parent)
        return dlg.exec() == QDialog.Accepted
