"""Every message box and simple question goes through here, so tests can answer without a modal."""

from __future__ import annotations

from typing import Callable

from PySide6.QtWidgets import QInputDialog, QMessageBox, QWidget

# Tests replace these with callables returning canned answers.
_answers: dict[str, Callable[..., object]] = {}


def set_answer(kind: str, fn: Callable[..., object] | None) -> None:
    """Tests: answer prompts of ``kind`` ('info', 'warn', 'error', 'confirm', 'text') with ``fn``.

    Dialogs with an ``ask()`` seam use their own kinds too ('form', 'print', 'file_open', …).
    """
    if fn is None:
        _answers.pop(kind, None)
    else:
        _answers[kind] = fn


def reset_answers() -> None:
    """Tests: forget every canned answer."""
    _answers.clear()


def canned(kind: str) -> Callable[..., object] | None:
    """The test answer registered for ``kind`` (dialogs' ``ask()`` seams use it), or None."""
    return _answers.get(kind)


def info(parent: QWidget | None, title: str, text: str) -> None:
    if "info" in _answers:
        _answers["info"](title, text)
        return
    QMessageBox.information(parent, title, text)


def warn(parent: QWidget | None, title: str, text: str) -> None:
    if "warn" in _answers:
        _answers["warn"](title, text)
        return
    QMessageBox.warning(parent, title, text)


def error(parent: QWidget | None, title: str, text: str) -> None:
    if "error" in _answers:
        _answers["error"](title, text)
        return
    QMessageBox.critical(parent, title, text)


def confirm(parent: QWidget | None, title: str, text: str) -> bool:
    if "confirm" in _answers:
        return bool(_answers["confirm"](title, text))
    answer = QMessageBox.question(parent, title, text, QMessageBox.Yes | QMessageBox.No, QMessageBox.No)
    return answer == QMessageBox.Yes


def ask_text(parent: QWidget | None, title: str, label: str, default: str = "") -> str | None:
    """A one-line answer, or None when cancelled."""
    if "text" in _answers:
        return _answers["text"](title, label)
    text, ok = QInputDialog.getText(parent, title, label, text=default)
    return text if ok else None


def open_file(parent: QWidget | None, title: str, filters: str = "所有文件 (*)") -> str | None:
    """A file to read, or None when cancelled."""
    if "open_file" in _answers:
        return _answers["open_file"](title, filters)
    from PySide6.QtWidgets import QFileDialog

    path, _ = QFileDialog.getOpenFileName(parent, title, "", filters)
    return path or None


def save_file(parent: QWidget | None, title: str, suggested: str = "",
              filters: str = "所有文件 (*)") -> str | None:
    """Where to write a file, or None when cancelled."""
    if "save_file" in _answers:
        return _answers["save_file"](title, suggested)
    from PySide6.QtWidgets import QFileDialog

    path, _ = QFileDialog.getSaveFileName(parent, title, suggested, filters)
    return path or None


def choose_folder(parent: QWidget | None, title: str, start: str = "") -> str | None:
    """A folder, or None when cancelled."""
    if "folder" in _answers:
        return _answers["folder"](title, start)
    from PySide6.QtWidgets import QFileDialog

    return QFileDialog.getExistingDirectory(parent, title, start) or None
