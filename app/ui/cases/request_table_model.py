"""The request list model: pages fetched on demand, filtered and sorted in SQL by QueryService."""

from __future__ import annotations

from dataclasses import replace
from typing import Protocol

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from app.services.dto import RequestRow
from app.services.cases.query_service import DueThresholds, RequestQuery
from app.ui.common.columns import (
    CENTER, Column, one_line, outcome_label, text, urgency_style,
    urgency_tip, ymd,
)

REQUEST_COLUMNS: tuple[Column, ...] = (
    Column("number", "申请编号", text, sort_key="number", width=196),
    Column("status", "状态", text, CENTER, sort_key="status", width=76),
    Column("applicant_name", "申请人", text, sort_key="applicant_name", width=150),
    Column("applicant_type", "申请人类型", text, CENTER, width=84),
    Column("channel", "申请方式", text, CENTER, width=64),
    Column("description", "申请内容", one_line, width=250),
    Column("receipt_date", "收到日期", ymd, CENTER, sort_key="receipt_date", width=90),
    Column("reply_due", "应答复日期", ymd, CENTER, sort_key="reply_due", width=96),
    Column("department", "承办处室", text, width=100),
    Column("handler", "承办人", text, width=70),
    Column("outcome", "办理结果", outcome_label, width=130),
    Column("reply_date", "答复日期", ymd, CENTER, sort_key="reply_date", width=90),
)

ID_ROLE = Qt.UserRole + 1
_ROLES = frozenset({Qt.DisplayRole, Qt.TextAlignmentRole, Qt.ToolTipRole, Qt.ForegroundRole,
                    Qt.BackgroundRole, Qt.FontRole, ID_ROLE})


class RowSource(Protocol):
    def count(self, q: RequestQuery) -> int: ...
    def page(self, q: RequestQuery, offset: int, limit: int) -> list[RequestRow]: ...
    def due_thresholds(self) -> DueThresholds: ...


class RequestTableModel(QAbstractTableModel):
    """Keeps the rows fetched so far; ``fetchMore`` asks the service for the next page."""

    totalChanged = Signal(int)

    def __init__(self, source: RowSource, page_size: int = 200,
                 columns: tuple[Column, ...] = REQUEST_COLUMNS, parent=None):
        super().__init__(parent)
        self._source = source
        self._page_size = page_size
        self.columns = columns
        self._query = RequestQuery()
        self._rows: list[RequestRow] = []
        self._total = 0
        self._thresholds: DueThresholds | None = None
        self._texts: dict[int, tuple[str, ...]] = {}      # formatted cells per fetched row

    # -- loading ----------------------------------------------------------------------------
    @property
    def query(self) -> RequestQuery:
        return self._query

    @property
    def total(self) -> int:
        return self._total

    def set_query(self, query: RequestQuery) -> None:
        """Run a new query: count it and load the first page."""
        self.beginResetModel()
        self._query = query
        self._thresholds = self._source.due_thresholds()
        self._total = self._source.count(query)
        self._rows = self._source.page(query, 0, self._page_size) if self._total else []
        self._texts = {}
        self.endResetModel()
        self.totalChanged.emit(self._total)

    def reload(self) -> None:
        self.set_query(self._query)

    def canFetchMore(self, parent=QModelIndex()) -> bool:
        return not parent.isValid() and len(self._rows) < self._total

    def fetchMore(self, parent=QModelIndex()) -> None:
        if parent.isValid():
            return
        more = self._source.page(self._query, len(self._rows), self._page_size)
        more = more[: self._total - len(self._rows)]
        if not more:
            self._total = len(self._rows)  # rows vanished since counting: stop asking
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(more) - 1)
        self._rows.extend(more)
        self.endInsertRows()

    # -- Qt model interface -----------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation, role=Qt.DisplayRole):
        if orientation == Qt.Horizontal and 0 <= section < len(self.columns):
            col = self.columns[section]
            if role == Qt.DisplayRole:
                return col.header
            if role == Qt.ToolTipRole:
                return "点击按此列排序" if col.sort_key else None
        if orientation == Qt.Vertical and role == Qt.DisplayRole:
            return section + 1
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.DisplayRole):
        # Views ask for a dozen roles per cell on every paint: answer the unused ones first.
        if role not in _ROLES or not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        col = self.columns[index.column()]
        if role == Qt.DisplayRole:
            return self._display(index.row(), row)[index.column()]
        if role == Qt.TextAlignmentRole:
            return int(col.align)
        if role == ID_ROLE:
            return row.id
        if col.key == "reply_due":
            return self._due_data(row, role)
        if role == Qt.ToolTipRole and col.key == "description":
            return row.description
        return None

    def _display(self, i: int, row: RequestRow) -> tuple[str, ...]:
        texts = self._texts.get(i)
        if texts is None:
            texts = self._texts[i] = tuple(c.format(getattr(row, c.key)) for c in self.columns)
        return texts

    def _due_data(self, row: RequestRow, role):
        level = self.level(row)
        if role in (Qt.ForegroundRole, Qt.BackgroundRole, Qt.FontRole):
            return urgency_style(level, role)
        if role == Qt.ToolTipRole:
            tips = [t for t in (urgency_tip(level), "节假日未录入，日期为暂定" if row.due_provisional else "") if t]
            return "；".join(tips) or None
        return None

    def flags(self, index):
        if not index.isValid():
            return Qt.NoItemFlags
        return Qt.ItemIsEnabled | Qt.ItemIsSelectable

    def sort(self, column: int, order=Qt.AscendingOrder) -> None:
        """Header click → SQL sort; columns without a sort key keep the current order."""
        if not 0 <= column < len(self.columns) or self.columns[column].sort_key is None:
            return
        self.set_query(replace(self._query, sort=self.columns[column].sort_key,
                               descending=order == Qt.DescendingOrder))

    # -- helpers for views ------------------------------------------------------------------
    def level(self, row: RequestRow) -> str:
        return self._thresholds.level(row.reply_due, row.status) if self._thresholds else ""

    def row_at(self, index: int) -> RequestRow | None:
        return self._rows[index] if 0 <= index < len(self._rows) else None

    def column_of(self, key: str) -> int:
        return next(i for i, c in enumerate(self.columns) if c.key == key)
