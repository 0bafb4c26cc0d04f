"""管理 → 网上申请: the 申请须知 shown before the online form, the public site's address, the SMTP relay."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QPushButton, QSpinBox, QVBoxLayout,
    QWidget,
)

from app.errors import DomainError
from app.services.dto import Actor
from app.services.settings_service import OfficeSettings, SettingsService
from app.ui.common import prompts


class OnlineSettingsForm(QWidget):
    saved = Signal(object)   # the OfficeSettings now stored

    def __init__(self, settings: SettingsService, actor: Actor, editable: bool, parent=None):
        super().__init__(parent)
        self._service, self._actor = settings, actor
        self.notice = QPlainTextEdit(self)
        self.notice.setObjectName("online_notice")
        self.notice.setPlaceholderText("例如：请如实填写申请人信息；所需信息应写明名称、文号或者便于查询的特征……")
        self.site = QLineEdit(self)
        self.site.setObjectName("online_site")
        self.site.setPlaceholderText("https://gongkai.example.gov.cn/")
        self.host = QLineEdit(self)
        self.host.setObjectName("smtp_host")
        self.host.setPlaceholderText("不填写则不发送邮件提醒")
        self.port = QSpinBox(self)
        self.port.setObjectName("smtp_port")
        self.port.setRange(1, 65535)
        self.sender = QLineEdit(self)
        self.sender.setObjectName("smtp_from")
        self.sender.setPlaceholderText("gongkai@example.gov.cn")
        self.status = QLabel(self)
        self.save_button = QPushButton("保存网上申请设置", self)
        self.save_button.setVisible(editable)
        self.save_button.clicked.connect(self.save)
        for w in (self.notice, self.site, self.host, self.port, self.sender):
            w.setEnabled(editable)
        public = QGroupBox("网上申请", self)
        form = QFormLayout(public)
        form.addRow("申请须知：", self.notice)
        form.addRow("网上申请网址：", self.site)
        mail = QGroupBox("邮件提醒（文书可在线获取时通知申请人）", self)
        mform = QFormLayout(mail)
        mform.addRow("邮件服务器：", self.host)
        mform.addRow("端口：", self.port)
        mform.addRow("发件人地址：", self.sender)
        hint = QLabel("邮件只含称呼、文书名称和网址，不含查询码、文书内容或其他个人信息。", self)
        hint.setWordWrap(True)
        hint.setObjectName("hint")
        mform.addRow(hint)
        row = QHBoxLayout()
        row.addWidget(self.status, 1)
        row.addWidget(self.save_button)
        outer = QVBoxLayout(self)
        outer.addWidget(public)
        outer.addWidget(mail)
        outer.addLayout(row)
        outer.addStretch(1)
        self.load()

    def _shown(self) -> tuple:
        return (self.notice.toPlainText().strip(), self.site.text().strip(), self.host.text().strip(),
                self.port.value(), self.sender.text().strip())

    def load(self) -> None:
        self._loaded = self._service.load()
        s = self._loaded
        self.notice.setPlainText(s.online_notice)
        self.site.setText(s.online_site)
        self.host.setText(s.smtp_host)
        self.port.setValue(s.smtp_port)
        self.sender.setText(s.smtp_from)

    def has_changes(self) -> bool:
        s = self._loaded
        return self.save_button.isVisibleTo(self) and self._shown() != (
            s.online_notice, s.online_site, s.smtp_host, s.smtp_port, s.smtp_from)

    def save(self) -> None:
        notice, site, host, port, sender = self._shown()
        new: OfficeSettings = replace(self._service.load(), online_notice=notice, online_site=site, smtp_host=host,
                                      smtp_port=port, smtp_from=sender)
        try:
            self._loaded = self._service.save(self._actor, new)
        except DomainError as e:
            prompts.error(self, "网上申请设置未保存", e.message)
            self.status.setText("网上申请设置未保存，请按提示修改。")
            return
        self.status.setText("已保存网上申请设置。" + ("邮件提醒已开启。" if host else "未设置邮件服务器，不发送邮件提醒。"))
        self.saved.emit(self._loaded)
