"""Qt's own buttons speak Chinese, and Enter never confirms a destructive question (real message boxes)."""

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox

from app.ui.common import prompts
from app.ui import startup


def _press_on_modal(qtbot, key=None, button_text=None) -> None:
    """When the modal box is up, press ``key`` on it or click the button reading ``button_text``."""
    def answer():
        box = QApplication.activeModalWidget()
        if box is None:
            QTimer.singleShot(20, answer)
            return
        if key is not None:
            qtbot.keyClick(box, key)
        else:
            next(b for b in box.buttons() if b.text() == button_text).click()
    QTimer.singleShot(0, answer)


def test_qt_standard_buttons_are_chinese(qapp):
    startup.install_translations(qapp)
    box = QMessageBox(QMessageBox.Question, "t", "x", QMessageBox.Yes | QMessageBox.No)
    assert [b.text() for b in box.buttons()] == ["是(&Y)", "否(&N)"]
    bar = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
    assert {b.text() for b in bar.buttons()} == {"确定", "取消"}


def test_enter_and_esc_never_confirm_a_destructive_question(qtbot):
    _press_on_modal(qtbot, Qt.Key_Return)
    assert prompts.confirm(None, "从备份恢复", "替换全部数据？", action="恢复") is False
    _press_on_modal(qtbot, Qt.Key_Escape)
    assert prompts.confirm(None, "从备份恢复", "替换全部数据？", action="恢复") is False
    _press_on_modal(qtbot, button_text="恢复")
    assert prompts.confirm(None, "从备份恢复", "替换全部数据？", action="恢复") is True
    box = prompts.question_box(None, "从备份恢复", "替换全部数据？", action="恢复")
    assert box.defaultButton().text() == "取消" and box.escapeButton() is box.defaultButton()


def test_enter_keeps_unsaved_work(qtbot):
    _press_on_modal(qtbot, Qt.Key_Return)
    assert prompts.ask_unsaved(None, "未保存的登记", "放弃？") == "cancel"
    _press_on_modal(qtbot, button_text="放弃修改")
    assert prompts.ask_unsaved(None, "未保存的登记", "放弃？") == "discard"
    _press_on_modal(qtbot, button_text="保存")
    assert prompts.ask_unsaved(None, "未保存的登记", "放弃？") == "save"


def test_file_choosers_start_in_the_documents_folder():
    import os

    docs = prompts.documents_folder()
    assert docs and os.path.isabs(docs)
    assert prompts._in_documents("台账.xlsx") == os.path.join(docs, "台账.xlsx")
    assert prompts._in_documents("/tmp/x.xlsx") == "/tmp/x.xlsx"
