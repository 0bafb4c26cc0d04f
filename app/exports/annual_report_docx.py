"""The whole annual report as a Word document: title, six sections, tables 二/三/四 (GB/T 9704 page)."""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from app.exports.annual_report_grid import Grid, number_text, table2_grid, table3_grid, table4_grid
from app.exports.atomic import atomic_path
from app.exports.fonts import (
    WORD_BODY_FONT, WORD_HEADING_FONT, WORD_PAGE_NUMBER_FONT, WORD_TITLE_FONT,
)
from app.exports.report_title import em_measure, title_lines
from app.workflow.annual_report_data import SECTION_HEADINGS, TEXT_SECTIONS, AnnualReportData, is_part_heading

WORD_PART_FONT = "楷体_GB2312"          # GB/T 9704 level-2 headings （一）…

TEXT_WIDTH_PT = 156 / 25.4 * 72          # GB/T 9704 版心 156 mm
_TABLE_FONT = "宋体"
_TABLE_PT = 9


def write_annual_report_docx(data: AnnualReportData, path: str | Path) -> Path:
    doc = Document()
    _page(doc)
    _title(doc, title_lines(data.agency_name, data.year, TEXT_WIDTH_PT, em_measure(22)))
    _paragraph(doc, "", WORD_BODY_FONT, 16)
    for line in data.preamble:
        _paragraph(doc, line, WORD_BODY_FONT, 16, indent=True)
    texts = {heading: key for key, heading in TEXT_SECTIONS.items()}
    grids = {1: table2_grid(data), 2: table3_grid(data), 3: table4_grid(data)}
    for i, heading in enumerate(SECTION_HEADINGS):
        title = _paragraph(doc, heading, WORD_HEADING_FONT, 16, indent=True)
        if heading in texts:
            for line in data.section_text(texts[heading]).splitlines() or [""]:
                if line.strip():
                    font = WORD_PART_FONT if is_part_heading(line) else WORD_BODY_FONT
                    _paragraph(doc, line.strip(), font, 16, indent=True)
        else:
            title.paragraph_format.keep_with_next = True
            _table(doc, grids[i])
    path = Path(path)
    with atomic_path(path) as temp:
        doc.save(temp)
    return path


def _fonts(run, name: str, size: float, bold: bool = False) -> None:
    run.font.name, run.font.size, run.font.bold = name, Pt(size), bold
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia"):
        fonts.set(qn(attr), name)


def _page(doc) -> None:
    """A4 with the GB/T 9704 margins, body 仿宋 16 pt, page numbers “— 1 —” in the footer."""
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = WORD_BODY_FONT, Pt(16)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), WORD_BODY_FONT)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _fonts(footer.add_run("— "), WORD_PAGE_NUMBER_FONT, 14)
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = footer.add_run("1")
    _fonts(run, WORD_PAGE_NUMBER_FONT, 14)
    field.append(run._element)
    footer._p.append(field)
    _fonts(footer.add_run(" —"), WORD_PAGE_NUMBER_FONT, 14)


def _title(doc, lines: list[str]) -> None:
    """The title centred, its lines parted by line breaks where title_lines broke it."""
    p = _paragraph(doc, lines[0], WORD_TITLE_FONT, 22, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False)
    for line in lines[1:]:
        run = p.add_run()
        run.add_break()
        run.add_text(line)
        _fonts(run, WORD_TITLE_FONT, 22)


def _paragraph(doc, text: str, font: str, size: float, *, align=WD_ALIGN_PARAGRAPH.JUSTIFY,
               indent: bool = True):
    p = doc.add_paragraph()
    p.alignment = align
    fmt = p.paragraph_format
    fmt.line_spacing_rule, fmt.line_spacing = WD_LINE_SPACING.EXACTLY, Pt(28.9 if size <= 16 else 36)
    fmt.space_before = fmt.space_after = Pt(0)
    if indent:
        fmt.first_line_indent = Pt(size * 2)
    _fonts(p.add_run(text), font, size)
    return p


def _table(doc, grid: Grid) -> None:
    table = doc.add_table(rows=grid.n_rows, cols=grid.n_cols)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    # table.cell() walks the whole grid on every call; take the cells once, before any merge
    # (a merge keeps the top-left cell of its range, which is the one written to).
    cells = table._cells
    for i, cell in enumerate(cells):
        cell.width = Mm(grid.widths_mm[i % grid.n_cols])
    for r in range(grid.header_rows):
        _repeat_header(table.rows[r])
    for g in grid.cells:
        cell = cells[g.row * grid.n_cols + g.col]
        if g.rows > 1 or g.cols > 1:
            cell = cell.merge(cells[(g.row + g.rows - 1) * grid.n_cols + g.col + g.cols - 1])
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        p = cell.paragraphs[0]
        p.alignment = WD_ALIGN_PARAGRAPH.LEFT if g.left else WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.space_before = p.paragraph_format.space_after = Pt(1)
        text = g.value if isinstance(g.value, str) else number_text(g.value)
        _fonts(p.add_run(text), _TABLE_FONT, _TABLE_PT, bold=g.bold)
    _keep_together(table, grid)


def _keep_together(table, grid: Grid) -> None:
    """Word moves a table (table 二: each 第二十条 item) to the next page only when the rest of this
    page cannot hold it, instead of a forced page break that left pages two-thirds empty."""
    ends = {start - 1 for start in grid.blocks if start} | {grid.n_rows - 1}
    for r, row in enumerate(table.rows):
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
        if r not in ends:
            for cell in row.cells:
                for p in cell.paragraphs:
                    p.paragraph_format.keep_with_next = True


def _repeat_header(row) -> None:
    props = row._tr.get_or_add_trPr()
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    props.append(flag)
