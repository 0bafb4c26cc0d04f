"""The annual report written as xlsx, docx and PDF, then read back: labels, merged headers, figures, fonts."""

import re
import shutil
import subprocess

import openpyxl
import pytest
from docx import Document

from app.exports.annual_report_docx import write_annual_report_docx
from app.exports.annual_report_pdf import write_annual_report_pdf
from app.exports.annual_report_xlsx import write_annual_report_xlsx
from app.workflow.annual_counts import (
    APPLICANT_COLUMNS, TOP_LEFT, count_table3, count_table4,
)
from app.workflow.annual_report_data import SECTION_HEADINGS, AnnualReportData, FeeFigures
from tests.workflow.test_annual_counts import REVIEWS, facts

assert APPLICANT_COLUMNS[1:] == ("商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")

# Figures of the hand-counted ledger (tests/workflow/test_annual_counts.py), columns 自然人 … 其他, 总计.
NEW = [5, 4, 4, 4, 3, 4, 24]
CARRIED = [2, 1, 0, 0, 1, 0, 4]
TOTAL = [5, 5, 4, 3, 3, 3, 23]
NEXT = [2, 0, 0, 1, 1, 1, 5]
STATE_SECRET = [0, 1, 1, 0, 0, 0, 2]          # 三.1: C2 (商业企业) and N3 (科研机构)
FEE_UNPAID = [0, 1, 0, 0, 0, 0, 1]            # 六.2: N20 (商业企业)
TABLE4 = [1, 0, 0, 2, 3, 0, 0, 1, 0, 1, 0, 1, 0, 0, 1]


@pytest.fixture(scope="module")
def data() -> AnnualReportData:
    table3, _ = count_table3(facts(), 2025)
    return AnnualReportData(
        2025, "某某市自然资源和规划局",
        {"rules_issued": 3, "rules_repealed": 1, "rules_current": 12, "norms_issued": 5, "norms_repealed": 0,
         "norms_current": 41, "licences": 1260, "penalties": 37, "coercions": 0, "charges_10k_yuan": 12.35},
        table3, count_table4(REVIEWS, 2025), FeeFigures(3, 5100.0, 300.0),
        {"一": "", "五": "答复文书格式不统一，已制定范本。", "六": "无其他需要报告的事项。"})


# -- xlsx ---------------------------------------------------------------------------------------
def test_xlsx_table3_official_layout(data, tmp_path):
    wb = openpyxl.load_workbook(write_annual_report_xlsx(data, tmp_path / "r.xlsx"))
    assert wb.sheetnames == ["表二 主动公开", "表三 依申请公开", "表四 复议诉讼"]
    ws = wb["表三 依申请公开"]
    merged = {str(r) for r in ws.merged_cells.ranges}
    # header: top-left over three columns and three rows; 申请人情况 over the seven figure columns
    assert {"A2:C4", "D2:J2", "D3:D4", "E3:I3", "J3:J4", "A7:A28", "B9:B16", "B17:B19", "B20:B24",
            "B25:B27", "A5:C5", "A29:C29", "B7:C7", "B28:C28"} <= merged
    assert ws["A2"].value == TOP_LEFT
    assert [ws.cell(3, c).value for c in (4, 5, 10)] == ["自然人", "法人或其他组织", "总计"]
    assert [ws.cell(4, c).value for c in range(5, 10)] == list(APPLICANT_COLUMNS[1:])
    labels = {r: (ws.cell(r, 1).value, ws.cell(r, 2).value, ws.cell(r, 3).value) for r in range(5, 30)}
    assert labels[5][0] == "一、本年新收政府信息公开申请数量"
    assert labels[7] == ("三、本年度办理结果", "（一）予以公开", None)
    assert labels[9] == (None, "（三）不予公开", "1.属于国家秘密")
    assert labels[26][2] == "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"
    assert labels[28][1] == "（七）总计" and labels[29][0] == "四、结转下年度继续办理"

    def figures(r):
        return [ws.cell(r, c).value for c in range(4, 11)]

    assert (figures(5), figures(6), figures(9), figures(26), figures(28), figures(29)) == \
        (NEW, CARRIED, STATE_SECRET, FEE_UNPAID, TOTAL, NEXT)
    assert ws["F6"].value == 0 and ws["F6"].number_format == "0"          # zeros print as 0
    assert ws["B10"].border.left.style == "thin" and ws["C4"].border.bottom.style == "thin"
    assert int(ws.page_setup.paperSize) == 9 and ws.sheet_properties.pageSetUpPr.fitToPage      # A4
    assert ws.page_setup.fitToWidth == 1 and ws.print_title_rows == "$1:$4"


