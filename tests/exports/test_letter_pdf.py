"""PDF output read back with poppler: same text as the Word file, every font embedded, GB/T 9704 geometry.

Positions expected from domain §7 by hand: left margin 28 mm = 79.37 pt, right margin 26 mm, top 37 mm =
104.9 pt; 28 characters in 156 mm → 15.79 pt per character, so a 2-character indent is 31.6 pt; lines
28.95 pt apart (225 mm / 22); the page number's 一字线 7 mm below the text block.
"""

import io
import re
import shutil
import subprocess

import pytest
from docx import Document

from app.exports.letters import LetterKind, render_letter
from app.exports.letters.blocks import Para, mark_keep_next
from app.exports.letters.pages import layout_pages
from app.exports.letters.templates import template_for
from tests.exports.test_letter_docx import REMEDY_FIRST, reply_template, sample_data

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")

MM = 72 / 25.4
CHAR = 156 * MM / 28


def pdftotext(pdf: bytes, *opts: str) -> str:
    return subprocess.run(["pdftotext", *opts, "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()


def lines_with_boxes(pdf: bytes) -> list[tuple[int, float, float, float, float, str]]:
    """(page, xMin, yMin, xMax, yMax, text) of every line, from pdftotext -bbox-layout."""
    xml = pdftotext(pdf, "-bbox-layout")
    out = []
    for n, page in enumerate(xml.split("<page ")[1:], start=1):
        for m in re.finditer(r'<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</line>',
                             page, re.S):
            words = "".join(re.findall(r">([^<]*)</word>", m.group(5)))
            out.append((n, *map(float, m.groups()[:4]), words))
    return out


@pytest.fixture(scope="module")
def letter():
    return render_letter(sample_data(), reply_template())


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_pdf_says_exactly_what_the_word_file_says(letter):
    word = "".join(p.text for p in Document(io.BytesIO(letter.docx)).paragraphs)
    pdf = _squash(pdftotext(letter.pdf)).replace("—1—", "")
    assert pdf == _squash(word)
    assert "第十四条、第三十六条第（三）项" in pdf
    assert _squash(REMEDY_FIRST) in pdf


def test_every_font_is_embedded(letter):
    rows = subprocess.run(["pdffonts", "-"], input=letter.pdf, capture_output=True, check=True).stdout.decode()
    fonts = rows.strip().splitlines()[2:]
    assert fonts, rows
    for row in fonts:
        emb = row.split()[-5]
        assert emb == "yes", row


def test_page_is_a4(letter):
    info = subprocess.run(["pdfinfo", "-"], input=letter.pdf, capture_output=True, check=True).stdout.decode()
    assert re.search(r"Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)", info)


def test_layout_on_the_page(letter):
    lines = lines_with_boxes(letter.pdf)
    by_text = {}
    for _, x0, y0, x1, y1, t in lines:
        by_text.setdefault(t, (x0, y0, x1, y1))         # first occurrence: the title, not the 署名
    # title: centred on the text block (28 mm + 156 mm / 2), below the 37 mm top margin
    x0, y0, x1, _ = by_text["某某市自然资源和规划局"]
    assert (x0 + x1) / 2 == pytest.approx(28 * MM + 78 * MM, abs=1)
    assert y0 >= 37 * MM
    assert (x1 - x0) == pytest.approx(11 * 22, abs=0.5)             # 11 characters of 22 pt
    # salutation flush left; first body line indented two characters
    assert by_text["李四："][0] == pytest.approx(28 * MM, abs=0.5)
    first_body = next(v for t, v in by_text.items() if t.startswith("本机关于2025年1月20日"))
    assert first_body[0] == pytest.approx(28 * MM + 2 * CHAR, abs=0.5)
    # body lines on a 28.95 pt pitch; a full line ends at the right margin (26 mm)
    body = [ln for ln in lines if ln[0] == 1 and ln[1] < 115]          # salutation and body lines
    tops = [ln[2] for ln in body]
    assert len(tops) >= 10
    assert all(b - a == pytest.approx(225 * MM / 22, abs=0.05) for a, b in zip(tops, tops[1:]))
    # (a closing mark may hang past it, 避头尾)
    assert max(ln[3] for ln in body if ln[5][-1] not in "。，；：、）”") == pytest.approx(210 * MM - 26 * MM, abs=0.5)
    # page number: 14 pt, right, one character in; its dash 7 mm below the text block
    n, x0, y0, x1, y1, _ = next(ln for ln in lines if ln[5] == "—1—" or ln[5] == "— 1 —")
    assert x1 == pytest.approx(210 * MM - 26 * MM - 14, abs=0.5)
    assert (y0 + y1) / 2 == pytest.approx(297 * MM - 28 * MM, abs=2.5)


def test_no_more_than_22_lines_a_page(letter):
    lines = lines_with_boxes(letter.pdf)
    for page in {ln[0] for ln in lines}:
        text_lines = [ln for ln in lines if ln[0] == page and "—" not in ln[5]]
        assert len(text_lines) <= 22


def test_long_letter_numbers_pages_odd_right_even_left():
    long = "该附图已依法定为秘密级。" * 40
    out = render_letter(sample_data(reasons_sentence=long), reply_template())
    lines = lines_with_boxes(out.pdf)
    numbers = {ln[5].replace(" ", ""): ln for ln in lines if re.fullmatch(r"—\s*\d+\s*—", ln[5])}
    assert set(numbers) == {"—1—", "—2—"}
    assert numbers["—2—"][1] == pytest.approx(28 * MM + 14, abs=0.5)     # even page: left, one character in


def _texts(page):
    return [t.text for t in page.texts]


def test_signature_never_stands_alone_on_a_page():
    # 1 title line + 18 one-line paragraphs = 19 lines; the 19th paragraph, 2 blank lines, 署名 and date
    # (5 lines) do not fit the 3 lines left, so they move together to page 2.
    blocks = ([Para("title", "标题")] + [Para("body", f"第{i}段") for i in range(1, 19)]
              + [Para("body", "末段"), Para("body", ""), Para("body", ""),
                 Para("signature", "某某市自然资源和规划局"), Para("date", "2025年3月28日")])
    pages = layout_pages(mark_keep_next(tuple(blocks)))
    assert len(pages) == 2
    assert _texts(pages[1])[:3] == ["末段", "某某市自然资源和规划局", "2025年3月28日"]
    assert _texts(pages[0])[-2] == "第18段"          # last before the page number


def test_a_paragraph_never_leaves_one_line_behind():
    # 21 one-line paragraphs fill 21 of 22 lines; a 3-line paragraph would leave 1 orphan line → moves whole
    blocks = [Para("body", f"第{i}段") for i in range(1, 22)] + [Para("body", "字" * 80)]
    pages = layout_pages(tuple(blocks))
    assert len(pages) == 2 and _texts(pages[1])[0].startswith("字")


def test_service_receipt_draws_its_table():
    out = render_letter(sample_data(kind=LetterKind.SERVICE.value, served_document="政府信息公开申请答复书"),
                        template_for(LetterKind.SERVICE))
    text = pdftotext(out.pdf)
    for label in ("送达文书", "受送达人", "送达地址", "送达方式", "送达人", "备注"):
        assert label in text
    assert len(out.pages[0].strokes) >= 4 * 10      # a rectangle per cell edge for ten rows
