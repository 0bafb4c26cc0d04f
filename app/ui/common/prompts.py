"""Every message box and simple question goes through here, so tests can answer without a modal."""

from __future__ import annotations

from typing import Callable

from PySide6.QtWidgets import QInputDialog, QMessageBox, QWidget

# Tests replace these with callables returning canned answers.
_answers: dict[str, Callable[..., object]] = {}

# The operating system's pickers (and its viewer): the only prompts a journey test may answer with a canned
# value.
OS_PICKERS = frozenset({"open_file", "save_file", "folder", "print", "open_document"})
_journey = False


class CannedAnswerOnJourney(AssertionError):
    """A canned answer stood in for one of the app's own dialogs on a journey test's path."""


def set_journey_mode(on: bool) -> None:
    """Tests: in journey mode only the OS pickers may be answered; the app's own dialogs run for real."""
    global _journey
    _journey = on
    if on:
        _refuse_own_dialogs(sorted(set(_answers) - OS_PICKERS))


def _refuse_own_dialogs(kinds: list[str]) -> None:
    if kinds:
        raise CannedAnswerOnJourney(
            f"journey test: canned answers registered for the app's own dialogs {kinds}; "
            f"drive the real dialog instead (only {sorted(OS_PICKERS)} may be canned)")


def set_answer(kind: str, fn: Callable[..., object] | None) -> None:
    """Tests: answer prompts of ``kind`` ('info', 'warn', 'error', 'confirm', 'text') with ``fn``.

    Dialogs with an ``ask()`` seam use their own kinds too ('form', 'print', 'file_open', …).
    """
    if fn is None:
        _answers.pop(kind, None)
        return
    if _journey and kind not in OS_PICKERS:
        _refuse_own_dialogs([kind])
    _answers[kind] = fn


def reset_answers() -> None:
    """Tests: forget every canned answer."""
    _answers.clear()


def canned(kind: str) -> Callable[..., object] | None:
    """The test answer registered for ``kind`` (dialogs' ``ask()`` seams use it), or None.

    In journey mode a canned answer for anything but an OS picker raises CannedAnswerOnJourney.
    """
    fn = _answers.get(kind)
    if fn is not None and _journey and kind not in OS_PICKERS:
        _refuse_own_dialogs([kind])
    return fn


def info(parent: QWidget | None, title: str, text: str) -> None:
    if (fn := canned("info")) is not None:
        fn(title, text)
        return
    QMessageBox.information(parent, title, text)


def warn(parent: QWidget | None, title: str, text: str) -> None:
    if (fn := canned("warn")) is not None:
        fn(title, text)
        return
    QMessageBox.warning(parent, title, text)


def error(parent: QWidget | None, title: str, text: str) -> None:
    if (fn := canned("error")) is not None:
        fn(title, text)
        return
    QMessageBox.critical(parent, title, text)


def question_box(parent: QWidget | None, title: str, text: str, action: str | None = None) -> QMessageBox:
    """The yes/no question, built but not shown; 否 is the default. With ``action`` (a destructive
    step such as "恢复") the buttons read ``action`` and 取消, and Enter and Esc both mean 取消: only
    a click or the button's own key confirms the destruction."""
    box = QMessageBox(QMessageBox.Warning if action else QMessageBox.Question, title, text,
                      QMessageBox.Yes | (QMessageBox.Cancel if action else QMessageBox.No), parent)
    safe = box.button(QMessageBox.Cancel if action else QMessageBox.No)
    if action:
        box.button(QMessageBox.Yes).setText(action)
        safe.setText("取消")
    box.setDefaultButton(safe)
    box.setEscapeButton(safe)
    return box


def confirm(parent: QWidget | None, title: str, text: str, action: str | None = None) -> bool:
    """True when the user said yes; ``action`` marks a destructive question (see ``question_box``)."""
    if (fn := canned("confirm")) is not None:
        return bool(fn(title, text))
    box = question_box(parent, title, text, action)
    box.exec()
    return box.clickedButton() is box.button(QMessageBox.Yes)


def ask_unsaved(parent: QWidget | None, title: str, text: str) -> str:
    """Unsaved work is about to go: 'save', 'discard' or 'cancel'. Enter and Esc keep the work (取消)."""
    if (fn := canned("unsaved")) is not None:
        return str(fn(title, text))
    box = unsaved_box(parent, title, text)
    box.exec()
    clicked = box.clickedButton()
    return {box.button(QMessageBox.Save): "save", box.button(QMessageBox.Discard): "discard"}.get(clicked, "cancel")


def unsaved_box(parent: QWidget | None, title: str, text: str) -> QMessageBox:
    box = QMessageBox(QMessageBox.Warning, title, text,
                      QMessageBox.Save | QMessageBox.Discard | QMessageBox.Cancel, parent)
    for button, label in ((QMessageBox.Save, "保存"), (QMessageBox.Discard, "放弃修改"), (QMessageBox.Cancel, "取消")):
        box.button(button).setText(label)
    box.setDefaultButton(QMessageBox.Cancel)
    box.setEscapeButton(QMessageBox.Cancel)
    return box


def ask_text(parent: QWidget | None, title: str, label: str, default: str = "") -> str | None:
    """A one-line answer, or None when cancelled."""
    if (fn := canned("text")) is not None:
        return fn(title, label)
    text, ok = QInputDialog.getText(parent, title, label, text=default)
    return text if ok else None


def documents_folder() -> str:
    """Where the file choosers start: the user's documents folder (文档), else the home folder."""
    from PySide6.QtCore import QStandardPaths

    return (QStandardPaths.writableLocation(QStandardPaths.DocumentsLocation)
            or QStandardPaths.writableLocation(QStandardPaths.HomeLocation))


def _in_documents(suggested: str) -> str:
    """A bare suggested file name is placed in the documents folder; a path is kept."""
    import os

    if suggested and os.path.dirname(suggested):
        return suggested
    return os.path.join(documents_folder(), suggested)


def open_file(parent: QWidget | None, title: str, filters: str = "所有文件 (*)") -> str | None:
    """A file to read, or None when cancelled."""
    if (fn := canned("open_file")) is not None:
        return fn(title, filters)
    from PySide6.QtWidgets import QFileDialog

    path, _ = QFileDialog.getOpenFileName(parent, title, documents_folder(), filters)
    return path or None


def save_file(parent: QWidget | None, title: str, suggested: str = "",
              filters: str = "所有文件 (*)") -> str | None:
    """Where to write a file, or None when cancelled."""
    if (fn := canned("save_file")) is not None:
        return fn(title, suggested)
    from PySide6.QtWidgets import QFileDialog

    path, _ = QFileDialog.getSaveFileName(parent, title, _in_documents(suggested), filters)
    return path or None


def choose_folder(parent: QWidget | None, title: str, start: str = "") -> str | None:
    """A folder, or None when cancelled."""
    if (fn := canned("folder")) is not None:
        return fn(title, start)
    from PySide6.QtWidgets import QFileDialog

    return QFileDialog.getExistingDirectory(parent, title, start or documents_folder()) or None


def open_document(parent: QWidget | None, path: str) -> bool:
    """Hand a file to the operating system's viewer for its type; False when none took it."""
    if (fn := canned("open_document")) is not None:
        return bool(fn(path))
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices

    return QDesktopServices.openUrl(QUrl.fromLocalFile(path))
