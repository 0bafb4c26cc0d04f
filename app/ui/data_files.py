"""File and folder choosers for the settings and data screens; tests answer them without a modal."""

from __future__ import annotations

from typing import Callable

from PySide6.QtWidgets import QFileDialog, QWidget

XLSX_FILTER = "Excel 工作簿 (*.xlsx)"
SQLITE_FILTER = "数据库备份 (*.sqlite3 *.sqlite *.db);;所有文件 (*)"
TEXT_FILTER = "文本文件 (*.txt)"

# Tests put canned answers here: kind ('open', 'save', 'folder') -> fn(title, default) -> path | None.
_answers: dict[str, Callable[[str, str], str | None]] = {}


def set_answer(kind: str, fn: Callable[[str, str], str | None] | None) -> None:
    """Tests: answer the next choosers of ``kind`` with ``fn`` (None removes the answer)."""
    if fn is None:
        _answers.pop(kind, None)
    else:
        _answers[kind] = fn


def open_path(parent: QWidget | None, title: str, filters: str) -> str | None:
    """An existing file to read, or None when cancelled."""
    if "open" in _answers:
        return _answers["open"](title, "")
    path, _ = QFileDialog.getOpenFileName(parent, title, "", filters)
    return path or None


def save_path(parent: QWidget | None, title: str, suggested: str, filters: str) -> str | None:
    """Where to write a file, or None when cancelled."""
    if "save" in _answers:
        return _answers["save"](title, suggested)
    path, _ = QFileDialog.getSaveFileName(parent, title, suggested, filters)
    return path or None


def folder_path(parent: QWidget | None, title: str, start: str = "") -> str | None:
    """A folder, or None when cancelled."""
    if "folder" in _answers:
        return _answers["folder"](title, start)
    path = QFileDialog.getExistingDirectory(parent, title, start)
    return path or None
