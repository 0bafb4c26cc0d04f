"""Spreadsheet cells that hold text stay text: a value starting with = + - @ is never a formula."""

from __future__ import annotations

FORMULA_START = ("=", "+", "-", "@")


def put(cell, value):
    """Set ``cell`` to ``value``; text is stored as a string cell with its characters unchanged
    (openpyxl would otherwise store "=HYPERLINK(…)" as a live formula)."""
    cell.value = value
    if isinstance(value, str) and value.startswith(FORMULA_START):
        cell.data_type = "s"
    return cell
