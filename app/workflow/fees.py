"""Information-processing fees (国办函〔2020〕109号): 按件 and 按量, progressive over the excess."""

from enum import StrEnum


class FeeMethod(StrEnum):
    BY_COUNT = "按件计收"
    BY_VOLUME = "按量计收"


def fee_by_count(nth_in_month: int) -> int:
    """Fee in yuan for an applicant's n-th application in one calendar month.

    1–10 free; 11–30 100元 each; from 31 each further band of 10 costs 100元 more.
    """
    if nth_in_month < 1:
        raise ValueError("nth_in_month starts at 1")
    if nth_in_month <= 10:
        return 0
    if nth_in_month <= 30:
        return 100
    return 100 * (2 + (nth_in_month - 31) // 10)


_VOLUME_BANDS = ((30, 0), (100, 10), (200, 20))
_VOLUME_TOP_RATE = 40


def fee_by_volume(pages: int) -> int:
    """Fee in yuan for one application of ``pages`` pages: 1–30 free, 31–100 10元/页,
    101–200 20元/页, from 201 40元/页."""
    if pages < 0:
        raise ValueError("pages must not be negative")
    total, lower = 0, 0
    for upper, rate in _VOLUME_BANDS:
        if pages <= lower:
            return total
        total += (min(pages, upper) - lower) * rate
        lower = upper
    if pages > lower:
        total += (pages - lower) * _VOLUME_TOP_RATE
    return total
