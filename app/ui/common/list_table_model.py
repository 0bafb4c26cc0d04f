"""A small read-only table model over a list of frozen rows, its columns declared as data."""

from __future__ import annotations

from typing import Any, Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from app.ui.common.columns import Column

ROW_ROLE = Qt.UserRole + 2


class ListTableModel(QAbstractTableModel):
    """Base of the detail view's small lists (timeline, attachments); subclasses set COLUMNS."""

    COLUMNS: tuple[Column, ...] = ()

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[Any] = []

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, index: int) -> Any | None:
        return self._rows[index] if 0 <= index < len(self._rows) else None

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation, role=Qt.DisplayRole):
        if role == Qt.DisplayRole and orientation == Qt.Horizontal and 0 <= section < len(self.COLUMNS):
            return self.COLUMNS[section].header
        return None

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row, col = self._rows[index.row()], self.COLUMNS[index.column()]
        if role in (Qt.DisplayRole, Qt.ToolTipRole):
            value = col.format(getattr(row, col.key))
            return value if role == Qt.DisplayRole or len(value) > 20 else None
        if role == Qt.TextAlignmentRole:
            return int(col.align)
        if role == ROW_ROLE:
            return row
        return None

    def flags(self, index):
        return Qt.ItemIsEnabled | Qt.ItemIsSelectable if index.isValid() else Qt.NoItemFlags
