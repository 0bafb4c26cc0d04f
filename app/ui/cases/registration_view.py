"""登记: the registration screen — form, duplicate warning, save, and the printable 受理回执."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFrame, QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget,
)

from app.errors import DomainError, ValidationError
from app.services.dto import Actor, RequestDetail
from app.ui.common import prompts
from app.workflow.status import Status
from app.ui.letter.letters import open_receipt
from app.ui.cases.request_form import RequestForm

_SIMILAR_KEYS = ("applicant_name", "id_number", "description")


def similar_warning(similar: list[tuple[str, str, float, str]]) -> str:
    """What the clerk is told of earlier similar requests, each listed with its status."""
    lines = [f"· {num}（{status}）：{desc[:50]}（相似度{round(score * 100)}%）" for num, desc, score, status in similar]
    return "\n".join([similar_summary(similar), *lines])


def similar_summary(similar: list[tuple[str, str, float, str]]) -> str:
    """第三十六条第（六）项 is for a request already answered; an earlier request still being handled
    is a possible duplicate to handle together or ask the applicant about."""
    answered = [s for s in similar if not Status(s[3]).is_open]
    pending = [s for s in similar if Status(s[3]).is_open]
    parts = []
    if answered:
        parts.append("该申请人此前已就相似内容提出申请并已答复，本件可能属于重复申请（条例第三十六条第（六）项），请核对。")
    if pending:
        parts.append("该申请人此前提出的相似申请尚在办理、尚未答复：本件可能与之内容相同，请核对后与其一并办理，"
                     "或与申请人确认；尚未答复的申请不适用第三十六条第（六）项。")
    return "\n".join(parts)


class RegistrationView(QWidget):
    registered = Signal(int)

    def __init__(self, services, actor: Actor, hub, parent=None):
        super().__init__(parent)
        self.services, self.actor, self.hub = services, actor, hub
        self.saved: RequestDetail | None = None
        self.similar: list[tuple[str, str, float]] = []
        self._similar_timer = QTimer(self, singleShot=True, interval=500)
        self._similar_timer.timeout.connect(self.refresh_similar)
        self._build()
        self._blank = self.form.values()

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        title = QLabel("登记申请", self)
        title.setObjectName("pageTitle")
        hint = QLabel("带 * 的为必填项。Ctrl+S 保存登记，Ctrl+N 新建登记。", self)
        hint.setObjectName("hint")
        outer.addWidget(title)
        outer.addWidget(hint)
        body = QWidget(self)
        col = QVBoxLayout(body)
        self.form = RequestForm(self.services.queries.today(), body)
        self.form.changed.connect(self._form_changed)
        col.addWidget(self.form)
        self.similar_box = QFrame(body)
        self.similar_box.setObjectName("warningBox")
        self.similar_label = QLabel(self.similar_box)
        self.similar_label.setWordWrap(True)
        self.similar_label.setTextFormat(Qt.PlainText)
        QVBoxLayout(self.similar_box).addWidget(self.similar_label)
        self.similar_box.hide()
        col.addWidget(self.similar_box)
        self.proactive_box = QFrame(body)          # Art 44: the subject has been published already
        self.proactive_box.setObjectName("infoBox")
        self.proactive_label = QLabel(self.proactive_box)
        self.proactive_label.setWordWrap(True)
        self.proactive_label.setTextFormat(Qt.PlainText)
        QVBoxLayout(self.proactive_box).addWidget(self.proactive_label)
        self.proactive_box.hide()
        col.addWidget(self.proactive_box)
        col.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.NoFrame)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)
        outer.addWidget(self._success_box())
        outer.addLayout(self._buttons())

    def _success_box(self) -> QFrame:
        box = QFrame(self)
        box.setObjectName("successBox")
        row = QHBoxLayout(box)
        row.addWidget(QLabel("登记成功。受理回执编号：", box))
        self.receipt_number = QLabel(box)
        self.receipt_number.setObjectName("receiptNumber")
        self.receipt_number.setTextInteractionFlags(Qt.TextSelectableByMouse)
        row.addWidget(self.receipt_number)
        self.receipt_due = QLabel(box)
        row.addWidget(self.receipt_due, 1)
        self.print_button = QPushButton("打印受理回执(&P)", box)
        self.print_button.clicked.connect(self.print_receipt)
        self.open_button = QPushButton("查看详情", box)
        self.open_button.clicked.connect(lambda: self.hub.open_request.emit(self.saved.id))
        self.next_button = QPushButton("继续登记", box)
        self.next_button.setProperty("primary", True)
        self.next_button.clicked.connect(self.new)
        for b in (self.print_button, self.open_button, self.next_button):
            row.addWidget(b)
        box.hide()
        self.success_box = box
        return box

    def _buttons(self):
        row = QHBoxLayout()
        row.addStretch(1)
        self.clear_button = QPushButton("清空", self)
        self.clear_button.clicked.connect(self.new)
        self.save_button = QPushButton("保存登记 (Ctrl+S)", self)
        self.save_button.setProperty("primary", True)
        self.save_button.clicked.connect(self.save)
        row.addWidget(self.clear_button)
        row.addWidget(self.save_button)
        return row

    # -- behaviour --------------------------------------------------------------------------
    def new(self) -> None:
        """Start a fresh registration (Ctrl+N)."""
        self.saved = None
        self.form.setEnabled(True)
        self.form.clear()
        self.similar = []
        self.similar_box.hide()
        self.proactive_box.hide()
        self.success_box.hide()
        self.save_button.setEnabled(True)
        self._blank = self.form.values()
        self.form.widgets["applicant_name"].setFocus()

    def unsaved_changes(self) -> str | None:
        """A half-typed registration (anything entered since the form was cleared), else None."""
        if self.saved is None and self.form.values() != self._blank:
            return "正在登记的申请"
        return None

    def discard_changes(self) -> None:
        self.new()

    def _form_changed(self, key: str) -> None:
        if key in _SIMILAR_KEYS:
            self._similar_timer.start()

    def refresh_similar(self) -> list[tuple[str, str, float]]:
        """Warn when the same applicant already asked for similar information (重复申请?)."""
        v = self.form.values()
        if not v["applicant_name"] or not v["description"]:
            self.similar = []
        else:
            self.similar = self.services.requests.similar_requests(
                v["applicant_name"], v["id_number"], v["description"],
                exclude_id=self.saved.id if self.saved else None)
        if self.similar:
            self.similar_label.setText(similar_warning(self.similar))
        self.similar_box.setVisible(bool(self.similar))
        self.refresh_published()
        return self.similar

    def refresh_published(self) -> list[str]:
        """Tell the clerk when the request is about a subject already converted to proactive disclosure."""
        description = self.form.values()["description"]
        notes = [note for _c, note in self.services.proactive.converted_matching(description or "")]
        self.proactive_label.setText("\n".join(notes))
        self.proactive_box.setVisible(bool(notes))
        return notes

    def save(self) -> RequestDetail | None:
        """Validate, warn about a possible duplicate, register; one transaction in the service."""
        if self.saved is not None:
            return None
        if self.form.check_all():
            return None
        if self.refresh_similar() and not prompts.confirm(
                self, "可能重复申请", f"{similar_summary(self.similar)}\n仍要登记这件申请吗？"):
            return None
        try:
            detail = self.services.requests.register(self.actor, self.form.to_input())
        except ValidationError as e:
            if e.field in self.form.errors:
                self.form.show_error(e.field, e.message)
                self.form.widgets[e.field].setFocus()
            else:
                prompts.error(self, "无法登记", e.message)
            return None
        except DomainError as e:
            prompts.error(self, "无法登记", e.message)
            return None
        self._saved(detail)
        return detail

    def _saved(self, detail: RequestDetail) -> None:
        self.saved = detail
        self.form.setEnabled(False)
        self.save_button.setEnabled(False)
        self.receipt_number.setText(detail.number)
        due = detail.deadline.reply_due
        self.receipt_due.setText(f"应答复日期：{due.isoformat()}" if due else "待确认收到后起算答复期限")
        overdue = due is not None and due < self.services.queries.today()
        if overdue:       # received long before it was registered: the deadline has already passed
            self.receipt_due.setText(f"应答复日期：{due.isoformat()}。登记时已逾期，请立即审核交办并尽快答复。")
            self.receipt_due.setStyleSheet("color: #c62828; font-weight: bold;")
        else:
            self.receipt_due.setStyleSheet("")
        self.success_box.show()
        self.next_button.setFocus()
        self.hub.changed(detail.id)
        self.registered.emit(detail.id)

    def print_receipt(self) -> bool:
        if self.saved is None:
            return False
        return open_receipt(self, self.services, self.actor, self.saved.id)
