"""The look of the app: Fusion + one style sheet, a readable Chinese UI font, and SVG icons."""

from __future__ import annotations

import sys

from PySide6.QtGui import QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication

from app.resources import resource_root

# First installed family wins: Windows, macOS, then the common free CJK fonts on Linux.
UI_FONTS = ("Microsoft YaHei UI", "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC",
            "Noto Sans SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "WenQuanYi Zen Hei",
            "AR PL UMing CN")


def ui_font() -> QFont:
    installed = set(QFontDatabase.families())
    families = [f for f in UI_FONTS if f in installed] or list(UI_FONTS)
    font = QFont()
    font.setFamilies(families)
    font.setPointSizeF(10 if sys.platform != "darwin" else 13)
    font.setHintingPreference(QFont.PreferFullHinting if sys.platform == "win32" else QFont.PreferDefaultHinting)
    return font


def style_sheet() -> str:
    path = resource_root() / "styles" / "app.qss"
    if not path.exists():
        return ""
    icons = (resource_root() / "icons").as_posix()
    return path.read_text(encoding="utf-8").replace("@ICONS@", icons)


def apply_style(app: QApplication) -> None:
    app.setStyle("Fusion")
    app.setFont(ui_font())
    app.setStyleSheet(style_sheet())
    app.setWindowIcon(icon("app"))


def icon(name: str) -> QIcon:
    """An SVG icon from resources/icons (crisp at any scale); an empty icon when missing."""
    path = resource_root() / "icons" / f"{name}.svg"
    return QIcon(str(path)) if path.exists() else QIcon()


def repolish(widget) -> None:
    """Re-apply the style sheet after changing a dynamic property used by a selector."""
    widget.style().unpolish(widget)
    widget.style().polish(widget)
