"""The case's 会商 tab: consultation records on it, recording one, adopting a conclusion, the 会商纪要."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout, QListWidget, QListWidgetItem, QPushButton, QSplitter, QTextBrowser, QVBoxLayout, QWidget,
)

from app.errors import DomainError
from app.services.cases.deliberation_service import FORMS, DeliberationView
from app.services.dto import Actor, RequestDetail
from app.ui.common import prompts
from app.ui.cases.case_actions import DECISION_CHOICES
from app.ui.cases.deliberation_html import record_html
from app.ui.common.form_dialog import FormDialog, FormField
from app.ui.cases.material_list import DELIBERATION, MaterialListWidget
from app.workflow.dates import cn_date
from app.workflow.status import Status
from app.workflow.transitions import TASK_ASSIGNERS, TASKABLE
from app.workflow.vocabulary import Role


class DeliberationPanel(QWidget):
    changed = Signal()

    def __init__(self, services, actor: Actor, parent=None):
        super().__init__(parent)
        self.services, self.actor = services, actor
        self.detail: RequestDetail | None = None
        self.records: list[DeliberationView] = []
        self.list = QListWidget(self)
        self.list.currentRowChanged.connect(lambda *_: self._show_selected())
        self.text = QTextBrowser(self)
        self.new_button = self._button("新建会商记录", self.new_record)
        self.join_button = self._button("加入已有会商", self.join_record)
        self.adopt_button = self._button("采纳会商结论", self.adopt)
        self.minutes_button = self._button("会商纪要…", self.save_minutes)
        self.materials = MaterialListWidget(services.materials, actor, DELIBERATION, self)
        self.materials.changed.connect(self.changed)
        bar = QHBoxLayout()
        for b in (self.new_button, self.join_button, self.adopt_button, self.minutes_button):
            bar.addWidget(b)
        bar.addStretch(1)
        split = QSplitter(Qt.Horizontal, self)
        right = QSplitter(Qt.Vertical, self)
        right.addWidget(self.text)
        right.addWidget(self.materials)
        right.setSizes([300, 120])
        split.addWidget(self.list)
        split.addWidget(right)
        split.setSizes([320, 700])
        outer = QVBoxLayout(self)
        outer.addLayout(bar)
        outer.addWidget(split, 1)

    def _button(self, text: str, slot) -> QPushButton:
        b = QPushButton(text, self)
        b.clicked.connect(slot)
        return b

    # -- showing ----------------------------------------------------------------------------
    def load(self, detail: RequestDetail) -> None:
        self.detail = detail
        before = self.selected()
        self.records = self.services.deliberations.for_request(detail.id)
        self.list.clear()
        for r in self.records:
            QListWidgetItem(f"{cn_date(r.held_on)} {r.form}会商（{r.number}）", self.list)
        if self.records and not (before and self.select(before.number)):
            self.list.setCurrentRow(len(self.records) - 1)
        self._show_selected()

    def selected(self) -> DeliberationView | None:
        row = self.list.currentRow()
        return self.records[row] if 0 <= row < len(self.records) else None

    def select(self, number: str) -> bool:
        for i, r in enumerate(self.records):
            if r.number == number:
                self.list.setCurrentRow(i)
                return True
        return False

    def _show_selected(self) -> None:
        r, d = self.selected(), self.detail
        office = self.actor.role in TASK_ASSIGNERS
        handling = d is not None and Status(d.status) in TASKABLE
        lead = self.actor.role is Role.HANDLER and d is not None and self.actor.department_id == d.department_id
        for b in (self.new_button, self.join_button, self.materials.add_button):
            b.setVisible(office)
        self.new_button.setEnabled(d is not None and Status(d.status).is_open)
        self.join_button.setEnabled(d is not None and Status(d.status).is_open)
        self.materials.set_owner(r.id if r else None, r.materials if r else (), office)
        self.adopt_button.setVisible(office or lead)
        self.adopt_button.setEnabled(r is not None and handling and r.case(d.id) is not None)
        self.minutes_button.setEnabled(r is not None)
        self.text.setHtml(record_html(r, d.id if d else 0) if r else "<p>本申请尚无会商记录。</p>")

    # -- actions ----------------------------------------------------------------------------
    def _ask(self, title: str, fields, submit, intro: str = "") -> object:
        try:
            result = FormDialog.ask(self, title, fields, submit, intro, None, self.services.queries.today())
        except DomainError as e:
            prompts.error(self, f"无法{title}", e.message)
            return None
        if result is not None:
            self.changed.emit()
        return result

    def _conclusion_fields(self) -> tuple[FormField, ...]:
        return (FormField("conclusion", "本申请的会商结论", "multiline", required=True),
                FormField("decision", "建议答复决定", "choice", "", DECISION_CHOICES),
                FormField("reasons", "理由（可作为拟办理由）", "multiline"))

    def new_record(self) -> None:
        d, s = self.detail, self.services
        forms = tuple((f, f) for f in FORMS)
        fields = (FormField("held_on", "会商日期", "date", s.queries.today()),
                  FormField("form", "会商形式", "choice", FORMS[0], forms, required=True),
                  FormField("topic", "会商事项", "text", f"申请{d.number}的答复意见"),
                  FormField("participants", "参加人员", "text", required=True, placeholder="姓名、职务，以顿号分隔"),
                  FormField("departments", "参加处室", "text", d.department),
                  *self._conclusion_fields(),
                  FormField("notes", "其他事项", "multiline"))
        self._ask("新建会商记录", fields, lambda v: s.deliberations.create(
            self.actor, v["held_on"], v["form"], v["topic"], v["participants"], v["departments"], d.id,
            v["conclusion"], v["decision"], v["reasons"], v["notes"]),
            "疑难申请经会商的，记录会商情况和对每件申请的结论；一次会商可以涉及多件申请。")

    def join_record(self) -> None:
        d, s = self.detail, self.services
        choices = tuple((f"{cn_date(r.held_on)} {r.form}会商（{r.number}）：{r.topic}", r.id)
                        for r in s.deliberations.recent() if r.case(d.id) is None)
        if not choices:
            prompts.info(self, "加入已有会商", "没有可加入的会商记录，请新建会商记录。")
            return
        fields = (FormField("deliberation_id", "会商记录", "choice", choices[0][1], choices, required=True),
                  *self._conclusion_fields())
        self._ask("加入已有会商", fields, lambda v: s.deliberations.add_case(
            self.actor, v["deliberation_id"], d.id, v["conclusion"], v["decision"], v["reasons"]))

    def adopt(self) -> None:
        r, d = self.selected(), self.detail
        c = r.case(d.id)
        intro = (f"将{r.source}作为本申请的拟办意见：\n答复决定：{c.decision or d.decision or '（未定）'}\n"
                 f"理由：{c.reasons or c.conclusion}\n采纳后仍须提交签批。")
        self._ask("采纳会商结论", (), lambda v: self.services.deliberations.adopt(
            self.actor, r.id, d.id, d.version), intro)

    def save_minutes(self) -> None:
        r = self.selected()
        path = prompts.save_file(self, "保存会商纪要（Word或PDF）", f"会商纪要-{r.number}.pdf",
                                 "PDF (*.pdf);;Word (*.docx)")
        if not path:
            return
        try:
            self.services.deliberations.save_minutes(self.actor, r.id, path)
        except (DomainError, OSError) as e:
            prompts.error(self, "无法保存会商纪要", getattr(e, "message", str(e)))
            return
        self.changed.emit()
