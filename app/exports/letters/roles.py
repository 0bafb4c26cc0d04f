"""Paragraph roles of a letter (title, 文号, body …): the Word style that marks each and its format."""

from __future__ import annotations

from dataclasses import dataclass

from app.exports.fonts import WORD_BODY_FALLBACK, WORD_BODY_FONT, WORD_TITLE_FONT
from app.exports.letters.gbt9704 import BODY_PT, INDENT_CHARS, TITLE_PT


@dataclass(frozen=True)
class Role:
    """How one kind of paragraph is set: Word font (with the name Word falls back to), PDF font role."""

    key: str
    style: str                 # paragraph style name in the Word template
    word_font: str
    word_alt_font: str
    pdf_font: str              # app.exports.fonts role: fangsong | song
    size: float
    align: str                 # left | center | right | justify
    first_indent_chars: int = 0
    on_grid: bool = True       # the 22 pt title would take two grid cells per character, so it is off grid


_BODY = dict(word_font=WORD_BODY_FONT, word_alt_font=WORD_BODY_FALLBACK, pdf_font="fangsong", size=BODY_PT)

ROLES: dict[str, Role] = {r.key: r for r in (
    Role("title", "公文标题", WORD_TITLE_FONT, "宋体", "song", TITLE_PT, "center", on_grid=False),
    Role("docno", "公文文号", align="center", **_BODY),
    Role("salutation", "公文称谓", align="left", **_BODY),
    Role("body", "公文正文", align="justify", first_indent_chars=INDENT_CHARS, **_BODY),
    Role("signature", "公文署名", align="right", **_BODY),
    Role("date", "公文日期", align="right", **_BODY),
    Role("cell", "公文表格", align="left", **_BODY),
)}

ROLE_BY_STYLE = {r.style: r.key for r in ROLES.values()}


def role_of_style(style_name: str | None, in_table: bool = False) -> Role:
    """Unknown styles (an office's own) are set as body text; table text as table text."""
    if in_table:
        return ROLES["cell"]
    return ROLES[ROLE_BY_STYLE.get(style_name or "", "body")]
