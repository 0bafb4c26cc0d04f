"""Possible 重复申请: how alike two request descriptions are (character bigram overlap)."""

import re

_NOISE = re.compile(r"[\s，。、；：,.;:！!？?（）()“”\"'《》]|申请公开|申请|公开|关于|的")


def _bigrams(text: str) -> set[str]:
    t = _NOISE.sub("", text)
    return {t[i:i + 2] for i in range(len(t) - 1)} or ({t} if t else set())


def similarity(a: str, b: str) -> float:
    """Jaccard overlap of character bigrams, ignoring filler words; 0.0–1.0."""
    x, y = _bigrams(a), _bigrams(b)
    if not x or not y:
        return 0.0
    return len(x & y) / len(x | y)


SIMILAR_THRESHOLD = 0.5
