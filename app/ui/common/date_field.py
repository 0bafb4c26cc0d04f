"""The date field: a whole date can be typed (2025-07-01, 2025/7/1, 20250701, 2025年7月1日), and its
pop-up calendar marks 法定节假日 (休) and 调休上班 (班) from the office's calendar."""

from __future__ import annotations

import re
from datetime import date
from typing import Callable, Protocol, Sequence

from PySide6.QtCore import QDate, QRect, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QTextCharFormat
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QCalendarWidget, QDateEdit, QWidget

_TYPED = frozenset("0123456789-/.年月日 ")
_SEPARATED = re.compile(r"^\s*(\d{4})\D+(\d{1,2})\D+(\d{1,2})\D*$")
_DIGITS = re.compile(r"^\s*(\d{4})(\d{2})(\d{2})\s*$")
HOLIDAY = QColor("#c62828")
MAKEUP = QColor("#1f5fa8")


class SpecialDayLike(Protocol):
    day: date
    is_workday: bool
    name: str


DayMarks = Callable[[int], Sequence[SpecialDayLike]]     # year → its holidays and 调休 working days


def use_day_marks(source: DayMarks | None) -> None:
    """Tell every date pop-up of this application where the year's special days come from (the
    calendar service's ``special_days``, given by the composition root)."""
    app = QApplication.instance()
    if app is not None:
        app.day_marks = source


def _day_marks() -> DayMarks | None:
    return getattr(QApplication.instance(), "day_marks", None)


def parse_typed(text: str) -> date | None:
    """The date a person typed, in any of the usual ways; None while it is not a whole date."""
    m = _SEPARATED.match(text) or _DIGITS.match(text)
    if m is None:
        return None
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


class HolidayCalendar(QCalendarWidget):
    """Month view with 休/班 in the corner of each statutory holiday and 调休 working day."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setVerticalHeaderFormat(QCalendarWidget.NoVerticalHeader)
        self.setGridVisible(False)
        self.setFirstDayOfWeek(Qt.Monday)
        rows = self.fontMetrics().height() + 12          # a week's row as the style sheet draws it
        self.setMinimumSize(7 * (rows + 6), 36 + 7 * rows)    # the navigation bar, the day names, six weeks
        self._years: dict[int, dict[date, SpecialDayLike]] = {}
        self.currentPageChanged.connect(lambda year, _month: self._mark_year(year))

    def showEvent(self, event) -> None:
        """The calendar is asked for the year's days when the pop-up opens, not for every date field."""
        self._mark_year(self.yearShown())
        super().showEvent(event)

    def special(self, day: date) -> SpecialDayLike | None:
        return self._year(day.year).get(day)

    def _year(self, year: int) -> dict[date, SpecialDayLike]:
        if year not in self._years:
            source = _day_marks()
            try:
                self._years[year] = {s.day: s for s in source(year)} if source is not None else {}
            except Exception:  # noqa: BLE001 - the marks are a help: without them the calendar still works
                self._years[year] = {}
        return self._years[year]

    def _mark_year(self, year: int) -> None:
        """Colour and explain each special day of the pages around ``year`` (tool tip: its name)."""
        for y in (year - 1, year, year + 1):
            for s in self._year(y).values():
                fmt = QTextCharFormat()
                fmt.setForeground(MAKEUP if s.is_workday else HOLIDAY)
                fmt.setToolTip(f"{s.name}调休上班" if s.is_workday else f"{s.name}放假".lstrip())
                self.setDateTextFormat(QDate(s.day.year, s.day.month, s.day.day), fmt)

    def paintCell(self, painter: QPainter, rect: QRect, qdate: QDate) -> None:
        super().paintCell(painter, rect, qdate)
        s = self.special(date(qdate.year(), qdate.month(), qdate.day()))
        if s is None:
            return
        painter.save()
        font = QFont(painter.font())
        font.setPointSizeF(max(font.pointSizeF() * 0.62, 6.0))
        painter.setFont(font)
        painter.setPen(MAKEUP if s.is_workday else HOLIDAY)
        painter.drawText(rect.adjusted(0, 1, -2, 0), Qt.AlignTop | Qt.AlignRight, "班" if s.is_workday else "休")
        painter.restore()


class DateEdit(QDateEdit):
    """A QDateEdit that takes a whole typed date and pops up the holiday calendar."""

    def __init__(self, value: QDate | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self._typed = ""
        self.setDisplayFormat("yyyy-MM-dd")
        self.setCalendarPopup(True)
        # No step buttons: with the app's style sheet a click anywhere in the field hit an invisible
        # up/down button and moved the year; the arrow at the right opens the calendar instead.
        self.setButtonSymbols(QAbstractSpinBox.NoButtons)
        self.setCalendarWidget(HolidayCalendar(self))
        if value is not None:
            self.setDate(value)

    def focusInEvent(self, event) -> None:
        self._typed = ""
        super().focusInEvent(event)

    def mousePressEvent(self, event) -> None:
        self._typed = ""
        super().mousePressEvent(event)

    def keyPressEvent(self, event) -> None:
        text = event.text()
        plain = not event.modifiers() & (Qt.ControlModifier | Qt.AltModifier)
        if plain and text and all(ch in _TYPED for ch in text):
            self._type(self._typed + text)
            return
        if event.key() == Qt.Key_Backspace and self._typed:
            self._type(self._typed[:-1])
            return
        if event.key() in (Qt.Key_Return, Qt.Key_Enter, Qt.Key_Escape, Qt.Key_Tab, Qt.Key_Backtab):
            self._finish_typing()
        super().keyPressEvent(event)

    def focusOutEvent(self, event) -> None:
        self._finish_typing()
        super().focusOutEvent(event)

    def typed_text(self) -> str:
        return self._typed

    def _type(self, text: str) -> None:
        self._typed = text
        typed = parse_typed(text)
        if typed is not None and self.minimumDate() <= QDate(typed.year, typed.month, typed.day) <= self.maximumDate():
            self.setDate(QDate(typed.year, typed.month, typed.day))
        self._show(text)

    def _show(self, text: str) -> None:
        """Put ``text`` in the editor without QDateEdit reading it section by section."""
        editor = self.lineEdit()
        editor.blockSignals(True)
        editor.setText(text)
        editor.blockSignals(False)

    def _finish_typing(self) -> None:
        """Leave typing: the field shows the date it holds (a half-typed date is dropped)."""
        if self._typed:
            self._typed = ""
            self._show(self.date().toString(self.displayFormat()))
