"""The annual report's title breaks between words (GB/T 9704 §7.3.1), and no page is left mostly
empty before a table that would have fitted after it."""

import re
import shutil
import subprocess

import pytest

from app.exports.annual_report_pdf import TEXT_WIDTH, write_annual_report_pdf
from app.exports.report_title import em_measure, title_lines
from tests.exports.test_annual_report_exports import data  # noqa: F401 - the hand-counted report

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
LINE = 156 / 25.4 * 72          # 156 mm in points: 20 full-width characters at 22 pt


def test_a_long_title_breaks_after_the_agency_not_inside_a_word():
    lines = title_lines("江南市自然资源和规划局", 2025, LINE, em_measure(22))
    assert lines == ["江南市自然资源和规划局", "2025年政府信息公开工作年度报告"]     # not “…公 / 开工作…”


def test_a_short_title_stays_on_one_line():
    # 5 + 2 (four half-width digits) + 13 = 20 full widths = 440 pt of the 442 pt line
    assert title_lines("某市档案局", 2025, LINE, em_measure(22)) == ["某市档案局2025年政府信息公开工作年度报告"]


def test_an_agency_longer_than_a_line_is_split_evenly_and_the_subject_kept_whole():
    agency = "江南市江北区人民政府办公室江北区政务服务和数据管理局"           # 26 characters
    lines = title_lines(agency, 2025, LINE, em_measure(22))
    assert lines[-1] == "2025年政府信息公开工作年度报告"
    assert "".join(lines[:-1]) == agency and [len(x) for x in lines[:-1]] == [13, 13]


@needs_poppler
def test_the_pdf_title_reads_as_two_whole_lines(data, tmp_path):   # noqa: F811
    pdf = write_annual_report_pdf(data, tmp_path / "r.pdf")
    first = subprocess.run(["pdftotext", "-f", "1", "-l", "1", str(pdf), "-"], capture_output=True,
                           text=True).stdout.splitlines()
    assert first[:2] == ["某某市自然资源和规划局", "2025年政府信息公开工作年度报告"]
    assert TEXT_WIDTH == pytest.approx(LINE, abs=13)


def _words(pdf) -> list[list[tuple[str, float]]]:
    """Each page's words with their top (points from the top of the page)."""
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True).stdout
    return [[(w, float(y)) for y, w in re.findall(r'<word xMin="[^"]+" yMin="([^"]+)"[^>]*>([^<]*)</word>', page)]
            for page in html.split("<page ")[1:]]


@needs_poppler
def test_no_page_is_left_mostly_empty_before_table_three(data, tmp_path):   # noqa: F811
    """Section 一 of growing length moves table 二 down the pages; whenever table 二 ends near the top
    of a page (its last row above 160 pt of the 842 pt page, the text area starting at 105 pt), the
    577 pt left below hold table 三 with its heading (about 530 pt), which must start there."""
    from dataclasses import replace

    checked = 0
    for n in range(0, 40):
        text = "\n".join(["本机关按年度计划推进政府信息公开工作，各项工作有序开展。"] * n)
        pdf = write_annual_report_pdf(replace(data, sections={**data.sections, "一": text}), tmp_path / f"{n}.pdf")
        pages = _words(pdf)
        end_two = next((i, y) for i, words in enumerate(pages) for w, y in words if w.startswith("行政事业性收费"))
        start_three = next(i for i, words in enumerate(pages) for w, _y in words if w.startswith("三、收到和处理"))
        if end_two[1] < 160:
            checked += 1
            assert start_three == end_two[0], f"{n} lines: table 二 ends at {end_two[1]:.0f} pt, 三 on the next page"
    assert checked >= 1          # the case the old forced page break got wrong was met


def _page_lines(pdf) -> list[list[str]]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
    return [[re.sub(r"\s+", " ", x).strip() for x in page.splitlines() if x.strip()]
            for page in text.split("\f") if page.strip()]


@needs_poppler
def test_tables_are_cut_only_between_whole_parts(data, tmp_path):   # noqa: F811
    pages = _page_lines(write_annual_report_pdf(data, tmp_path / "r.pdf"))
    three = next(p for p in pages if "三、收到和处理政府信息公开申请情况" in p)
    assert any(x.startswith("四、结转下年度继续办理") for x in three)        # table 三 whole, not split
    # table 二 is cut only between its 第二十条 items: each item's header stands with its rows
    for page in pages:
        items = [i for i, x in enumerate(page) if x.startswith("第二十条第")]
        for i in items:
            assert i + 2 < len(page) and page[i + 1].startswith("信息内容"), page[i:i + 3]
