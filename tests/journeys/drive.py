"""What a person does in the window, step by step: log in, open a case, press an action, fill its
dialog, preview a letter and save or print it. Dialogs are the real ones, answered by a QTimer."""

from __future__ import annotations

import io
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from docx import Document
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QApplication, QComboBox, QDateEdit, QDialogButtonBox, QLineEdit, QMessageBox, QPlainTextEdit, QSpinBox,
)

from app.exports.letters.kinds import LetterKind
from app.ui.common import prompts
from app.ui.common.form_dialog import FormDialog, OptionalDateEdit, to_qdate
from app.ui.letter.letter_preview_dialog import LetterPreviewDialog
from app.ui.login_dialog import LoginDialog
from app.ui.startup import build_window, start_session
from app.workflow.transitions import Action
from tests.modal import answer_modal, through_modal
from tests.ui.desk_support import type_text

WAIT = 30000


# -- start-up ---------------------------------------------------------------------------------
def log_in(office, username: str, password: str):
    """The real start-up: start_session shows the LoginDialog; the user types and presses 登录."""
    def type_and_log_in(dialog: LoginDialog):
        dialog.username.clear()
        type_text(dialog.username, username)
        type_text(dialog.password, password)
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.Ok).click()
    actor, _ = through_modal(LoginDialog, type_and_log_in, lambda: start_session(office.services))
    assert actor is not None and actor.username == username
    return actor


def open_window(qtbot, office, actor):
    window = build_window(office.services, actor, office.settings)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    return window


def open_case(qtbot, window, number: str) -> None:
    """申请列表 → find the row by its number → double-click it."""
    window.show_list()
    table = window.request_list.table
    model = table.model()

    def row_of() -> int | None:
        for r in range(model.rowCount()):
            for c in range(model.columnCount()):
                if model.index(r, c).data() == number:
                    return r
        return None
    qtbot.waitUntil(lambda: row_of() is not None, timeout=WAIT)
    rect = table.visualRect(model.index(row_of(), 1))
    qtbot.mouseClick(table.viewport(), Qt.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: window.current_page() is window.detail and window.detail.detail is not None
                    and window.detail.detail.number == number, timeout=WAIT)


# -- dialogs ----------------------------------------------------------------------------------
def pick(combo: QComboBox, text: str) -> None:
    at = combo.findText(text)
    assert at >= 0, f"“{text}” is not offered: {[combo.itemText(i) for i in range(combo.count())]}"
    combo.setCurrentIndex(at)


def fill(dialog: FormDialog, **values) -> None:
    """Set each field the way its editor takes input: pick, type, set the date."""
    for key, value in values.items():
        w = dialog.widget(key)
        if isinstance(w, QComboBox):
            pick(w, value)
        elif isinstance(w, OptionalDateEdit):
            w.check.setChecked(value is not None)
            if value is not None:
                w.edit.setDate(to_qdate(value))
        elif isinstance(w, QDateEdit):
            w.setDate(to_qdate(value))
        elif isinstance(w, QSpinBox):
            w.lineEdit().selectAll()
            type_text(w.lineEdit(), str(value))
        elif isinstance(w, (QPlainTextEdit, QLineEdit)):
            w.clear()
            type_text(w, value)
        else:
            raise AssertionError(f"no way to fill {key}: {type(w).__name__}")


def ok(dialog) -> None:
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.Ok).click()


def act(window, action: Action, handle) -> object:
    """Press the case's action button; ``handle(dialog)`` fills and confirms the dialog it opens."""
    QApplication.processEvents()          # buttons rebuilt after a reload are shown by a queued call
    assert action in window.detail.action_buttons, f"{action} is not offered: {list(window.detail.action_buttons)}"
    button = window.detail.action_buttons[action]
    assert button.isVisible() and button.isEnabled(), f"{action} is not offered"
    _, result = through_modal(FormDialog, handle, button.click)
    return result


def press_yes(qtbot):
    """Answer the real QMessageBox question with its 是/Yes button."""
    def yes(box: QMessageBox):
        box.button(QMessageBox.Yes).click()
        return box.text()
    return yes


# -- letters ----------------------------------------------------------------------------------
def with_letter(qtbot, window, kind: LetterKind, steps, button: str = "letter_button"):
    """Open 生成文书 (or 打印受理回执), pick ``kind``, wait for the preview, run ``steps(dialog)``, close."""
    def handle(dialog: LetterPreviewDialog):
        if dialog.kind is not kind:
            qtbot.waitUntil(lambda: dialog.kind_combo.isEnabled(), timeout=WAIT)   # as a person must
            pick(dialog.kind_combo, kind.value)
        ready(qtbot, dialog, lambda: dialog.preview.kind == kind.value)
        result = steps(dialog)
        dialog.close_button.click()
        return result
    trigger = getattr(window.detail, button).click
    _, result = through_modal(LetterPreviewDialog, handle, trigger)
    return result


def ready(qtbot, dialog, condition=lambda: True) -> None:
    """Wait for the preview (or the action) to finish; a letter the case cannot yield fails with its reason."""
    qtbot.waitUntil(lambda: not dialog.busy and (dialog.preview is None or condition()), timeout=WAIT)
    assert dialog.preview is not None, f"no letter: {dialog.status.text()}"


def save_as(qtbot, dialog: LetterPreviewDialog, path: Path) -> Path:
    """保存为Word…/保存为PDF…, the OS file chooser answered with ``path``."""
    prompts.set_answer("save_file", lambda title, suggested: str(path))
    button = dialog.save_docx_button if path.suffix == ".docx" else dialog.save_pdf_button
    button.click()
    ready(qtbot, dialog, lambda: dialog.status.text().startswith(f"已保存：{path}"))
    prompts.set_answer("save_file", None)
    return path


def print_to(qtbot, dialog: LetterPreviewDialog, path: Path) -> Path:
    """打印…, the OS print dialog answered by choosing a PDF printer writing to ``path``."""
    def to_file(title, printer: QPrinter):
        printer.setOutputFormat(QPrinter.PdfFormat)
        printer.setOutputFileName(str(path))
        return True
    prompts.set_answer("print", to_file)
    dialog.print_button.click()
    ready(qtbot, dialog, lambda: dialog.status.text().startswith("已送打印"))
    prompts.set_answer("print", None)
    return path


def sign(qtbot, dialog: LetterPreviewDialog) -> str:
    """签发, confirming the real question box."""
    answer = answer_modal(QMessageBox, press_yes(qtbot))
    dialog.sign_button.click()
    question = answer.check()
    ready(qtbot, dialog, lambda: "已签发" in dialog.status.text())
    return question


# -- reading files back -------------------------------------------------------------------------
def docx_text(path: Path) -> str:
    doc = Document(io.BytesIO(path.read_bytes()))
    return "".join(p.text for p in doc.paragraphs) + "".join(
        c.text for t in doc.tables for row in t.rows for c in row.cells)


def pdf_text(path: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils (pdftotext) not installed")
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True).stdout.decode()
    return "".join(out.split())


def timeline(window) -> list[tuple[str, str, str, str]]:
    """办理过程 as shown: (who, what, field, new value) per row, names as displayed."""
    m = window.detail.events
    cols = {c.header: i for i, c in enumerate(m.COLUMNS)}
    return [tuple(m.index(r, cols[h]).data() for h in ("经办人", "事项", "项目", "新值"))
            for r in range(m.rowCount())]


def cn(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"
