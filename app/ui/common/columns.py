"""Table columns declared once as data (key, header, alignment, formatter), and due-date colours."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont

from app.workflow.outcomes import Outcome

LEFT = Qt.AlignLeft | Qt.AlignVCenter
CENTER = Qt.AlignCenter
RIGHT = Qt.AlignRight | Qt.AlignVCenter

# Due-date warning colours (domain §3: amber within 5 working days, red within 2, overdue red bold).
AMBER = QColor("#b86e00")
RED = QColor("#c62828")
AMBER_BG = QColor("#fff4e0")
RED_BG = QColor("#fdecea")


@dataclass(frozen=True)
class Column:
    key: str                                   # attribute of the row, and the SQL sort key if any
    header: str
    format: Callable[[Any], str]
    align: Qt.AlignmentFlag = LEFT
    sort_key: str | None = None                # None: not sortable
    width: int = 100


def text(value) -> str:
    return "" if value is None else str(value)


def ymd(value: date | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return value.isoformat()


def outcome_label(code: str | None) -> str:
    return Outcome.from_code(code).label if code else ""


def one_line(value: str | None) -> str:
    return " ".join((value or "").split())


def file_size(n: int) -> str:
    if n < 1024:
        return f"{n} B"
    if n < 1024 * 1024:
        return f"{n / 1024:.1f} KB"
    return f"{n / 1024 / 1024:.1f} MB"


def urgency_foreground(level: str) -> QBrush | None:
    if level in ("逾期", "紧急"):
        return QBrush(RED)
    if level == "临近":
        return QBrush(AMBER)
    return None


def urgency_background(level: str) -> QBrush | None:
    if level in ("逾期", "紧急"):
        return QBrush(RED_BG)
    if level == "临近":
        return QBrush(AMBER_BG)
    return None


def urgency_font(level: str, base: QFont | None = None) -> QFont | None:
    if level != "逾期":
        return None
    font = QFont(base) if base is not None else QFont()
    font.setBold(True)
    return font


_STYLE_ROLES = {Qt.ForegroundRole: urgency_foreground, Qt.BackgroundRole: urgency_background,
                Qt.FontRole: urgency_font}


def urgency_style(level: str, role) -> object:
    """What a due-date cell shows for ``role`` at ``level`` (colour, background, bold); None otherwise."""
    style = _STYLE_ROLES.get(role)
    return style(level) if style is not None else None


def urgency_tip(level: str) -> str:
    return {"逾期": "已超过答复期限（逾期）", "紧急": "即将到期（红色预警）",
            "临近": "临近答复期限（黄色预警）"}.get(level, "")
