"""Word output read back with python-docx: text, GB/T 9704 page and grid, fonts in every run, page numbers.

Expected geometry from domain §7 (GB/T 9704-2012): A4; margins 37/35/28/26 mm; 仿宋 16 pt body at a
fixed pitch of about 28.9 pt; 22 pt title centred; 2-character first-line indent; "— 1 —" in 14 pt.
"""

import io
import shutil

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn

from app.exports.letters import LetterData, LetterKind, TemplateProblem, render_letter
from app.exports.letters.kinds import REPLY_VARIANTS
from app.exports.letters.legal import remedy_clause, ruling_for
from app.exports.letters.render import render_docx
from app.exports.letters.templates import template_for

REMEDY_FIRST = ("如对本答复不服，应当先自收到本答复之日起六十日内向某某市人民政府申请行政复议；"
                "对行政复议决定不服的，可以自收到行政复议决定书之日起十五日内依法向人民法院提起行政诉讼。")


def sample_data(**overrides) -> LetterData:
    """A 不予公开 reply for a state secret, worded as domain §7 describes."""
    r = ruling_for("三.1", "不予公开")
    values = dict(
        kind=LetterKind.REPLY.value, variant=r.variant, title=LetterKind.REPLY.value,
        agency_name="某某市自然资源和规划局", agency_short="某自然资规", doc_number="某自然资规依复〔2025〕3号",
        issue_date="2025年3月28日", addressee="李四", applicant_name="李四",
        request_number="某自然资规依申〔2025〕1号", receipt_date="2025年1月20日",
        request_content="某小区规划许可证及附图", ground=r.ground, reasons_sentence="该附图已依法定为秘密级。",
        legal_basis=r.citation, conclusion=r.conclusion,
        remedy=remedy_clause(r.review_first, "某某市人民政府", "某某区人民法院"))
    values.update(overrides)
    return LetterData(**values)


def reply_template():
    return template_for(LetterKind.REPLY, "不予公开")


@pytest.fixture(scope="module")
def doc():
    return Document(io.BytesIO(render_docx(sample_data(), reply_template())))


def _mm(length) -> float:
    return length.mm


def test_text_of_the_reply(doc):
    texts = [p.text for p in doc.paragraphs]
    assert texts[:5] == ["某某市自然资源和规划局", "政府信息公开申请答复书", "某自然资规依复〔2025〕3号", "", "李四："]
    body = "".join(texts)
    assert ("本机关于2025年1月20日收到您提出的政府信息公开申请（申请编号：某自然资规依申〔2025〕1号），"
            "您申请获取“某小区规划许可证及附图”的政府信息。") in body
    assert ("经审查，您申请获取的信息属于依法确定为国家秘密的政府信息。该附图已依法定为秘密级。"
            "根据《中华人民共和国政府信息公开条例》第十四条、第三十六条第（三）项的规定，本机关决定不予公开。") in body
    assert REMEDY_FIRST in texts
    assert texts[-2:] == ["某某市自然资源和规划局", "2025年3月28日"]
    assert "{{" not in body and "}}" not in body


def test_page_is_a4_with_gbt9704_margins(doc):
    s = doc.sections[0]
    assert (_mm(s.page_width), _mm(s.page_height)) == pytest.approx((210, 297), abs=0.05)
    assert _mm(s.top_margin) == pytest.approx(37, abs=0.05)
    assert _mm(s.bottom_margin) == pytest.approx(35, abs=0.05)
    assert _mm(s.left_margin) == pytest.approx(28, abs=0.05)
    assert _mm(s.right_margin) == pytest.approx(26, abs=0.05)


def test_grid_of_22_lines_and_28_characters(doc):
    grid = doc.sections[0]._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "linesAndChars"
    # 225 mm text height / 22 lines ≈ 28.9 pt
    assert int(grid.get(qn("w:linePitch"))) / 20 == pytest.approx(28.9, abs=0.1)
    # 156 mm text width / 28 characters = 15.79 pt, i.e. 16 pt glyphs 0.21 pt closer (4096ths of a point)
    assert int(grid.get(qn("w:charSpace"))) / 4096 == pytest.approx(156 / 25.4 * 72 / 28 - 16, abs=0.01)


def _fonts(run):
    f = run._r.rPr.rFonts
    return f.get(qn("w:ascii")), f.get(qn("w:eastAsia")), f.get(qn("w:hAnsi"))


def test_every_run_names_its_font_for_latin_and_east_asian_text(doc):
    title, body = doc.paragraphs[0], doc.paragraphs[5]
    for run in title.runs:
        assert _fonts(run) == ("方正小标宋简体",) * 3
        assert run.font.size.pt == 22
    for p in doc.paragraphs[2:]:
        for run in p.runs:
            assert _fonts(run) == ("仿宋_GB2312",) * 3
            assert run.font.size.pt == 16
    assert body.runs


