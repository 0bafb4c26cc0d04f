"""Lapses are decisions (issue 18 items 1 and 8, domain §3/§7): 逾期未缴费 is guarded like 逾期未补正, both
record 不予处理 with their （六） leaf, and their letter recites the notice's dates. SQLite and PostgreSQL.

Dates from the published 2025 calendar: 清明 Fri Apr 4 – Sun Apr 6 off; no 调休 in March–April 10.
"""

from datetime import date

import pytest

from app.errors import ValidationError
from app.exports.letters.kinds import LetterKind
from app.services.cases.case_service import CaseService
from app.services.letters.letter_facts_service import LetterFactsService
from app.services.letters.letter_service import LetterService
from app.services.cases.request_service import RequestService
from app.workflow.fees import FeeMethod
from app.workflow.outcomes import Outcome
from tests.conftest import fixed_today
from tests.services.helpers import add_department, request_input
from tests.services.letters.test_letter_service import docx_text

TODAY = date(2025, 6, 30)


@pytest.fixture
def s(any_db):
    class S:
        requests = RequestService(any_db, fixed_today(TODAY))
        cases = CaseService(any_db, fixed_today(TODAY))
        letters = LetterService(any_db, fixed_today(TODAY))
        facts = LetterFactsService(any_db, fixed_today(TODAY))
        dept = add_department(any_db)
    return S


def kinds(s, rid) -> list[tuple[str, str, str, str]]:
    return [(e.kind, e.field, e.old, e.new) for e in s.requests.events(rid)]


def fee_case(s, clerk):
    d = s.requests.register(clerk, request_input(arrival_date=date(2025, 3, 3)))      # received Mon Mar 3
    d = s.cases.assign(clerk, d.id, d.version, s.dept)
    return s.cases.issue_fee_notice(clerk, d.id, d.version, FeeMethod.BY_VOLUME, 250, date(2025, 3, 10))


def test_fee_notice_is_unserved_until_its_receipt_is_recorded(s, clerk):
    d = fee_case(s, clerk)
    f = d.fees[-1]
    # no longer assumed served on its issue day: 未送达, the due only a hint from Mon Mar 10:
    # Mar 11–14 (4), 17–21 (9), 24–28 (14), Mar 31–Apr 3 (18), 清明 Apr 4 off, Apr 7, 8 (20)
    assert (f.received_on, f.payment_due, f.payment_hint) == (None, None, date(2025, 4, 8))
    assert "缴费通知书未送达" in d.deadline.warnings
    assert any("缴费通知书未送达" in ln and "2025年4月8日" in ln for ln in d.deadline.explanation)
    with pytest.raises(ValidationError, match="缴费通知书送达日期不能早于发出日期") as e:
        s.facts.record_fee_notice_served(clerk, d.id, d.version, date(2025, 3, 7))
    assert e.value.field == "received_on"
    d = s.facts.record_fee_notice_served(clerk, d.id, d.version, date(2025, 3, 12))
    # served Wed Mar 12: Mar 13, 14 (2), 17–21 (7), 24–28 (12), Mar 31–Apr 3 (16), Apr 7–10 (20)
    assert (d.fees[-1].received_on, d.fees[-1].payment_due) == (date(2025, 3, 12), date(2025, 4, 10))
    assert "缴费通知书未送达" not in d.deadline.warnings
    assert ("缴费通知书送达", "送达日期", "", "2025-03-12") in kinds(s, d.id)


