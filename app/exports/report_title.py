"""The annual report's title in lines broken between words (GB/T 9704 §7.3.1: 回行时词意完整、排列对称)."""

from __future__ import annotations

from typing import Callable

from app.exports.letters.linebreak import break_lines

Measure = Callable[[str], float]


def title_lines(agency: str, year: int, width: float, measure: Measure) -> list[str]:
    """One line when the whole title fits; else the agency on its own line(s) and
    “X年政府信息公开工作年度报告” on the next, never “…政府信息公 / 开工作…”."""
    subject = f"{year}年政府信息公开工作年度报告"
    whole = agency + subject
    if measure(whole) <= width:
        return [whole]
    head = [agency] if measure(agency) <= width else _balanced(agency, width, measure)
    return [*head, subject]


def _balanced(text: str, width: float, measure: Measure) -> list[str]:
    """A name longer than a line: split it into lines of about equal length."""
    count = len(break_lines(text, width, width, measure))
    per = -(-len(text) // count)
    return [text[i:i + per] for i in range(0, len(text), per)]


def em_measure(size: float) -> Measure:
    """Widths in points at ``size`` for a CJK font: full-width characters 1 em, ASCII half."""
    return lambda s: sum(size if ord(ch) > 0x2E7F else size / 2 for ch in s)
