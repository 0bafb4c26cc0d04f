"""登录: user name and password; the service checks them (off the UI thread) and returns the Actor."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout

from app.errors import DomainError
from app.services.dto import Actor
from app.ui.common import prompts
from app.ui.common.tasks import run_task
from app.ui.common.error_line import error_label


class LoginDialog(QDialog):
    """The check runs on a worker thread: the password hash takes a few tenths of a second, and after
    repeated failures the service waits up to 30 s before answering; the dialog stays responsive and
    says it is checking."""

    checked = Signal(bool)       # the answer came back: logged in or not

    def __init__(self, office, parent=None, username: str = ""):
        super().__init__(parent)
        self.setWindowTitle("登录 - 依申请公开办理系统")
        self.setMinimumWidth(360)
        self._office = office
        self.actor: Actor | None = None
        self.username = QLineEdit(username, self)
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.Password)
        self.error = error_label(self)         # keeps its line: showing it moves no button
        title = QLabel("依申请公开办理系统", self)
        title.setObjectName("pageTitle")
        form = QFormLayout()
        form.addRow("用户名：", self.username)
        form.addRow("密码：", self.password)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        buttons.button(QDialogButtonBox.Ok).setText("登录")
        buttons.button(QDialogButtonBox.Cancel).setText("退出")
        self.buttons = buttons
        self.busy = False
        buttons.accepted.connect(self.try_login)
        buttons.rejected.connect(self.reject)
        outer = QVBoxLayout(self)
        outer.addWidget(title)
        outer.addLayout(form)
        outer.addWidget(self.error)
        outer.addWidget(buttons)
        (self.password if username else self.username).setFocus()

    def try_login(self) -> None:
        """Check the name and password off the UI thread; accept when they are right."""
        if self.busy:
            return
        self._set_busy(True)
        run_task(self._office.login, self.username.text(), self.password.text(),
                 on_done=self._logged_in, on_error=lambda e, _tb: self._refused(e))

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        for w in (self.username, self.password, self.buttons.button(QDialogButtonBox.Ok)):
            w.setEnabled(not busy)
        if busy:
            self.error.setStyleSheet("color: #555;")
            self.error.setText("正在验证…")
            self.error.show()

    def _logged_in(self, actor: Actor) -> None:
        self._set_busy(False)
        self.actor = actor
        self.error.hide()
        self.checked.emit(True)
        self.accept()

    def _refused(self, e: Exception) -> None:
        self._set_busy(False)
        self.error.setStyleSheet("")
        self.error.setText(e.message if isinstance(e, DomainError) else f"登录时出现意外错误：{e}")
        self.error.show()
        self.password.selectAll()
        self.password.setFocus()
        self.checked.emit(False)

    def reject(self) -> None:
        if not self.busy:            # 退出 waits for the answer being checked (it is audited either way)
            super().reject()

    @classmethod
    def ask(cls, office, parent=None, username: str = "") -> Actor | None:
        """Log in; None when the user quits. Tests answer kind 'login' with fn() -> (user, password)."""
        canned = prompts.canned("login")
        if canned is not None:
            answer = canned()
            return office.login(*answer) if answer else None
        dialog = cls(office, parent, username)
        return dialog.actor if dialog.exec() == QDialog.Accepted else None
