"""Date parsing and the Chinese date style used in letters and messages."""

import re
from datetime import date, datetime

_TEXT_DATE = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*$")


def cn_date(d: date | None) -> str:
    """2025年3月28日 (no leading zeros), or an empty string."""
    return f"{d.year}年{d.month}月{d.day}日" if d else ""


def parse_date(value) -> date | None:
    """Accept a date, a datetime, or text like 2024-09-27, 2024/9/27, 2024.9.27, 2024年9月27日.

    Returns None for blank input; raises ValueError for anything else it cannot read.
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    if not text:
        return None
    m = _TEXT_DATE.match(text)
    if not m:
        raise ValueError(text)
    return date(int(m[1]), int(m[2]), int(m[3]))


_LEDGER_DATE = re.compile(
    r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
    r"(?:\s*[T\s]\s*\d{1,2}\s*[:：时]\s*\d{1,2}(?:\s*[:：分]\s*\d{1,2}(?:\.\d+)?\s*秒?)?\s*分?)?\s*$")
_EXCEL_EPOCH = date(1899, 12, 30)


def parse_ledger_date(value) -> date | None:
    """``parse_date`` plus what offices' ledgers hold: date-time text (2025-01-06 09:35:58,
    2025/1/6 9:35, 2025年01月06日) and Excel serial numbers (45663 = 2025-01-06)."""
    if isinstance(value, bool):
        raise ValueError(str(value).upper())
    if isinstance(value, (int, float)):
        if not 1 <= value < 2958466:
            raise ValueError(str(value))
        return date.fromordinal(_EXCEL_EPOCH.toordinal() + int(value))
    if value is None or isinstance(value, date):
        return parse_date(value)
    text = str(value).strip()
    if not text:
        return None
    m = _LEDGER_DATE.match(text)
    if not m:
        raise ValueError(text)
    return date(int(m[1]), int(m[2]), int(m[3]))
