"""Letter preview: pick the document, see it as it prints, save it as Word or PDF, print it, sign it."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtCore import QMarginsF
from PySide6.QtGui import QPageLayout, QPageSize
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox, QDialog, QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout,
)

from app.errors import DomainError, ValidationError
from app.exports.letters.kinds import SERVABLE, LetterKind
from app.services.dto import Actor
from app.services.letters.letter_service import LetterService
from app.ui.common import prompts
from app.ui.letter.letter_page_view import LetterPagesView, print_pages
from app.ui.common.screen_fit import fit_resize
from app.ui.common.tasks import run_task
from app.workflow.vocabulary import Role

_SIGNERS = (Role.CHIEF, Role.ADMIN)
# A reply refused for one of its facts: the letter builder's field → (the “答复要素” field, its label).
REPLY_FACT_LABELS = {
    "decision": ("decision", "答复决定"), "decision_reasons": ("reasons", "答复理由"),
    "withheld_ground": ("withheld_ground", "不予公开部分的理由类别"),
    "query_law": ("query_law", "查询渠道的法律依据"), "access_route": ("access_route", "查询或获取途径"),
    "collection_place": ("collection_place", "自行领取地点"), "collection_hours": ("collection_hours", "自行领取时间"),
}
_ZOOMS = (("100%", 1.0), ("125%", 1.25), ("150%", 1.5), ("75%", 0.75))
_FILTERS = {".docx": "Word 文档 (*.docx)", ".pdf": "PDF 文件 (*.pdf)"}


class LetterPreviewDialog(QDialog):
    """Works on a letter service (issue, preview, pages, save_file, sign); never on a database."""

    def __init__(self, parent, letters: LetterService, actor: Actor, request_id: int, kind: LetterKind | None = None,
                 can_sign: bool | None = None, fix: Callable[[str], bool] | None = None,
                 can_issue: bool = True, case_number: str = ""):
        super().__init__(parent)
        self._letters, self._actor, self._request_id = letters, actor, request_id
        self._case_number = case_number
        # 签发 as the case's standing allows (None: by role alone, where no case page asked)
        self._can_sign = actor.role in _SIGNERS if can_sign is None else can_sign
        self._fix = fix
        self._can_issue = can_issue      # saving or printing issues the letter (a 文号): only who may
        self.preview = None
        self.last_letter = None
        self._notice = ""           # what the last action did, shown above the letter's state
        self.closed = False
        self.setWindowTitle("文书预览")
        fit_resize(self, 760, 960)
        self._build(kind or LetterKind.REPLY)
        self.refresh()

    # -- widgets ---------------------------------------------------------------------------
    def _build(self, kind: LetterKind) -> None:
        self.status = QLabel("正在生成预览…")
        self.status.setWordWrap(True)
        self.view = LetterPagesView()
        scroll = QScrollArea()
        scroll.setWidget(self.view)
        scroll.setWidgetResizable(False)
        layout = QVBoxLayout(self)
        layout.addLayout(self._top_bar(kind))
        layout.addWidget(self.status)
        layout.addWidget(scroll, 1)
        layout.addLayout(self._button_bar())
        self._set_busy(True)

    def _top_bar(self, kind: LetterKind) -> QHBoxLayout:
        self.kind_combo = QComboBox()
        for k in LetterKind:
            self.kind_combo.addItem(k.value, k)
        self.kind_combo.setCurrentIndex(list(LetterKind).index(kind))
        self.kind_combo.currentIndexChanged.connect(self.refresh)
        self.served_label = QLabel("送达文书：")
        self.served_combo = QComboBox()         # 送达回证: which served document it is for
        for k in SERVABLE:
            self.served_combo.addItem(k.value, k)
        self.served_combo.currentIndexChanged.connect(self.refresh)
        self.zoom_combo = QComboBox()
        for text, zoom in _ZOOMS:
            self.zoom_combo.addItem(text, zoom)
        self.zoom_combo.currentIndexChanged.connect(lambda: self.view.set_zoom(self.zoom_combo.currentData()))
        top = QHBoxLayout()
        top.addWidget(QLabel("文书："))
        top.addWidget(self.kind_combo, 1)
        top.addWidget(self.served_label)
        top.addWidget(self.served_combo, 1)
        top.addWidget(QLabel("缩放："))
        top.addWidget(self.zoom_combo)
        return top

    def _button_bar(self) -> QHBoxLayout:
        self.save_docx_button = QPushButton("保存为Word…")
        self.save_pdf_button = QPushButton("保存为PDF…")
        self.print_button = QPushButton("打印…")
        self.sign_button = QPushButton("签发")
        self.fix_button = QPushButton()
        self.fix_button.hide()
        self.fix_button.clicked.connect(self.fix_fact)
        self._fix_field = ""
        self.close_button = close = QPushButton("关闭")
        close.setObjectName("close_button")
        self.save_docx_button.clicked.connect(lambda: self.save(".docx"))
        self.save_pdf_button.clicked.connect(lambda: self.save(".pdf"))
        self.print_button.clicked.connect(self.print_letter)
        self.sign_button.clicked.connect(self.sign)
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        for b in (self.save_docx_button, self.save_pdf_button, self.print_button, self.sign_button,
                  self.fix_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(close)
        return buttons

    @property
    def kind(self) -> LetterKind:
        return LetterKind(self.kind_combo.currentData())     # Qt hands a StrEnum back as str

    @property
    def served(self) -> LetterKind | None:
        """The document a 送达回证 is for (None for every other letter)."""
        return LetterKind(self.served_combo.currentData()) if self.kind is LetterKind.SERVICE else None

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        for b in (self.save_docx_button, self.save_pdf_button, self.print_button):
            b.setEnabled(not busy and self.preview is not None and self._can_issue)
        letter = self.preview.letter if self.preview is not None else None
        signed_now = letter is not None and letter.signed and not self.preview.pending
        self.sign_button.setEnabled(not busy and self.preview is not None and not signed_now
                                    and self._can_sign)
        self.kind_combo.setEnabled(not busy)
        self.served_combo.setEnabled(not busy)
        self.served_label.setVisible(self.kind is LetterKind.SERVICE)
        self.served_combo.setVisible(self.kind is LetterKind.SERVICE)

    # -- work off the UI thread ---------------------------------------------------------------
    def _run(self, fn: Callable, *args, then: Callable, quiet: bool = False) -> None:
        self._set_busy(True)
        failed = self._failed_quietly if quiet else self._failed
        run_task(fn, *args, on_done=self._unless_closed(then), on_error=self._unless_closed(failed))

    def _unless_closed(self, slot: Callable) -> Callable:
        """A result arriving after the dialog was closed is dropped (the work itself is done)."""
        return lambda *args: None if self.closed else slot(*args)

    def done(self, result: int) -> None:  # noqa: D401 - Qt override
        self.closed = True
        super().done(result)

    def _failed(self, error: Exception, trace: str) -> None:
        prompts.error(self, "文书", self._failed_quietly(error, trace))

    def _failed_quietly(self, error: Exception, trace: str) -> str:
        """A letter the case cannot yield yet: say why above the (empty) page, no message box, so
        the user can pick another document from the list."""
        message = error.message if isinstance(error, DomainError) else f"出现意外错误：{error}"
        field = getattr(error, "field", None) if isinstance(error, ValidationError) else None
        self._fix_field = REPLY_FACT_LABELS.get(field or "", ("", ""))[0] if self._fix is not None else ""
        if self._fix_field:          # a fact of the reply: say where it is entered, and open it
            label = REPLY_FACT_LABELS[field][1]
            message += f"\n请在案件页“答复要素”对话框中填写“{label}”。"
            self.fix_button.setText(f"填写{label}…")
        self.fix_button.setVisible(bool(self._fix_field))
        self.preview = None
        self.view.set_pages(())
        self.status.setText(message)
        self._set_busy(False)
        return message

    def fix_fact(self) -> None:
        """Open “答复要素” at the missing field, then show the letter again."""
        if self._fix is not None and self._fix_field:
            self._fix(self._fix_field)
            self.refresh()

    def refresh(self) -> None:
        self.status.setText("正在生成预览…")
        self._run(self._letters.preview, self._request_id, self.kind, self.served, then=self._show, quiet=True)

    def _show(self, preview) -> None:
        self.fix_button.hide()
        self.preview = preview
        self.view.set_pages(preview.pages)
        notice, self._notice = self._notice, ""
        self.status.setText(f"{notice}\n{_describe(preview)}" if notice else _describe(preview))
        self._set_busy(False)

    def _issued(self, then: Callable) -> None:
        """Issue (or reuse) the letter shown, then continue with the stored letter."""
        def done(letter):
            self.last_letter = letter
            then(letter)
        self._run(self._letters.issue, self._actor, self._request_id, self.kind, self.served, then=done)

    # -- actions ------------------------------------------------------------------------------
    def save(self, suffix: str) -> None:
        from app.ui.letter.letters import letter_file_stem

        letter = self.preview.letter if self.preview else None
        stem = letter_file_stem(self._case_number, self.kind.value, letter.doc_number if letter else "")
        path = prompts.save_file(self, f"保存{self.kind.value}", f"{stem}{suffix}", _FILTERS[suffix])
        if not path:
            return
        target = Path(path) if Path(path).suffix.lower() == suffix else Path(path + suffix)

        def write(letter):
            self._run(self._letters.save_file, letter.id, target, then=lambda out: self._saved(out))
        self._issued(write)

    def _saved(self, out: Path) -> None:
        self._notice = f"已保存：{out}"
        self.refresh()

    def print_letter(self) -> None:
        def pages(letter):
            self._run(self._letters.pages, letter.id, then=lambda p: self._print(letter, p))
        self._issued(pages)

    def _print(self, letter, pages) -> None:
        printer = QPrinter(QPrinter.HighResolution)
        printer.setPageLayout(QPageLayout(QPageSize(QPageSize.A4), QPageLayout.Portrait, QMarginsF(0, 0, 0, 0)))
        printer.setFullPage(True)
        printer.setDocName(letter.label)
        canned = prompts.canned("print")
        accepted = (canned(letter.label, printer) is not False) if canned is not None \
            else QPrintDialog(printer, self).exec() == QDialog.Accepted
        if accepted:
            print_pages(printer, pages)
            self._notice = f"已送打印：{letter.label}"
        self.refresh()

    def sign(self) -> None:
        if not prompts.confirm(self, "签发文书", f"签发后{self.kind.value}将冻结，不能再修改；"
                                                 "之后如有变化将出具新版本。确定签发吗？"):
            return

        def sign(letter):
            if letter.signed:
                self.refresh()
                return
            self._run(self._letters.sign, self._actor, letter.id, then=lambda _v: self.refresh())
        self._issued(sign)

    @classmethod
    def ask(cls, parent, letters: LetterService, actor: Actor, request_id: int, kind: LetterKind | None = None,
            can_sign: bool | None = None, fix: Callable[[str], bool] | None = None, can_issue: bool = True,
            case_number: str = ""):
        """Show the preview for a case, modal; returns the last letter issued (or None)."""
        if not isinstance(letters, LetterService):
            raise TypeError(f"LetterPreviewDialog.ask needs the LetterService, got {type(letters).__name__}")
        dialog = cls(parent, letters, actor, request_id, kind, can_sign, fix, can_issue, case_number)
        dialog.exec()
        return dialog.last_letter

def _describe(preview) -> str:
    letter = preview.letter
    if letter is None:
        return "尚未出具。保存或打印时出具本文书并取得文号。"
    if preview.pending and not letter.signed:
        return f"草稿 {letter.doc_number}：案件信息已变化，保存或打印时更新草稿（文号不变）。"
    if preview.pending:
        return (f"{letter.label}已签发。案件信息已变化，保存或打印时出具第{letter.revision + 1}版"
                "（新文号），原版本保留。")
    if letter.signed:
        return f"{letter.label} · 已签发（{letter.signer_name or letter.signed_by}，{letter.signed_at:%Y-%m-%d %H:%M}）"
    return f"{letter.label} · 草稿（签发后冻结）"
