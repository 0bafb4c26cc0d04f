"""The red error line under a field: its space is kept, so showing it moves nothing, and a longer
message makes the dialog taller instead of being cut off or drawn over the field above."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget


def error_label(parent: QWidget | None = None, name: str = "fieldError") -> QLabel:
    """A hidden, word-wrapped red label that keeps one line of room while hidden."""
    label = QLabel(parent)
    label.setObjectName(name)
    label.setWordWrap(True)
    policy = label.sizePolicy()
    policy.setRetainSizeWhenHidden(True)
    policy.setVerticalPolicy(QSizePolicy.Minimum)
    label.setSizePolicy(policy)
    label.ensurePolished()                # the style sheet's font for error lines
    label.setText("字")
    label.setMinimumHeight(label.sizeHint().height())
    label.clear()
    label.hide()
    return label


def show_error_line(label: QLabel, message: str) -> None:
    """Show ``message`` in full: the window grows when it takes more lines than the one kept."""
    label.setText(message)
    label.show()
    fit_height(label.window())


def hide_error_line(label: QLabel) -> None:
    label.clear()
    label.hide()


def fit_height(window: QWidget) -> None:
    """Grow ``window`` to the height its layout needs at its present width (never shrink it)."""
    layout = window.layout()
    if layout is None:
        return
    layout.invalidate()
    layout.activate()
    needed = layout.totalHeightForWidth(window.width()) if layout.hasHeightForWidth() else -1
    needed = max(needed, layout.totalMinimumSize().height())
    if needed > window.height():
        window.resize(window.width(), needed)
