"""Chinese line breaking with 避头尾: closing punctuation may hang past the margin, as Word does."""

from __future__ import annotations

import re
from typing import Callable

# Characters that must not begin a line / end a line (GB/T 15834 practice).
NO_START = set("，。、；：？！）》」』】〕〉”’…—·%,.;:?!)]}‰℃")
NO_END = set("（《「『【〔〈“‘([{")
_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9.,:/%\-]*|.", re.S)

Measure = Callable[[str], float]


def tokens(text: str) -> list[str]:
    """Runs of Latin letters and digits stay whole; every other character is its own token."""
    return _TOKEN.findall(text)


def break_lines(text: str, first_width: float, width: float, measure: Measure) -> list[str]:
    """Split one paragraph into lines. ``measure(s)`` gives the width of ``s`` in points."""
    lines: list[str] = []
    current, used = "", 0.0
    limit = first_width
    for tok in tokens(text):
        w = measure(tok)
        if used + w <= limit + 0.01 or not current:
            if w > limit + 0.01 and len(tok) > 1:       # a Latin run longer than a line
                for ch in tok:
                    current, used, limit = _push(lines, current, used, limit, ch, measure(ch), width)
                continue
            current, used = current + tok, used + w
            continue
        if tok in NO_START:                              # hang the punctuation at the line end
            current, used = current + tok, used + w
            continue
        carry = ""
        while current and current[-1] in NO_END:
            carry, current = current[-1] + carry, current[:-1]
        lines.append(current)
        limit = width
        current, used = carry + tok, measure(carry) + w
    if current or not lines:
        lines.append(current)
    return lines


def _push(lines, current, used, limit, ch, w, width):
    if used + w > limit + 0.01 and current and ch not in NO_START:
        lines.append(current)
        return ch, w, width
    return current + ch, used + w, limit
