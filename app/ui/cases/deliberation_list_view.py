"""会商记录: every 会商 record, filtered by date and text; a record's cases and conclusions, its materials,
its 会商纪要; double-clicking a case opens it."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox, QHBoxLayout, QLabel, QLineEdit, QListWidget, QListWidgetItem,
    QPushButton, QSplitter, QTableView, QTextBrowser, QVBoxLayout, QWidget,
)

from app.errors import DomainError
from app.services.cases.deliberation_service import DeliberationView
from app.services.dto import Actor
from app.ui.common import prompts
from app.ui.common.date_field import DateEdit
from app.ui.common.data_table_model import configure_table
from app.ui.cases.deliberation_html import record_html
from app.ui.cases.deliberation_table_model import DeliberationTableModel
from app.ui.cases.material_list import DELIBERATION, MaterialListWidget
from app.workflow.transitions import TASK_ASSIGNERS

CASE_ROLE = Qt.UserRole + 7


def _qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


class DeliberationListView(QWidget):
    open_case = Signal(int)

    def __init__(self, services, actor: Actor, parent=None):
        super().__init__(parent)
        self.services, self.actor = services, actor
        title = QLabel("会商记录", self)
        title.setObjectName("pageTitle")
        self.summary = QLabel(self)
        self.summary.setObjectName("hint")
        today = services.queries.today()
        self.by_date = QCheckBox("会商日期", self)
        self.date_from = DateEdit(_qdate(date(today.year, 1, 1)), self)
        self.date_to = DateEdit(_qdate(today), self)
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setEnabled(False)
        self.by_date.toggled.connect(lambda on: (self.date_from.setEnabled(on), self.date_to.setEnabled(on)))
        self.text = QLineEdit(self)
        self.text.setPlaceholderText("编号、事项、参加人员或处室、申请编号、申请人")
        self.text.setMinimumWidth(300)
        self.text.returnPressed.connect(self.refresh)
        self.search_button = QPushButton("查询", self)
        self.search_button.clicked.connect(self.refresh)
        self.model = DeliberationTableModel(self)
        self.table = QTableView(self)
        configure_table(self.table, self.model)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._show_selected())
        self.record = QTextBrowser(self)
        self.cases = QListWidget(self)
        self.cases.setWordWrap(True)
        self.cases.itemDoubleClicked.connect(lambda item: self.open_case.emit(item.data(CASE_ROLE)))
        self.materials = MaterialListWidget(services.materials, actor, DELIBERATION, self)
        self.materials.changed.connect(self._reload_selected)
        self.minutes_button = QPushButton("会商纪要…", self)
        self.minutes_button.clicked.connect(self.save_minutes)
        self.status = QLabel(self)
        self._layout(title)
        self.refresh()

    def _layout(self, title: QLabel) -> None:
        head = QHBoxLayout()
        head.addWidget(title)
        head.addStretch(1)
        head.addWidget(self.summary)
        bar = QHBoxLayout()
        for w in (self.by_date, self.date_from, QLabel("至", self), self.date_to, QLabel("关键词：", self), self.text,
                  self.search_button):
            bar.addWidget(w)
        bar.addStretch(1)
        bar.addWidget(self.minutes_button)
        side = QWidget(self)
        col = QVBoxLayout(side)
        col.setContentsMargins(0, 0, 0, 0)
        col.addWidget(QLabel("会商的申请（双击打开）", side))
        col.addWidget(self.cases, 1)
        col.addWidget(self.materials, 1)
        below = QSplitter(Qt.Horizontal, self)
        below.addWidget(self.record)
        below.addWidget(side)
        below.setSizes([700, 360])
        split = QSplitter(Qt.Vertical, self)
        split.addWidget(self.table)
        split.addWidget(below)
        split.setSizes([260, 330])
        outer = QVBoxLayout(self)
        outer.addLayout(head)
        outer.addLayout(bar)
        outer.addWidget(split, 1)
        outer.addWidget(self.status)

    # -- showing ----------------------------------------------------------------------------
    def refresh(self) -> None:
        before = self.selected()
        if self.by_date.isChecked():
            start, end = self.date_from.date().toPython(), self.date_to.date().toPython()
        else:
            start = end = None
        rows = self.services.deliberations.search(start, end, self.text.text())
        self.model.set_rows(rows)
        self.summary.setText(f"共{len(rows)}次会商，涉及{len({c.request_id for r in rows for c in r.cases})}件申请")
        if not (before and self.select(before.number)) and rows:
            self.table.selectRow(0)
        self._show_selected()

    def selected(self) -> DeliberationView | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def select(self, number: str) -> bool:
        for i in range(self.model.rowCount()):
            if self.model.row_at(i).number == number:
                self.table.selectRow(i)
                return True
        return False

    def _show_selected(self) -> None:
        r = self.selected()
        self.record.setHtml(record_html(r) if r else "<p>没有符合条件的会商记录。</p>")
        self.cases.clear()
        for c in r.cases if r else ():
            item = QListWidgetItem(f"{c.request_number} {c.applicant_name}：{' '.join(c.conclusion.split())}",
                                   self.cases)
            item.setData(CASE_ROLE, c.request_id)
        self.materials.set_owner(r.id if r else None, r.materials if r else (), self.actor.role in TASK_ASSIGNERS)
        self.materials.add_button.setVisible(self.actor.role in TASK_ASSIGNERS)
        self.minutes_button.setEnabled(r is not None)

    def _reload_selected(self) -> None:
        self.refresh()

    # -- actions ----------------------------------------------------------------------------
    def save_minutes(self) -> None:
        r = self.selected()
        if r is None:
            return
        path = prompts.save_file(self, "保存会商纪要（Word或PDF）", f"会商纪要-{r.number}.pdf",
                                 "PDF (*.pdf);;Word (*.docx)")
        if not path:
            return
        try:
            saved = self.services.deliberations.save_minutes(self.actor, r.id, path)
        except (DomainError, OSError) as e:
            prompts.error(self, "无法保存会商纪要", getattr(e, "message", str(e)))
            return
        self.status.setText(f"已保存会商纪要：{saved}")

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.refresh()
