"""提交凭证: the printable PDF an online applicant keeps — the 查询码 and what was submitted (pure)."""

from __future__ import annotations

import io
from datetime import datetime
from typing import Protocol
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from app.exports.fonts import pdf_font


class _Receipt(Protocol):
    """app.services.online.dto.SubmissionReceipt, as far as the PDF reads it (exports import no service)."""

    query_code: str
    agency_name: str
    submitted_at: datetime
    lines: list[tuple[str, str]]
    attachments: list[str]


def _styles() -> dict[str, ParagraphStyle]:
    song, hei = pdf_font("song").name, pdf_font("hei").name
    cjk = {"wordWrap": "CJK"}
    return {"title": ParagraphStyle("t", fontName=song, fontSize=20, leading=30, alignment=TA_CENTER, **cjk),
            "code": ParagraphStyle("c", fontName=hei, fontSize=18, leading=28, alignment=TA_CENTER, **cjk),
            "body": ParagraphStyle("b", fontName=song, fontSize=11, leading=17, **cjk),
            "label": ParagraphStyle("l", fontName=hei, fontSize=11, leading=17, **cjk)}


def submission_receipt_pdf(receipt: _Receipt) -> bytes:
    """The 提交凭证 as PDF bytes: agency, time, 查询码 (grouped), the submitted lines, the attachments."""
    st = _styles()
    p = lambda text, style="body": Paragraph(escape(text).replace("\n", "<br/>"), st[style])  # noqa: E731
    rows = [[p(label, "label"), p(value)] for label, value in receipt.lines]
    rows.append([p("附件", "label"), p("、".join(receipt.attachments) or "无")])
    table = Table(rows, colWidths=[38 * mm, 122 * mm])
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.grey), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    story = [p("政府信息公开申请网上提交凭证", "title"), Spacer(1, 6 * mm),
             p(f"受理单位：{receipt.agency_name}"),
             p(f"提交时间：{receipt.submitted_at:%Y年%m月%d日 %H:%M}"), Spacer(1, 4 * mm),
             p("查询码", "label"), p(receipt.query_code, "code"),
             p("请妥善保存查询码：凭查询码和联系电话（或证件号码）后四位查询办理进度、提交补正、获取文书。"
               "查询码只显示这一次，本机关不保存查询码本身，遗失后无法找回。"), Spacer(1, 4 * mm),
             table, Spacer(1, 4 * mm),
             p("说明：网上提交的申请，以工作人员确认之日为收到申请之日（《中华人民共和国政府信息公开条例》"
               "第三十一条第（三）项），答复期限自该日起计算。")]
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4, leftMargin=25 * mm, rightMargin=25 * mm, topMargin=25 * mm,
                      bottomMargin=25 * mm, title="网上提交凭证").build(story)
    return out.getvalue()
