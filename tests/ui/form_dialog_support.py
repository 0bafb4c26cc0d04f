"""Filling the app's FormDialog like a person: pick a choice by its visible text."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog


def choose(dialog: QDialog, key: str, label: str) -> None:
    """Select the entry whose text starts with ``label`` in the dialog's combo box for ``key``."""
    combo: QComboBox = dialog._widgets[key]
    texts = [combo.itemText(i) for i in range(combo.count())]
    at = next((i for i, t in enumerate(texts) if t.startswith(label)), None)
    assert at is not None, f"“{label}” is not among {texts}"
    combo.setCurrentIndex(at)
