"""Pressing a case's fact button (登记通知书送达, 决定公开 …) and answering its real dialog."""

from PySide6.QtWidgets import QApplication

from app.ui.common.form_dialog import FormDialog
from tests.modal import through_modal


def fact(window, label: str, handle):
    QApplication.processEvents()          # buttons rebuilt after a reload are shown by a queued call
    button = window.detail.fact_buttons.get(label)
    assert button is not None and button.isVisible(), f"{label} is not offered: {list(window.detail.fact_buttons)}"
    _, result = through_modal(FormDialog, handle, button.click)
    return result
