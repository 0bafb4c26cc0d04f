"""The users list (用户名, 姓名, 角色, 处室, 状态); passwords are never part of it."""

from __future__ import annotations

from dataclasses import dataclass

from app.services.trust.office_service import DepartmentView, UserView
from app.ui.common.data_table_model import CENTER, Column, RowTableModel


@dataclass(frozen=True)
class UserRow:
    user: UserView
    department: str


class UserTableModel(RowTableModel):
    COLUMNS = (
        Column("用户名", lambda r: r.user.username, width=120),
        Column("姓名", lambda r: r.user.display_name, width=110),
        Column("角色", lambda r: r.user.role, CENTER, width=100),
        Column("处室", lambda r: r.department, width=160, stretch=True),
        Column("状态", lambda r: "启用" if r.user.active else "已停用", CENTER, width=70),
    )

    def set_users(self, users: list[UserView], departments: list[DepartmentView]) -> None:
        names = {d.id: d.name for d in departments}
        self.set_rows([UserRow(u, names.get(u.department_id, "") if u.department_id else "")
                       for u in users])
