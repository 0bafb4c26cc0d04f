"""管理 → 流程: switch the 合法性审查 stage on or off and give it its share of the draft lead time."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QPushButton, QSpinBox, QVBoxLayout, QWidget,
)

from app.errors import DomainError
from app.services.dto import Actor
from app.services.settings_service import OfficeSettings, SettingsService
from app.ui.common import prompts


class WorkflowSettingsForm(QWidget):
    saved = Signal(object)   # the OfficeSettings now stored

    def __init__(self, settings: SettingsService, actor: Actor, editable: bool, parent=None):
        super().__init__(parent)
        self._service, self._actor = settings, actor
        self.legal_review = QCheckBox("启用合法性审查（签批同意后送法制审核员审查，通过后方可答复）", self)
        self.legal_review.setObjectName("legal_review")
        self.review_days = QSpinBox(self)
        self.review_days.setObjectName("legal_review_days")
        self.review_days.setRange(1, 59)
        self.review_days.setSuffix(" 个工作日")
        self.share = QLabel(self)
        self.share.setWordWrap(True)
        self.share.setObjectName("hint")
        self.status = QLabel(self)
        self.save_button = QPushButton("保存流程设置", self)
        self.save_button.setVisible(editable)
        self.save_button.clicked.connect(self.save)
        for w in (self.legal_review, self.review_days):
            w.setEnabled(editable)
        self.legal_review.toggled.connect(lambda *_: self._show_share())
        self.review_days.valueChanged.connect(lambda *_: self._show_share())
        box = QGroupBox("合法性审查", self)
        form = QFormLayout(box)
        form.addRow(self.legal_review)
        form.addRow("审查占用时间：", self.review_days)
        form.addRow(self.share)
        note = QLabel("法制审核员在“用户与角色”中设置；本机关未设法制审核员的，由科室负责人承担合法性审查。", self)
        note.setWordWrap(True)
        note.setObjectName("hint")
        form.addRow(note)
        row = QHBoxLayout()
        row.addWidget(self.status, 1)
        row.addWidget(self.save_button)
        outer = QVBoxLayout(self)
        outer.addWidget(box)
        outer.addLayout(row)
        outer.addStretch(1)
        self.load()

    def load(self) -> None:
        self._loaded = self._service.load()
        self.legal_review.setChecked(self._loaded.legal_review)
        self.review_days.setValue(self._loaded.legal_review_days)
        self._show_share()

    def _show_share(self) -> None:
        lead, days = self._loaded.draft_lead_days, self.review_days.value()
        self.review_days.setEnabled(self.legal_review.isChecked() and self.save_button.isVisible())
        if not self.legal_review.isChecked():
            self.share.setText("未启用：签批同意后直接进入“待答复”。")
            return
        rest = max(0, lead - days - 1)
        self.share.setText(f"承办处室在应答复日期前{lead}个工作日报送草稿；其中签批{rest}个工作日（报送当日起）、"
                           f"合法性审查{days}个工作日（占{days}/{lead}）、送达1个工作日。")

    def has_changes(self) -> bool:
        shown = (self.legal_review.isChecked(), self.review_days.value())
        return self.save_button.isVisibleTo(self) and shown != (self._loaded.legal_review,
                                                                 self._loaded.legal_review_days)

    def save(self) -> None:
        new: OfficeSettings = replace(self._service.load(), legal_review=self.legal_review.isChecked(),
                                      legal_review_days=self.review_days.value())
        try:
            self._loaded = self._service.save(self._actor, new)
        except DomainError as e:
            prompts.error(self, "流程设置未保存", e.message)
            self.status.setText("流程设置未保存，请按提示修改。")
            return
        self.status.setText("已保存：合法性审查" + ("已启用" if new.legal_review else "未启用") + "。")
        self.saved.emit(self._loaded)
