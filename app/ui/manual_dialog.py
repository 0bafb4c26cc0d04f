"""帮助 → 用户手册 (F1): the Chinese user manual, rendered from Markdown inside the app."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from app.resources import manual_path
from app.ui.screen_fit import fit_resize


class ManualDialog(QDialog):
    """Not modal: the clerk reads the manual beside the window while working."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("用户手册 - 依申请公开办理系统")
        self.setWindowFlag(Qt.WindowMaximizeButtonHint, True)
        self.browser = QTextBrowser(self)
        self.browser.setOpenExternalLinks(True)
        try:
            path = manual_path()
        except FileNotFoundError as e:
            self.browser.setPlainText(f"{e}\n请联系管理员重新安装本程序。")
        else:
            self.browser.setSearchPaths([str(path.parent)])     # the pictures: screenshots/…
            self.browser.setMarkdown(path.read_text(encoding="utf-8"))
        buttons = QDialogButtonBox(QDialogButtonBox.Close, self)
        buttons.button(QDialogButtonBox.Close).setText("关闭")
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        fit_resize(self, 980, 900)
