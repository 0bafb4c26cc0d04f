"""Text that must survive into the PDF: long Latin runs wrap inside the margins, and the Word file and
the PDF carry the same text (emoji, a newline in a name, a symbol the 仿宋 font lacks).

Margins by hand from domain §7: left 28 mm = 79.37 pt, right edge of the text block 210 − 26 = 184 mm
= 521.57 pt, top 37 mm = 104.88 pt, bottom 297 − 35 = 262 mm = 742.68 pt.
"""

import io
import re
import shutil

import pytest
from docx import Document

from app.exports.letters import render_letter
from app.exports.letters.linebreak import NO_START, break_lines
from app.exports.letters.textnorm import letter_text
from tests.exports.test_letter_docx import reply_template, sample_data
from tests.exports.test_letter_pdf import lines_with_boxes, pdftotext

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")

MM = 72 / 25.4
LEFT, RIGHT, TOP, BOTTOM = 28 * MM, 184 * MM, 37 * MM, 262 * MM
URL = "https://zwgk.example.gov.cn/xxgk/ysqgk/2025/attachments/" + "a1b2c3d4e5" * 5 + "/plan.pdf"


def _squash(text: str) -> str:
    """The text without white space and without the page numbers (— 2 — between pages)."""
    return re.sub(r"—\d+—", "", re.sub(r"\s+", "", text))


def _word_text(docx: bytes) -> str:
    return "".join(p.text for p in Document(io.BytesIO(docx)).paragraphs)


def _within_margins(pdf: bytes) -> list:
    """Every line inside the text block; only a closing mark may hang one character past the right
    margin (避头尾, as Word does), and that still lies well inside the 210 mm page."""
    lines = lines_with_boxes(pdf)
    for _, x0, y0, x1, y1, text in lines:
        if re.fullmatch(r"—\s*\d+\s*—", text):
            continue
        right = RIGHT + 16.5 if text[-1] in NO_START else RIGHT
        assert x0 >= LEFT - 0.5 and x1 <= right + 0.5, (x0, x1, text)
        assert y0 >= TOP - 0.5 and y1 <= BOTTOM + 0.5, (y0, y1, text)
        assert x1 < 210 * MM
    return lines


def test_a_115_character_url_wraps_inside_the_margins_and_is_all_there():
    assert len(URL) == 115
    out = render_letter(sample_data(reasons_sentence=f"相关图件已公布于{URL}，请查阅。"), reply_template())
    lines = _within_margins(out.pdf)
    assert URL in _squash(pdftotext(out.pdf))
    assert URL in _word_text(out.docx)
    assert sum(1 for ln in lines if "a1b2c3d4e5" in ln[5]) >= 2        # it really was broken across lines


def test_a_3000_letter_word_wraps_inside_the_margins():
    word = "x" * 3000
    out = render_letter(sample_data(reasons_sentence=f"附件编码为{word}。"), reply_template())
    _within_margins(out.pdf)
    assert word in _squash(pdftotext(out.pdf))
    assert len(out.pages) >= 2


def test_a_long_run_is_broken_where_it_lands_not_only_at_a_line_start():
    em = lambda s: sum(1.0 if ord(c) > 255 else 0.5 for c in s)     # noqa: E731
    # 3 ideographs use 3 of 5 em; the 20-letter run fills the remaining 2 em (4 letters) first.
    assert break_lines("一二三" + "a" * 20, 5, 5, em) == ["一二三aaaa", "a" * 10, "a" * 6]
    # only one closing mark may hang past the margin
    assert break_lines("一二三四五......", 5, 5, em) == ["一二三四五.", "....."]


def test_word_and_pdf_carry_the_same_text_with_emoji_newlines_and_symbols():
    out = render_letter(sample_data(addressee="张三\n李四😀", applicant_name="张三\n李四😀",
                                    reasons_sentence="联系电话☎ 12345，已核实✓。👍🏽"), reply_template())
    word = _word_text(out.docx)
    assert "张三 李四：" in word and "☎" in word and "✓" in word and "😀" not in word
    pdf = pdftotext(out.pdf).replace("— 1 —", "")
    assert _squash(pdf) == _squash(word)


def test_normalisation_rules():
    assert letter_text("张三\r\n 李四") == "张三 李四"
    assert letter_text("好👍🏽的\u200d") == "好的"
    assert letter_text("e\u0301") == "é"