def test_fee_lapse_is_refused_unserved_and_before_the_due_then_recorded_as_a_decision(s, clerk, chief):
    d = fee_case(s, clerk)
    with pytest.raises(ValidationError, match="缴费通知书尚未登记送达日期（未送达）") as e:
        s.cases.fee_lapsed(clerk, d.id, d.version, date(2025, 6, 2))
    assert e.value.field == "received_on" and "登记缴费通知书送达" in e.value.message
    d = s.facts.record_fee_notice_served(clerk, d.id, d.version, date(2025, 3, 12))
    # due Thu Apr 10 (worked out above): the due day itself is still within the period
    with pytest.raises(ValidationError, match="缴费期限至2025年4月10日届满（2025年3月12日送达") as e:
        s.cases.fee_lapsed(clerk, d.id, d.version, date(2025, 4, 10))
    assert e.value.field == "closed_on"
    assert s.requests.detail(d.id).status == "待缴费"            # nothing half-saved
    d = s.cases.fee_lapsed(clerk, d.id, d.version, date(2025, 4, 11))
    assert (d.status, d.outcome, d.decision, d.reply_date) == ("已答复", "六.2", "不予处理", date(2025, 4, 11))
    assert ("逾期未缴费", "答复决定", "", "不予处理") in kinds(s, d.id)
    text = docx_text(s.letters.files(s.letters.issue(clerk, d.id).id).docx)
    assert ("本机关于2025年3月10日向您发出信息处理费缴费通知书（应缴信息处理费4700元），该通知书于2025年3月12日送达，"
            "告知您自收到之次日起20个工作日内（即于2025年4月10日前）缴纳。缴费期限届满，您未缴纳信息处理费。") in text
    assert "第四十二条" in text and "视为放弃申请" in text


def test_a_paid_fee_cannot_lapse(s, clerk):
    d = fee_case(s, clerk)
    d = s.cases.record_payment(clerk, d.id, d.version, date(2025, 3, 20))
    assert d.status == "办理中"          # 逾期未缴费 is not even offered by the transition table now


def test_correction_lapse_records_the_decision_and_its_letter_recites_the_notice(s, clerk):
    d = s.requests.register(clerk, request_input(arrival_date=date(2025, 3, 3)))
    d = s.cases.request_correction(clerk, d.id, d.version, date(2025, 3, 5), "请写明许可证的年份和项目名称", 10)
    notice = s.letters.issue(clerk, d.id, LetterKind.CORRECTION)
    d = s.facts.record_correction_served(clerk, d.id, d.version, date(2025, 3, 10))
    # served Mon Mar 10, 10 working days: Mar 11–14 (4), 17–21 (9), Mar 24 (10)
    with pytest.raises(ValidationError, match="补正期限至2025年3月24日届满"):
        s.cases.correction_lapsed(clerk, d.id, d.version, date(2025, 3, 24))
    d = s.cases.correction_lapsed(clerk, d.id, d.version, date(2025, 3, 25))
    assert (d.status, d.outcome, d.decision) == ("已答复", "六.1", "不予处理")
    assert ("逾期未补正", "答复决定", "", "不予处理") in kinds(s, d.id)
    assert s.letters.issue(clerk, d.id, LetterKind.CORRECTION).id == notice.id     # still read as it was
    letter = s.letters.issue(clerk, d.id)               # offered at once: no decision to record by hand
    assert letter.variant == "不予处理"
    text = docx_text(s.letters.files(letter.id).docx)
    assert ("因申请内容不明确，本机关于2025年3月5日向您发出补正申请告知书，该告知书于2025年3月10日送达，"
            "告知您自收到之日起10个工作日内（即于2025年3月24日前）作出补正。补正期限届满，本机关未收到您补正后的申请。") in text
    assert "根据《中华人民共和国政府信息公开条例》第三十条的规定，本机关不再处理您的该项政府信息公开申请。" in text


