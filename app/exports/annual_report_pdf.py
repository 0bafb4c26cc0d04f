"""The whole annual report as a PDF (reportlab, CJK TrueType fonts embedded), laid out like the Word file."""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

import reportlab.lib.textsplit as rl_textsplit
import reportlab.platypus.paragraph as rl_paragraph
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from app.exports.annual_report_grid import (
    Grid, number_text, split_blocks, table2_grid, table3_grid, table4_grid,
)
from app.exports.atomic import atomic_path
from app.exports.fonts import pdf_font
from app.exports.report_title import title_lines
from app.workflow.annual_report_data import SECTION_HEADINGS, TEXT_SECTIONS, AnnualReportData, is_part_heading


# Full-width Chinese punctuation that must not open a line; reportlab's list has only the Japanese
# and ASCII ones, so "，" would start a line. Extending it is harmless for every other PDF.
_NO_LINE_START = "，；：？！）》」』〉”’"
LEFT, RIGHT = 28 * mm, 26 * mm
TEXT_WIDTH = A4[0] - LEFT - RIGHT - 12          # the frame's own 6 pt padding each side


def write_annual_report_pdf(data: AnnualReportData, path: str | Path) -> Path:
    path = Path(path)
    _chinese_line_breaking()
    styles = _styles()
    title = styles["title"]
    lines = title_lines(data.agency_name, data.year, TEXT_WIDTH,
                        lambda t: stringWidth(t, title.fontName, title.fontSize))
    story = [Paragraph("<br/>".join(escape(line) for line in lines), title), Spacer(1, 6 * mm)]
    story += [Paragraph(escape(line), styles["body"]) for line in data.preamble]
    texts = {heading: key for key, heading in TEXT_SECTIONS.items()}
    grids = {1: table2_grid(data), 2: table3_grid(data), 3: table4_grid(data)}
    for i, heading in enumerate(SECTION_HEADINGS):
        title = Paragraph(escape(heading), styles["heading"])
        if heading in texts:
            story.append(title)
            story += [Paragraph(escape(line.strip()), styles["part" if is_part_heading(line) else "body"])
                      for line in data.section_text(texts[heading]).splitlines() if line.strip()]
        else:
            story += _kept_tables(title, grids[i], styles)
    with atomic_path(path) as temp:
        doc = SimpleDocTemplate(str(temp), pagesize=A4, topMargin=37 * mm, bottomMargin=35 * mm,
                                leftMargin=LEFT, rightMargin=RIGHT, title=data.title,
                                author=data.agency_name, initialFontName=pdf_font("song").name)
        doc.build(story, onFirstPage=_page_number, onLaterPages=_page_number)
    return path


def _kept_tables(title: Paragraph, grid: Grid, styles: dict[str, ParagraphStyle]) -> list:
    """A table section that never splits inside a table or part: it moves to the next page only when
    the rest of this one cannot hold it (table 二 may break between its 第二十条 items, each whole)."""
    parts = [_table(g, styles) for g in split_blocks(grid)]
    for later in parts[1:]:
        later.spaceBefore = 0
    return [KeepTogether([title, parts[0]]), *(KeepTogether([p]) for p in parts[1:]), Spacer(1, 4 * mm)]


def _chinese_line_breaking() -> None:
    for module in (rl_textsplit, rl_paragraph):       # one-fragment and many-fragment wrapping
        if "，" not in module.ALL_CANNOT_START:
            module.ALL_CANNOT_START += _NO_LINE_START


def _styles() -> dict[str, ParagraphStyle]:
    song, hei, fangsong = pdf_font("song").name, pdf_font("hei").name, pdf_font("fangsong").name
    cjk = {"wordWrap": "CJK"}
    return {
        "title": ParagraphStyle("title", fontName=song, fontSize=22, leading=32, alignment=TA_CENTER, **cjk),
        "heading": ParagraphStyle("heading", fontName=hei, fontSize=16, leading=28.9, firstLineIndent=32,
                                  keepWithNext=1, **cjk),
        "body": ParagraphStyle("body", fontName=fangsong, fontSize=16, leading=28.9, firstLineIndent=32,
                               alignment=TA_JUSTIFY, **cjk),
        "part": ParagraphStyle("part", fontName=fangsong, fontSize=16, leading=28.9, firstLineIndent=32,
                               keepWithNext=1, **cjk),
        "cell": ParagraphStyle("cell", fontName=song, fontSize=9, leading=10.5, alignment=TA_CENTER, **cjk),
        "cell_left": ParagraphStyle("cell_left", fontName=song, fontSize=9, leading=10.5,
                                    alignment=TA_LEFT, **cjk),
    }


def _table(grid: Grid, styles: dict[str, ParagraphStyle]) -> Table:
    rows: list[list[object]] = [[""] * grid.n_cols for _ in range(grid.n_rows)]
    commands: list[tuple] = [
        ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
        ("FONTNAME", (0, 0), (-1, -1), styles["cell"].fontName),   # the blank cells of merged ranges
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 2), ("RIGHTPADDING", (0, 0), (-1, -1), 2),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
    for c in grid.cells:
        text = c.value if isinstance(c.value, str) else number_text(c.value)
        markup = f"<b>{escape(text)}</b>" if c.bold else escape(text)
        rows[c.row][c.col] = Paragraph(markup, styles["cell_left" if c.left else "cell"])
        if c.rows > 1 or c.cols > 1:
            commands.append(("SPAN", (c.col, c.row), (c.col + c.cols - 1, c.row + c.rows - 1)))
    table = Table(rows, colWidths=[w * mm for w in grid.widths_mm], repeatRows=grid.header_rows)
    table.setStyle(TableStyle(commands))
    table.spaceBefore = 2 * mm
    return table


def _page_number(canvas, doc) -> None:
    canvas.saveState()
    canvas.setFont(pdf_font("song").name, 14)
    canvas.drawCentredString(A4[0] / 2, 20 * mm, f"— {doc.page} —")
    canvas.restoreState()
