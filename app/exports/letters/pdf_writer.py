"""Draw laid-out letter pages with reportlab, embedding the CJK TrueType fonts (domain §7)."""

from __future__ import annotations

import io

from reportlab.pdfgen.canvas import Canvas

from app.exports.fonts import pdf_font
from app.exports.letters import gbt9704 as g
from app.exports.letters.pages import Page


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
            c.setFont(pdf_font(t.font).name, t.size)
            c.drawString(t.x, g.PAGE_H - t.baseline, t.text, charSpace=t.char_space)
        c.showPage()
    c.save()
    return buf.getvalue()
