"""Facts before recitals (issue 19 item 3) and 送达回证 for every served document (issue 18 item 11).
Through the services on SQLite and PostgreSQL.

Dates: received Mon 2025-01-20 → reply due 2025-02-21 (domain §3 example), so an extension approved Thu
2025-02-20 is in time; its notice is drafted at approval and dated the LetterService's today.
"""

from dataclasses import replace
from datetime import date

import pytest

from app.exports.letters.kinds import LetterKind
from app.services.cases.case_service import CaseService
from app.services.letters.letter_service import LetterService
from app.services.letters.notice_service import NoticeService
from app.services.cases.request_service import RequestService
from app.services.settings_service import SettingsService
from app.workflow.dates import cn_date
from app.workflow.deadline import PauseKind
from app.workflow.fees import FeeMethod
from app.workflow.outcomes import Outcome
from app.workflow.vocabulary import ServiceMethod
from tests.conftest import fixed_today
from tests.services.helpers import add_department, request_input
from tests.services.letters.test_letter_service import docx_text
from tests.services.letters.test_notice_gates_art32 import refused

TODAY = date(2025, 6, 30)
D0220 = date(2025, 2, 20)


@pytest.fixture
def s(any_db):
    class S:
        requests = RequestService(any_db, fixed_today(TODAY))
        cases = CaseService(any_db, fixed_today(D0220))
        on_30 = CaseService(any_db, fixed_today(TODAY))
        letters = LetterService(any_db, fixed_today(TODAY))
        on_0220 = LetterService(any_db, fixed_today(D0220))
        notices = NoticeService(any_db, fixed_today(TODAY))
        settings = SettingsService(any_db, fixed_today(TODAY))
        dept = add_department(any_db)
    return S


def extended(s, clerk, chief):
    d = s.requests.register(clerk, request_input())
    d = s.cases.assign(clerk, d.id, d.version, s.dept)
    return s.cases.approve_extension(chief, d.id, d.version, D0220, 10, "需调取2010年的历史档案")


def test_approving_an_extension_drafts_its_notice_and_the_reply_waits_for_it(s, clerk, handler, chief):
    d = extended(s, clerk, chief)
    [notice] = s.letters.letters(d.id)
    assert (notice.kind, notice.state, notice.doc_number) == ("延长答复期限告知书", "草稿", "某自然资规依延〔2025〕1号")
    assert s.notices.unissued(d.id) == [("延长答复期限告知书（2025年2月20日批准延期10个工作日）", "已拟稿，待签发")]
    assert [(p.number, p.state) for p in s.notices.pending()] == [(d.number, "已拟稿，待签发")]
    d = s.cases.submit(handler, d.id, d.version, decision="信息不存在")
    refused(lambda: s.letters.issue(handler, d.id), "notices", "延长答复期限告知书", "尚未签发", "签发并登记送达")
    notice = s.on_0220.sign(chief, notice.id)
    assert s.notices.unissued(d.id) == [("延长答复期限告知书（某自然资规依延〔2025〕1号）", "待登记送达")]
    refused(lambda: s.letters.issue(handler, d.id), "served_on", "尚未登记送达", "登记通知书送达")
    d = s.notices.record_served(clerk, d.id, d.version, notice.id, date(2025, 2, 21))
    assert s.notices.unissued(d.id) == [] and s.notices.pending() == []
    text = docx_text(s.letters.files(s.letters.issue(handler, d.id).id).docx)
    assert ("经本机关政府信息公开工作机构负责人同意，本机关于2025年2月20日以《延长答复期限告知书》"
            "（某自然资规依延〔2025〕1号）告知您延长答复期限10个工作日。") in text


