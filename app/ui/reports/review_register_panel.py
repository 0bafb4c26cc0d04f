"""Table 四 and the register it is counted from: administrative reviews and lawsuits, added and edited here."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QPushButton, QTableView, QVBoxLayout, QWidget,
)

from app.errors import DomainError
from app.services.reports.review_register import ReviewInput, ReviewView
from app.ui.common import prompts
from app.ui.reports.annual_report_models import ReviewRegisterTableModel, Table4TableModel
from app.ui.common.form_dialog import FormDialog, FormField
from app.workflow.annual_counts import REVIEW_KINDS, Table4

RESULT_CHOICES = (("尚未审结", ""), ("维持", "维持"), ("纠正（撤销、确认违法、责令履行、变更）", "纠正"),
                  ("其他", "其他"))


def review_fields(entry: ReviewView | None) -> list[FormField]:
    e = entry
    return [
        FormField("kind", "类别", "choice", e.kind if e else REVIEW_KINDS[0], [(k, k) for k in REVIEW_KINDS]),
        FormField("request_number", "申请编号", "text", e.request_number if e else "",
                  placeholder="被申请复议或起诉的答复所属申请，可留空"),
        FormField("filed_on", "提起日期", "date", e.filed_on if e else None, required=True),
        FormField("result", "结果", "choice", e.result if e else "", RESULT_CHOICES),
        FormField("decided_on", "审结日期", "optional_date", e.decided_on if e else None),
        FormField("notes", "备注", "multiline", e.notes if e else ""),
    ]


class ReviewRegisterPanel(QWidget):
    """``changed`` fires after every saved change so the report's table 四 is counted again."""

    changed = Signal()

    def __init__(self, register, actor, parent=None):
        super().__init__(parent)
        self._register, self._actor = register, actor
        self.year: int | None = None
        self.table4_model = Table4TableModel(self)
        self.table4 = QTableView(self)
        self.table4.setModel(self.table4_model)
        self.table4.verticalHeader().hide()
        self.table4.horizontalHeader().setSectionResizeMode(QHeaderView.Stretch)
        self.table4.setFixedHeight(128)
        self.model = ReviewRegisterTableModel(self)
        self.list = QTableView(self)
        self.list.setModel(self.model)
        self.list.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.list.setSelectionMode(QAbstractItemView.SingleSelection)
        self.list.setAlternatingRowColors(True)
        self.list.verticalHeader().hide()
        for i, col in enumerate(self.model.COLUMNS):
            self.list.setColumnWidth(i, col.width)
        self.list.horizontalHeader().setStretchLastSection(True)
        self.list.doubleClicked.connect(lambda *_: self.edit_selected())
        self.add_button = self._button("登记复议诉讼…", self.add)
        self.edit_button = self._button("修改…", self.edit_selected)
        self.delete_button = self._button("删除…", self.delete_selected)
        self.delete_button.setProperty("danger", True)
        hint = QLabel("统计口径：当年审结的按结果计入；12月31日仍未审结的计入“尚未审结”。"
                      "“纠正”含撤销、确认违法、责令履行、变更。", self)
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        buttons = QHBoxLayout()
        for b in (self.add_button, self.edit_button, self.delete_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table4)
        layout.addWidget(hint)
        title = QLabel("复议诉讼登记（与本年度有关的）", self)
        title.setObjectName("sectionTitle")
        layout.addWidget(title)
        layout.addLayout(buttons)
        layout.addWidget(self.list, 1)

    def _button(self, text: str, slot) -> QPushButton:
        b = QPushButton(text, self)
        b.clicked.connect(lambda *_: slot())
        return b

    def show_year(self, year: int, table4: Table4 | None) -> None:
        self.year = year
        self.table4_model.set_table(table4)
        self.model.set_rows(self._register.entries(year))

    def selected(self) -> ReviewView | None:
        rows = self.list.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def add(self) -> ReviewView | None:
        return self._ask("登记复议诉讼", None, lambda data: self._register.add(self._actor, data))

    def edit_selected(self) -> ReviewView | None:
        entry = self.selected()
        if entry is None:
            prompts.info(self, "修改复议诉讼", "请先在列表中选中一条记录。")
            return None
        return self._ask("修改复议诉讼", entry, lambda data: self._register.update(self._actor, entry.id, data))

    def delete_selected(self) -> bool:
        entry = self.selected()
        if entry is None:
            prompts.info(self, "删除复议诉讼", "请先在列表中选中一条记录。")
            return False
        reason = prompts.ask_text(self, "删除复议诉讼", f"删除“{entry.kind}（{entry.filed_on}提起）”的原因：")
        if reason is None:
            return False
        try:
            self._register.delete(self._actor, entry.id, reason.strip())
        except DomainError as e:
            prompts.error(self, "无法删除", e.message)
            return False
        self.changed.emit()
        return True

    def _ask(self, title: str, entry: ReviewView | None, save) -> ReviewView | None:
        def submit(values: dict) -> ReviewView:
            data = ReviewInput(**{k: values.get(k) for k in
                                  ("kind", "filed_on", "result", "decided_on", "request_number", "notes")})
            return save(replace(data, request_number=data.request_number or "", notes=data.notes or "",
                                result=data.result or ""))

        try:
            result = FormDialog.ask(self, title, review_fields(entry), submit,
                                    "表四按此登记统计。结果留作“尚未审结”时，不填审结日期。")
        except DomainError as e:
            prompts.error(self, f"无法{title}", e.message)
            return None
        if result is not None:
            self.changed.emit()
            if result.warning:
                prompts.warn(self, title, result.warning)
        return result
