"""帮助 → 用户手册 (F1): the Chinese user manual, rendered from Markdown inside the app."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from app.resources import manual_path
from app.ui.common.screen_fit import fit_resize


IMAGE_WIDTH = 860        # screenshots are 1366 px wide; shown smaller, they need no sideways scrolling


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
            self._fit_pictures(IMAGE_WIDTH)
        buttons = QDialogButtonBox(QDialogButtonBox.Close, self)
        buttons.button(QDialogButtonBox.Close).setText("关闭")
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        fit_resize(self, 980, 900)

    def _fit_pictures(self, width: int) -> None:
        """Show every picture ``width`` px wide (its height follows), instead of at its own size."""
        doc = self.browser.document()
        block = doc.begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                fragment = it.fragment()
                if fragment.charFormat().isImageFormat():
                    image = fragment.charFormat().toImageFormat()
                    image.setWidth(width)
                    cursor = QTextCursor(doc)
                    cursor.setPosition(fragment.position())
                    cursor.setPosition(fragment.position() + fragment.length(), QTextCursor.KeepAnchor)
                    cursor.setCharFormat(image)
                it += 1
            block = block.next()
