"""The workbench's list of online submissions waiting for the clerk (待确认), columns declared once."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

ID_ROLE = Qt.UserRole + 1


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    width: int
    text: Callable[[object], str]


def _short(text: str, n: int = 40) -> str:
    one = " ".join(text.split())
    return one if len(one) <= n else one[:n] + "…"


COLUMNS = (
    Column("submitted_at", "提交时间", 130, lambda p: f"{p.submitted_at:%Y-%m-%d %H:%M}"),
    Column("applicant_name", "申请人", 110, lambda p: p.applicant_name),
    Column("applicant_type", "类型", 70, lambda p: p.applicant_type),
    Column("description", "申请内容", 300, lambda p: _short(p.description)),
    Column("attachments", "附件", 50, lambda p: str(p.attachments)),
    Column("flood", "提示", 120, lambda p: f"疑似批量（{p.flood}）" if p.flood else ""),
)


class OnlineSubmissionTableModel(QAbstractTableModel):
    """Rows are OnlineDeskService.pending() items; ID_ROLE gives the request id."""

    columns = COLUMNS

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list = []

    def set_rows(self, rows: list) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row(self, r: int):
        return self._rows[r]

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid():
            return None
        p, col = self._rows[index.row()], COLUMNS[index.column()]
        if role == Qt.DisplayRole:
            return col.text(p)
        if role == Qt.ToolTipRole and col.key == "description":
            return p.description
        if role == ID_ROLE:
            return p.request_id
        if role == Qt.ForegroundRole and col.key == "flood" and p.flood:
            return QBrush(QColor("#b3261e"))
        return None

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if role == Qt.DisplayRole and orientation == Qt.Horizontal:
            return COLUMNS[section].header
        return None