def test_a_fee_notice_is_drafted_when_it_can_be_and_listed_when_not(s, clerk, admin):
    s.settings.save(admin, replace(s.settings.load(), fee_payment=""))
    d = s.requests.register(clerk, request_input())
    d = s.cases.assign(clerk, d.id, d.version, s.dept)
    # payment instructions not entered: the fee is recorded, the notice cannot be drafted yet
    d = s.cases.issue_fee_notice(clerk, d.id, d.version, FeeMethod.BY_VOLUME, 40, D0220)
    assert d.status == "待缴费" and s.letters.letters(d.id) == []
    assert s.notices.unissued(d.id) == [("信息处理费缴费通知书（2025年2月20日通知缴费）", "待出具并签发")]
    refused(lambda: s.letters.issue(clerk, d.id, LetterKind.FEE), "fee_payment", "缴纳方式")
    s.settings.save(admin, replace(s.settings.load(), fee_payment="缴入临江市财政局非税收入汇缴结算户（账号：1234）"))
    d2 = s.requests.register(clerk, request_input(applicant_name="王五"))
    d2 = s.cases.assign(clerk, d2.id, d2.version, s.dept)
    d2 = s.cases.issue_fee_notice(clerk, d2.id, d2.version, FeeMethod.BY_VOLUME, 40, D0220)
    [fee] = s.letters.letters(d2.id)
    assert (fee.kind, fee.state, fee.doc_number) == ("信息处理费缴费通知书", "草稿", "某自然资规依费〔2025〕1号")


def test_service_receipt_names_the_chosen_signed_document(s, clerk, handler, chief):
    d = s.requests.register(clerk, request_input())
    refused(lambda: s.letters.issue(clerk, d.id, LetterKind.SERVICE, LetterKind.CORRECTION), "served_document",
            "补正申请告知书尚未出具")
    d = s.cases.request_correction(clerk, d.id, d.version, date(2025, 1, 22), "请写明小区名称")
    notice = s.letters.issue(clerk, d.id, LetterKind.CORRECTION)
    refused(lambda: s.letters.issue(clerk, d.id, LetterKind.SERVICE, LetterKind.CORRECTION), "served_document",
            "尚未签发")
    s.letters.sign(chief, notice.id)
    receipt = s.letters.issue(clerk, d.id, LetterKind.SERVICE, LetterKind.CORRECTION)
    assert (receipt.variant, receipt.doc_number) == ("补正申请告知书", "")
    text = docx_text(s.letters.files(receipt.id).docx)
    assert "补正申请告知书（某自然资规依补〔2025〕1号）" in text and "李四" in text
    refused(lambda: s.letters.issue(clerk, d.id, LetterKind.SERVICE, LetterKind.REPLY), "served_document",
            "政府信息公开申请答复书尚未出具")
    refused(lambda: s.letters.issue(clerk, d.id, LetterKind.SERVICE, LetterKind.RECEIPT), "served_document",
            "送达回证的送达文书应为")


def test_fee_recited_once_issued_and_two_service_receipts(s, clerk, handler, chief):
    d = s.requests.register(clerk, request_input())
    d = s.cases.assign(clerk, d.id, d.version, s.dept)
    d = s.cases.issue_fee_notice(clerk, d.id, d.version, FeeMethod.BY_VOLUME, 40, D0220)
    [fee] = s.letters.letters(d.id)                                       # drafted 2025-02-20
    d = s.cases.record_payment(clerk, d.id, d.version, D0220)
    d = s.cases.submit(handler, d.id, d.version, decision="信息不存在")
    refused(lambda: s.letters.issue(handler, d.id), "notices", "信息处理费缴费通知书", "尚未签发")
    s.on_0220.sign(chief, fee.id)
    reply = s.letters.issue(handler, d.id)
    # 40 pages: 31–40 at 10元/页 = 100元 (domain §5)
    assert ("本机关于2025年2月20日以《信息处理费缴费通知书》（某自然资规依费〔2025〕1号）通知您缴纳信息处理费，"
            "您已于2025年2月20日缴纳100元。") in docx_text(s.letters.files(reply.id).docx)
    s.letters.sign(chief, reply.id)
    for_fee = s.letters.issue(clerk, d.id, LetterKind.SERVICE, LetterKind.FEE)
    for_reply = s.letters.issue(clerk, d.id, LetterKind.SERVICE)
    assert for_fee.id != for_reply.id and for_fee.superseded_by is None
    assert [(x.kind, x.variant) for x in s.letters.letters(d.id) if x.kind == "送达回证"] == [
        ("送达回证", "信息处理费缴费通知书"), ("送达回证", "政府信息公开申请答复书")]
    assert "政府信息公开申请答复书（某自然资规依复〔2025〕1号）" in docx_text(s.letters.files(for_reply.id).docx)


