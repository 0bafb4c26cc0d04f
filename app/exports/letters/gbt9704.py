"""GB/T 9704-2012 page geometry shared by the Word and PDF writers (domain §7)."""

from __future__ import annotations

import unicodedata

MM = 72 / 25.4                 # points per millimetre
TWIP = 1 / 20                  # points per twip

PAGE_W_MM, PAGE_H_MM = 210, 297
TOP_MM, BOTTOM_MM, LEFT_MM, RIGHT_MM = 37, 35, 28, 26
LINES_PER_PAGE, CHARS_PER_LINE = 22, 28

BODY_PT = 16                   # 三号 仿宋
TITLE_PT = 22                  # 二号 小标宋
PAGE_NO_PT = 14                # 四号 宋体
PAGE_NO_GAP_MM = 7             # 一字线 7 mm below the text block
INDENT_CHARS = 2               # first-line indent
DATE_RIGHT_CHARS = 4           # 成文日期右空四字
PAGE_NO_SIDE_CHARS = 1         # 单页码居右空一字，双页码居左空一字
SEAL_BLANK_LINES = 2           # room for the seal above the 署名


def _twips(mm: float) -> int:
    return round(mm * MM / TWIP)


# Word stores lengths in twips; the PDF uses the very same rounded values so both agree.
PAGE_W_TW, PAGE_H_TW = _twips(PAGE_W_MM), _twips(PAGE_H_MM)
TOP_TW, BOTTOM_TW, LEFT_TW, RIGHT_TW = (_twips(v) for v in (TOP_MM, BOTTOM_MM, LEFT_MM, RIGHT_MM))
TEXT_W_TW = PAGE_W_TW - LEFT_TW - RIGHT_TW
LINE_PITCH_TW = (PAGE_H_TW - TOP_TW - BOTTOM_TW) // LINES_PER_PAGE      # 579 twips = 28.95 pt

PAGE_W, PAGE_H = PAGE_W_TW * TWIP, PAGE_H_TW * TWIP
TOP, BOTTOM, LEFT, RIGHT = TOP_TW * TWIP, BOTTOM_TW * TWIP, LEFT_TW * TWIP, RIGHT_TW * TWIP
TEXT_W = TEXT_W_TW * TWIP
LINE_PITCH = LINE_PITCH_TW * TWIP
CHAR_PITCH = TEXT_W / CHARS_PER_LINE                  # 28 characters per line
CHAR_SPACE = CHAR_PITCH - BODY_PT                      # slightly negative: 16 pt glyphs on a 15.79 pt grid
DOC_GRID_CHAR_SPACE = round(CHAR_SPACE * 4096)         # Word's w:docGrid/@w:charSpace unit
# The page number's baseline: its 一字线 (≈0.35 em above the baseline) sits 7 mm below the text block.
PAGE_NO_BASELINE_FROM_BOTTOM = (BOTTOM_MM - PAGE_NO_GAP_MM) * MM - 0.35 * PAGE_NO_PT
FOOTER_TW = round((PAGE_NO_BASELINE_FROM_BOTTOM - 0.14 * PAGE_NO_PT) / TWIP)


def em_width(text: str) -> float:
    """Width in em: wide and ambiguous-width characters (CJK, “”) are 1, the rest ½."""
    return sum(1.0 if unicodedata.east_asian_width(c) in "WFA" else 0.5 for c in text)


def grid_width(text: str, size: float = BODY_PT) -> float:
    """Width in points of ``text`` on the character grid (each character plus the grid's spacing)."""
    return em_width(text) * size + len(text) * CHAR_SPACE


def signature_indents(agency: str, issue_date: str) -> tuple[float, float]:
    """Right indents (pt) of the 署名 and 成文日期 lines.

    The date stands four characters from the right; the agency name is centred over the date
    (GB/T 9704 7.3.5.1), flush right when it is too long for that.
    """
    date_right = DATE_RIGHT_CHARS * CHAR_PITCH
    centre_shift = (grid_width(issue_date) - grid_width(agency)) / 2
    return max(0.0, date_right + centre_shift), date_right
