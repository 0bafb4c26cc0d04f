"""督办看板: every agency's figures; double-click one for its cases (no personal data) and 发送督办通知."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QHBoxLayout, QLabel, QPushButton, QStackedWidget, QTableView, QVBoxLayout, QWidget,
)

from app.errors import DomainError
from app.services.city.city_services import CityServices
from app.services.dto import Actor
from app.ui.city.city_models import CityBoardTableModel, CityCaseTableModel
from app.ui.city.notice_dialog import CityNoticeDialog
from app.ui.common import prompts


def _table(parent, model) -> QTableView:
    table = QTableView(parent)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectRows)
    table.setSelectionMode(QAbstractItemView.SingleSelection)
    table.setEditTriggers(QAbstractItemView.NoEditTriggers)
    table.verticalHeader().setVisible(False)
    for i, col in enumerate(model.COLUMNS):
        table.setColumnWidth(i, col.width or 100)
    return table


class CityBoardView(QWidget):
    notice_sent = Signal(str)       # the notice's number

    def __init__(self, city: CityServices, actor: Actor, parent=None):
        super().__init__(parent)
        self.city, self.actor = city, actor
        self.board = None
        self.agency: tuple[int, str] | None = None
        self.cases = []
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self._board_page())
        self.stack.addWidget(self._cases_page())
        QVBoxLayout(self).addWidget(self.stack)

    def _board_page(self) -> QWidget:
        page = QWidget(self)
        title = QLabel("全市依申请公开办理督办看板", page)
        title.setObjectName("pageTitle")
        self.summary = QLabel(page)
        self.summary.setObjectName("hint")
        self.board_model = CityBoardTableModel(page)
        self.board_table = _table(page, self.board_model)
        self.board_table.doubleClicked.connect(lambda index: self.open_agency(index.row()))
        hint = QLabel("双击机关查看其在办案件（不含申请人信息），并可发送督办通知。", page)
        hint.setObjectName("hint")
        col = QVBoxLayout(page)
        col.addWidget(title)
        col.addWidget(self.summary)
        col.addWidget(self.board_table, 1)
        col.addWidget(hint)
        return page

    def _cases_page(self) -> QWidget:
        page = QWidget(self)
        self.back_button = QPushButton("← 返回看板", page)
        self.back_button.clicked.connect(lambda: self.stack.setCurrentIndex(0))
        self.agency_title = QLabel(page)
        self.agency_title.setObjectName("pageTitle")
        self.notice_button = QPushButton("发送督办通知…", page)
        self.notice_button.clicked.connect(self.send_notice)
        head = QHBoxLayout()
        head.addWidget(self.back_button)
        head.addWidget(self.agency_title, 1)
        head.addWidget(self.notice_button)
        self.case_model = CityCaseTableModel(page)
        self.case_table = _table(page, self.case_model)
        col = QVBoxLayout(page)
        col.addLayout(head)
        col.addWidget(self.case_table, 1)
        return page

    def refresh(self) -> None:
        try:
            self.board = self.city.board.board(self.actor)
        except DomainError as e:
            prompts.error(self, "督办看板", str(e))
            return
        self.board_model.set_rows([*self.board.rows, self.board.total])
        b = self.board
        self.summary.setText(f"统计日：{b.today:%Y年%m月%d日}；临近到期：{b.soon_days}个工作日内（至{b.soon_until:%m月%d日}）"
                             f"到期；共{len(b.rows)}个机关，在办{b.total.open_cases}件，逾期{b.total.overdue}件。")

    def open_agency(self, row: int) -> None:
        item = self.board_model.row_at(row)
        if item is None or not item.agency_id:           # the 合计 row
            return
        try:
            cases = self.city.board.cases(self.actor, item.agency_id, self.board.today)
        except DomainError as e:
            prompts.error(self, "在办案件", str(e))
            return
        self.agency = (item.agency_id, item.name)
        self.agency_title.setText(f"{item.name}：在办{len(cases)}件，逾期{item.overdue}件")
        self.cases = cases
        self.case_model.set_rows(cases)
        self.notice_button.setEnabled(item.overdue > 0)
        self.stack.setCurrentIndex(1)

    def send_notice(self) -> None:
        if self.agency is None:
            return
        agency_id, name = self.agency
        try:
            sent = CityNoticeDialog.ask(self, self.city.notices, self.actor, agency_id, name,
                                        self.cases, self.board.today)
        except DomainError as e:
            prompts.error(self, "发送督办通知", str(e))
            return
        if sent is not None:
            prompts.info(self, "发送督办通知", f"已向{name}发出督办通知{sent.number}，请其于"
                                             f"{sent.reply_by:%Y年%m月%d日}前回复。")
            self.notice_sent.emit(sent.number)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self.board is None:
            self.refresh()


