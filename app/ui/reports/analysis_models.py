"""Table models of the 数据分析 page: any titled table of text, and the concentrated subjects."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from app.exports.analysis_tables import Table
from app.ui.common.columns import CENTER, LEFT, Column, text, ymd
from app.ui.common.list_table_model import ListTableModel


class FiguresTableModel(QAbstractTableModel):
    """A read-only ``Table`` (headers + rows of values); numbers centred."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._table = Table("", (), ())

    def set_table(self, table: Table) -> None:
        self.beginResetModel()
        self._table = table
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._table.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._table.headers)

    def headerData(self, section: int, orientation, role=Qt.DisplayRole):
        if role == Qt.DisplayRole and orientation == Qt.Horizontal and 0 <= section < len(self._table.headers):
            return self._table.headers[section]
        return None

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid() or index.row() >= len(self._table.rows):
            return None
        value = self._table.rows[index.row()][index.column()]
        if role == Qt.DisplayRole:
            return text(value)
        if role == Qt.TextAlignmentRole:
            return int(CENTER if isinstance(value, (int, float)) else LEFT)
        return None


def _joined(values) -> str:
    return "、".join(values)


class SubjectTableModel(ListTableModel):
    """集中申请事项, one row per group (a ``SubjectGroup``); double-click lists its cases."""

    COLUMNS = (
        Column("label", "事项", text, LEFT, width=200),
        Column("count", "申请件数", text, CENTER, width=70),
        Column("applicants", "申请人数", text, CENTER, width=70),
        Column("departments", "涉及处室", _joined, LEFT, width=180),
        Column("first", "首次申请", ymd, CENTER, width=92),
        Column("last", "最近申请", ymd, CENTER, width=92),
        Column("representative", "代表性申请内容", text, LEFT, width=300),
    )
