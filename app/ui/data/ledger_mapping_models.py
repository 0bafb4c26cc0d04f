"""The mapping step's lists: source columns → the app's columns, values that need mapping, and rows
the clerk decides one by one (逐行选择, or a reply read by key words, for review).

Each has one editable column (a choice from a list, shown as a combo box by ``ChoiceDelegate``).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate

from app.exports.ledger_sheet import SourceColumn
from app.services.ledger.ledger_analysis import RowChoice, ValueToMap
from app.ui.common.data_table_model import CENTER, Column, RowTableModel
from app.workflow.ledger_columns import ALL_COLUMNS, IGNORE, KEYWORDS

CHOICES_ROLE = Qt.UserRole + 2
UNCHOSEN = "（请选择）"


class _ChoiceTableModel(RowTableModel):
    """A row list whose last column holds the clerk's choice."""

    def __init__(self, parent=None):
        super().__init__((), parent)
        self._chosen: list[str] = []

    def set_rows(self, rows) -> None:
        self._chosen = [self.initial(r) for r in rows]
        super().set_rows(rows)

    def initial(self, row) -> str:
        raise NotImplementedError

    def choices(self, row) -> list[str]:
        raise NotImplementedError

    def chosen(self) -> list[tuple[Any, str]]:
        return list(zip(self.rows(), self._chosen))

    def flags(self, index):
        flags = super().flags(index)
        if index.isValid() and index.column() == len(self.COLUMNS) - 1:
            flags |= Qt.ItemIsEditable
        return flags

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.DisplayRole) -> Any:
        last = index.isValid() and index.column() == len(self.COLUMNS) - 1 and 0 <= index.row() < len(self._rows)
        if last and role in (Qt.DisplayRole, Qt.EditRole):
            return self._chosen[index.row()]
        if last and role == CHOICES_ROLE:
            return self.choices(self._rows[index.row()])
        return super().data(index, role)

    def setData(self, index, value, role=Qt.EditRole) -> bool:
        if not index.isValid() or role != Qt.EditRole or index.column() != len(self.COLUMNS) - 1:
            return False
        if value not in self.choices(self._rows[index.row()]) or value == self._chosen[index.row()]:
            return False
        self._chosen[index.row()] = value
        self.dataChanged.emit(index, index, [Qt.DisplayRole, Qt.EditRole])
        return True


class ColumnMapTableModel(_ChoiceTableModel):
    COLUMNS = (
        Column("台账中的列", lambda c: c.header if c.key == c.header else f"{c.header}（第{c.index}列）", width=130,
               tip=lambda c: f"第{c.index}列"),
        Column("示例", lambda c: " / ".join(c.samples), width=220, tip=lambda c: "\n".join(c.samples), stretch=True),
        Column("对应到本系统的列", lambda c: "", width=190),
    )

    def initial(self, row: SourceColumn) -> str:
        return row.target or IGNORE

    def choices(self, row) -> list[str]:
        return [IGNORE, *ALL_COLUMNS, KEYWORDS]


class ValueMapTableModel(_ChoiceTableModel):
    COLUMNS = (
        Column("列", lambda v: v.column, width=90),
        Column("台账中的值", lambda v: v.raw, width=150),
        Column("行数", lambda v: v.rows, CENTER, width=50),
        Column("例如", lambda v: v.example, width=160, stretch=True),
        Column("对应为", lambda v: "", width=200),
    )

    def initial(self, row: ValueToMap) -> str:
        return row.suggestion or UNCHOSEN

    def choices(self, row: ValueToMap) -> list[str]:
        return [UNCHOSEN, *row.choices]


class RowChoiceTableModel(_ChoiceTableModel):
    """Rows decided one by one: the ledger's words, what the key words read, and the clerk's choice."""

    COLUMNS = (
        Column("行号", lambda c: c.row, CENTER, width=44),
        Column("申请编号", lambda c: c.number, width=90),
        Column("申请人", lambda c: c.applicant, width=100),
        Column("台账中的内容", lambda c: c.raw, width=160, tip=lambda c: c.raw, stretch=True),
        Column("按关键词读出", lambda c: c.guess or "（读不出，请选择）", width=120),
        Column("本行对应为", lambda c: "", width=180),
    )

    def initial(self, row: RowChoice) -> str:
        return row.chosen or UNCHOSEN

    def choices(self, row: RowChoice) -> list[str]:
        return [UNCHOSEN, *row.choices]


class ChoiceDelegate(QStyledItemDelegate):
    """A combo box over the model's CHOICES_ROLE; the choice is written back at once."""

    def createEditor(self, parent, option, index):
        box = QComboBox(parent)
        box.addItems(index.data(CHOICES_ROLE) or [])
        box.currentTextChanged.connect(lambda _t, b=box: self.commitData.emit(b))
        return box

    def setEditorData(self, editor, index):
        editor.blockSignals(True)
        editor.setCurrentText(index.data(Qt.EditRole) or "")
        editor.blockSignals(False)

    def setModelData(self, editor, model, index):
        model.setData(index, editor.currentText(), Qt.EditRole)
