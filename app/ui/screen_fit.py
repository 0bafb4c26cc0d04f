"""Sizes that fit the screen: a dialog asks for its comfortable size and gets no more than the screen has."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtWidgets import QWidget

# Room left for the window frame around a dialog.
_FRAME = 40


def fitted(width: int, height: int, room: QRect) -> QSize:
    """``width``×``height`` shrunk to ``room`` (a 1366×768 laptop leaves about 1366×728 with its taskbar)."""
    return QSize(min(width, room.width() - _FRAME), min(height, room.height() - _FRAME))


def fit_resize(widget: QWidget, width: int, height: int) -> None:
    """Resize ``widget`` to its comfortable size, but no larger than its screen's available area."""
    screen = widget.screen()
    widget.resize(fitted(width, height, screen.availableGeometry()) if screen else QSize(width, height))