def test_still_unclear_after_correction_is_a_not_processed_choice_at_submit(s, clerk, handler):
    d = s.requests.register(clerk, request_input(arrival_date=date(2025, 3, 3)))
    d = s.cases.assign(clerk, d.id, d.version, s.dept)
    with pytest.raises(ValidationError, match="“不予处理”须选择具体情形") as e:
        s.cases.submit(handler, d.id, d.version, decision="不予处理")
    assert e.value.field == "outcome"
    with pytest.raises(ValidationError, match="须先告知补正并收到补正后的申请") as e:     # no 补正: untrue
        s.cases.submit(handler, d.id, d.version, decision="不予处理", outcome=Outcome.STILL_UNCLEAR)
    assert e.value.field == "outcome"
    d = s.requests.register(clerk, request_input(arrival_date=date(2025, 3, 3)))
    d = s.cases.request_correction(clerk, d.id, d.version, date(2025, 3, 5), "请写明许可证年份")
    d = s.cases.receive_correction(clerk, d.id, d.version, date(2025, 3, 10), "申请公开某小区的许可证")
    d = s.cases.assign(clerk, d.id, d.version, s.dept)
    d = s.cases.submit(handler, d.id, d.version, decision="不予处理", outcome=Outcome.STILL_UNCLEAR)
    assert (d.decision, d.outcome) == ("不予处理", "四.3")


def test_an_imported_lapse_without_the_notices_service_is_refused_until_it_is_recorded(s, any_db, clerk, tmp_path):
    from app.services.ledger.ledger_service import LedgerService
    from tests.services.ledger.test_ledger import write

    header = ("申请编号", "收到日期", "申请方式", "申请人", "申请人类型", "申请内容", "补正告知日期", "办理结果", "答复日期")
    rows = [("L-6", date(2025, 3, 3), "当面", "赵一", "自然人", "申请公开规划资料", date(2025, 3, 5),
             "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", date(2025, 4, 10))]
    assert LedgerService(any_db, fixed_today(TODAY)).import_file(clerk, write(tmp_path / "l.xlsx", rows, header)).created == 1
    d = s.requests.detail(s.letters.find_request("L-6"))
    d = s.facts.set_reply_facts(clerk, d.id, d.version, decision="不予处理")
    with pytest.raises(ValidationError, match="逾期不补正的答复书须载明补正告知书的发出日期、送达日期和补正期限") as e:
        s.letters.issue(clerk, d.id)
    assert e.value.field == "notice_served_on" and "登记补正送达" in e.value.message
    d = s.facts.record_correction_served(clerk, d.id, d.version, date(2025, 3, 6))
    # served Thu Mar 6, the default 15 working days: Mar 7 (1), 10–14 (6), 17–21 (11), 24–27 (15) → Thu Mar 27
    text = docx_text(s.letters.files(s.letters.issue(clerk, d.id).id).docx)
    assert "该告知书于2025年3月6日送达，告知您自收到之日起15个工作日内（即于2025年3月27日前）作出补正。" in text


def test_a_receipt_given_with_the_notice_is_checked_and_counts_at_once(s, clerk):
    d = s.requests.register(clerk, request_input(arrival_date=date(2025, 3, 3)))
    d = s.cases.assign(clerk, d.id, d.version, s.dept)
    with pytest.raises(ValidationError, match="缴费通知书送达日期不能早于缴费通知日期") as e:
        s.cases.issue_fee_notice(clerk, d.id, d.version, FeeMethod.BY_VOLUME, 250, date(2025, 3, 10), date(2025, 3, 7))
    assert e.value.field == "received_on"
    d = s.cases.issue_fee_notice(clerk, d.id, d.version, FeeMethod.BY_VOLUME, 250, date(2025, 3, 10), date(2025, 3, 12))
    assert d.fees[-1].payment_due == date(2025, 4, 10)        # served Wed Mar 12 → Thu Apr 10 (worked out above)


