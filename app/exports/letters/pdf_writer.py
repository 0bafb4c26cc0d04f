"""Draw laid-out letter pages with reportlab, embedding the CJK TrueType fonts (domain §7)."""

from __future__ import annotations

import io

from reportlab.pdfgen.canvas import Canvas

from reportlab.pdfbase.pdfmetrics import stringWidth

from app.exports.fonts import font_segments, pdf_font
from app.exports.letters import gbt9704 as g
from app.exports.letters.pages import Page, TextRun


def write_pdf(pages: tuple[Page, ...], title: str = "", author: str = "") -> bytes:
    buf = io.BytesIO()
    # The initial font would otherwise be Helvetica, referenced but never embedded.
    c = Canvas(buf, pagesize=(g.PAGE_W, g.PAGE_H), pageCompression=1,
               initialFontName=pdf_font("fangsong").name, initialFontSize=g.BODY_PT)
    c.setTitle(title)
    c.setAuthor(author)
    c.setCreator("依申请公开办理系统")
    for page in pages:
        c.setStrokeColorRGB(0, 0, 0)
        for s in page.strokes:
            c.setLineWidth(s.width)
            c.line(s.x1, g.PAGE_H - s.y1, s.x2, g.PAGE_H - s.y2)
        for t in page.texts:
            _draw(c, t)
        c.showPage()
    c.save()
    return buf.getvalue()


def _draw(c: Canvas, t: TextRun) -> None:
    """One line, each run in a font that has its glyphs (the layout measured it the same way)."""
    x = t.x
    for name, part in font_segments(t.text, t.font):
        c.setFont(name, t.size)
        c.drawString(x, g.PAGE_H - t.baseline, part, charSpace=t.char_space)
        x += stringWidth(part, name, t.size) + len(part) * t.char_space
