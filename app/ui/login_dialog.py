"""登录: user name and password; the service checks them and returns the Actor."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout

from app.errors import DomainError
from app.services.dto import Actor
from app.ui import prompts


class LoginDialog(QDialog):
    def __init__(self, office, parent=None, username: str = ""):
        super().__init__(parent)
        self.setWindowTitle("登录 - 依申请公开办理系统")
        self.setMinimumWidth(360)
        self._office = office
        self.actor: Actor | None = None
        self.username = QLineEdit(username, self)
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.Password)
        self.error = QLabel(self)
        self.error.setObjectName("fieldError")
        self.error.hide()
        title = QLabel("依申请公开办理系统", self)
        title.setObjectName("pageTitle")
        form = QFormLayout()
        form.addRow("用户名：", self.username)
        form.addRow("密码：", self.password)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        buttons.button(QDialogButtonBox.Ok).setText("登录")
        buttons.button(QDialogButtonBox.Cancel).setText("退出")
        buttons.accepted.connect(self.try_login)
        buttons.rejected.connect(self.reject)
        outer = QVBoxLayout(self)
        outer.addWidget(title)
        outer.addLayout(form)
        outer.addWidget(self.error)
        outer.addWidget(buttons)
        (self.password if username else self.username).setFocus()

    def try_login(self) -> Actor | None:
        try:
            self.actor = self._office.login(self.username.text(), self.password.text())
        except DomainError as e:
            self.error.setText(e.message)
            self.error.show()
            self.password.selectAll()
            self.password.setFocus()
            return None
        self.accept()
        return self.actor

    @classmethod
    def ask(cls, office, parent=None, username: str = "") -> Actor | None:
        """Log in; None when the user quits. Tests answer kind 'login' with fn() -> (user, password)."""
        canned = prompts.canned("login")
        if canned is not None:
            answer = canned()
            return office.login(*answer) if answer else None
        dialog = cls(office, parent, username)
        return dialog.actor if dialog.exec() == QDialog.Accepted else None
