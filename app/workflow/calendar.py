"""The statutory working-day calendar: chinesecalendar, office overrides on top, the law's holidays after."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cache
from datetime import date, timedelta
from typing import Iterable, Mapping

import chinese_calendar

from app.workflow.statutory_holidays import LAW, inferred_rest_days

_HOLIDAY_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "抗战胜利纪念日",
}


@dataclass(frozen=True)
class CalendarDay:
    """An office-entered day from a State Council notice."""

    day: date
    is_workday: bool  # True = 调休 make-up working day, False = statutory holiday
    name: str = ""
    notice: str = ""


@dataclass(frozen=True)
class SpecialDay:
    """A day that differs from the plain Monday–Friday rule."""

    day: date
    is_workday: bool
    name: str
    inferred: bool = False      # from the law alone (a year without its notice): 暂定

    def describe(self) -> str:
        weekday = "一二三四五六日"[self.day.weekday()]
        kind = "调休上班" if self.is_workday else ("" if self.name.endswith("补假") else "放假")
        name = f"{self.name}" if self.name else ""
        note = "（按放假办法推算，暂定）" if self.inferred else ""
        return f"{self.day.year}年{self.day.month}月{self.day.day}日（星期{weekday}）{name}{kind}{note}"


def _ordinals_of(year: int) -> range:
    return range(date(year, 1, 1).toordinal(), date(year + 1, 1, 1).toordinal())


@cache
def _plain_workdays(year: int) -> list[int]:
    """Working days of a year with no office entries (library data, else the law's holidays)."""
    if _library_covers(year):
        return [o for o in _ordinals_of(year) if chinese_calendar.is_workday(date.fromordinal(o))]
    rest = law_rest_days(year)
    return [o for o in _ordinals_of(year) if date.fromordinal(o).weekday() < 5
            and date.fromordinal(o) not in rest]


def law_rest_days(year: int) -> dict[date, str]:
    """The statutory holidays (and their 补假) of a year by 《全国年节及纪念日放假办法》; {} before 2014."""
    try:
        return inferred_rest_days(year)
    except ValueError:
        return {}


@cache
def _library_covers(year: int) -> bool:
    try:
        chinese_calendar.is_workday(date(year, 6, 1))
    except NotImplementedError:
        return False
    return True


def builtin_days(year: int) -> list[SpecialDay]:
    """The State Council's arrangement for ``year`` as the installed chinesecalendar carries it:
    every named holiday day (weekends inside the break too) and every 调休 working weekend day;
    for a year it does not cover, the law's holidays and 补假 (``inferred``, no 调休)."""
    if not _library_covers(year):
        return [SpecialDay(d, False, name, True) for d, name in sorted(law_rest_days(year).items())]
    days = []
    for o in _ordinals_of(year):
        d = date.fromordinal(o)
        on_holiday, en = chinese_calendar.get_holiday_detail(d)
        if on_holiday and en:
            days.append(SpecialDay(d, False, _HOLIDAY_NAMES.get(en, en)))
        elif not on_holiday and d.weekday() >= 5:
            days.append(SpecialDay(d, True, _HOLIDAY_NAMES.get(en or "", en or "")))
    return days


def published_years() -> list[int]:
    """The years whose State Council holiday notice the installed chinesecalendar carries."""
    return [y for y in range(2000, date.today().year + 2) if _library_covers(y)]


class StatutoryCalendar:
    """Working days on China's official calendar.

    Covered years come from ``chinesecalendar``; ``overrides`` (entered by the office from each
    year's State Council notice) win over it. A year that neither covers is counted Monday–Friday
    less the statutory holidays of 《全国年节及纪念日放假办法》 (its 调休 unknown) and reported as
    provisional (暂定).
    """

    def __init__(self, overrides: Iterable[CalendarDay] = ()):
        self._overrides: Mapping[date, CalendarDay] = {o.day: o for o in overrides}
        self._entered_years = {d.year for d in self._overrides}
        self._year_cache: dict[int, list[int]] = {}
        self._covered: dict[int, bool] = {}

    # -- single days -------------------------------------------------------------------------
    def is_published(self, year: int) -> bool:
        """True when the year's holidays are known (library data or an entered notice)."""
        return year in self._entered_years or self._library_covers(year)

    def _library_covers(self, year: int) -> bool:
        if year not in self._covered:
            self._covered[year] = _library_covers(year)
        return self._covered[year]

    def is_workday(self, d: date) -> bool:
        override = self._overrides.get(d)
        if override is not None:
            return override.is_workday
        if self._library_covers(d.year):
            return chinese_calendar.is_workday(d)
        if d.year in self._entered_years:   # the office entered the whole notice: the rest is Mon–Fri
            return d.weekday() < 5
        return d.weekday() < 5 and d not in law_rest_days(d.year)

    def special_day(self, d: date) -> SpecialDay | None:
        """The holiday or make-up day at ``d``, if it differs from plain Monday–Friday."""
        plain = d.weekday() < 5
        actual = self.is_workday(d)
        if actual == plain:
            return None
        override = self._overrides.get(d)
        if override is not None:
            name = override.name
        elif self._library_covers(d.year):
            _, en = chinese_calendar.get_holiday_detail(d)
            name = _HOLIDAY_NAMES.get(en or "", en or "")
        else:
            return SpecialDay(d, actual, law_rest_days(d.year).get(d, ""), inferred=True)
        return SpecialDay(d, actual, name)

    # -- counting ----------------------------------------------------------------------------
    def _workdays_of(self, year: int) -> list[int]:
        days = self._year_cache.get(year)
        if days is None:
            if year in self._entered_years:
                days = [o for o in _ordinals_of(year) if self.is_workday(date.fromordinal(o))]
            else:  # no office entries: the library's (or the law's) days never change, share them
                days = _plain_workdays(year)
            self._year_cache[year] = days
        return days

    def add_workdays(self, start: date, n: int) -> date:
        """The n-th working day after ``start`` (the start day itself is day 0, even a rest day)."""
        if n < 0:
            raise ValueError("n must not be negative")
        if n == 0:
            return start
        year = start.year
        days = self._workdays_of(year)
        i = bisect_right(days, start.toordinal())
        while True:
            left = len(days) - i
            if n <= left:
                return date.fromordinal(days[i + n - 1])
            n -= left
            year += 1
            days = self._workdays_of(year)
            i = 0

    def workdays_between(self, after: date, through: date) -> int:
        """Number of working days d with ``after < d <= through``."""
        if through <= after:
            return 0
        total = 0
        for year in range(after.year, through.year + 1):
            days = self._workdays_of(year)
            lo = bisect_right(days, after.toordinal()) if year == after.year else 0
            hi = bisect_right(days, through.toordinal()) if year == through.year else len(days)
            total += hi - lo
        return total

    def special_days_between(self, after: date, through: date) -> list[SpecialDay]:
        """Holidays on weekdays and make-up working days in ``(after, through]``."""
        out = []
        d = after + timedelta(days=1)
        while d <= through:
            s = self.special_day(d)
            if s is not None:
                out.append(s)
            d += timedelta(days=1)
        return out

    def provisional_years(self, after: date, through: date) -> list[int]:
        """Years in ``(after, through]`` counted by the law's holidays alone for want of a notice."""
        return [y for y in range(after.year, through.year + 1) if not self.is_published(y)]

    def provisional_note(self, year: int) -> str:
        """The explanation's sentence for a year counted without its State Council notice."""
        return (f"{year}年节假日安排未录入：该年按{LAW}规定的法定节假日计算（元旦、春节、清明节、劳动节、"
                "端午节、中秋节、国庆节，适逢周末的按办法第六条于其后第一个工作日补假），调休安排未知，"
                "日期为暂定。")

    def workdays_before(self, due: date, n: int) -> date:
        """The working day ``n`` working days before ``due`` (for internal sub-deadlines)."""
        year = due.year
        days = self._workdays_of(year)
        i = bisect_left(days, due.toordinal())
        while i - n < 0:
            n -= i
            year -= 1
            days = self._workdays_of(year)
            i = len(days)
        return date.fromordinal(days[i - n])
