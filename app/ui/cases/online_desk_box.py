"""Workbench: online submissions to confirm (待确认), online 补正 answers to accept, floods, 未查收 documents."""

from __future__ import annotations

import smtplib
from html import escape

from PySide6.QtCore import Qt, Signal
from shiboken6 import isValid
from PySide6.QtWidgets import (
    QAbstractItemView, QFrame, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton, QTableView,
    QVBoxLayout,
)

from app.errors import DomainError
from app.services.dto import Actor
from app.services.online.desk_service import OnlineDeskService
from app.ui.cases.online_table_model import ID_ROLE, OnlineSubmissionTableModel
from app.ui.common import prompts
from app.ui.common.tasks import run_task
from app.workflow.vocabulary import Role

OFFICE = (Role.CLERK, Role.ADMIN)
ANSWER_ROLE = Qt.UserRole + 2


class OnlineDeskBox(QFrame):
    """Hidden when nothing online waits; only the clerks' office is offered 确认受理 / 接收补正."""

    open_request = Signal(int)
    changed = Signal(int)            # a case changed here (the hub tells every screen)

    def __init__(self, online: OnlineDeskService, actor: Actor, parent=None):
        super().__init__(parent)
        self.setObjectName("panel")
        self._online, self._actor = online, actor
        self.title = QLabel("网上申请", self)
        self.title.setObjectName("sectionTitle")
        self.flood_label = QLabel(self)
        self.flood_label.setObjectName("warning")
        self.flood_label.setWordWrap(True)
        self.model = OnlineSubmissionTableModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setMaximumHeight(200)
        self.table.horizontalHeader().setStretchLastSection(True)
        for i, col in enumerate(self.model.columns):
            self.table.setColumnWidth(i, col.width)
        self.table.doubleClicked.connect(lambda index: self.open_request.emit(index.data(ID_ROLE)))
        self.open_button = QPushButton("查看", self)
        self.confirm_button = QPushButton("确认受理", self)
        self.refuse_button = QPushButton("不予登记", self)
        self.open_button.clicked.connect(lambda: self._selected() and self.open_request.emit(self._selected().request_id))
        self.confirm_button.clicked.connect(self.confirm_selected)
        self.refuse_button.clicked.connect(self.refuse_selected)
        self.answers_title = QLabel("网上补正（待接收）", self)
        self.answers_title.setObjectName("sectionTitle")
        self.answers = QListWidget(self)
        self.answers.setMaximumHeight(110)
        self.accept_button = QPushButton("接收补正", self)
        self.accept_button.clicked.connect(self.accept_selected)
        self.unfetched_label = QLabel(self)
        self.unfetched_label.setTextFormat(Qt.RichText)
        self.unfetched_label.setWordWrap(True)
        self.unfetched_label.linkActivated.connect(lambda link: self.open_request.emit(int(link)))
        self.mail_label = QLabel(self)         # e-mail notices that could not go out (the relay is down)
        self.mail_label.setObjectName("warning")
        self.mail_label.setWordWrap(True)
        self.mail_label.hide()
        self._mailing = False
        self.notices_sent = 0                  # e-mail notices this box has sent (shown nowhere; tests read it)
        may = actor.role in OFFICE
        for b in (self.confirm_button, self.refuse_button, self.accept_button):
            b.setVisible(may)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        buttons.addWidget(self.refuse_button)
        buttons.addWidget(self.confirm_button)
        answer_row = QHBoxLayout()
        answer_row.addWidget(self.answers, 1)
        answer_row.addWidget(self.accept_button, 0, Qt.AlignTop)
        box = QVBoxLayout(self)
        box.addWidget(self.title)
        box.addWidget(self.flood_label)
        box.addWidget(self.table)
        box.addLayout(buttons)
        box.addWidget(self.answers_title)
        box.addLayout(answer_row)
        box.addWidget(self.unfetched_label)
        box.addWidget(self.mail_label)
        self.hide()

    # -- data -------------------------------------------------------------------------------
    def refresh(self) -> None:
        pending = self._online.pending()
        self.model.set_rows(pending)
        self.title.setText(f"网上申请待确认（{len(pending)}件）：确认受理之日即为收到申请之日（条例第三十一条第（三）项）")
        floods = self._online.floods()
        self.flood_label.setText("；".join(
            f"注意：{f.count}件网上申请{'来自同一来源' if f.kind == '同一来源' else '内容相同'}"
            f"（{f.first_at:%m-%d %H:%M}至{f.last_at:%m-%d %H:%M}），疑似批量提交，请逐件核实，不得直接删除"
            for f in floods))
        self.flood_label.setVisible(bool(floods))
        answers = self._online.pending_answers()
        self.answers.clear()
        for a in answers:
            files = f"，附件：{'、'.join(a.attachments)}" if a.attachments else ""
            item = QListWidgetItem(f"{a.number}（{a.answered_at:%Y-%m-%d %H:%M}）：{' '.join(a.text.split())[:60]}{files}")
            item.setData(ANSWER_ROLE, a.answer_id)
            self.answers.addItem(item)
        for w in (self.answers_title, self.answers):
            w.setVisible(bool(answers))
        self.accept_button.setVisible(bool(answers) and self._actor.role in OFFICE)
        unfetched = self._online.unfetched_documents()
        self.unfetched_label.setText("未查收（申请人尚未在线下载）：" + "；".join(
            f"<a href='{u.request_id}'>{escape(u.number)}</a> {escape(u.title)}，{u.issued_on:%Y-%m-%d}签发"
            for u in unfetched[:6]) + (f"……共{len(unfetched)}份" if len(unfetched) > 6 else ""))
        self.unfetched_label.setVisible(bool(unfetched))
        if unfetched:
            self._send_notices()
        for w in (self.title, self.table, self.open_button):
            w.setVisible(bool(pending))
        for b in (self.confirm_button, self.refuse_button):
            b.setVisible(bool(pending) and self._actor.role in OFFICE)
        self.setVisible(bool(pending or answers or unfetched))

    def _send_notices(self) -> None:
        """E-mail the applicants of documents newly available online (管理 → 网上申请 sets the relay), off
        the UI thread; once per document, whichever workstation sends it."""
        if self._mailing:
            return
        self._mailing = True

        def done(sent) -> None:
            if not isValid(self):              # the window closed while the relay answered
                return
            self._mailing = False
            self.mail_label.hide()
            self.notices_sent += sent or 0

        def failed(error: Exception, _trace: str) -> None:
            if not isValid(self):
                return
            self._mailing = False
            cause = "邮件服务器拒绝发送" if isinstance(error, smtplib.SMTPException) else "无法连接邮件服务器"
            self.mail_label.setText(f"网上申请的邮件通知未能发出（{cause}），请检查“管理 → 网上申请”中的"
                                    "邮件服务器地址和端口；刷新时将再次尝试。")
            self.mail_label.show()
        run_task(self._online.send_notices, on_done=done, on_error=failed)

    def _selected(self):
        rows = self.table.selectionModel().selectedRows()
        return self.model.row(rows[0].row()) if rows else None

    # -- actions ----------------------------------------------------------------------------
    def confirm_selected(self) -> None:
        p = self._selected()
        if p is None:
            prompts.info(self, "确认受理", "请先在列表中选择一件网上申请。")
            return
        similar = self._online.similar(p.request_id)
        repeat = ("\n\n注意：该申请人此前有相似申请（" + "；".join(
            f"{number}，{status}，相似度{score:.0%}" for number, _text, score, status in similar[:3])
            + "），请核对是否属于重复申请。") if similar else ""
        if not prompts.confirm(self, "确认受理", f"确认受理{p.applicant_name}的网上申请？确认之日即为收到申请之日，"
                               f"答复期限自今日起计算。{repeat}", "确认受理"):
            return
        try:
            detail = self._online.confirm(self._actor, p.request_id, p.version)
        except DomainError as e:
            prompts.error(self, "未能确认受理", e.message)
            return
        prompts.info(self, "已确认受理", f"已确认受理，申请编号{detail.number}，收到申请日期为今日。")
        self.changed.emit(p.request_id)
        self.refresh()

    def refuse_selected(self) -> None:
        p = self._selected()
        if p is None:
            prompts.info(self, "不予登记", "请先在列表中选择一件网上申请。")
            return
        reason = prompts.ask_text(self, "不予登记", "不属于政府信息公开申请的理由（记入审计，申请人可见结论）：")
        if reason is None:
            return
        try:
            self._online.refuse(self._actor, p.request_id, p.version, reason)
        except DomainError as e:
            prompts.error(self, "未能作不予登记处理", e.message)
            return
        self.changed.emit(p.request_id)
        self.refresh()

    def accept_selected(self) -> None:
        item = self.answers.currentItem()
        if item is None:
            prompts.info(self, "接收补正", "请先选择一份网上补正。")
            return
        try:
            detail = self._online.accept_correction(self._actor, item.data(ANSWER_ROLE))
        except DomainError as e:
            prompts.error(self, "未能接收补正", e.message)
            return
        prompts.info(self, "已接收补正", f"已接收{detail.number}的网上补正，答复期限自补正收到之日重新计算。")
        self.changed.emit(detail.id)
        self.refresh()
