"""The one cell writer of every workbook: text stays text (never a live formula) and never crashes the save.

A value starting with = + - @ would be stored by openpyxl as a formula ("=HYPERLINK(…)" in an applicant's
name becomes a live link that leaks the row). Control characters that the xlsx format cannot hold
(openpyxl raises IllegalCharacterError) are dropped from text already stored before they were refused.
"""

from __future__ import annotations

from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

FORMULA_START = ("=", "+", "-", "@")


def clean_text(value: str) -> str:
    """``value`` without the characters an xlsx cell cannot hold."""
    return ILLEGAL_CHARACTERS_RE.sub("", value)


def _fix(cell, value):
    if isinstance(value, str):
        cell.value = clean_text(value)
        if cell.value.startswith(FORMULA_START):
            cell.data_type = "s"
    else:
        cell.value = value
    return cell


def put(cell, value):
    """Set ``cell`` to ``value``; text is stored as a string cell with its characters unchanged."""
    return _fix(cell, value)


def append(ws, values) -> None:
    """Append one row to a normal worksheet, every text value as text."""
    values = list(values)
    ws.append([clean_text(v) if isinstance(v, str) else v for v in values])
    row = ws.max_row
    for col, value in enumerate(values, start=1):
        if isinstance(value, str):
            put(ws.cell(row, col), value)


def write_only(ws, value):
    """A cell for a write-only worksheet (``Workbook(write_only=True)``), text as text."""
    return _fix(WriteOnlyCell(ws), value)
