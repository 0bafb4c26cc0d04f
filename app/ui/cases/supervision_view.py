"""督办: department tasks and cases by due date, grouped by department; 催办通知 and the weekly summary."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QAbstractItemView, QHBoxLayout, QLabel, QPushButton, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget,
)

from app.errors import DomainError
from app.services.dto import Actor
from app.services.cases.supervision_service import BoardItem, DepartmentGroup
from app.ui.common import prompts
from app.ui.common.columns import urgency_background, urgency_font, urgency_foreground
from app.workflow.transitions import TASK_ASSIGNERS, TaskAction, TaskStatus, task_actions

HEADERS = ("类型", "申请编号", "内容", "期限", "剩余工作日", "状态", "催办")
WIDTHS = (150, 190, 330, 96, 84, 80, 50)
ITEM_ROLE = Qt.UserRole + 5


def _days(n: int) -> str:
    return f"逾期{-n}天" if n < 0 else f"{n}天"


class SupervisionView(QWidget):
    requests_changed = Signal()
    open_case = Signal(int)

    def __init__(self, services, actor: Actor, parent=None):
        super().__init__(parent)
        self.services, self.actor = services, actor
        self.groups: list[DepartmentGroup] = []
        title = QLabel("督办", self)
        title.setObjectName("pageTitle")
        self.summary = QLabel(self)
        self.summary.setObjectName("hint")
        self.tree = QTreeWidget(self)
        self.tree.setColumnCount(len(HEADERS))
        self.tree.setHeaderLabels(list(HEADERS))
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionMode(QAbstractItemView.SingleSelection)
        for i, w in enumerate(WIDTHS):
            self.tree.setColumnWidth(i, w)
        self.tree.itemSelectionChanged.connect(self._update_buttons)
        self.tree.itemDoubleClicked.connect(lambda item, _col: self._open(item))
        self.urge_button = QPushButton("发催办通知", self)
        self.urge_button.setProperty("primary", True)
        self.urge_button.clicked.connect(self.urge)
        self.save_button = QPushButton("保存催办通知…", self)
        self.save_button.clicked.connect(self.save_notice)
        self.weekly_button = QPushButton("导出督办周报…", self)
        self.weekly_button.clicked.connect(self.export_weekly)
        refresh = QPushButton("刷新", self)
        refresh.clicked.connect(self.refresh)
        office = actor.role in TASK_ASSIGNERS
        for b in (self.urge_button, self.weekly_button):
            b.setVisible(office)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        head = QHBoxLayout()
        head.addWidget(title)
        head.addStretch(1)
        head.addWidget(self.summary)
        bar = QHBoxLayout()
        for b in (self.urge_button, self.save_button, self.weekly_button, refresh):
            bar.addWidget(b)
        bar.addStretch(1)
        outer = QVBoxLayout(self)
        outer.addLayout(head)
        outer.addLayout(bar)
        outer.addWidget(self.tree, 1)
        outer.addWidget(self.status)
        self.refresh()

    # -- showing ----------------------------------------------------------------------------
    def refresh(self) -> None:
        selected = self.selected()
        self.groups = self.services.supervision.board(self.actor)
        self.tree.clear()
        totals = {"逾期": 0, "紧急": 0, "临近": 0}
        for g in self.groups:
            top = QTreeWidgetItem([g.department, "", f"共{len(g.items)}项：逾期{g.count('逾期')}、"
                                   f"红色预警{g.count('紧急')}、黄色预警{g.count('临近')}"])
            font = top.font(0)
            font.setBold(True)
            top.setFont(0, font)
            for item in g.items:
                top.addChild(self._row(item))
            self.tree.addTopLevelItem(top)
            for k in totals:
                totals[k] += g.count(k)
        self.tree.expandAll()
        self.summary.setText(f"已逾期{totals['逾期']}项 · 红色预警{totals['紧急']}项 · 黄色预警{totals['临近']}项")
        if selected is not None:
            self.select(selected.request_number, selected.kind, selected.task.department if selected.task else "")
        self._update_buttons()

    def _row(self, item: BoardItem) -> QTreeWidgetItem:
        row = QTreeWidgetItem([item.kind, item.request_number, " ".join(item.text.split()), item.due_on.isoformat(),
                               _days(item.days), item.status, f"{item.urge_count}次" if item.urge_count else ""])
        row.setData(0, ITEM_ROLE, item)
        row.setToolTip(2, item.text)
        for col in (3, 4):
            if item.level:
                row.setForeground(col, urgency_foreground(item.level))
                row.setBackground(col, urgency_background(item.level))
                font = urgency_font(item.level, row.font(col))
                if font is not None:
                    row.setFont(col, font)
        if item.urge_count >= 2:
            row.setForeground(6, QBrush(Qt.red))
        return row

    def items(self) -> list[QTreeWidgetItem]:
        return [self.tree.topLevelItem(i).child(j) for i in range(self.tree.topLevelItemCount())
                for j in range(self.tree.topLevelItem(i).childCount())]

    def selected(self) -> BoardItem | None:
        chosen = self.tree.selectedItems()
        return chosen[0].data(0, ITEM_ROLE) if chosen else None

    def select(self, request_number: str, kind: str = "协办任务", department: str = "") -> bool:
        for row in self.items():
            item: BoardItem = row.data(0, ITEM_ROLE)
            if item.request_number == request_number and item.kind == kind and (
                    not department or (item.task and item.task.department == department)):
                self.tree.setCurrentItem(row)
                return True
        return False

    def _update_buttons(self) -> None:
        item = self.selected()
        task = item.task if item else None
        allowed = task_actions(TaskStatus(task.status), self.actor.role) if task else []
        self.urge_button.setEnabled(TaskAction.URGE in allowed)
        self.save_button.setEnabled(bool(task and task.urge_count))

    def _open(self, row: QTreeWidgetItem) -> None:
        item = row.data(0, ITEM_ROLE)
        if item is not None:
            self.open_case.emit(item.request_id)

    # -- actions ----------------------------------------------------------------------------
    def urge(self) -> None:
        item = self.selected()
        if item is None or item.task is None:
            return
        try:
            sent = self.services.supervision.urge(self.actor, item.task.id, item.task.version)
        except DomainError as e:
            prompts.error(self, "无法催办", e.message)
            return
        note = "（第二次催办，已报科室负责人督办）" if sent.escalated else ""
        self.status.setText(f"已向{sent.department}发出第{sent.seq}次催办通知：{sent.doc_number}{note}。")
        self.refresh()
        self.requests_changed.emit()
        self._save(sent.id, f"催办通知-{sent.department}-{sent.request_id}-第{sent.seq}次.pdf")

    def save_notice(self) -> None:
        item = self.selected()
        notices = self.services.supervision.notices(item.task.id) if item and item.task else []
        if notices:
            n = notices[-1]
            self._save(n.id, f"催办通知-{n.department}-{n.request_id}-第{n.seq}次.pdf")

    def _save(self, notice_id: int, suggested: str) -> None:
        path = prompts.save_file(self, "保存催办通知（Word或PDF）", suggested, "PDF (*.pdf);;Word (*.docx)")
        if not path:
            return
        try:
            saved = self.services.supervision.save_notice(self.actor, notice_id, path)
        except (DomainError, OSError) as e:
            prompts.error(self, "无法保存催办通知", getattr(e, "message", str(e)))
            return
        self.status.setText(self.status.text() + f" 已保存：{saved}")

    def export_weekly(self) -> None:
        today = self.services.queries.today()
        path = prompts.save_file(self, "导出督办周报", f"督办周报-{today.isoformat()}.xlsx", "Excel (*.xlsx)")
        if not path:
            return
        try:
            saved = self.services.supervision.weekly_summary(self.actor, path)
        except (DomainError, OSError) as e:
            prompts.error(self, "无法导出督办周报", getattr(e, "message", str(e)))
            return
        self.status.setText(f"已导出督办周报：{saved}")

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.refresh()
