"""首次使用: create the administrator on a database that has no users yet."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout

from app.errors import DomainError, ValidationError
from app.ui import prompts
from app.workflow.vocabulary import Role


class FirstRunDialog(QDialog):
    def __init__(self, office, parent=None):
        super().__init__(parent)
        self.setWindowTitle("首次使用 - 创建管理员")
        self.setMinimumWidth(420)
        self._office = office
        self.created = None
        intro = QLabel("欢迎使用依申请公开办理系统。请先创建系统管理员账号，"
                       "之后可在“管理”中添加登记员、承办人和科室负责人。", self)
        intro.setObjectName("dialogIntro")
        intro.setWordWrap(True)
        self.username = QLineEdit("admin", self)
        self.display_name = QLineEdit(self)
        self.display_name.setPlaceholderText("如：张三")
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.Password)
        self.password.setPlaceholderText("至少6位")
        self.repeat = QLineEdit(self)
        self.repeat.setEchoMode(QLineEdit.Password)
        self.error = QLabel(self)
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        self.error.hide()
        form = QFormLayout()
        form.addRow("用户名：", self.username)
        form.addRow("姓名：", self.display_name)
        form.addRow("密码：", self.password)
        form.addRow("确认密码：", self.repeat)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        buttons.button(QDialogButtonBox.Ok).setText("创建")
        buttons.button(QDialogButtonBox.Cancel).setText("退出")
        buttons.accepted.connect(self.create)
        buttons.rejected.connect(self.reject)
        outer = QVBoxLayout(self)
        outer.addWidget(intro)
        outer.addLayout(form)
        outer.addWidget(self.error)
        outer.addWidget(buttons)
        self.display_name.setFocus()

    def create(self):
        try:
            if self.password.text() != self.repeat.text():
                raise ValidationError("两次输入的密码不一致，请重新输入。", "password")
            self.created = self._office.create_user(None, self.username.text(), self.display_name.text(),
                                                    Role.ADMIN, self.password.text())
        except DomainError as e:
            self.error.setText(e.message)
            self.error.show()
            return None
        self.accept()
        return self.created

    @classmethod
    def ask(cls, office, parent=None):
        """Create the administrator; returns the new user (UserView) or None when the user quits.
        Tests answer kind 'first_run' with fn() -> (username, display name, password)."""
        canned = prompts.canned("first_run")
        if canned is not None:
            answer = canned()
            return office.create_user(None, answer[0], answer[1], Role.ADMIN, answer[2]) if answer else None
        dialog = cls(office, parent)
        return dialog.created if dialog.exec() == QDialog.Accepted else None
