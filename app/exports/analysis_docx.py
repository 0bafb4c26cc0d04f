"""The analysis as a Word report: title, key figures, charts as images, then every table."""

from __future__ import annotations

import io
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from app.exports.analysis_charts import chart_images
from app.exports.atomic import atomic_path
from app.exports.analysis_tables import Table, all_tables, period_title
from app.exports.fonts import WORD_BODY_FONT, WORD_HEADING_FONT, WORD_TITLE_FONT
from app.workflow.analysis import AnalysisResult


def _run(paragraph, text: str, font: str, size: float, bold: bool = False):
    run = paragraph.add_run(text)
    run.font.name, run.font.size, run.font.bold = font, Pt(size), bold
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia"):
        fonts.set(qn(attr), font)
    return run


def _table(doc, table: Table) -> None:
    _run(doc.add_paragraph(), table.title, WORD_HEADING_FONT, 14)
    grid = doc.add_table(rows=1, cols=len(table.headers))
    grid.style = "Table Grid"
    for cell, text in zip(grid.rows[0].cells, table.headers):
        _run(cell.paragraphs[0], str(text), "宋体", 10, bold=True)
    for row in table.rows or (("（无）",) + ("",) * (len(table.headers) - 1),):
        cells = grid.add_row().cells
        for cell, value in zip(cells, row):
            _run(cell.paragraphs[0], "" if value is None else str(value), "宋体", 10)


def _narrative(result: AnalysisResult) -> list[str]:
    f = result.figures
    lines = [f"期间内共收到政府信息公开申请{f.received}件，办结答复{f.replied}件；按期答复率{f.on_time.percent()}，"
             f"答复用时中位数{_n(f.median_days)}个工作日，第90百分位{_n(f.p90_days)}个工作日。",
             f"补正率{f.corrections.percent()}，征求意见率{f.consultations.percent()}，延期率{f.extensions.percent()}，"
             f"收费率{f.fees.percent()}。期间内被申请行政复议{f.reviews_filed}件、提起行政诉讼{f.lawsuits_filed}件，"
             f"纠错率{f.corrected.percent()}。"]
    if result.subjects:
        top = "；".join(f"{g.label}（{g.count}件，{g.applicants}名申请人）" for g in result.subjects[:5])
        lines.append(f"集中申请事项{len(result.subjects)}项，主要为：{top}。")
    else:
        lines.append("期间内未发现集中申请事项。")
    if result.conversions:
        done = "；".join(f"{c.label}（{c.published_on.year}年{c.published_on.month}月{c.published_on.day}日，"
                        f"{c.where}{'，' + c.doc_number if c.doc_number else ''}）" for c in result.conversions)
        lines.append(f"依申请转为主动公开{len(result.conversions)}项：{done}。")
    return lines


def _n(v) -> str:
    return "—" if v is None else (f"{v:g}" if isinstance(v, float) else str(v))


def write_analysis_docx(result: AnalysisResult, path: str | Path) -> Path:
    doc = Document()
    for section in doc.sections:
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.bottom_margin = Mm(37), Mm(35)
        section.left_margin, section.right_margin = Mm(28), Mm(26)
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(title, period_title(result), WORD_TITLE_FONT, 20)
    for line in _narrative(result):
        p = doc.add_paragraph()
        p.paragraph_format.first_line_indent = Pt(32)
        _run(p, line, WORD_BODY_FONT, 16)
    for caption, png in chart_images(result):
        doc.add_picture(io.BytesIO(png), width=Mm(150))
        cap = doc.add_paragraph()
        cap.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _run(cap, caption, WORD_BODY_FONT, 12)
    for table in all_tables(result):
        _table(doc, table)
    path = Path(path)
    with atomic_path(path) as tmp:
        doc.save(tmp)
    return path
