"""Chinese line breaking with 避头尾: closing punctuation may hang past the margin, as Word does."""

from __future__ import annotations

import re
from typing import Callable

# Characters that must not begin a line / end a line (GB/T 15834 practice).
NO_START = set("，。、；：？！）》」』】〕〉”’…—·%,.;:?!)]}‰℃")
NO_END = set("（《「『【〔〈“‘([{")
_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9.,:/%\-]*|.", re.S)
_EPS = 0.01

Measure = Callable[[str], float]


def tokens(text: str) -> list[str]:
    """Runs of Latin letters and digits stay whole; every other character is its own token."""
    return _TOKEN.findall(text)


class _Lines:
    """The lines so far and the one being filled (its width and the width it may take)."""

    def __init__(self, first_width: float, width: float, measure: Measure):
        self.done: list[str] = []
        self.current, self.used, self.limit = "", 0.0, first_width
        self.width, self.measure = width, measure

    def fits(self, w: float) -> bool:
        return self.used + w <= self.limit + _EPS

    def add(self, tok: str, w: float) -> None:
        self.current, self.used = self.current + tok, self.used + w

    def new_line(self) -> None:
        """Close the current line; an opening bracket at its end moves down with the next text."""
        carry = ""
        while self.current and self.current[-1] in NO_END and len(self.current) > 1:
            carry, self.current = self.current[-1] + carry, self.current[:-1]
        self.done.append(self.current)
        self.current, self.used, self.limit = carry, self.measure(carry) if carry else 0.0, self.width

    def hang_allowed(self) -> bool:
        """One closing mark may hang past the margin, never a second one."""
        return self.used <= self.limit + _EPS


def break_lines(text: str, first_width: float, width: float, measure: Measure) -> list[str]:
    """Split one paragraph into lines. ``measure(s)`` gives the width of ``s`` in points.

    A Latin run (a URL, a long word) that is wider than a whole line is broken character by
    character wherever it falls, starting on the current line, so nothing runs past the margin.
    """
    out = _Lines(first_width, width, measure)
    for tok in tokens(text):
        w = measure(tok)
        if out.fits(w) or not out.current:
            if not out.fits(w) and len(tok) > 1:
                _split_run(out, tok)
            else:
                out.add(tok, w)
        elif tok in NO_START and out.hang_allowed():      # hang the punctuation at the line end
            out.add(tok, w)
        elif len(tok) > 1 and w > out.width + _EPS:        # too long for any line: break it here
            _split_run(out, tok)
        else:
            out.new_line()
            if len(tok) > 1 and not out.fits(w):
                _split_run(out, tok)
            else:
                out.add(tok, w)
    if out.current or not out.done:
        out.done.append(out.current)
    return out.done


def _split_run(out: _Lines, run: str) -> None:
    for ch in run:
        w = out.measure(ch)
        if not out.fits(w) and out.current and not (ch in NO_START and out.hang_allowed()):
            out.new_line()
        out.add(ch, w)
