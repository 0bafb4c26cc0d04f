"""The range dialog turns one line of the State Council notice into one row per day."""

from datetime import date

from PySide6.QtCore import QDate

from app.ui.settings.calendar_editor_dialog import CalendarRangeDialog
from app.ui.settings.calendar_editor_model import WORKDAY, DayRow


def test_a_spring_festival_run_becomes_one_row_per_day(qtbot):
    dialog = CalendarRangeDialog(2027)
    qtbot.addWidget(dialog)
    dialog.name.setCurrentText("春节")
    dialog.first.setDate(QDate(2027, 2, 5))
    dialog.last.setDate(QDate(2027, 2, 11))
    dialog.accept()
    assert dialog.result() == CalendarRangeDialog.Accepted
    # 5 February through 11 February inclusive: 5, 6, 7, 8, 9, 10, 11 = 7 days, weekend included
    assert dialog.days() == [DayRow(date(2027, 2, d), False, "春节") for d in range(5, 12)]


def test_a_single_make_up_day(qtbot):
    dialog = CalendarRangeDialog(2027, WORKDAY)
    qtbot.addWidget(dialog)
    dialog.name.setCurrentText("春节")
    dialog.first.setDate(QDate(2027, 2, 20))     # moving the start also moves an earlier end
    assert dialog.days() == [DayRow(date(2027, 2, 20), True, "春节")]


def test_end_before_start_is_refused_and_dates_stay_in_the_year(qtbot):
    dialog = CalendarRangeDialog(2027)
    qtbot.addWidget(dialog)
    dialog.first.setDate(QDate(2027, 5, 5))
    dialog.last.setDate(QDate(2027, 5, 1))
    dialog.accept()
    assert dialog.result() == 0 and dialog.error.text() == "结束日期不能早于开始日期。"
    dialog.first.setDate(QDate(2028, 1, 1))
    assert dialog.first.date() == QDate(2027, 12, 31)
