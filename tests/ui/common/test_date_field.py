"""The date field: clicking it moves nothing, a typed date is taken, and its pop-up speaks Chinese,
shows every week and marks the office calendar's holidays (休) and 调休 working days (班)."""

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QEvent, QLocale, QPoint, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QTableView

from app.services.container import Services
from app.ui.common.date_field import DateEdit, HolidayCalendar, parse_typed, use_day_marks
from app.ui.common.form_dialog import date_edit
from app.ui.startup import use_chinese_locale
from tests.conftest import fixed_today

SHOTS = Path("/work/shots/ui-rough")
# the offscreen platform cannot raise a pop-up or grab the keyboard for it; a desktop can
POPUP = pytest.mark.qt_log_ignore("does not support raise", "does not support grabbing the keyboard")


@pytest.fixture
def field(qtbot):
    w = date_edit(date(2025, 7, 11))
    qtbot.addWidget(w)
    w.resize(220, 32)
    w.show()
    return w


def _type(w, text: str) -> None:
    for ch in text:
        QApplication.sendEvent(w, QKeyEvent(QEvent.KeyPress, 0, Qt.NoModifier, ch))


@pytest.mark.parametrize("typed, expected", [
    ("2025-07-01", date(2025, 7, 1)), ("2025/7/9", date(2025, 7, 9)), ("2025.7.9", date(2025, 7, 9)),
    ("20250711", date(2025, 7, 11)), ("2025年7月3日", date(2025, 7, 3)),
])
def test_a_date_typed_after_a_click_is_taken(qtbot, field, typed, expected):
    field.setDate(QDate(2026, 1, 5))
    for x in (10, 40, 90, 140):         # anywhere on the text: the year once went down (or up) a step
        qtbot.mouseClick(field, Qt.LeftButton, pos=QPoint(x, 16))
        assert field.date() == QDate(2026, 1, 5)
    _type(field, typed)
    assert field.date() == QDate(expected.year, expected.month, expected.day)
    qtbot.keyClick(field, Qt.Key_Return)
    assert field.text() == expected.isoformat()


def test_a_date_that_does_not_exist_is_not_taken(qtbot, field):
    qtbot.mouseClick(field, Qt.LeftButton, pos=QPoint(40, 16))
    _type(field, "2025-13-40")
    assert field.text() == "2025-13-40"          # what was typed stays visible while typing
    qtbot.keyClick(field, Qt.Key_Return)
    assert field.date() == QDate(2025, 7, 11) and field.text() == "2025-07-11"
    assert parse_typed("2025-02-29") is None and parse_typed("2025-7") is None


def test_backspace_corrects_the_typed_date(qtbot, field):
    qtbot.mouseClick(field, Qt.LeftButton, pos=QPoint(40, 16))
    _type(field, "2025-07-09")
    qtbot.keyClick(field, Qt.Key_Backspace)
    _type(field, "8")
    assert field.date() == QDate(2025, 7, 8)


@pytest.fixture
def english_system():
    """A machine whose system locale is English, as the reviewer's was."""
    QLocale.setDefault(QLocale(QLocale.English, QLocale.UnitedStates))
    yield
    use_chinese_locale()


def test_the_pop_up_is_chinese_whatever_the_system_locale(qtbot, english_system):
    assert QLocale().language() == QLocale.English
    use_chinese_locale()                        # what make_application does before any window
    cal = HolidayCalendar()
    qtbot.addWidget(cal)
    assert cal.locale().name() == "zh_CN"
    assert cal.locale().monthName(10) == "十月" and cal.locale().dayName(1, QLocale.ShortFormat) == "周一"
    assert cal.firstDayOfWeek() == Qt.Monday


@POPUP
def test_the_pop_up_shows_its_sixth_week_whole(qtbot, field):
    field.setDate(QDate(2025, 6, 9))      # June 2025 starts on a Sunday: its 30th is in the sixth row
    qtbot.mouseClick(field, Qt.LeftButton, pos=QPoint(field.width() - 8, 16))
    cal = field.calendarWidget()
    qtbot.waitUntil(cal.isVisible)
    table = cal.findChild(QTableView)
    last = table.model().rowCount() - 1
    assert last == 6                      # the day names and six weeks
    assert table.rowViewportPosition(last) + table.rowHeight(last) <= table.viewport().height()
    if SHOTS.is_dir():
        cal.window().grab().save(str(SHOTS / "date-popup-june.png"))
    cal.window().hide()


@POPUP
def test_the_pop_up_marks_holidays_and_makeup_days_from_the_office_calendar(qtbot, sqlite_db):
    services = Services.build(sqlite_db, fixed_today(date(2025, 9, 30)))
    use_day_marks(services.calendar.special_days)       # as build_window does
    try:
        w = DateEdit(QDate(2025, 10, 9))
        qtbot.addWidget(w)
        w.resize(220, 32)
        w.show()
        qtbot.mouseClick(w, Qt.LeftButton, pos=QPoint(w.width() - 8, 16))
        cal = w.calendarWidget()
        qtbot.waitUntil(cal.isVisible)
        # 2025: 国庆节、中秋节 Wed 10-01 … Wed 10-08 off; Sun 09-28 and Sat 10-11 worked
        assert cal.special(date(2025, 10, 1)).is_workday is False
        assert cal.special(date(2025, 10, 11)).is_workday is True
        assert cal.special(date(2025, 10, 9)) is None
        assert cal.dateTextFormat(QDate(2025, 10, 1)).toolTip() == "国庆节放假"
        assert cal.dateTextFormat(QDate(2025, 10, 11)).toolTip() == "国庆节调休上班"
        assert cal.dateTextFormat(QDate(2025, 10, 9)).toolTip() == ""
        if SHOTS.is_dir():
            cal.window().grab().save(str(SHOTS / "date-popup-holidays.png"))
        cal.window().hide()
    finally:
        use_day_marks(None)
