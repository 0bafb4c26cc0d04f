"""The law's holidays for a year without its notice: lunar-python checked against the published years."""

from datetime import date as d

import chinese_calendar
import pytest

from app.workflow.calendar import StatutoryCalendar
from app.workflow.statutory_holidays import (
    dragon_boat, inferred_rest_days, mid_autumn, qingming, spring_festival, statutory_days,
)

CAL = StatutoryCalendar()

# From the State Council's notices (国办发明电) for each year, the festival's own day:
#            正月初一         清明             端午             中秋
PUBLISHED = {
    2020: (d(2020, 1, 25), d(2020, 4, 4), d(2020, 6, 25), d(2020, 10, 1)),
    2021: (d(2021, 2, 12), d(2021, 4, 4), d(2021, 6, 14), d(2021, 9, 21)),
    2022: (d(2022, 2, 1), d(2022, 4, 5), d(2022, 6, 3), d(2022, 9, 10)),
    2023: (d(2023, 1, 22), d(2023, 4, 5), d(2023, 6, 22), d(2023, 9, 29)),
    2024: (d(2024, 2, 10), d(2024, 4, 4), d(2024, 6, 10), d(2024, 9, 17)),
    2025: (d(2025, 1, 29), d(2025, 4, 4), d(2025, 5, 31), d(2025, 10, 6)),
    2026: (d(2026, 2, 17), d(2026, 4, 5), d(2026, 6, 19), d(2026, 9, 25)),
}


@pytest.mark.parametrize("year", sorted(PUBLISHED))
def test_lunar_and_solar_term_dates_match_the_published_notices(year):
    assert (spring_festival(year), qingming(year), dragon_boat(year), mid_autumn(year)) == PUBLISHED[year]


@pytest.mark.parametrize("year", sorted(PUBLISHED))
def test_chinesecalendar_names_the_same_festival_on_each_computed_day(year):
    # the installed chinesecalendar (the notices) calls each computed day by its festival's name;
    # 2020's 中秋 fell on 1 October and is carried there as National Day
    names = [chinese_calendar.get_holiday_detail(f(year)) for f in (spring_festival, qingming, dragon_boat)]
    assert names == [(True, "Spring Festival"), (True, "Tomb-sweeping Day"), (True, "Dragon Boat Festival")]
    autumn = chinese_calendar.get_holiday_detail(mid_autumn(year))
    assert autumn == ((True, "National Day") if year == 2020 else (True, "Mid-autumn Festival"))


@pytest.mark.parametrize("year", sorted(PUBLISHED))
def test_every_statutory_day_is_a_holiday_in_the_published_calendar(year):
    # chinesecalendar carries the notices; each day the law gives must be off there (the notices add
    # 调休 days around them, never fewer). 除夕 and 5月2日 only from 2025 (2024 revision).
    days = statutory_days(year)
    off = [x for x, _ in days if not chinese_calendar.is_holiday(x)]
    assert off == []
    names = [n for _, n in days]
    assert names.count("春节") == (4 if year >= 2025 else 3)
    assert names.count("劳动节") == (2 if year >= 2025 else 1)


def test_2025_and_2026_spring_festival_includes_new_year_s_eve():
    # 2025: 除夕 Tue 01-28, 初一 01-29 … 初三 01-31; 2026: 除夕 Mon 02-16, 初一 02-17 … 初三 02-19
    assert [x for x, n in statutory_days(2025) if n == "春节"] == [d(2025, 1, 28 + i) for i in range(4)]
    assert [x for x, n in statutory_days(2026) if n == "春节"] == [d(2026, 2, 16 + i) for i in range(4)]


def test_2027_by_hand():
    # 2027 (no notice in chinesecalendar 1.11): 元旦 Fri 01-01; 春节: 初一 is Sat 02-06, so 除夕 Fri 02-05
    # .. 初三 Mon 02-08; 清明 Mon 04-05; 劳动节 Sat–Sun 05-01/02; 端午 (五月初五) Wed 06-09;
    # 中秋 (八月十五) Wed 09-15; 国庆 Fri–Sun 10-01..03.
    assert spring_festival(2027) == d(2027, 2, 6)
    expected = [d(2027, 1, 1), d(2027, 2, 5), d(2027, 2, 6), d(2027, 2, 7), d(2027, 2, 8), d(2027, 4, 5),
                d(2027, 5, 1), d(2027, 5, 2), d(2027, 6, 9), d(2027, 9, 15), d(2027, 10, 1), d(2027, 10, 2),
                d(2027, 10, 3)]
    assert [x for x, _ in statutory_days(2027)] == expected
    # 办法第六条: holidays on a weekend are made up on working days; estimated on the first weekdays
    # after the festival: 春节 Sat/Sun → Tue 02-09, Wed 02-10; 劳动节 → Mon 05-03, Tue 05-04; 国庆 Sat/Sun →
    # Mon 10-04, Tue 10-05.
    extra = {x: n for x, n in inferred_rest_days(2027).items() if n.endswith("补假")}
    assert extra == {d(2027, 2, 9): "春节补假", d(2027, 2, 10): "春节补假", d(2027, 5, 3): "劳动节补假",
                     d(2027, 5, 4): "劳动节补假", d(2027, 10, 4): "国庆节补假", d(2027, 10, 5): "国庆节补假"}


def test_counting_across_new_year_2027_skips_1_january_and_is_provisional():
    # received Fri 2026-12-25: Dec 28–31 (4), Fri 2027-01-01 元旦 skipped, Jan 4–8 (9), 11–15 (14),
    # 18–22 (19), Mon Jan 25 (20). Counted Monday–Friday it would have been Fri 2027-01-22.
    assert CAL.add_workdays(d(2026, 12, 25), 20) == d(2027, 1, 25)
    assert CAL.provisional_years(d(2026, 12, 25), d(2027, 1, 25)) == [2027]


def test_counting_across_spring_festival_2027():
    # from Mon 2027-02-01: Feb 2–4 (3), Feb 5 除夕 and 8 初三 and 9–10 补假 skipped, Feb 11–12 (5),
    # 15–19 (10), 22–26 (15), Mar 1–5 (20)
    assert CAL.add_workdays(d(2027, 2, 1), 20) == d(2027, 3, 5)


def test_the_2013_rules_are_not_guessed_before_2014():
    # the program knows the law's days from the 2013 revision on (first full year 2014)
    with pytest.raises(ValueError, match="2013年早于"):
        statutory_days(2013)
    assert statutory_days(2014)[0] == (d(2014, 1, 1), "元旦")


def test_before_2025_labour_day_is_one_day():
    # the 2024 revision added 5月2日 from 2025; 2024 has 5月1日 only
    labour = lambda y: [day for day, name in statutory_days(y) if name == "劳动节"]  # noqa: E731
    assert labour(2024) == [d(2024, 5, 1)] and labour(2025) == [d(2025, 5, 1), d(2025, 5, 2)]


def test_2028_weekend_holidays_are_made_up_on_the_next_free_weekday():
    # 元旦 Sat 2028-01-01 → Sun 01-02 is a weekend → Mon 01-03 补假; 端午 Sun 2028-05-28 → Mon 05-29 (free);
    # 国庆 Sun 10-01, Mon 10-02, Tue 10-03 → Wed 10-04. 春节 2028 (Tue 01-25 除夕 to Fri 01-28) is all weekdays.
    made_up = {day: name for day, name in inferred_rest_days(2028).items() if name.endswith("补假")}
    assert made_up == {d(2028, 1, 3): "元旦补假", d(2028, 5, 29): "端午节补假", d(2028, 10, 4): "国庆节补假"}
