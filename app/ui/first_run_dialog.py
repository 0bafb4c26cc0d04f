"""首次使用: the office's names for its letters, and the administrator, on a database with no users yet."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QFormLayout, QGroupBox, QLabel, QLineEdit, QVBoxLayout,
)

from app.errors import DomainError, ValidationError
from app.services.settings_service import OfficeSettings
from app.ui.common import prompts
from app.ui.common.error_line import error_label
from app.workflow.vocabulary import Role


# (setting, label, example shown as the placeholder): what every letter names the office by
AGENCY_FIELDS = (("agency_name", "机关名称", "如：临江市自然资源和规划局（文书落款）"),
                 ("agency_short", "机关简称", "如：临自然资规（用于文号）"),
                 ("review_body", "复议机关", "如：临江市人民政府（答复书救济条款）"),
                 ("court", "人民法院", "如：临江市江北区人民法院（答复书救济条款）"))


class FirstRunDialog(QDialog):
    def __init__(self, office, parent=None, settings=None):
        super().__init__(parent)
        self.setWindowTitle("首次使用 - 本机关信息与管理员")
        self.setMinimumWidth(460)
        self._office, self._settings = office, settings
        self.created = None
        self.agency: dict[str, QLineEdit] = {}
        intro = QLabel("欢迎使用依申请公开办理系统。请填写本机关信息（印在寄给申请人的文书上），"
                       "再创建系统管理员账号；之后可在“管理”中修改，并添加登记员、承办人和科室负责人。", self)
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
        self.error = error_label(self)         # keeps its line: showing it moves no button
        agency_box = QGroupBox("本机关信息", self)
        agency_form = QFormLayout(agency_box)
        for key, label, example in AGENCY_FIELDS:
            edit = QLineEdit(self)
            edit.setPlaceholderText(example)
            self.agency[key] = edit
            agency_form.addRow(f"{label}*：", edit)
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
        if settings is not None:
            outer.addWidget(agency_box)
        else:
            agency_box.hide()
        outer.addLayout(form)
        outer.addWidget(self.error)
        outer.addWidget(buttons)
        (self.agency["agency_name"] if settings is not None else self.display_name).setFocus()

    def agency_values(self) -> dict[str, str]:
        """The names typed; refused while one is empty or still an example (某某)."""
        values = {key: self.agency[key].text().strip() for key, _l, _e in AGENCY_FIELDS}
        for key, label, _example in AGENCY_FIELDS:
            if not values[key] or "某某" in values[key] or values[key] == getattr(OfficeSettings(), key):
                raise ValidationError(f"请填写本机关的{label}（不能为空，也不能是“某某”这样的示例）。", key)
        return values

    def create(self):
        try:
            values = self.agency_values() if self._settings is not None else {}
            if self.password.text() != self.repeat.text():
                raise ValidationError("两次输入的密码不一致，请重新输入。", "password")
            self.created = self._office.create_user(None, self.username.text(), self.display_name.text(),
                                                    Role.ADMIN, self.password.text())
            if values:
                save_agency(self._office, self._settings, self.created.username, self.password.text(), values)
        except DomainError as e:
            self.error.setText(e.message)
            self.error.show()
            return None
        self.accept()
        return self.created

    @classmethod
    def ask(cls, office, parent=None, settings=None):
        """The office's names (with the settings service) and the administrator; the new user
        (UserView) or None when the user quits. Tests answer kind 'first_run' with
        fn() -> (username, display name, password)."""
        canned = prompts.canned("first_run")
        if canned is not None:
            answer = canned()
            return office.create_user(None, answer[0], answer[1], Role.ADMIN, answer[2]) if answer else None
        dialog = cls(office, parent, settings)
        return dialog.created if dialog.exec() == QDialog.Accepted else None


def save_agency(office, settings, username: str, password: str, values: dict[str, str]) -> None:
    """Saved as the new administrator (a real log-in), so the change is audited under their name."""
    admin = office.login(username, password)
    settings.save(admin, replace(settings.load(), **values))
