"""The whole annual report: preamble, section 一 in the 30号 format's five parts, the open-year warning,
last year's 五 for reference; read back from the Word file (python-docx) and the PDF (pdftotext)."""

import subprocess
from dataclasses import replace
from datetime import date

from docx import Document

from app.services.reports.proactive_service import ProactiveService
from app.services.reports.report_service import ReportService
from app.services.settings_service import SettingsService
from app.workflow.annual_report_data import PART_HEADINGS
from tests.conftest import fixed_today
from tests.services.reports.test_analysis_service import END, START, ledger_db  # noqa: F401
from tests.services.reports.test_report_service import add_cases
from tests.workflow.test_annual_counts import LEDGER

TODAY = date(2026, 1, 20)


def test_preamble_five_parts_and_conversions_in_word_and_pdf(ledger_db, clerk, admin, chief, tmp_path):  # noqa: F811
    settings = SettingsService(ledger_db)
    settings.save(admin, replace(settings.load(), report_site="某某市人民政府门户网站“政府信息公开”专栏",
                                 report_contact="地址：某某市某某路1号，邮编：310000，电话：0571-12345678"))
    proactive = ProactiveService(ledger_db, fixed_today(date(2025, 6, 30)))
    [c] = proactive.propose(clerk, START, END)
    proactive.decide(clerk, c.id, "转为主动公开", date(2025, 6, 20), "法定主动公开内容 > 征收补偿",
                     reason="征收补偿方案已经批准并公告，不再属于过程性信息")          # Art 44 asks why
    svc = ReportService(ledger_db, fixed_today(TODAY))
    svc.save_table2(chief, 2025, {"rules_issued": 2, "norms_issued": 5, "norms_current": 31, "licences": 120})
    svc.save_sections(chief, 2025, {"五": "答复文书格式不统一，已制定范本。"})
    data = svc.report(2025)
    one = data.section_text("一").splitlines()
    assert [line for line in one if line in PART_HEADINGS] == list(PART_HEADINGS)
    assert one[1].startswith("2025年，本机关制发规章2件、行政规范性文件5件，废止规章0件、行政规范性文件0件；"
                             "现行有效规章0件、行政规范性文件31件。作出行政许可决定120件")
    assert one[3].startswith(data.overview_paragraph) and "转为主动公开1项" in one[3]
    assert one[5].startswith("（请填写）")
    # the draft's “（请填写）” parts keep the full text from going out, each named
    import pytest
    from app.errors import ValidationError
    with pytest.raises(ValidationError, match="“一、总体情况”中还有“（请填写）”未写：（三）政府信息管理、（四）平台建设、"
                                              "（五）监督保障。请在“年度报告”页面的正文里写明这些情况") as refused:
        svc.export(2025, tmp_path / "年报.docx")
    assert refused.value.field == "一" and not (tmp_path / "年报.docx").exists()
    written = [line if "（请填写）" not in line else "本机关落实保密审查和动态更新制度。" for line in one]
    svc.save_sections(chief, 2025, {"一": "\n".join(written)})
    docx_path = svc.export(2025, tmp_path / "年报.docx") and tmp_path / "年报.docx"
    text = "\n".join(p.text for p in Document(str(docx_path)).paragraphs)
    assert "本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）" in text
    assert "本报告中所列数据的统计期限自2025年1月1日起至2025年12月31日止。" in text
    assert ("本报告电子版可在某某市人民政府门户网站“政府信息公开”专栏查阅或下载。如对本报告有疑问，请与某某市自然资源和"
            "规划局联系（地址：某某市某某路1号，邮编：310000，电话：0571-12345678）。") in text
    order = [text.index(h) for h in ("编制。", "一、总体情况", "（一）主动公开", "（二）依申请公开", "（五）监督保障",
                                     "二、主动公开政府信息情况", "五、存在的主要问题及改进情况",
                                     "六、其他需要报告的事项")]
    assert order == sorted(order)
    pdf = svc.export(2025, tmp_path / "年报.pdf") and tmp_path / "年报.pdf"
    flat = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout.replace("\n", "")
    assert "统计期限自2025年1月1日起至2025年12月31日止" in flat and "（三）政府信息管理" in flat


def test_a_year_not_over_is_flagged_and_last_years_five_is_at_hand(any_db, chief):
    add_cases(any_db, LEDGER)
    ReportService(any_db, fixed_today(TODAY)).save_sections(chief, 2024, {"五": "2024年的问题与改进"})
    svc = ReportService(any_db, fixed_today(date(2025, 12, 1)))
    assert any(f.message.startswith("2025年尚未结束，报告中的数字截至2025-12-01") for f in svc.report(2025).findings)
    assert not any("尚未结束" in f.message for f in svc.report(2024).findings)
    assert svc.previous_section(2025, "五") == "2024年的问题与改进"
    assert svc.previous_section(2024, "五") == ""


def test_carry_over_checked_against_last_years_published_figures_typed_in(any_db, chief):
    add_cases(any_db, LEDGER)
    svc = ReportService(any_db, fixed_today(TODAY))
    carried = svc.report(2025).table3.cells["carried"]
    typed = list(carried)
    typed[0] += 1                                          # one more 自然人 than the cases say
    typed[6] += 1
    import pytest
    from app.errors import ValidationError
    with pytest.raises(ValidationError, match="总计应等于六类申请人之和"):
        svc.save_published_carry_over(chief, 2024, typed[:6] + [typed[6] + 1])
    svc.save_published_carry_over(chief, 2024, typed)
    found = [f for f in svc.report(2025).findings if "已公布报告（录入）" in f.message]
    assert [(f.column, f.message) for f in found] == [
        ("自然人", f"本年为{carried[0]}，2024年已公布报告（录入）的“四、结转下年度继续办理”为{carried[0] + 1}"),
        ("总计", f"本年为{carried[6]}，2024年已公布报告（录入）的“四、结转下年度继续办理”为{carried[6] + 1}")]
    svc.save_published_carry_over(chief, 2024, list(carried))
    assert not [f for f in svc.report(2025).findings if "已公布报告" in f.message]
