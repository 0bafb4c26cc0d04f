"""The attachments of a case: name, kind, size, SHA-256 checksum, who added it and when."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.ui.common.columns import CENTER, RIGHT, Column, file_size, text, ymd
from app.ui.common.list_table_model import ListTableModel


def _short_hash(value: str) -> str:
    return value[:16] + "…" if value else ""


class AttachmentTableModel(ListTableModel):
    COLUMNS = (
        Column("filename", "文件名", text, width=220),
        Column("kind", "类别", text, CENTER, width=110),
        Column("size", "大小", file_size, RIGHT, width=80),
        Column("sha256", "SHA-256校验值", _short_hash, width=150),
        Column("added_at", "添加时间", ymd, CENTER, width=130),
        Column("added_by", "添加人", text, width=80),
    )

    def data(self, index, role=Qt.DisplayRole):
        if role == Qt.ToolTipRole and index.isValid() and self.COLUMNS[index.column()].key == "sha256":
            return self.row_at(index.row()).sha256
        return super().data(index, role)
