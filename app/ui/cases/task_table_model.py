"""The workbench's "my tasks" list: a fixed set of rows from the dashboard, sorted in memory."""

from __future__ import annotations

from datetime import date

from app.services.dto import RequestRow
from app.services.cases.query_service import DueThresholds, RequestQuery
from app.ui.cases.request_table_model import REQUEST_COLUMNS, RequestTableModel

_TASK_KEYS = ("number", "status", "reply_due", "applicant_name", "description", "department")
TASK_COLUMNS = tuple(next(c for c in REQUEST_COLUMNS if c.key == k) for k in _TASK_KEYS)


class _FixedRows:
    """A RowSource over rows already fetched (the dashboard returns at most 50)."""

    def __init__(self, rows: tuple[RequestRow, ...], thresholds: DueThresholds):
        self._rows, self._thresholds = rows, thresholds

    def count(self, q: RequestQuery) -> int:
        return len(self._rows)

    def page(self, q: RequestQuery, offset: int, limit: int) -> list[RequestRow]:
        present = [r for r in self._rows if getattr(r, q.sort, None) is not None]
        missing = [r for r in self._rows if getattr(r, q.sort, None) is None]
        present.sort(key=lambda r: (getattr(r, q.sort), r.id), reverse=q.descending)
        return (present + missing)[offset: offset + limit]   # blanks last, as in SQL

    def due_thresholds(self) -> DueThresholds:
        return self._thresholds


class TaskTableModel(RequestTableModel):
    def __init__(self, parent=None):
        super().__init__(_FixedRows((), DueThresholds(date.min, date.min, date.min)), page_size=100,
                         columns=TASK_COLUMNS, parent=parent)

    def set_rows(self, rows: tuple[RequestRow, ...], thresholds: DueThresholds) -> None:
        self._source = _FixedRows(rows, thresholds)
        self.reload()
