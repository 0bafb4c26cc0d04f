"""One text for both files: what the Word file and the PDF print is normalised once, before either is made."""

from __future__ import annotations

import re
import unicodedata

# Line and paragraph separators inside one value (a name typed over two lines, a pasted address).
_BREAKS = re.compile(r"\s*(?:\r\n|[\r\n\v\f\u0085\u2028\u2029])+\s*")
# Pictographic emoji and their joiners, selectors and modifiers: no font a letter embeds draws them,
# and an official letter does not print them. They are dropped from both files alike; the case keeps them.
_EMOJI = re.compile("[\U0001F000-\U0001FAFF\U000E0020-\U000E007F\uFE00-\uFE0F\u200D\u20E3]")


def letter_text(value: str) -> str:
    """NFC; line breaks inside a value become one space; emoji and control characters are dropped."""
    text = unicodedata.normalize("NFC", value or "")
    text = _BREAKS.sub(" ", text).replace("\t", " ")
    text = _EMOJI.sub("", text)
    return "".join(ch for ch in text if unicodedata.category(ch) != "Cc")
