"""市政务公开办督办通知 on an agency's workbench: the city's notices to this agency, to mark 已阅 or answer."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from app.errors import DomainError
from app.services.city.notice_service import ANSWERED, READ, READERS, CityNoticeService
from app.services.dto import Actor
from app.ui.city.city_board_view import _table
from app.ui.city.city_models import CityNoticeTableModel
from app.ui.common import prompts
from app.ui.common.form_dialog import FormDialog, FormField

TITLE = "市政务公开办督办通知"


class CityNoticeBanner(QFrame):
    """Shown only to the agency's 科室负责人 and 登记员, and only while there is a notice."""

    def __init__(self, service: CityNoticeService, actor: Actor, parent=None):
        super().__init__(parent)
        self.service, self.actor = service, actor
        self.setObjectName("cityNoticeBanner")
        self.setStyleSheet("#cityNoticeBanner { border: 1px solid #c62828; border-radius: 4px; background: #fdecea; }")
        self.title = QLabel(self)
        self.title.setStyleSheet("font-weight: bold; color: #c62828;")
        self.model = CityNoticeTableModel(self)
        self.table = _table(self, self.model)
        self.table.setMaximumHeight(120)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())
        self.table.doubleClicked.connect(lambda *_: self.show_selected())
        self.read_button = QPushButton("标记已阅", self)
        self.read_button.clicked.connect(self.mark_read)
        self.answer_button = QPushButton("回复…", self)
        self.answer_button.clicked.connect(self.answer)
        buttons = QHBoxLayout()
        buttons.addWidget(self.title, 1)
        buttons.addWidget(self.read_button)
        buttons.addWidget(self.answer_button)
        col = QVBoxLayout(self)
        col.addLayout(buttons)
        col.addWidget(self.table)
        self.refresh()

    def refresh(self) -> None:
        notices = self.service.inbox(self.actor) if self.actor.role in READERS else []
        self.model.set_rows(notices)
        waiting = sum(1 for n in notices if n.status != ANSWERED)
        self.title.setText(f"{TITLE}：{len(notices)}份，待回复{waiting}份（双击查看通知全文和所列逾期案件）")
        self.setVisible(bool(notices))
        if notices:
            self.table.selectRow(0)
        self._update_buttons()

    def selected(self):
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _update_buttons(self) -> None:
        n = self.selected()
        self.read_button.setEnabled(n is not None and n.status == "未阅")
        self.answer_button.setEnabled(n is not None and n.status != ANSWERED)
        if n is not None:
            cases = "；".join(f"{c}（逾期{d}天）" for c, d in n.cases)
            self.table.setToolTip(f"{n.number}：{n.body}\n所列逾期案件：{cases}\n请于{n.reply_by:%Y年%m月%d日}前回复。")

    def show_selected(self) -> None:
        n = self.selected()
        if n is not None:
            prompts.info(self, TITLE, self.table.toolTip())

    def mark_read(self) -> None:
        n = self.selected()
        if n is not None:
            self._do(lambda: self.service.answer(self.actor, n.id, READ))

    def answer(self) -> None:
        n = self.selected()
        if n is None:
            return
        cases = "；".join(f"{c}（逾期{d}天）" for c, d in n.cases)
        try:
            done = FormDialog.ask(self, "回复督办通知", (FormField("answer", "回复内容", "multiline", required=True),),
                                  lambda v: self.service.answer(self.actor, n.id, ANSWERED, v["answer"] or ""),
                                  intro=f"{n.number}：{n.body}\n所列逾期案件：{cases}\n回复期限：{n.reply_by:%Y年%m月%d日}")
        except DomainError as e:
            prompts.error(self, "回复督办通知", str(e))
            return
        if done is not None:
            self.refresh()

    def _do(self, call) -> None:
        try:
            call()
        except DomainError as e:
            prompts.error(self, TITLE, str(e))
            return
        self.refresh()
