"""Boundaries of the statutory calendar (domain §3): year ends, 调休 weekends, entered notices, the editor's list."""

from datetime import date as d

import pytest

import app.workflow.calendar as calendar_module
from app.workflow.calendar import CalendarDay, SpecialDay, StatutoryCalendar, builtin_days, published_years

CAL = StatutoryCalendar()


def test_the_editor_lists_the_2025_notice_exactly():
    # 国办发明电〔2024〕12号 for 2025, counted by hand: 元旦 1/1 (1), 春节 1/28–2/4 (8), 清明 4/4–4/6 (3),
    # 劳动节 5/1–5/5 (5), 端午 5/31–6/2 (3), 国庆 and 中秋 10/1–10/8 (8) = 28 rest days, plus five
    # 调休 working weekend days: Sun 1/26, Sat 2/8, Sun 4/27, Sun 9/28, Sat 10/11 → 33 entries.
    days = builtin_days(2025)
    assert len(days) == 33
    assert [(s.day, s.name) for s in days if s.is_workday] == [
        (d(2025, 1, 26), "春节"), (d(2025, 2, 8), "春节"), (d(2025, 4, 27), "劳动节"),
        (d(2025, 9, 28), "国庆节"), (d(2025, 10, 11), "国庆节")]
    assert sum(1 for s in days if not s.is_workday) == 28
    # weekends inside a break are holidays of it; an ordinary weekend or weekday is not listed at all
    assert SpecialDay(d(2025, 2, 1), False, "春节") in days
    assert SpecialDay(d(2025, 1, 1), False, "元旦") in days
    listed = {s.day for s in days}
    assert d(2025, 3, 8) not in listed and d(2025, 3, 7) not in listed and d(2025, 3, 3) not in listed


def test_a_year_the_library_does_not_carry_shows_only_the_laws_holidays_marked_estimated():
    # 2027 has no State Council notice in the library: the law's days are listed, each inferred (暂定),
    # and no 调休 working weekend is guessed. 元旦 Fri 2027-01-01; 春节 from 除夕 Fri 2027-02-05 (初一 is
    # Sat 02-06); 国庆 from Fri 2027-10-01.
    days = builtin_days(2027)
    assert days and all(s.inferred and not s.is_workday for s in days)
    listed = {s.day: s.name for s in days}
    assert (listed[d(2027, 1, 1)], listed[d(2027, 2, 5)], listed[d(2027, 10, 1)]) == ("元旦", "春节", "国庆节")
    assert d(2027, 3, 8) not in listed                       # an ordinary Monday is not listed


class _December2025(d):
    @classmethod
    def today(cls):
        return cls(2025, 12, 1)


def test_published_years_include_next_year_once_its_notice_is_out(monkeypatch):
    # In December 2025 the 2026 notice is already published (and carried by chinesecalendar 1.11):
    # the list runs from 2004 (the library's first year) through 2026, with no year missing.
    monkeypatch.setattr(calendar_module, "date", _December2025)
    assert published_years() == list(range(2004, 2027))


def test_an_entered_notice_publishes_its_year():
    cal = StatutoryCalendar([CalendarDay(d(2027, 2, 20), True, "春节", "国办发明电〔2026〕X号")])
    assert cal.is_published(2027) and not CAL.is_published(2027)
    assert cal.is_published(2025) and not cal.is_published(2028)


@pytest.mark.parametrize("day, expected", [
    (d(2025, 1, 26), "2025年1月26日（星期日）春节调休上班"),
    (d(2025, 1, 28), "2025年1月28日（星期二）春节放假"),
    (d(2025, 10, 11), "2025年10月11日（星期六）国庆节调休上班"),
])
def test_special_days_describe_themselves_as_the_notice_does(day, expected):
    assert CAL.special_day(day).describe() == expected


def test_ordinary_days_are_not_special():
    assert CAL.special_day(d(2025, 3, 3)) is None      # an ordinary Monday
    assert CAL.special_day(d(2025, 3, 8)) is None      # an ordinary Saturday
    assert CAL.special_day(d(2027, 3, 6)) is None      # a Saturday of an unpublished year


def test_an_entered_day_takes_its_name_from_the_notice():
    cal = StatutoryCalendar([CalendarDay(d(2027, 2, 20), True, "春节", "通知"),
                             CalendarDay(d(2027, 3, 1), False, "", "通知")])
    assert cal.special_day(d(2027, 2, 20)) == SpecialDay(d(2027, 2, 20), True, "春节")
    assert cal.special_day(d(2027, 3, 1)).describe() == "2027年3月1日（星期一）放假"


