"""Lay a letter's blocks out on GB/T 9704 pages: positioned lines the PDF writer and the preview draw."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from reportlab.pdfbase.pdfmetrics import stringWidth

from app.exports.fonts import font_segments
from app.exports.letters import gbt9704 as g
from app.exports.letters.blocks import Block, Para, TableBlock
from app.exports.letters.linebreak import break_lines
from app.exports.letters.roles import ROLES, Role

CELL_PAD = 108 * g.TWIP          # Word's default left/right cell margin (0.19 cm)
_BOTTOM = g.TOP + g.LINES_PER_PAGE * g.LINE_PITCH


@dataclass(frozen=True)
class TextRun:
    """One line of text: x and baseline in points from the page's top-left corner."""

    x: float
    baseline: float
    text: str
    font: str            # app.exports.fonts role: fangsong | song
    size: float
    char_space: float = 0.0


@dataclass(frozen=True)
class Stroke:
    x1: float
    y1: float
    x2: float
    y2: float
    width: float = 0.5


@dataclass(frozen=True)
class Page:
    number: int
    texts: tuple[TextRun, ...]
    strokes: tuple[Stroke, ...] = ()


@dataclass(frozen=True)
class _Item:
    """Something one line or one table row tall, positioned relative to its top-left corner."""

    height: float
    texts: tuple[TextRun, ...]
    strokes: tuple[Stroke, ...] = ()
    no_break_after: bool = False


@lru_cache(maxsize=65536)
def text_width(text: str, font: str, size: float) -> float:
    """Natural width of ``text`` in the embedded font for ``font`` (a fonts.pdf_font role)."""
    return sum(stringWidth(part, name, size) for name, part in font_segments(text, font))


def _space(role: Role) -> float:
    return g.CHAR_SPACE if role.on_grid else 0.0


def _measure(role: Role):
    cs = _space(role)
    return lambda s: text_width(s, role.pdf_font, role.size) + len(s) * cs


def _baseline(size: float) -> float:
    """Glyphs sit centred in their grid line (an ideograph's centre is ≈0.38 em above the baseline)."""
    return g.LINE_PITCH / 2 + 0.38 * size


def para_lines(para: Para, width: float, right: float = 0.0) -> list[TextRun]:
    """One paragraph's lines, x relative to the text block's left edge, baseline relative to line top."""
    role = ROLES[para.role]
    measure, cs = _measure(role), _space(role)
    first = role.first_indent_chars * g.CHAR_PITCH
    texts = break_lines(para.text, width - first - right, width - right, measure) if para.text else [""]
    out = []
    for k, line in enumerate(texts):
        indent = first if k == 0 else 0.0
        avail = width - indent - right
        w = measure(line)
        align, space, x = para.align or role.align, cs, indent
        if align == "center":
            x = indent + (avail - w) / 2
        elif align == "right":
            x = width - right - w
        elif align == "justify" and k < len(texts) - 1 and len(line) > 1 and w < avail:
            space = cs + (avail - w) / (len(line) - 1)
        out.append(TextRun(x, _baseline(role.size), line, role.pdf_font, role.size, space))
    return out


def _para_items(para: Para, right: float) -> list[_Item]:
    lines = para_lines(para, g.TEXT_W, right)
    n = len(lines)
    items = []
    for k, run in enumerate(lines):
        orphan_or_widow = n >= 2 and k in (0, n - 2)
        keep = orphan_or_widow or (k == n - 1 and para.keep_next)
        items.append(_Item(g.LINE_PITCH, (run,), no_break_after=keep))
    return items


def _row_items(table: TableBlock) -> list[_Item]:
    items = []
    for row in table.rows:
        col, cells = 0, []
        for cell in row.cells:
            w = sum(table.widths[col:col + cell.span])
            runs = [run for p in cell.paragraphs for run in para_lines(p, w - 2 * CELL_PAD)]
            cells.append((sum(table.widths[:col]), w, runs))
            col += cell.span
        height = max([row.min_height] + [len(r) * g.LINE_PITCH for _, _, r in cells])
        texts, strokes = [], []
        for x0, w, runs in cells:
            top = (height - len(runs) * g.LINE_PITCH) / 2
            texts += [TextRun(x0 + CELL_PAD + r.x, top + i * g.LINE_PITCH + r.baseline, r.text, r.font,
                              r.size, r.char_space) for i, r in enumerate(runs) if r.text]
            strokes += [Stroke(x0, 0, x0 + w, 0), Stroke(x0, height, x0 + w, height),
                        Stroke(x0, 0, x0, height), Stroke(x0 + w, 0, x0 + w, height)]
        items.append(_Item(height, tuple(texts), tuple(strokes)))
    return items


def _items(blocks: tuple[Block, ...]) -> list[_Item]:
    paras = [b for b in blocks if isinstance(b, Para)]
    sig = next((p.text for p in paras if p.role == "signature"), "")
    date = next((p.text for p in paras if p.role == "date"), "")
    name_right, date_right = g.signature_indents(sig, date)
    rights = {"signature": name_right, "date": date_right}
    items: list[_Item] = []
    for b in blocks:
        if isinstance(b, TableBlock):
            items += _row_items(b)
        else:
            items += _para_items(b, rights.get(b.role, 0.0))
    return items


def _unit_end(items: list[_Item], i: int) -> int:
    j = i
    while items[j].no_break_after and j + 1 < len(items):
        j += 1
    return j


def layout_pages(blocks: tuple[Block, ...]) -> tuple[Page, ...]:
    """Paginate: 22 lines a page, no orphan or widow line, the 署名 group kept with its text."""
    items = _items(blocks)
    pages: list[list[tuple[float, _Item]]] = [[]]
    y, i = g.TOP, 0
    while i < len(items):
        j = _unit_end(items, i)
        height = sum(it.height for it in items[i:j + 1])
        if height > _BOTTOM - g.TOP + 0.01:           # cannot be kept together on any page
            j, height = i, items[i].height
        if y + height > _BOTTOM + 0.01 and pages[-1]:
            pages.append([])
            y = g.TOP
        for it in items[i:j + 1]:
            pages[-1].append((y, it))
            y += it.height
        i = j + 1
    return tuple(_page(n, placed) for n, placed in enumerate(pages, start=1))


def _page(number: int, placed: list[tuple[float, _Item]]) -> Page:
    texts, strokes = [], []
    for top, it in placed:
        texts += [TextRun(g.LEFT + t.x, top + t.baseline, t.text, t.font, t.size, t.char_space)
                  for t in it.texts if t.text]
        strokes += [Stroke(g.LEFT + s.x1, top + s.y1, g.LEFT + s.x2, top + s.y2, s.width) for s in it.strokes]
    texts.append(page_number(number))
    return Page(number, tuple(texts), tuple(strokes))


def page_number(number: int) -> TextRun:
    """— 1 — in 14 pt 宋体: odd pages right, even pages left, one character in from the text block."""
    text = f"— {number} —"
    gap = g.PAGE_NO_SIDE_CHARS * g.PAGE_NO_PT
    w = text_width(text, "song", g.PAGE_NO_PT)
    x = g.PAGE_W - g.RIGHT - gap - w if number % 2 else g.LEFT + gap
    return TextRun(x, g.PAGE_H - g.PAGE_NO_BASELINE_FROM_BOTTOM, text, "song", g.PAGE_NO_PT)
