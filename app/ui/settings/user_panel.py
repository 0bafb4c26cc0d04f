"""The users and roles list; an administrator adds users, edits them and resets passwords."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QTableView, QVBoxLayout, QWidget

from app.services.dto import Actor
from app.services.trust.office_service import OfficeService, UserView
from app.ui.common import prompts
from app.ui.common.data_table_model import configure_table
from app.ui.settings.user_dialog import UserDialog, UserForm
from app.ui.settings.user_table_model import UserTableModel


class UserPanel(QWidget):
    def __init__(self, office: OfficeService, actor: Actor, parent=None):
        super().__init__(parent)
        self._office, self._actor = office, actor
        self.model = UserTableModel(parent=self)
        self.table = QTableView()
        configure_table(self.table, self.model)
        self.table.setMaximumWidth(820)
        self.table.doubleClicked.connect(lambda _i: self.edit())
        self.add_button = QPushButton("新增用户…")
        self.edit_button = QPushButton("修改/重置密码…")
        self.add_button.clicked.connect(self.add)
        self.edit_button.clicked.connect(self.edit)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.edit_button)
        buttons.addStretch(1)
        lay = QVBoxLayout(self)
        lay.addLayout(buttons)
        lay.addWidget(self.table)
        self.reload()

    def reload(self) -> None:
        self._departments = self._office.departments(include_inactive=True)
        self.model.set_users(self._office.users(), self._departments)

    def selected(self) -> UserView | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()).user if rows else None

    def add(self) -> None:
        if UserDialog.ask(self, self._departments, None, self._create):
            self.reload()

    def edit(self) -> None:
        user = self.selected()
        if user is None:
            prompts.info(self, "修改用户", "请先在列表中选择一个用户。")
            return
        if UserDialog.ask(self, self._departments, user, lambda f: self._update(user.id, f)):
            self.reload()

    def _create(self, f: UserForm) -> UserView:
        return self._office.create_user(self._actor, f.username, f.display_name, f.role, f.password,
                                        f.department_id)

    def _update(self, user_id: int, f: UserForm) -> UserView:
        return self._office.update_user(self._actor, user_id, f.display_name, f.role, f.department_id,
                                        f.active, f.password)
