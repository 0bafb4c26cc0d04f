"""How the import window fits the screen: the largest comfortable size within the available area."""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

PREFERRED = (1280, 900)     # enough for 30 ledger columns beside the values, with the preview below
MARGIN = 16                 # the window frame and a little air


def available_area(widget: QWidget) -> QRect:
    """The screen's available geometry (without the taskbar) where ``widget`` (or its parent) is."""
    anchor = widget.parentWidget() or widget
    screen = anchor.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def fit_to(widget: QWidget, area: QRect, preferred: tuple[int, int] = PREFERRED) -> None:
    """Size ``widget`` to ``preferred`` but never beyond ``area``, and centre it there."""
    w = max(min(preferred[0], area.width() - MARGIN), 320)
    h = max(min(preferred[1], area.height() - MARGIN * 3), 240)   # a title bar above the frame
    widget.resize(w, h)
    widget.move(area.x() + (area.width() - w) // 2, area.y() + max((area.height() - h) // 2, 0))
