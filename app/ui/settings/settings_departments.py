"""The departments (承办处室) list: add, rename, switch on/off — administrators only."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QTableView, QVBoxLayout, QWidget

from app.errors import DomainError
from app.services.dto import Actor
from app.services.trust.office_service import DepartmentView, OfficeService
from app.ui.common import prompts
from app.ui.common.data_table_model import CENTER, Column, RowTableModel, configure_table


class DepartmentTableModel(RowTableModel):
    COLUMNS = (
        Column("处室名称", lambda d: d.name, width=260, stretch=True),
        Column("状态", lambda d: "启用" if d.active else "已停用", CENTER, width=80),
    )


class DepartmentPanel(QWidget):
    changed = Signal()

    def __init__(self, office: OfficeService, actor: Actor, editable: bool, parent=None):
        super().__init__(parent)
        self._office, self._actor = office, actor
        self.model = DepartmentTableModel(parent=self)
        self.table = QTableView()
        configure_table(self.table, self.model)
        self.table.setMaximumWidth(520)
        self.add_button = QPushButton("新增处室…")
        self.rename_button = QPushButton("改名…")
        self.toggle_button = QPushButton("停用/启用")
        self.add_button.clicked.connect(self.add)
        self.rename_button.clicked.connect(self.rename)
        self.toggle_button.clicked.connect(self.toggle)
        buttons = QHBoxLayout()
        for b in (self.add_button, self.rename_button, self.toggle_button):
            b.setVisible(editable)
            buttons.addWidget(b)
        buttons.addStretch(1)
        lay = QVBoxLayout(self)
        lay.addLayout(buttons)
        lay.addWidget(self.table)
        self.reload()

    def reload(self) -> None:
        self.model.set_rows(self._office.departments(include_inactive=True))

    def selected(self) -> DepartmentView | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def add(self) -> None:
        name = prompts.ask_text(self, "新增处室", "处室名称：")
        if name is not None:
            self._save(name)

    def rename(self) -> None:
        d = self.selected()
        if d is None:
            prompts.info(self, "改名", "请先在列表中选择一个处室。")
            return
        name = prompts.ask_text(self, "处室改名", f"“{d.name}”改为：", d.name)
        if name is not None:
            self._save(name, d.id, d.active)

    def toggle(self) -> None:
        d = self.selected()
        if d is None:
            prompts.info(self, "停用/启用", "请先在列表中选择一个处室。")
            return
        self._save(d.name, d.id, not d.active)

    def _save(self, name: str, dept_id: int | None = None, active: bool = True) -> None:
        try:
            self._office.save_department(self._actor, name, dept_id, active)
        except DomainError as e:
            prompts.error(self, "处室未保存", e.message)
            return
        self.reload()
        self.changed.emit()
