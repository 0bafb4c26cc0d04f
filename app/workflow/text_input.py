"""The one check of free text a person types: no invisible control or bidi-override characters.

Such characters come in when text is copied from other systems; they crash the xlsx exports
(IllegalCharacterError), can disguise a file type (U+202E) and make two equal-looking texts differ.
Line breaks and tabs are allowed in multi-line fields; ZWJ (U+200D) is allowed (emoji sequences).
"""

from __future__ import annotations

import unicodedata

from app.errors import ValidationError

_ALLOWED_ALWAYS = "\u200d"
_MULTILINE_OK = "\n\t\r"


def invisible_problem(value: str, label: str, multiline: bool = True) -> str:
    """The Chinese refusal naming ``label`` and the character's position, or "" when ``value`` is clean."""
    allowed = _ALLOWED_ALWAYS + (_MULTILINE_OK if multiline else "")
    for i, ch in enumerate(value or ""):
        if ch in allowed:
            continue
        if unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co") or ch in "\ufffe\uffff":
            return (f"{label}中第{i + 1}个字符是看不见的控制字符（U+{ord(ch):04X}），"
                    "通常是从其他系统复制时带入的，请删除后重新输入。")
    return ""


def check_text(value: str, label: str, field: str, multiline: bool = True) -> str:
    """``value`` stripped, or ValidationError (naming ``field``) for an invisible character in it."""
    problem = invisible_problem(value, label, multiline)
    if problem:
        raise ValidationError(problem, field)
    return (value or "").strip()