def test_special_days_between_excludes_the_start_and_includes_the_end():
    # (Sun 2025-01-26, Tue 2025-01-28]: the 调休 Sunday itself is day 0, Mon 27 is ordinary, Tue 28 春节
    assert [s.day for s in CAL.special_days_between(d(2025, 1, 26), d(2025, 1, 28))] == [d(2025, 1, 28)]
    assert [s.day for s in CAL.special_days_between(d(2025, 1, 25), d(2025, 1, 26))] == [d(2025, 1, 26)]


def test_the_last_working_day_of_the_year_is_reached_not_skipped():
    # received Wed 2025-12-03: Dec 4,5 (2), 8–12 (7), 15–19 (12), 22–26 (17), 29,30,31 (20)
    assert CAL.add_workdays(d(2025, 12, 3), 20) == d(2025, 12, 31)
    # one more: Jan 1–3 元旦 off, Sun 2026-01-04 is the 调休 working day (21)
    assert CAL.add_workdays(d(2025, 12, 3), 21) == d(2026, 1, 4)


def test_counting_from_a_tiaoxiu_weekend_and_from_new_years_eve():
    # from the make-up Saturday 2025-02-08 (day 0): Mon Feb 10 is day 1
    assert CAL.add_workdays(d(2025, 2, 8), 1) == d(2025, 2, 10)
    # from Wed 2025-12-31: the first working day after is the 调休 Sunday 2026-01-04
    assert CAL.add_workdays(d(2025, 12, 31), 1) == d(2026, 1, 4)


def test_a_negative_count_is_refused():
    with pytest.raises(ValueError):
        CAL.add_workdays(d(2025, 3, 3), -1)


def test_counting_through_a_whole_year():
    # 2025 begins on a Wednesday: 52 weeks + 1 day → 261 weekdays. Of the 28 rest days, 10 fall on a
    # weekend (2/1, 2/2, 4/5, 4/6, 5/3, 5/4, 5/31, 6/1, 10/4, 10/5), so 18 are weekdays; plus 5 make-up
    # days: 261 − 18 + 5 = 248 working days. From 2024-12-31 the 248th is 2025's last, Dec 31.
    assert CAL.workdays_between(d(2024, 12, 31), d(2025, 12, 31)) == 248
    assert CAL.add_workdays(d(2024, 12, 31), 248) == d(2025, 12, 31)
    # 249: across the whole of 2025 into 2026: the 调休 Sunday 2026-01-04
    assert CAL.add_workdays(d(2024, 12, 31), 249) == d(2026, 1, 4)


def test_workdays_between_across_the_year_end():
    # (Mon 2025-12-29, Mon 2026-01-05]: Dec 30, 31, Sun Jan 4 (调休), Jan 5 = 4
    assert CAL.workdays_between(d(2025, 12, 29), d(2026, 1, 5)) == 4
    assert CAL.workdays_between(d(2026, 1, 5), d(2025, 12, 29)) == 0


@pytest.mark.parametrize("due, n, expected", [
    (d(2026, 1, 6), 2, d(2026, 1, 4)),      # Jan 5 (1), the 调休 Sunday Jan 4 (2)
    (d(2026, 1, 4), 1, d(2025, 12, 31)),    # the year's first working day: back to 2025-12-31
    (d(2026, 1, 6), 3, d(2025, 12, 31)),    # Jan 5, Jan 4, then Dec 31 across the holiday
    (d(2025, 3, 10), 0, d(2025, 3, 10)),
])
def test_working_days_before_a_due_date(due, n, expected):
    assert CAL.workdays_before(due, n) == expected


def test_provisional_years_are_every_unpublished_year_counted_through():
    assert CAL.provisional_years(d(2026, 12, 21), d(2027, 1, 18)) == [2027]
    assert CAL.provisional_years(d(2027, 12, 21), d(2028, 1, 18)) == [2027, 2028]
    assert CAL.provisional_years(d(2025, 12, 3), d(2026, 1, 6)) == []


