"""The statutory holidays a year has by law (《全国年节及纪念日放假办法》), before its 调休 notice is out."""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache

from lunar_python import Lunar, Solar

LAW = "《全国年节及纪念日放假办法》"
# The 2024 revision (国务院令第795号, in force 2025-01-01) added 除夕 and 5月2日.
REVISION_2024_FROM = 2025
FIRST_SUPPORTED = 2014     # the 2013 revision's days (元旦1, 春节3, 清明1, 劳动节1, 端午1, 中秋1, 国庆3)


def spring_festival(year: int) -> date:
    """正月初一 of the lunar year that begins in ``year``."""
    return _solar(Lunar.fromYmd(year, 1, 1).getSolar())


def dragon_boat(year: int) -> date:
    """端午节, 五月初五."""
    return _solar(Lunar.fromYmd(year, 5, 5).getSolar())


def mid_autumn(year: int) -> date:
    """中秋节, 八月十五."""
    return _solar(Lunar.fromYmd(year, 8, 15).getSolar())


def qingming(year: int) -> date:
    """清明节: the day of the 清明 solar term."""
    return _solar(Solar.fromYmd(year, 4, 1).getLunar().getJieQiTable()["清明"])


def _solar(s) -> date:
    return date(s.getYear(), s.getMonth(), s.getDay())


@cache
def statutory_days(year: int) -> tuple[tuple[date, str], ...]:
    """Every day of ``year`` that the law makes a holiday for all citizens, with its festival's name.

    Days may coincide (中秋 on 1 October in 2020); each date appears once, under its first name.
    """
    if year < FIRST_SUPPORTED:
        raise ValueError(f"{year}年早于本程序支持的放假办法版本")
    new_law = year >= REVISION_2024_FROM
    spring = spring_festival(year)
    spring_first = spring - timedelta(days=1) if new_law else spring     # 除夕 from 2025
    days: list[tuple[date, str]] = [(date(year, 1, 1), "元旦")]
    days += [(spring_first + timedelta(days=i), "春节") for i in range((spring - spring_first).days + 3)]
    days.append((qingming(year), "清明节"))
    days += [(date(year, 5, d), "劳动节") for d in ((1, 2) if new_law else (1,))]
    days.append((dragon_boat(year), "端午节"))
    days.append((mid_autumn(year), "中秋节"))
    days += [(date(year, 10, d), "国庆节") for d in (1, 2, 3)]
    seen: dict[date, str] = {}
    for d, name in days:
        if d.year == year:      # 除夕 of a lunar year starting on 1 January would fall in the year before
            seen.setdefault(d, name)
    return tuple(sorted(seen.items()))


@cache
def inferred_rest_days(year: int) -> dict[date, str]:
    """The year's rest days by law alone: the statutory holidays, and for each that falls on a
    Saturday or Sunday a 补假 on the next working weekday after its festival (办法第六条: "适逢星期六、
    星期日，应当在工作日补假"). The State Council fixes the real 补假 and 调休 in its notice; until then the
    first working weekday after the festival, its usual place, is the estimate."""
    rest = dict(statutory_days(year))
    for d, name in statutory_days(year):
        if d.weekday() < 5:
            continue
        extra = d + timedelta(days=1)
        while extra.weekday() >= 5 or extra in rest:
            extra += timedelta(days=1)
        if extra.year == year:
            rest[extra] = f"{name}补假"
    return rest
