"""Shows a service's ValidationError (Chinese) right under the field it names."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app.errors import ValidationError

ERROR_STYLE = "color: #c62828;"


class FieldErrors:
    """Keeps one hidden red label per field; ``show`` fills the one the error names."""

    def __init__(self) -> None:
        self._fields: dict[str, tuple[QWidget, QLabel]] = {}

    def wrap(self, field: str, widget: QWidget) -> QWidget:
        """``widget`` with its error label underneath, ready to put in a form row."""
        label = QLabel()
        label.setObjectName(f"error_{field}")
        label.setStyleSheet(ERROR_STYLE)
        label.setWordWrap(True)
        label.hide()
        box = QWidget()
        lay = QVBoxLayout(box)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        lay.addWidget(widget)
        lay.addWidget(label)
        self._fields[field] = (widget, label)
        return box

    def show(self, error: ValidationError) -> bool:
        """Put the message at its field; False when the error names no field we hold."""
        self.clear()
        entry = self._fields.get(error.field or "")
        if entry is None:
            return False
        widget, label = entry
        label.setText(error.message)
        label.show()
        widget.setToolTip(error.message)
        widget.setFocus()
        return True

    def message(self, field: str) -> str:
        """The message shown at ``field`` (empty when none)."""
        _widget, label = self._fields[field]
        return label.text() if not label.isHidden() else ""

    def clear(self) -> None:
        for widget, label in self._fields.values():
            label.clear()
            label.hide()
            widget.setToolTip("")
