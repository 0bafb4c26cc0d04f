"""A read-only table model over a short list of frozen rows, with its columns declared as data."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

LEFT = Qt.AlignLeft | Qt.AlignVCenter
CENTER = Qt.AlignCenter
ROW_ROLE = Qt.UserRole + 1   # the whole row object, for views that act on a selection


@dataclass(frozen=True)
class Column:
    header: str
    value: Callable[[Any], Any]            # row -> shown text (None shows blank)
    align: Qt.AlignmentFlag = LEFT
    width: int = 120
    tip: Callable[[Any], str] | None = None
    stretch: bool = False                  # this column takes the spare width


class RowTableModel(QAbstractTableModel):
    """Subclasses set ``COLUMNS``; the list is small enough to hold whole (tens to hundreds of rows)."""

    COLUMNS: tuple[Column, ...] = ()

    def __init__(self, rows: Sequence[Any] = (), parent=None):
        super().__init__(parent)
        self._rows: list[Any] = list(rows)

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[Any]:
        return list(self._rows)

    def row_at(self, row: int) -> Any:
        return self._rows[row]

    # -- Qt overrides ------------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, col = self._rows[index.row()], self.COLUMNS[index.column()]
        if role == Qt.DisplayRole:
            value = col.value(row)
            return "" if value is None else str(value)
        if role == Qt.TextAlignmentRole:
            return int(col.align)
        if role == Qt.ToolTipRole and col.tip is not None:
            return col.tip(row)
        if role == ROW_ROLE:
            return row
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.DisplayRole) -> Any:
        if orientation == Qt.Horizontal and 0 <= section < len(self.COLUMNS):
            if role == Qt.DisplayRole:
                return self.COLUMNS[section].header
            if role == Qt.TextAlignmentRole:
                return int(CENTER)
        if orientation == Qt.Vertical and role == Qt.DisplayRole:
            return section + 1
        return None


def configure_table(view, model) -> None:
    """Set ``model`` on a QTableView with the declared widths, whole-row selection, no row numbers.
    ``model.COLUMNS`` may be this module's or ``app.ui.common.columns``' (which never stretches a column)."""
    from PySide6.QtWidgets import QAbstractItemView, QHeaderView

    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectRows)
    view.setSelectionMode(QAbstractItemView.SingleSelection)
    view.verticalHeader().hide()
    header = view.horizontalHeader()
    stretch = [getattr(c, "stretch", False) for c in model.COLUMNS]
    header.setStretchLastSection(not any(stretch))
    for i, col in enumerate(model.COLUMNS):
        view.setColumnWidth(i, col.width)
        if stretch[i]:
            header.setSectionResizeMode(i, QHeaderView.Stretch)