def test_xlsx_tables_2_and_4(data, tmp_path):
    wb = openpyxl.load_workbook(write_annual_report_xlsx(data, tmp_path / "r.xlsx"))
    t2 = wb["表二 主动公开"]
    rows = [[c for c in r if c is not None] for r in t2.iter_rows(min_row=2, values_only=True)]
    assert rows[:4] == [["第二十条第（一）项"], ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
                        ["规章", 3, 1, 12], ["行政规范性文件", 5, 0, 41]]
    assert ["行政许可", 1260] in rows and ["行政强制", 0] in rows and ["行政事业性收费", 12.35] in rows
    assert ["信息内容", "本年收费金额（单位：万元）"] in rows
    t4 = wb["表四 复议诉讼"]
    assert [t4["A2"].value, t4["F2"].value, t4["F3"].value, t4["K3"].value] == \
        ["行政复议", "行政诉讼", "未经复议直接起诉", "复议后起诉"]
    assert [t4.cell(3, c).value for c in range(1, 6)] == ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    assert [t4.cell(4, c).value for c in range(6, 11)] == ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    assert [t4.cell(5, c).value for c in range(1, 16)] == TABLE4
    assert {"A2:E2", "F2:O2", "A3:A4", "F3:J3", "K3:O3"} <= {str(r) for r in t4.merged_cells.ranges}
    assert t4.page_setup.orientation == "landscape"


# -- docx ---------------------------------------------------------------------------------------
def _cell_texts(table, row):
    """Texts of a row, each merged cell once."""
    out = []
    for cell in table.rows[row].cells:
        if not out or cell._tc is not out[-1][0]:
            out.append((cell._tc, cell.text))
    return [t for _, t in out]


def test_docx_whole_report(data, tmp_path):
    doc = Document(str(write_annual_report_docx(data, tmp_path / "r.docx")))
    texts = [p.text for p in doc.paragraphs if p.text.strip()]
    # 27 characters at 二号 (22 pt) do not fit the 156 mm line: broken between the agency and the subject
    assert texts[0] == "某某市自然资源和规划局\n2025年政府信息公开工作年度报告"
    assert [t for t in texts if t in SECTION_HEADINGS] == list(SECTION_HEADINGS)
    # section 一 empty → the generated paragraph; 六 opens with the fee figures
    assert any(t.startswith("2025年，本机关共收到政府信息公开申请24件，上年结转4件。") for t in texts)
    assert "2025年，本机关共发出信息处理费收费通知3件，通知收费金额5100元，实际收取信息处理费300元。" in texts
    assert texts[-1] == "无其他需要报告的事项。" and "答复文书格式不统一，已制定范本。" in texts
    t2, t3, t4 = doc.tables
    assert _cell_texts(t3, 0) == [TOP_LEFT, "申请人情况"]
    # row 3 of the header: the vertically merged cells read as their top cell
    assert _cell_texts(t3, 2) == [TOP_LEFT, "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他",
                                  "总计"]
    assert _cell_texts(t3, 3) == ["一、本年新收政府信息公开申请数量", *map(str, NEW)]
    assert _cell_texts(t3, 4) == ["二、上年结转政府信息公开申请数量", *map(str, CARRIED)]
    assert _cell_texts(t3, 7)[1:] == ["（三）不予公开", "1.属于国家秘密", *map(str, STATE_SECRET)]
    assert _cell_texts(t3, 26) == ["三、本年度办理结果", "（七）总计", *map(str, TOTAL)]
    assert _cell_texts(t3, 27) == ["四、结转下年度继续办理", *map(str, NEXT)]
    assert _cell_texts(t4, 3) == [str(v) for v in TABLE4]
    assert _cell_texts(t2, 2) == ["规章", "3", "1", "12"] and _cell_texts(t2, 13) == ["行政事业性收费", "12.35"]
    run = doc.paragraphs[0].runs[0]
    assert run._element.rPr.rFonts.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia")
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.top_margin.mm), round(section.left_margin.mm)) == (210, 37, 28)


# -- pdf ----------------------------------------------------------------------------------------
needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")


@needs_poppler
def test_pdf_text_and_embedded_fonts(data, tmp_path):
    pdf = write_annual_report_pdf(data, tmp_path / "r.pdf")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
    flat = re.sub(r"\s+", "", text)
    assert "某某市自然资源和规划局2025年政府信息公开工作年度报告" in flat
    for heading in SECTION_HEADINGS:
        assert heading in flat
    assert TOP_LEFT in flat and "申请人情况" in flat and "法人或其他组织" in flat
    assert "通知收费金额5100元" in flat
    pages = [subprocess.run(["pdftotext", "-layout", "-f", str(n), "-l", str(n), str(pdf), "-"],
                            capture_output=True, text=True).stdout for n in range(2, 6)]
    page3 = next(p for p in pages if "本年新收" in p)         # after section 一's five parts and table 二
    lines = {re.sub(r"\s+", " ", line).strip() for line in page3.splitlines()}
    # table 三 stands whole on its own page; figures read back row by row, zeros printed
    assert "一、本年新收政府信息公开申请数量 " + " ".join(map(str, NEW)) in lines
    assert "二、上年结转政府信息公开申请数量 " + " ".join(map(str, CARRIED)) in lines
    assert "（七）总计 " + " ".join(map(str, TOTAL)) in lines
    assert "四、结转下年度继续办理 " + " ".join(map(str, NEXT)) in lines
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout.splitlines()[2:]
    assert fonts and all(line.split()[-5] == "yes" for line in fonts)      # every font embedded