def test_paragraph_format(doc):
    title, docno, _, salutation, body = doc.paragraphs[1:6]
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert docno.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert salutation.paragraph_format.first_line_indent in (None, 0)
    pf = body.paragraph_format
    assert body.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert pf.line_spacing_rule == WD_LINE_SPACING.EXACTLY
    assert pf.line_spacing.pt == pytest.approx(28.9, abs=0.1)
    assert body._p.pPr.ind.get(qn("w:firstLineChars")) == "200"         # two characters
    date = doc.paragraphs[-1]
    assert date.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    # 成文日期右空四字: four 15.79 pt grid characters
    assert date.paragraph_format.right_indent.pt == pytest.approx(4 * 156 / 25.4 * 72 / 28, abs=0.1)


def test_page_numbers_odd_right_even_left(doc):
    s = doc.sections[0]
    assert doc.settings.odd_and_even_pages_header_footer
    odd, even = s.footer.paragraphs[0], s.even_page_footer.paragraphs[0]
    assert odd.text == "— 1 —" and odd.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert even.alignment == WD_ALIGN_PARAGRAPH.LEFT
    assert "PAGE" in odd._p.xml
    assert all(r.font.size.pt == 14 and _fonts(r)[1] == "宋体" for r in odd.runs if r.text)


def test_font_table_tells_word_the_fallbacks(doc):
    xml = doc.part.part_related_by(
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable").blob.decode()
    assert 'w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>' in xml
    assert 'w:name="方正小标宋简体"><w:altName w:val="宋体"/>' in xml


@pytest.mark.parametrize("variant", REPLY_VARIANTS)
def test_every_reply_variant_template_fills(variant):
    out = render_letter(sample_data(variant=variant), template_for(LetterKind.REPLY, variant))
    text = "".join(p.text for p in Document(io.BytesIO(out.docx)).paragraphs)
    assert "{{" not in text and "第十四条、第三十六条第（三）项" in text and REMEDY_FIRST in text


@pytest.mark.parametrize("kind", [k for k in LetterKind if k is not LetterKind.REPLY])
def test_every_notice_template_fills(kind):
    data = sample_data(kind=kind.value, title=kind.value, correction_content="请写明年份。",
                       correction_period="15", fee_method="按量计收", fee_quantity="250页", fee_amount="4700",
                       fee_amount_upper="肆仟柒佰元整",
                       served_document="政府信息公开申请答复书（某自然资规依复〔2025〕3号）")
    doc = Document(io.BytesIO(render_docx(data, template_for(kind))))
    text = "".join(p.text for p in doc.paragraphs) + "".join(
        c.text for t in doc.tables for row in t.rows for c in row.cells)
    assert "{{" not in text and "某某市自然资源和规划局" in text and kind.value in text


def test_office_template_overrides_the_default(tmp_path):
    custom = tmp_path / "答复书-不予公开.docx"
    shutil.copy(reply_template(), custom)
    d = Document(custom)
    d.paragraphs[-3].text = "联系人：王某，联系电话：0000-12345678。"      # a blank line before the 署名
    d.save(custom)
    assert template_for(LetterKind.REPLY, "不予公开", tmp_path) == custom
    assert template_for(LetterKind.REPLY, "予以公开", tmp_path) == template_for(LetterKind.REPLY, "予以公开")
    out = render_letter(sample_data(), custom)
    assert "联系人：王某，联系电话：0000-12345678。" in [p.text for p in Document(io.BytesIO(out.docx)).paragraphs]


def test_unknown_placeholder_is_named(tmp_path):
    custom = tmp_path / "答复书-不予公开.docx"
    d = Document(reply_template())
    d.paragraphs[-3].text = "{{ contact_phone }}"
    d.save(custom)
    with pytest.raises(TemplateProblem, match="contact_phone"):
        render_docx(sample_data(), custom)


def test_special_characters_are_written_literally():
    out = render_docx(sample_data(applicant_name="A&B<公司>", addressee="A&B<公司>"), reply_template())
    assert Document(io.BytesIO(out)).paragraphs[4].text == "A&B<公司>："


def test_properties_are_in_schema_order(doc):
    """Word rejects a file whose pPr/rPr/sectPr children are out of the order ECMA-376 prescribes."""
    from app.exports.letters.word_xml import _SEQ

    parts = [doc.element, doc.styles.element] + [s.footer._element for s in doc.sections] + \
        [s.even_page_footer._element for s in doc.sections]
    checked = 0
    for root in parts:
        for tag, order in _SEQ.items():
            rank = {qn(t): i for i, t in enumerate(order)}
            for el in root.iter(qn(tag)):
                seen = [rank[c.tag] for c in el if c.tag in rank]
                assert seen == sorted(seen), f"{tag}: {[c.tag.split('}')[1] for c in el]}"
                assert len(seen) == len([c for c in el if isinstance(c.tag, str)]), "unknown child"
                checked += 1
    assert checked > 50
