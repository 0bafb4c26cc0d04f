"""Workbench: notices not yet issued (signed) or not yet served, each a link that opens its case."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout

SHOWN = 6


class PendingNoticesBox(QFrame):
    """Hidden when every notice is signed and served; ``open_request`` carries the case id."""

    open_request = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("warningBox")
        self.label = QLabel(self)
        self.label.setTextFormat(Qt.RichText)
        self.label.setWordWrap(True)
        self.label.linkActivated.connect(lambda link: self.open_request.emit(int(link)))
        QVBoxLayout(self).addWidget(self.label)
        self.hide()

    def show_pending(self, pending) -> None:
        """``pending``: NoticeService.pending() rows (request_id, number, notice, state)."""
        lines = [f"<a href='{p.request_id}'>{escape(p.number)}</a>：{escape(p.notice)}，{escape(p.state)}"
                 for p in pending[:SHOWN]]
        more = f"<br/>……另有{len(pending) - SHOWN}份" if len(pending) > SHOWN else ""
        self.label.setText(f"通知书尚未签发或送达（{len(pending)}份），答复书只引述已签发的通知书：<br/>"
                           + "<br/>".join(lines) + more)
        self.setVisible(bool(pending))
