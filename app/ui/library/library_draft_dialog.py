"""The review step of 标记典型案例: the anonymised copy, what was replaced, editable before saving."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import (
    QAbstractItemView, QDialog, QDialogButtonBox, QFormLayout, QHeaderView, QLabel, QLineEdit, QPlainTextEdit,
    QSplitter, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)
from PySide6.QtCore import Qt

from app.errors import ValidationError
from app.services.library.case_library_service import TEXT_KEYS, CaseLibraryService, LibraryDraft, LibraryEntry
from app.ui.common.screen_fit import fit_resize
from app.workflow.anonymise import Replacement

REPLACEMENT_HEADERS = ("类别", "原文", "替换为", "原文中的位置", "替换后")


def replacements_table(parent, replacements: tuple[Replacement, ...]) -> QTableWidget:
    """Every replacement on one row, the original and its replacement side by side, each in context."""
    table = QTableWidget(len(replacements), len(REPLACEMENT_HEADERS), parent)
    table.setHorizontalHeaderLabels(REPLACEMENT_HEADERS)
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectRows)
    table.setAlternatingRowColors(True)
    for row, r in enumerate(replacements):
        for col, value in enumerate((r.kind, r.original, r.replacement, f"…{r.before}…", f"…{r.after}…")):
            item = QTableWidgetItem(value)
            item.setToolTip(value)
            table.setItem(row, col, item)
    header = table.horizontalHeader()
    for col, mode in enumerate((QHeaderView.ResizeToContents,) * 3 + (QHeaderView.Stretch,) * 2):
        header.setSectionResizeMode(col, mode)
    return table


class LibraryDraftDialog(QDialog):
    def __init__(self, parent, service: CaseLibraryService, actor, draft: LibraryDraft):
        super().__init__(parent)
        self._service, self._actor, self._draft = service, actor, draft
        self.result_entry: LibraryEntry | None = None
        self.setWindowTitle(f"标记典型案例：{draft.number}")
        fit_resize(self, 1300, 720)
        intro = QLabel("以下为匿名化后的案例（申请人、第三方、证件号码、电话、地址和文中人名已替换）。"
                       "请逐项核对，必要时直接修改，保存后案例库只保留此匿名化副本。", self)
        intro.setObjectName("dialogIntro")
        intro.setWordWrap(True)
        self.title = QLineEdit(self)
        self.tags = QLineEdit(self)
        self.tags.setPlaceholderText("用“、”分隔，例如：征收补偿、已主动公开")
        self.articles = QLineEdit(self)
        self.articles.setPlaceholderText("例如：第三十六条第（一）项、第四十四条")
        self.summary = QPlainTextEdit(self)
        self.legal_points = QPlainTextEdit(self)
        self.texts = {key: QPlainTextEdit(draft.texts.get(key, ""), self) for key in TEXT_KEYS}
        form = QFormLayout()
        form.addRow("案例标题*", self.title)
        form.addRow("标签", self.tags)
        form.addRow("涉及条款", self.articles)
        form.addRow("案情摘要", self.summary)
        form.addRow("法律要点", self.legal_points)
        for edit in (self.summary, self.legal_points, *self.texts.values()):
            edit.setMaximumHeight(80)
        for key, edit in self.texts.items():
            form.addRow(key, edit)
        left = QWidget(self)
        left.setLayout(form)
        self.replaced = replacements_table(self, draft.replacements)
        bottom = QWidget(self)
        col = QVBoxLayout(bottom)
        col.setContentsMargins(0, 0, 0, 0)
        col.addWidget(QLabel(f"已替换的内容（{len(draft.replacements)}处，原文与替换逐项对照）" if draft.replacements
                             else "已替换的内容：未发现需替换的个人信息，请仍逐段核对。", bottom))
        col.addWidget(self.replaced, 1)
        split = QSplitter(Qt.Horizontal, self)     # the copy on the left, every replacement on the right
        split.addWidget(left)
        split.addWidget(bottom)
        split.setStretchFactor(0, 4)
        split.setStretchFactor(1, 5)
        self.error = QLabel(self)
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        self.error.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel, self)
        buttons.button(QDialogButtonBox.Save).setText("保存到案例库")
        buttons.button(QDialogButtonBox.Cancel).setText("取消")
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(split, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def replacement_rows(self) -> list[tuple[str, ...]]:
        """The replacements table as the reviewer reads it, row by row."""
        t = self.replaced
        return [tuple(t.item(r, c).text() for c in range(t.columnCount())) for r in range(t.rowCount())]

    def reviewed(self) -> LibraryDraft:
        return replace(self._draft, title=self.title.text(), tags=self.tags.text(), articles=self.articles.text(),
                       summary=self.summary.toPlainText(), legal_points=self.legal_points.toPlainText(),
                       texts={k: e.toPlainText() for k, e in self.texts.items()})

    def _save(self) -> None:
        try:
            self.result_entry = self._service.save(self._actor, self.reviewed())
        except ValidationError as e:
            self.error.setText(e.message)
            self.error.show()
            return
        self.accept()

    @classmethod
    def ask(cls, parent, service: CaseLibraryService, actor, number: str) -> LibraryEntry | None:
        """Anonymise the case, let the clerk review it, save it; None when cancelled."""
        draft = service.draft(actor, number)          # DomainError goes to the caller
        dialog = cls(parent, service, actor, draft)
        dialog.exec()
        return dialog.result_entry

