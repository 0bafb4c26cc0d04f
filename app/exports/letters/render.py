"""One call from letter data to Word bytes, PDF bytes and the laid-out pages (for preview and print)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from app.exports.letters.blocks import TemplateProblem, fill_template, read_blocks
from app.exports.letters.data import LetterData
from app.exports.letters.docx_layout import apply_layout, to_bytes
from app.exports.letters.pages import Page, layout_pages
from app.exports.letters.pdf_writer import write_pdf

__all__ = ["RenderedLetter", "TemplateProblem", "render_letter", "render_docx", "render_pages", "render_pdf"]


@dataclass(frozen=True)
class RenderedLetter:
    docx: bytes
    pdf: bytes
    pages: tuple[Page, ...]


def _pdf_title(data: LetterData) -> str:
    return " ".join(t for t in (data.title or data.kind, data.doc_number) if t)


def render_letter(data: LetterData, template: Path) -> RenderedLetter:
    """Fill the template once; the Word file and the PDF are both made from that same text."""
    doc = fill_template(template, data)
    pages = layout_pages(read_blocks(doc))
    apply_layout(doc)
    return RenderedLetter(to_bytes(doc), write_pdf(pages, _pdf_title(data), data.agency_name), pages)


def render_docx(data: LetterData, template: Path) -> bytes:
    doc = fill_template(template, data)
    apply_layout(doc)
    return to_bytes(doc)


def render_pages(data: LetterData, template: Path) -> tuple[Page, ...]:
    """Only the laid-out pages (a preview of what issuing would produce)."""
    return layout_pages(read_blocks(fill_template(template, data)))


def render_pdf(data: LetterData, template: Path) -> bytes:
    pages = layout_pages(read_blocks(fill_template(template, data)))
    return write_pdf(pages, _pdf_title(data), data.agency_name)