def test_a_notice_signed_before_this_release_is_still_recited(any_db, s, clerk, handler, chief):
    """A database upgraded from the previous release: its signed 补正 notice has no event in its data."""
    from app.models import Letter

    d = s.requests.register(clerk, request_input())
    d = s.cases.request_correction(clerk, d.id, d.version, date(2025, 1, 22), "请写明小区名称")
    notice = s.on_0220.sign(chief, s.on_0220.issue(clerk, d.id, LetterKind.CORRECTION).id)
    with any_db.uow() as uow:
        row = uow.session.get(Letter, notice.id)
        legacy = row.data_json.replace(f'"event_ref": "correction:{d.corrections[-1].id}"', '"event_ref": ""')
        assert legacy != row.data_json
        row.data_json = legacy
        uow.commit()
    assert s.letters.issue(clerk, d.id, LetterKind.CORRECTION).id == notice.id     # no new revision
    d = s.cases.receive_correction(clerk, d.id, d.version, date(2025, 2, 10))
    d = s.cases.assign(clerk, d.id, d.version, s.dept)
    d = s.cases.submit(handler, d.id, d.version, decision="信息不存在")
    assert ("本机关于2025年2月20日以《补正申请告知书》（某自然资规依补〔2025〕1号）告知您作出补正，"
            "并于2025年2月10日收到您补正后的申请。") in docx_text(s.letters.files(s.letters.issue(handler, d.id).id).docx)


def test_each_consultation_is_recited_with_its_own_signed_letter(s, clerk, handler, chief):
    """Art 32 (third party) and Art 34 (co-producing agency): the reply recites every consultation with the
    文号 of the letter sent for it, never another consultation's letter of the same kind.

    Received Mon 2025-01-20. 甲公司 consulted Wed 01-22 (agrees 02-05), 乙公司 Thu 02-06 (agrees 02-12),
    某某区人民政府 Thu 02-13 (agrees 02-18); each letter is drafted and signed the day it is sent but dated
    by the LetterService's today, 2025-02-20 (成文日期 2025年2月20日)."""
    d = s.requests.register(clerk, request_input())
    d = s.cases.assign(clerk, d.id, d.version, s.dept)
    letters = []
    for kind, party, sent, answered in ((PauseKind.THIRD_PARTY, "甲公司", date(2025, 1, 22), date(2025, 2, 5)),
                                        (PauseKind.THIRD_PARTY, "乙公司", date(2025, 2, 6), date(2025, 2, 12)),
                                        (PauseKind.OTHER_AGENCY, "某某区人民政府", date(2025, 2, 13),
                                         date(2025, 2, 18))):
        d = s.cases.start_consultation(handler, d.id, d.version, kind, party, sent)
        letter_kind = LetterKind.CONSULTATION if kind is PauseKind.THIRD_PARTY else LetterKind.AGENCY_CONSULTATION
        assert s.notices.unissued(d.id) == [(f"{letter_kind.value}（{party}，{cn_date(sent)}发出）", "待出具并签发")]
        letters.append(s.on_0220.sign(chief, s.on_0220.issue(handler, d.id, letter_kind).id))
        d = s.cases.end_consultation(handler, d.id, d.version, answered, "同意公开", "同意")
    # a consultation letter's 送达 is its own record (发出/收到), and parties that agreed need no Art 32 notice
    assert s.notices.unissued(d.id) == []
    first, second, agency = letters
    assert len({first.doc_number, second.doc_number, agency.doc_number}) == 3
    d = s.cases.submit(handler, d.id, d.version, decision="予以公开")
    text = docx_text(s.letters.files(s.letters.issue(handler, d.id).id).docx)
    for n in (first, second):
        assert (f"因申请公开的信息可能涉及第三方合法权益，本机关于2025年2月20日以《征求第三方意见函》（{n.doc_number}）"
                "书面征求了第三方意见，征求意见所需时间不计算在答复期限内。") in text
    assert (f"本机关于2025年2月20日以《政府信息公开征求意见函》（{agency.doc_number}）征求了某某区人民政府的意见，"
            "所需时间不计算在答复期限内。") in text


