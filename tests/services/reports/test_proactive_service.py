"""依申请转主动公开 (Art 44): candidates from frequent subjects and flags, decisions, reminders, matching."""

from dataclasses import replace
from datetime import date, timedelta

import pytest

from app.errors import ValidationError
from app.services.reports.analysis_service import AnalysisService
from app.services.reports.proactive_service import ProactiveService
from app.services.settings_service import SettingsService
from tests.conftest import fixed_today
from tests.services.reports.test_analysis_service import END, START, TODAY, ledger_db  # noqa: F401

# The 征收补偿 subject's requests C and E were answered 不予公开 and 部分公开 (Art 44 needs a reason).
CAN_BE_DISCLOSED = "拟公开的是补偿安置方案和补偿标准，C件涉密的是另一份文件，E件不予公开的是个人补偿金额，均不在公开范围内"


def test_a_subject_asked_by_three_applicants_becomes_a_candidate(ledger_db, clerk):  # noqa: F811
    svc = ProactiveService(ledger_db, fixed_today(TODAY))
    # 征收补偿: A (张三), C (某某置业有限公司), E (王五) — three applicants, the default N = 3.
    [c] = svc.propose(clerk, START, END)
    assert (c.applicant_count, c.request_count, c.source, c.state) == (3, 3, "集中申请", "待决定")
    # the group's most frequent phrase: A 征收补偿（安置）方案, C 征收的补偿, E 征收补偿款 → 征收补偿 (2 of 3)
    assert c.label == "征收补偿"
    assert svc.propose(clerk, START, END)[0].id == c.id          # proposing again adds nothing new
    assert len(svc.candidates()) == 1


def test_the_threshold_is_a_setting(ledger_db, clerk, admin):  # noqa: F811
    settings = SettingsService(ledger_db)
    settings.save(admin, replace(settings.load(), proactive_min_applicants=4))
    assert ProactiveService(ledger_db, fixed_today(TODAY)).propose(clerk, START, END) == []


def test_decisions_need_their_facts_and_a_deciding_role(ledger_db, clerk, handler):  # noqa: F811
    svc = ProactiveService(ledger_db, fixed_today(TODAY))
    c = svc.flag(clerk, "B", "小区电梯加装咨询较多")
    assert (c.source, c.request_number, c.applicant_count) == ("登记员标记", "B", 1)
    with pytest.raises(ValidationError, match="栏目或网址"):
        svc.decide(clerk, c.id, "转为主动公开", date(2025, 6, 1))
    with pytest.raises(ValidationError, match="不能晚于今天"):
        svc.decide(clerk, c.id, "转为主动公开", TODAY + timedelta(days=1), "政府信息公开")
    with pytest.raises(ValidationError, match="说明理由"):
        svc.decide(clerk, c.id, "不转")
    with pytest.raises(ValidationError, match="登记员、科室负责人或管理员"):
        svc.decide(handler, c.id, "暂缓")
    declined = svc.decide(clerk, c.id, "不转", reason="属个别小区事务，不具普遍性")
    assert (declined.state, declined.decided_on, declined.reason) == ("不转", TODAY, "属个别小区事务，不具普遍性")
    with pytest.raises(ValidationError, match="已决定"):
        svc.decide(clerk, c.id, "暂缓")


def test_undecided_for_thirty_days_shows_on_the_workbench(ledger_db, clerk):  # noqa: F811
    ProactiveService(ledger_db, fixed_today(TODAY)).propose(clerk, START, END)     # listed 2025-06-30
    on = lambda d: ProactiveService(ledger_db, fixed_today(d))  # noqa: E731
    assert on(date(2025, 7, 29)).awaiting() == []                  # 29 days
    [waiting] = on(date(2025, 7, 30)).awaiting()                   # 30 days
    on(date(2025, 7, 30)).decide(clerk, waiting.id, "暂缓", reason="待征收项目验收后再定")
    assert on(date(2025, 8, 28)).awaiting() == []                  # 暂缓 restarts the 30 days
    assert len(on(date(2025, 8, 29)).awaiting()) == 1


def test_a_conversion_is_matched_by_later_requests_and_listed_in_the_analysis(ledger_db, clerk):  # noqa: F811
    svc = ProactiveService(ledger_db, fixed_today(TODAY))
    [c] = svc.propose(clerk, START, END)
    done = svc.decide(clerk, c.id, "转为主动公开", date(2025, 6, 20), "法定主动公开内容 > 征收补偿",
                      "https://example.gov.cn/zsbc", "某自然资规〔2025〕8号", reason=CAN_BE_DISCLOSED)
    assert done.converted and done.where == "法定主动公开内容 > 征收补偿，https://example.gov.cn/zsbc"
    [(hit, note)] = svc.converted_matching("请公开我家房屋征收补偿的评估结果")
    assert hit.id == c.id
    assert note.startswith(f"该事项“{c.label}”已于2025-06-20转为主动公开")
    assert "第三十六条第（一）项" in note and "某自然资规〔2025〕8号" in note
    assert svc.converted_matching("申请公开某小区电梯加装审批情况") == []
    result = AnalysisService(ledger_db, fixed_today(TODAY)).analyse(clerk, date(2025, 6, 1), date(2025, 6, 30))
    assert [x.label for x in result.conversions] == [c.label]
    assert AnalysisService(ledger_db).analyse(clerk, START, END).conversions == ()   # published after


def test_conversions_are_listed_in_section_six_of_the_annual_report(ledger_db, clerk):  # noqa: F811
    from app.services.reports.report_service import ReportService

    svc = ProactiveService(ledger_db, fixed_today(TODAY))
    [c] = svc.propose(clerk, START, END)
    svc.decide(clerk, c.id, "转为主动公开", date(2025, 6, 20), "法定主动公开内容 > 征收补偿", "",
               "某自然资规〔2025〕8号", reason=CAN_BE_DISCLOSED)
    six = ReportService(ledger_db, fixed_today(TODAY)).report(2025).section_text("六")
    assert (f"2025年，本机关对申请量大、重复性高的政府信息，依照《中华人民共和国政府信息公开条例》第四十四条"
            f"转为主动公开1项：{c.label}（6月20日公开于法定主动公开内容 > 征收补偿，某自然资规〔2025〕8号）。") in six
    assert "转为主动公开" not in ReportService(ledger_db, fixed_today(TODAY)).report(2024).section_text("六")
