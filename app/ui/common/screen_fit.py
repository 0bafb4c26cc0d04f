"""Sizes that fit the screen: a dialog asks for its comfortable size and gets no more than the screen has."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
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


# The main window's comfortable size; a smaller screen (a 1366×768 laptop) gets the window maximised.
MAIN_WINDOW = QSize(1320, 840)


def first_geometry(room: QRect, comfortable: QSize = MAIN_WINDOW) -> QRect | None:
    """Where a window first opens: ``comfortable`` centred in ``room`` when it fits with its frame,
    else None (open maximised)."""
    if comfortable.width() + _FRAME > room.width() or comfortable.height() + _FRAME > room.height():
        return None
    rect = QRect(0, 0, comfortable.width(), comfortable.height())
    rect.moveCenter(room.center())
    return rect


def first_placement(window: QWidget) -> None:
    """Size and place a window with no remembered geometry for its screen's available area."""
    screen = window.screen()
    rect = first_geometry(screen.availableGeometry()) if screen else None
    if rect is None:
        room = screen.availableGeometry() if screen else QRect(0, 0, MAIN_WINDOW.width(), MAIN_WINDOW.height())
        window.setGeometry(room)           # the size it has when un-maximised
        window.setWindowState(window.windowState() | Qt.WindowMaximized)
    else:
        window.setGeometry(rect)
