"""The request list's filter bar: status, due window, year, department, handler, type, outcome, text."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget,
)

from app.services.cases.query_service import DueWindow, RequestQuery
from app.ui.cases.case_actions import OUTCOME_CHOICES
from app.workflow.status import Status
from app.workflow.vocabulary import ApplicantType

S = Status
# Grouped statuses match the workbench counts, so a card click lands on the same cases.
STATUS_CHOICES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("全部状态", ()),
    ("新登记（待确认、待审核）", (S.UNCONFIRMED.value, S.REGISTERED.value)),
    ("待审核（含待补正）", (S.REGISTERED.value, S.AWAITING_CORRECTION.value)),
    ("办理中（含征求意见、待缴费、已退回）",
     (S.HANDLING.value, S.CONSULTING.value, S.AWAITING_FEE.value, S.RETURNED.value)),
) + tuple((s.value, (s.value,)) for s in Status)
DUE_CHOICES = (("全部期限", DueWindow.ANY), ("未办结", DueWindow.OPEN), ("临近到期（黄色）", DueWindow.AMBER),
               ("即将到期（红色）", DueWindow.RED), ("已逾期", DueWindow.OVERDUE))


class RequestFilterBar(QWidget):
    """Emits ``changed(RequestQuery)`` whenever a filter changes (text after a short pause)."""

    changed = Signal(object)

    def __init__(self, services, today: date, parent=None):
        super().__init__(parent)
        self._sort = ("reply_due", False)
        self._quiet = False
        self.search = QLineEdit(self)
        self.search.setPlaceholderText("搜索申请人、申请内容或申请编号（Ctrl+F）")
        self.search.setClearButtonEnabled(True)
        self._timer = QTimer(self, singleShot=True, interval=300)
        self._timer.timeout.connect(self._emit)
        self.search.textChanged.connect(lambda *_: self._timer.start())
        self.search.returnPressed.connect(self._emit)
        self.deliberated = QCheckBox("经会商", self)
        self.deliberated.setToolTip("只显示经过会商的申请")
        self.deliberated.toggled.connect(lambda *_: self._emit())
        self.status = self._combo(STATUS_CHOICES)
        self.due = self._combo(DUE_CHOICES)
        self.year = self._combo((("全部年度", None),) + tuple(
            (f"{y}年", y) for y in range(today.year, today.year - 6, -1)))
        self.department = self._combo((("全部处室", None),) + tuple(
            (d.name, d.id) for d in services.office.departments()))
        self.handler = self._combo((("全部承办人", None),) + tuple(
            (name, i) for i, name in services.requests.handlers()))
        self.applicant_type = self._combo((("全部申请人类型", ""),) + tuple((t.value, t.value) for t in ApplicantType))
        self.outcome = self._combo((("全部办理结果", ""),) + tuple((label, o.code) for label, o in OUTCOME_CHOICES))
        self.due.setCurrentIndex(_index_of(self.due, DueWindow.OPEN))   # start on open cases
        self.outcome.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.outcome.setMinimumContentsLength(14)
        self.outcome.view().setMinimumWidth(560)
        self.reset_button = QPushButton("清除条件", self)
        self.reset_button.clicked.connect(self.reset)
        top, bottom = QHBoxLayout(), QHBoxLayout()
        top.addWidget(QLabel("查找：", self))
        top.addWidget(self.search, 1)
        for w in (self.status, self.due, self.year):
            top.addWidget(w)
        bottom.addWidget(QLabel("筛选：", self))
        for w in (self.department, self.handler, self.applicant_type, self.outcome, self.deliberated):
            bottom.addWidget(w)
        bottom.addStretch(1)
        bottom.addWidget(self.reset_button)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 4)
        outer.addLayout(top)
        outer.addLayout(bottom)

    def _combo(self, choices) -> QComboBox:
        combo = QComboBox(self)
        combo.setSizeAdjustPolicy(QComboBox.AdjustToContents)
        combo.setMaxVisibleItems(20)
        for label, value in choices:
            combo.addItem(label, value)
        combo.currentIndexChanged.connect(lambda *_: self._emit())
        return combo

    # -- query in and out -------------------------------------------------------------------
    def query(self) -> RequestQuery:
        return RequestQuery(
            statuses=tuple(self.status.currentData() or ()), department_id=self.department.currentData(),
            handler_id=self.handler.currentData(), year=self.year.currentData(),
            applicant_type=self.applicant_type.currentData() or "", outcome=self.outcome.currentData() or "",
            due_window=self.due.currentData() or DueWindow.ANY, text=self.search.text().strip(),
            deliberated=self.deliberated.isChecked(), sort=self._sort[0], descending=self._sort[1])

    def set_sort(self, key: str, descending: bool) -> None:
        self._sort = (key, descending)

    def set_query(self, q: RequestQuery) -> None:
        """Show ``q`` in the widgets (workbench shortcuts) and emit it once."""
        self._quiet = True
        try:
            self.search.setText(q.text)
            for combo, value in ((self.status, tuple(q.statuses)), (self.due, q.due_window),
                                 (self.year, q.year), (self.department, q.department_id),
                                 (self.handler, q.handler_id), (self.applicant_type, q.applicant_type),
                                 (self.outcome, q.outcome)):
                combo.setCurrentIndex(_index_of(combo, value))
            self.deliberated.setChecked(q.deliberated)
            self._sort = (q.sort, q.descending)
        finally:
            self._quiet = False
        self._timer.stop()
        self._emit()

    def reset(self) -> None:
        self.set_query(replace(RequestQuery(), sort=self._sort[0], descending=self._sort[1]))

    def _emit(self) -> None:
        if not self._quiet:
            self.changed.emit(self.query())


def _index_of(combo: QComboBox, value) -> int:
    """findData() cannot compare Python tuples; compare item data ourselves (0 when absent)."""
    for i in range(combo.count()):
        data = combo.itemData(i)
        if (tuple(data) if isinstance(data, (list, tuple)) else data) == value:
            return i
    return 0
