"""Departments' 协办 tasks as a table (case panel, workbench, 督办 page), due dates coloured."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from app.services.dto import TaskView
from app.services.cases.query_service import DueThresholds
from app.ui.common.columns import CENTER, Column, text, urgency_style, urgency_tip, ymd
from app.ui.common.list_table_model import ListTableModel
from app.workflow.transitions import TaskStatus

ID_ROLE = Qt.UserRole + 1        # the case id, as in the request lists (double-click opens the case)


def _urges(n: int) -> str:
    return f"{n}次" if n else ""


class DeptTaskTableModel(ListTableModel):
    COLUMNS = (
        Column("request_number", "申请编号", text, width=180),
        Column("department", "处室", text, width=90),
        Column("kind", "类型", text, CENTER, width=50),
        Column("brief", "协查内容", text, width=220),
        Column("due_on", "协办期限", ymd, CENTER, width=96),
        Column("status", "状态", text, CENTER, width=70),
        Column("handler", "协办人", text, width=70),
        Column("urge_count", "催办", _urges, CENTER, width=50),
        Column("answered_on", "答复日期", ymd, CENTER, width=96),
    )

    def __init__(self, parent=None, columns: tuple[str, ...] | None = None):
        super().__init__(parent)
        if columns is not None:
            self.COLUMNS = tuple(c for c in DeptTaskTableModel.COLUMNS if c.key in columns)
        self._thresholds = DueThresholds(date.min, date.min, date.min)

    def set_tasks(self, tasks, thresholds: DueThresholds) -> None:
        self._thresholds = thresholds
        self.set_rows(tasks)

    def level(self, t: TaskView) -> str:
        if TaskStatus(t.status).settled:
            return ""
        return self._thresholds.level(t.due_on, "办理中")

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        t = self._rows[index.row()]
        if role == ID_ROLE:
            return t.request_id
        if self.COLUMNS[index.column()].key in ("due_on", "status"):
            level = self.level(t)
            if role in (Qt.ForegroundRole, Qt.BackgroundRole, Qt.FontRole):
                return urgency_style(level, role)
            if role == Qt.ToolTipRole and level:
                return urgency_tip(level).replace("答复期限", "协办期限")
        return super().data(index, role)
