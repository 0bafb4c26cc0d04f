"""催办通知 and 会商纪要: office documents from Word templates through the letters' pipeline (docx + PDF)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path

from app.exports.letters.blocks import fill_template, read_blocks
from app.exports.letters.docx_layout import apply_layout, to_bytes
from app.exports.letters.pages import Page, layout_pages
from app.exports.letters.pdf_writer import write_pdf
from app.resources import resource_path

URGE_TEMPLATE = "催办通知.docx"
MINUTES_TEMPLATE = "会商纪要.docx"


@dataclass(frozen=True)
class UrgeNoticeData:
    """What a 催办通知 says, already worded (placeholders of 催办通知.docx)."""

    agency_name: str
    doc_number: str
    issue_date: str
    addressee: str            # the department
    request_number: str
    applicant_name: str
    receipt_date: str
    request_content: str
    task_kind: str            # 主办 / 协办
    assigned_date: str
    brief: str
    due_date: str
    status_sentence: str      # where the task stands today
    reply_due: str
    answer_by: str
    escalation: str           # empty, or the sentence that reports a second 催办 to the chief
    sender: str

    def context(self) -> dict[str, str]:
        return asdict(self)


@dataclass(frozen=True)
class MinutesCase:
    request_number: str
    applicant_name: str
    request_content: str
    conclusion: str


@dataclass(frozen=True)
class MinutesData:
    """What a 会商纪要 says (placeholders of 会商纪要.docx; ``cases`` is looped in the template)."""

    agency_name: str
    doc_number: str
    issue_date: str
    held_on: str
    form: str
    topic: str
    participants: str
    departments: str
    cases: tuple[MinutesCase, ...] = field(default=())
    notes: str = ""

    def context(self) -> dict:
        data = asdict(self)
        data["cases"] = [asdict(c) for c in self.cases]
        return data


@dataclass(frozen=True)
class RenderedDocument:
    docx: bytes
    pdf: bytes
    pages: tuple[Page, ...]


def render_document(data, template: str | Path, title: str) -> RenderedDocument:
    """Fill the template once; Word and PDF come from the same text, laid out as GB/T 9704 letters."""
    path = template if isinstance(template, Path) else resource_path("templates", template)
    doc = fill_template(path, data)
    pages = layout_pages(read_blocks(doc))
    apply_layout(doc)
    return RenderedDocument(to_bytes(doc), write_pdf(pages, title, getattr(data, "agency_name", "")), pages)