def test_an_entered_rest_day_in_a_published_year_moves_the_count():
    # the office enters Mon 2025-03-10 as a rest day (a local notice): from Fri 3/7, day 1 is Tue 3/11
    cal = StatutoryCalendar([CalendarDay(d(2025, 3, 10), False, "临时", "通知")])
    assert cal.add_workdays(d(2025, 3, 7), 1) == d(2025, 3, 11)
    assert cal.workdays_between(d(2025, 3, 7), d(2025, 3, 11)) == 1
    assert CAL.workdays_between(d(2025, 3, 7), d(2025, 3, 11)) == 2


def test_an_ordinary_week_has_no_special_day():
    # Mon 2025-03-03 … Sun 03-09: no holiday, no 调休; an ordinary Friday is not a "调休上班"
    assert CAL.special_days_between(d(2025, 3, 2), d(2025, 3, 9)) == []
    assert CAL.special_day(d(2025, 3, 7)) is None


def test_a_year_without_any_notice_counts_monday_to_friday():
    # 2027 (no notice entered, not in the library), a March week with no statutory holiday:
    # from Thu 03-04 day 1 is Fri 03-05; from Fri 03-05 day 1 is Mon 03-08 (the weekend is rest)
    assert CAL.add_workdays(d(2027, 3, 4), 1) == d(2027, 3, 5)
    assert CAL.add_workdays(d(2027, 3, 5), 1) == d(2027, 3, 8)
    # (Fri 03-05, Fri 03-12]: Mar 8–12 = 5 working days; Sat 6 and Sun 7 are not counted
    assert CAL.workdays_between(d(2027, 3, 5), d(2027, 3, 12)) == 5


def test_the_zeroth_working_day_is_the_start_day_itself_even_a_rest_day():
    # domain §3: the start day is day 0, "even when d itself is a rest day"
    assert CAL.add_workdays(d(2025, 3, 8), 0) == d(2025, 3, 8)       # an ordinary Saturday
    assert CAL.add_workdays(d(2025, 10, 3), 0) == d(2025, 10, 3)     # inside the National Day break


def test_no_working_days_lie_between_a_later_and_an_earlier_date():
    # (Apr 25, Apr 8] 2025 is empty: 0, never −13
    assert CAL.workdays_between(d(2025, 4, 25), d(2025, 4, 8)) == 0


def test_a_year_with_its_notice_entered_counts_monday_to_friday_beside_the_entries():
    # 2027 entered by the office (one 调休 Saturday): Fri 2027-03-05 works, Sat 03-06 and Sun 03-07 rest,
    # and a law holiday the notice did not list (元旦 Fri 2027-01-01) is a plain Friday — the notice decides
    cal = StatutoryCalendar([CalendarDay(d(2027, 2, 20), True, "春节", "通知")])
    assert [cal.is_workday(x) for x in (d(2027, 3, 5), d(2027, 3, 6), d(2027, 3, 7), d(2027, 2, 20))] == [
        True, False, False, True]
    assert cal.is_workday(d(2027, 1, 1)) and cal.is_published(2027)


def test_a_year_without_a_notice_counts_the_laws_holidays_and_marks_them_inferred():
    # no entry for 2027: Fri 03-05 works, Sat 03-06 rests, 元旦 Fri 2027-01-01 rests by the law
    assert [CAL.is_workday(x) for x in (d(2027, 3, 5), d(2027, 3, 6), d(2027, 1, 1))] == [True, False, False]
    assert CAL.special_day(d(2027, 1, 1)) == SpecialDay(d(2027, 1, 1), False, "元旦", inferred=True)
    assert CAL.special_day(d(2027, 3, 6)) is None and not CAL.is_published(2027)
    # the sentence says what a clerk must know (domain §3, issue 18.10): which year, counted by which law, its
    # seven festivals and the 补假 of 第六条, that the 调休 are unknown, and that the dates are 暂定
    note = CAL.provisional_note(2027)
    assert note.startswith("2027年节假日安排未录入") and "《全国年节及纪念日放假办法》" in note
    assert all(f in note for f in ("元旦", "春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节"))
    assert "第六条" in note and "补假" in note and "调休安排未知" in note and note.endswith("日期为暂定。")
    assert "2026年" not in note and CAL.provisional_note(2028).startswith("2028年")


def test_the_law_gives_no_holidays_before_its_2014_rules():
    assert calendar_module.law_rest_days(2013) == {}
    assert calendar_module.law_rest_days(2027)[d(2027, 10, 1)] == "国庆节"