def test_a_correction_notice_is_owed_until_signed_and_served_through_the_correction(s, clerk, chief):
    """Art 30: the 补正 notice is listed until signed; its 送达 is the correction's own record, so a signed
    notice is not waiting for 登记送达. Requested Wed 2025-01-22."""
    d = s.requests.register(clerk, request_input())
    d = s.cases.request_correction(clerk, d.id, d.version, date(2025, 1, 22), "请写明小区名称")
    assert s.notices.unissued(d.id) == [("补正申请告知书（2025年1月22日告知补正）", "待出具并签发")]
    notice = s.letters.issue(clerk, d.id, LetterKind.CORRECTION)
    assert s.notices.unissued(d.id) == [("补正申请告知书（2025年1月22日告知补正）", "已拟稿，待签发")]
    s.letters.sign(chief, notice.id)
    assert s.notices.unissued(d.id) == []


def test_the_reply_recites_the_fee_actually_paid(s, clerk, handler, chief):
    """信息处理费 reduced after the notice: 40 pages → 100元 notified (domain §5), 60元 paid on 2025-02-20;
    the reply recites what the applicant paid."""
    d = s.requests.register(clerk, request_input())
    d = s.cases.assign(clerk, d.id, d.version, s.dept)
    d = s.cases.issue_fee_notice(clerk, d.id, d.version, FeeMethod.BY_VOLUME, 40, D0220)
    [fee] = s.letters.letters(d.id)
    s.on_0220.sign(chief, fee.id)
    d = s.cases.record_payment(clerk, d.id, d.version, D0220, 60)
    d = s.cases.submit(handler, d.id, d.version, decision="信息不存在")
    text = docx_text(s.letters.files(s.letters.issue(handler, d.id).id).docx)
    assert "通知您缴纳信息处理费，您已于2025年2月20日缴纳60元。" in text


def test_the_service_receipt_names_who_receives_each_document(s, clerk, handler, chief):
    """A notice to the applicant names the applicant and address; the reply's receipt the 送达方式 recorded at
    登记答复. Requested 2025-01-22, corrected 02-10; the reply is served by post on 2025-06-30."""
    d = s.requests.register(clerk, request_input(address="某某市某某区文一路100号"))
    d = s.cases.request_correction(clerk, d.id, d.version, date(2025, 1, 22), "请写明小区名称")
    s.letters.sign(chief, s.letters.issue(clerk, d.id, LetterKind.CORRECTION).id)
    text = docx_text(s.letters.files(s.letters.issue(clerk, d.id, LetterKind.SERVICE, LetterKind.CORRECTION).id).docx)
    assert "李四" in text and "某某市某某区文一路100号" in text
    d = s.cases.receive_correction(clerk, d.id, d.version, date(2025, 2, 10))
    d = s.cases.assign(clerk, d.id, d.version, s.dept)
    d = s.cases.submit(handler, d.id, d.version, decision="信息不存在")
    reply = s.letters.issue(handler, d.id)
    d = s.cases.sign_off(chief, d.id, d.version)
    s.letters.sign(chief, reply.id)
    d = s.on_30.record_reply(clerk, d.id, d.version, None, TODAY, ServiceMethod.POST)
    text = docx_text(s.letters.files(s.letters.issue(clerk, d.id, LetterKind.SERVICE).id).docx)
    assert "李四" in text and "邮寄送达" in text
