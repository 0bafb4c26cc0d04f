"""GB/T 9704 layout applied to a filled Word document: page, grid, fonts in every run, page numbers."""

from __future__ import annotations

import io

from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Pt, Twips
from docx.text.paragraph import Paragraph

from app.exports.fonts import WORD_PAGE_NUMBER_FONT
from app.exports.letters import gbt9704 as g
from app.exports.letters.blocks import Para, mark_keep_next
from app.exports.letters.roles import ROLES, Role, role_of_style
from app.exports.letters.word_xml import ensure_font_table, set_child, set_run_font

_JC = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER,
       "right": WD_ALIGN_PARAGRAPH.RIGHT, "justify": WD_ALIGN_PARAGRAPH.JUSTIFY}


def apply_layout(doc: DocxDocument) -> None:
    """Set the page, the grid, every paragraph's format and every run's fonts; add page numbers."""
    doc.settings.odd_and_even_pages_header_footer = True
    _defaults(doc)
    for section in doc.sections:
        _page(section)
        _page_numbers(section)
    paras = doc.paragraphs
    roles = [role_of_style(p.style.name if p.style is not None else None) for p in paras]
    marked = mark_keep_next(tuple(Para(r.key, p.text) for r, p in zip(roles, paras)))
    indents = _signature_indents(marked)
    for p, role, info in zip(paras, roles, marked):
        format_paragraph(p, role, right=indents.get(role.key), keep_next=info.keep_next)
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                for p in cell.paragraphs:
                    format_paragraph(p, ROLES["cell"], keep_align=True)
    ensure_font_table(doc, [(r.word_font, r.word_alt_font) for r in ROLES.values()]
                      + [(WORD_PAGE_NUMBER_FONT, "SimSun")])


def to_bytes(doc: DocxDocument) -> bytes:
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def format_paragraph(p: Paragraph, role: Role, right: float | None = None, keep_next: bool = False,
                     keep_align: bool = False) -> None:
    """Direct formatting for one paragraph and its runs, so an office's edits cannot break the layout."""
    ppr = p._p.get_or_add_pPr()
    _format_ppr(p.paragraph_format, ppr, role, right, keep_next, keep_align and p.alignment is not None)
    for run in p.runs:
        set_run_font(run._r, role.word_font, role.size)
    mark = ppr.find(qn("w:rPr"))        # the paragraph mark sets the height of an empty line
    if mark is None:
        mark = set_child(ppr, "w:rPr", {})
    set_run_font(mark, role.word_font, role.size, is_rpr=True)


def format_style(style, role: Role) -> None:
    """The same format on a paragraph style, so paragraphs an office adds in Word look right."""
    _format_ppr(style.paragraph_format, style.element.get_or_add_pPr(), role, None, False, False)
    set_run_font(style.element.get_or_add_rPr(), role.word_font, role.size, is_rpr=True)


def _format_ppr(pf, ppr, role: Role, right: float | None, keep_next: bool, keep_align: bool) -> None:
    pf.space_before, pf.space_after = Pt(0), Pt(0)
    pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    pf.line_spacing = Twips(g.LINE_PITCH_TW)
    pf.widow_control = True
    pf.keep_with_next = keep_next or None
    if not keep_align:
        pf.alignment = _JC[role.align]
    ind = ppr.get_or_add_ind()
    for attr in ("w:firstLineChars", "w:hangingChars", "w:hanging", "w:leftChars", "w:rightChars",
                 "w:startChars", "w:endChars"):
        ind.attrib.pop(qn(attr), None)
    ind.set(qn("w:left"), "0")
    ind.set(qn("w:right"), str(round((right or 0) / g.TWIP)))
    ind.set(qn("w:firstLine"), str(round(role.first_indent_chars * g.CHAR_PITCH / g.TWIP)))
    if role.first_indent_chars:
        ind.set(qn("w:firstLineChars"), str(role.first_indent_chars * 100))
    set_child(ppr, "w:snapToGrid", {"w:val": "0"}, remove=role.on_grid)


def _signature_indents(paras: tuple[Para, ...]) -> dict[str, float]:
    sig = next((p.text for p in paras if p.role == "signature"), "")
    date = next((p.text for p in paras if p.role == "date"), "")
    if not sig and not date:
        return {}
    name_right, date_right = g.signature_indents(sig, date)
    return {"signature": name_right, "date": date_right}


def _defaults(doc: DocxDocument) -> None:
    """Document defaults and Normal: 仿宋 16 pt (the grid's character pitch derives from it)."""
    body = ROLES["body"]
    styles = doc.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is not None:
        rpr = defaults.find(qn("w:rPrDefault") + "/" + qn("w:rPr"))
        if rpr is not None:
            set_run_font(rpr, body.word_font, body.size, is_rpr=True)
    normal = doc.styles["Normal"]
    set_run_font(normal.element.get_or_add_rPr(), body.word_font, body.size, is_rpr=True)
    normal.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    normal.paragraph_format.line_spacing = Twips(g.LINE_PITCH_TW)
    normal.paragraph_format.space_after = Pt(0)


def _page(section: Section) -> None:
    section.page_width, section.page_height = Twips(g.PAGE_W_TW), Twips(g.PAGE_H_TW)
    section.top_margin, section.bottom_margin = Twips(g.TOP_TW), Twips(g.BOTTOM_TW)
    section.left_margin, section.right_margin = Twips(g.LEFT_TW), Twips(g.RIGHT_TW)
    section.header_distance, section.footer_distance = Twips(851), Twips(g.FOOTER_TW)
    section.gutter = Twips(0)
    grid = {"w:type": "linesAndChars", "w:linePitch": str(g.LINE_PITCH_TW),
            "w:charSpace": str(g.DOC_GRID_CHAR_SPACE)}
    set_child(section._sectPr, "w:docGrid", grid)


def _page_numbers(section: Section) -> None:
    """— 1 — in 14 pt 宋体: odd pages right, even pages left, one character in from the edge."""
    section.different_first_page_header_footer = False
    for footer, side in ((section.footer, "right"), (section.even_page_footer, "left")):
        footer.is_linked_to_previous = False
        p = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
        for r in list(p.runs):
            r._r.getparent().remove(r._r)
        for child in list(p._p):
            if child.tag != qn("w:pPr"):
                p._p.remove(child)
        _page_number_runs(p)
        pf = p.paragraph_format
        pf.alignment = _JC[side]
        pf.space_before, pf.space_after = Pt(0), Pt(0)
        pf.line_spacing_rule, pf.line_spacing = WD_LINE_SPACING.SINGLE, None
        gap = Pt(g.PAGE_NO_SIDE_CHARS * g.PAGE_NO_PT)
        pf.right_indent, pf.left_indent = (gap, Pt(0)) if side == "right" else (Pt(0), gap)
        set_child(p._p.get_or_add_pPr(), "w:snapToGrid", {"w:val": "0"})
        for r in p.runs:
            set_run_font(r._r, WORD_PAGE_NUMBER_FONT, g.PAGE_NO_PT)


def _page_number_runs(p: Paragraph) -> None:
    p.add_run("— ")
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        run = p.add_run()
        if kind:
            fld = OxmlElement("w:fldChar")
            fld.set(qn("w:fldCharType"), kind)
            run._r.append(fld)
        elif text == " PAGE ":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        else:
            run.text = text
    p.add_run(" —")
