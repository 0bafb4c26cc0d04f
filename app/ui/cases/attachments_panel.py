"""A case's attachments tab: list with checksums, add a file, save a verified copy."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QHBoxLayout, QLabel, QPushButton, QTableView, QVBoxLayout, QWidget,
)

from app.errors import DomainError
from app.services.cases.attachment_service import KINDS, AttachmentService, AttachmentView
from app.services.dto import Actor
from app.ui.common import prompts
from app.ui.cases.attachment_table_model import AttachmentTableModel


_FILTERS = "扫描件和文档 (*.pdf *.jpg *.jpeg *.png *.tif *.tiff *.doc *.docx *.ofd);;所有文件 (*)"


class AttachmentsPanel(QWidget):
    changed = Signal()

    def __init__(self, attachments: AttachmentService, actor: Actor, parent=None):
        super().__init__(parent)
        self._service, self._actor = attachments, actor
        self._request_id: int | None = None
        self.model = AttachmentTableModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        for i, col in enumerate(self.model.COLUMNS):
            self.table.setColumnWidth(i, col.width)
        self.table.doubleClicked.connect(lambda *_: self.save_button.isEnabled() and self.save_selected())
        self.kind = QComboBox(self)
        self.kind.addItems(KINDS)
        self.add_button = QPushButton("添加附件…", self)
        self.add_button.clicked.connect(self.add_file)
        self.save_button = QPushButton("另存为…", self)
        self.save_button.clicked.connect(self.save_selected)
        row = QHBoxLayout()
        self.kind_label = QLabel("类别：", self)
        row.addWidget(self.kind_label)
        row.addWidget(self.kind)
        row.addWidget(self.add_button)
        row.addStretch(1)
        row.addWidget(self.save_button)
        outer = QVBoxLayout(self)
        outer.addLayout(row)
        outer.addWidget(self.table, 1)
        hint = QLabel("附件按原样保存并记录SHA-256校验值；另存时先核对校验值，防止文件被篡改或损坏。", self)
        hint.setObjectName("hint")
        outer.addWidget(hint)

    def set_access(self, can_add: bool, can_open: bool) -> None:
        """Offer only what the service allows this user on this case: adding files (those handling it),
        saving a copy (those who may see the applicant's personal data; a 协办 department may not)."""
        for w in (self.kind_label, self.kind, self.add_button):
            w.setVisible(can_add)
        self.save_button.setVisible(can_open)
        self.save_button.setEnabled(can_open)

    def load(self, request_id: int) -> None:
        self._request_id = request_id
        self.model.set_rows(self._service.list(request_id))

    def add_file(self) -> AttachmentView | None:
        path = prompts.open_file(self, "添加附件", _FILTERS)
        if not path or self._request_id is None:
            return None
        try:
            view = self._service.add_file(self._actor, self._request_id, path, self.kind.currentText())
        except DomainError as e:
            prompts.error(self, "无法添加附件", e.message)
            return None
        self.load(self._request_id)
        self.changed.emit()
        return view

    def save_selected(self) -> Path | None:
        rows = self.table.selectionModel().selectedRows()
        item: AttachmentView | None = self.model.row_at(rows[0].row()) if rows else None
        if item is None:
            prompts.info(self, "另存附件", "请先选择一个附件。")
            return None
        target = prompts.save_file(self, "附件另存为", item.filename)
        if not target:
            return None
        try:
            return self._service.save_to(self._actor, item.id, target)
        except DomainError as e:
            prompts.error(self, "无法保存附件", e.message)
            return None
