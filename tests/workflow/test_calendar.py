"""The statutory calendar: counting rules of domain §3 on the published calendars."""

from datetime import date as d

from app.workflow.calendar import CalendarDay, StatutoryCalendar

CAL = StatutoryCalendar()


def test_make_up_days_are_working_days_and_holidays_are_not():
    assert CAL.is_workday(d(2025, 2, 8))        # Saturday, 春节 调休
    assert CAL.is_workday(d(2026, 2, 14))       # Saturday, 春节 调休
    assert not CAL.is_workday(d(2025, 10, 8))   # Wednesday, 国庆 holiday
    assert not CAL.is_workday(d(2025, 1, 1))


def test_add_workdays_starts_counting_the_day_after():
    assert CAL.add_workdays(d(2025, 3, 3), 1) == d(2025, 3, 4)
    assert CAL.add_workdays(d(2025, 3, 8), 1) == d(2025, 3, 10)   # from a Saturday
    assert CAL.add_workdays(d(2025, 3, 3), 0) == d(2025, 3, 3)


def test_workdays_between_excludes_the_first_day():
    # (Apr 8, Apr 25] 2025: Apr 9,10,11, 14–18, 21–25 = 13
    assert CAL.workdays_between(d(2025, 4, 8), d(2025, 4, 25)) == 13
    assert CAL.workdays_between(d(2025, 4, 8), d(2025, 4, 8)) == 0


def test_counting_crosses_the_year_end():
    # 2025-12-31 + 20 = 2026-01-29 (Jan 1–3 off, Sun Jan 4 works)
    assert CAL.add_workdays(d(2025, 12, 31), 20) == d(2026, 1, 29)
    assert CAL.workdays_between(d(2025, 12, 31), d(2026, 1, 29)) == 20


def test_office_override_wins_over_the_library():
    cal = StatutoryCalendar([CalendarDay(d(2025, 3, 3), False, "临时", "测试")])
    assert not cal.is_workday(d(2025, 3, 3))
    assert cal.is_workday(d(2025, 3, 4))   # the rest of 2025 still follows the library
    assert not cal.is_workday(d(2025, 10, 1))


def test_unpublished_year_counts_the_statutory_holidays_and_an_entered_year_wins():
    assert not CAL.is_published(2027)
    assert not CAL.is_workday(d(2027, 1, 1))  # Friday, 元旦 by law although the notice is not out
    assert CAL.is_workday(d(2027, 1, 4))      # Monday after it: no 调休 is assumed
    assert not CAL.is_workday(d(2027, 1, 2))
    # An office-entered 2027 (the notice) replaces the law's estimate: 2027-02-20 entered as a 调休
    # Saturday works, and 2027-02-09 (the estimated 春节补假) is a plain Tuesday again.
    cal = StatutoryCalendar([CalendarDay(d(2027, 2, 20), True, "春节", "通知")])
    assert cal.is_published(2027) and cal.is_workday(d(2027, 2, 20))
    assert cal.is_workday(d(2027, 2, 9))
    assert not CAL.is_workday(d(2027, 2, 9))