def test_art30_a_second_correction_lapses_on_its_own_notice_and_needs_no_late_reason(s, clerk):
    """Art 30's 7 working days bind the first 补正 notice only; 逾期未补正 runs from the latest notice's own
    送达. Received Mon Mar 3: the first notice is due by Mar 4–7 (4), 10–12 (7) → Wed Mar 12; it goes out
    Wed Mar 5, is served Thu Mar 6 and answered Mon Mar 10. The second notice goes out Mon Mar 17 (after
    Mar 12, yet no reason is asked) and, until its 送达 is recorded, starts no period."""
    d = s.requests.register(clerk, request_input(arrival_date=date(2025, 3, 3)))
    d = s.cases.request_correction(clerk, d.id, d.version, date(2025, 3, 5), "请写明许可证年份",
                                   served_on=date(2025, 3, 6))
    d = s.cases.receive_correction(clerk, d.id, d.version, date(2025, 3, 10))
    d = s.cases.request_correction(clerk, d.id, d.version, date(2025, 3, 17), "请写明项目名称", 10)
    assert d.corrections[-1].late_reason == "" and "逾期告知补正" not in [k[0] for k in kinds(s, d.id)]
    with pytest.raises(ValidationError, match="补正告知书尚未登记送达日期（未送达）") as e:
        s.cases.correction_lapsed(clerk, d.id, d.version, date(2025, 6, 2))
    assert e.value.field == "notice_served_on"
    d = s.facts.record_correction_served(clerk, d.id, d.version, date(2025, 3, 18))
    # served Tue Mar 18, 10 working days: Mar 19–21 (3), 24–28 (8), Mar 31, Apr 1 (10) → Tue Apr 1
    with pytest.raises(ValidationError, match="补正期限至2025年4月1日届满（2025年3月18日送达"):
        s.cases.correction_lapsed(clerk, d.id, d.version, date(2025, 4, 1))
    assert s.cases.correction_lapsed(clerk, d.id, d.version, date(2025, 4, 2)).outcome == "六.1"


def test_art42_the_fee_lapse_reads_the_latest_notice(s, clerk):
    """A second 缴费通知书 after the first was paid: its own 20 working days decide 逾期未缴费. The first
    (Mon Mar 10) is paid Thu Mar 20; the second goes out Mon Mar 24, served Tue Mar 25: Mar 26–28 (3),
    Mar 31–Apr 3 (7), 清明 Apr 4 off, Apr 7–11 (12), 14–18 (17), 21–23 (20) → due Wed Apr 23."""
    d = fee_case(s, clerk)
    d = s.cases.record_payment(clerk, d.id, d.version, date(2025, 3, 20))
    d = s.cases.issue_fee_notice(clerk, d.id, d.version, FeeMethod.BY_VOLUME, 40, date(2025, 3, 24),
                                 date(2025, 3, 25))
    with pytest.raises(ValidationError, match="缴费期限至2025年4月23日届满（2025年3月25日送达"):
        s.cases.fee_lapsed(clerk, d.id, d.version, date(2025, 4, 23))
    d = s.cases.fee_lapsed(clerk, d.id, d.version, date(2025, 4, 24))
    assert (d.status, d.outcome, d.decision) == ("已答复", "六.2", "不予处理")


def test_a_lapse_replaces_an_adopted_conclusion_and_drops_its_source(any_db):
    """The 不予处理 of 逾期未缴费 (Art 42) is the office's decision, not the 会商 conclusion adopted before:
    the decision's source is cleared. Fee notice Mon Mar 10, served Wed Mar 12 → due Thu Apr 10 (above)."""
    from tests.services.coordination_support import make_staff

    staff = make_staff(any_db, TODAY)
    s = staff.services
    d = s.requests.register(staff.clerk, request_input())
    d = s.cases.assign(staff.clerk, d.id, d.version, staff.depts["规划科"], staff.handler.user_id)
    r = s.deliberations.create(staff.chief, date(2025, 2, 7), "会议", "规划类申请", "赵科长、李承办", "规划科",
                               d.id, "予以公开", "予以公开", "该许可证已制作完成，可以公开。")
    d = s.deliberations.adopt(staff.handler, r.id, d.id, d.version)
    assert d.decision_source.endswith("结论")
    d = s.cases.issue_fee_notice(staff.clerk, d.id, d.version, FeeMethod.BY_VOLUME, 250, date(2025, 3, 10),
                                 date(2025, 3, 12))
    d = s.cases.fee_lapsed(staff.clerk, d.id, d.version, date(2025, 4, 11))
    assert (d.decision, d.decision_source) == ("不予处理", "")
