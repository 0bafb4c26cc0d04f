"""Art 35 (issue 18 item 7): 五.4 and the 延迟答复告知书 need the 要求说明理由通知书 signed and served and the
applicant's answer recorded; the letters say what was recorded. SQLite and PostgreSQL.

Dates worked by hand (2025 calendar: 端午 May 31–Jun 2 off): the request is dated Wed 2025-06-04 and served
Thu 06-05; 15 working days from the day after service: Jun 6 (1), 9–13 (6), 16–20 (11), 23–26 (15), so the
period ends Thu 2025-06-26; 逾期未说明 may be recorded from Fri 06-27. Today is Mon 2025-06-30.
"""

from datetime import date

import pytest

from app.exports.letters.kinds import LetterKind
from app.services.cases.case_service import CaseService
from app.services.letters.letter_service import LetterService
from app.services.letters.notice_service import NoticeService
from app.services.cases.request_service import RequestService
from app.workflow.outcomes import Outcome
from tests.conftest import fixed_today
from tests.services.helpers import add_department, request_input
from tests.services.letters.test_letter_service import docx_text
from tests.services.letters.test_notice_gates_art32 import refused

TODAY = date(2025, 6, 30)


@pytest.fixture
def s(any_db):
    class S:
        requests = RequestService(any_db, fixed_today(TODAY))
        cases = CaseService(any_db, fixed_today(TODAY))
        letters = LetterService(any_db, fixed_today(TODAY))
        on_0604 = LetterService(any_db, fixed_today(date(2025, 6, 4)))
        notices = NoticeService(any_db, fixed_today(TODAY))
        dept = add_department(any_db)
    return S


def handling(s, clerk):
    d = s.requests.register(clerk, request_input(arrival_date=date(2025, 5, 26)))
    return s.cases.assign(clerk, d.id, d.version, s.dept)


def five_four(s, handler, d):
    return lambda: s.cases.submit(handler, d.id, d.version, decision="不予处理", outcome=Outcome.EXCESSIVE)


def asked(s, clerk, chief, d, served_on=date(2025, 6, 5)):
    """The 要求说明理由通知书 (某自然资规依理〔2025〕1号, dated 2025年6月4日), signed and served."""
    letter = s.on_0604.sign(chief, s.on_0604.issue(clerk, d.id, LetterKind.REASONS_REQUEST).id)
    return s.notices.record_served(clerk, d.id, d.version, letter.id, served_on), letter


def test_five_four_needs_the_request_served_and_the_answer(s, clerk, handler, chief):
    d = handling(s, clerk)
    refused(five_four(s, handler, d), "reasons_request", "要求说明理由通知书")
    letter = s.on_0604.issue(clerk, d.id, LetterKind.REASONS_REQUEST)
    refused(five_four(s, handler, d), "reasons_request")                  # a draft was never sent
    s.on_0604.sign(chief, letter.id)
    refused(five_four(s, handler, d), "served_on", "尚未登记送达")
    refused(lambda: s.notices.record_reasons_answer(clerk, d.id, d.version, "逾期未说明", date(2025, 6, 27)),
            "served_on")
    d = s.notices.record_served(clerk, d.id, d.version, letter.id, date(2025, 6, 5))
    refused(five_four(s, handler, d), "reasons_answer", "登记说明理由答复")
    assert s.requests.detail(d.id).status == "办理中"


def test_no_answer_only_after_the_period_and_the_reply_says_so(s, clerk, handler, chief):
    d, letter = asked(s, clerk, chief, handling(s, clerk))
    refused(lambda: s.notices.record_reasons_answer(clerk, d.id, d.version, "逾期未说明", date(2025, 6, 26)),
            "answered_on", "2025年6月26日届满")
    refused(lambda: s.notices.record_reasons_answer(clerk, d.id, d.version, "逾期未说明", date(2025, 6, 4)),
            "answered_on", "不能早于通知书送达日期")
    d = s.notices.record_reasons_answer(clerk, d.id, d.version, "逾期未说明", date(2025, 6, 27))
    assert any(e.kind == "说明理由答复" and e.new == "逾期未说明（2025-06-27）" for e in d.events)
    d = five_four(s, handler, d)()
    text = docx_text(s.letters.files(s.letters.issue(handler, d.id).id).docx)
    assert ("您申请公开政府信息的数量、频次明显超过合理范围，本机关于2025年6月4日以《要求说明理由通知书》"
            "（某自然资规依理〔2025〕1号）要求您说明理由，您未在规定期限内说明理由。") in text
    assert "您说明的理由不合理" not in text and "第三十五条" in text
    assert text.count("要求您说明") == 1                                  # recited once, in the ground


def test_unreasonable_reasons_are_worded_as_recorded(s, clerk, handler, chief):
    d, _ = asked(s, clerk, chief, handling(s, clerk))
    refused(lambda: s.notices.record_reasons_answer(clerk, d.id, d.version, "理由不合理", date(2025, 6, 20)),
            "note", "申请人说明的理由")
    refused(lambda: s.notices.record_reasons_answer(clerk, d.id, d.version, "合理", date(2025, 6, 20), "x"),
            "answer", "理由合理、理由不合理、逾期未说明")
    d = s.notices.record_reasons_answer(clerk, d.id, d.version, "理由不合理", date(2025, 6, 20),
                                        "称用于个人研究，未说明为何需要十年全部档案")
    refused(lambda: s.letters.issue(clerk, d.id, LetterKind.REASONABLE_DEADLINE), "override_due")
    d = s.cases.set_reasonable_deadline(chief, d.id, d.version, date(2025, 8, 29), "档案共1200卷")
    refused(lambda: s.letters.issue(clerk, d.id, LetterKind.REASONABLE_DEADLINE), "reasons_answer", "理由不合理")
    d = five_four(s, handler, d)()
    text = docx_text(s.letters.files(s.letters.issue(handler, d.id).id).docx)
    assert "要求您说明理由，您于2025年6月20日说明了理由，经审查，您说明的理由不合理。" in text


def test_reasonable_reasons_allow_the_later_deadline_and_refuse_five_four(s, clerk, handler, chief):
    d, _ = asked(s, clerk, chief, handling(s, clerk))
    d = s.notices.record_reasons_answer(clerk, d.id, d.version, "理由合理", date(2025, 6, 20), "诉讼举证所需")
    refused(five_four(s, handler, d), "reasons_answer", "理由合理")
    d = s.cases.set_reasonable_deadline(chief, d.id, d.version, date(2025, 8, 29), "档案共1200卷，需逐卷调阅")
    text = docx_text(s.letters.files(s.letters.issue(clerk, d.id, LetterKind.REASONABLE_DEADLINE).id).docx)
    assert ("本机关于2025年6月4日以《要求说明理由通知书》（某自然资规依理〔2025〕1号）要求您说明申请理由，"
            "您于2025年6月20日说明了理由。经审查，") in text
    assert "您说明的申请理由合理" in text and "将于2025年8月29日前作出答复" in text


def test_other_not_processed_grounds_need_no_reasons_request(s, clerk, handler):
    # only 五.4 (无正当理由大量反复) rests on Art 35; 五.1 信访举报投诉类 is decided without any notice
    d = handling(s, clerk)
    d = s.cases.submit(handler, d.id, d.version, decision="不予处理", outcome=Outcome.PETITION,
                       reasons="申请内容为对违法建设的举报，属于信访举报投诉类申请")
    assert (d.status, d.outcome) == ("待签批", "五.1")


def test_a_reply_on_the_merits_recites_the_reasons_request_and_the_later_deadline(s, clerk, handler, chief):
    """Art 35 without 五.4: the reasons were 合理, the chief set a later deadline (Fri 2025-08-29) and its
    延迟答复告知书 was signed (dated today, 2025年6月30日); the reply on the merits recites both notices."""
    d, _ = asked(s, clerk, chief, handling(s, clerk))
    d = s.notices.record_reasons_answer(clerk, d.id, d.version, "理由合理", date(2025, 6, 20), "诉讼举证所需")
    d = s.cases.set_reasonable_deadline(chief, d.id, d.version, date(2025, 8, 29), "档案共1200卷，需逐卷调阅")
    later = s.letters.sign(chief, s.letters.issue(clerk, d.id, LetterKind.REASONABLE_DEADLINE).id)
    d = s.cases.submit(handler, d.id, d.version, decision="信息不存在")
    text = docx_text(s.letters.files(s.letters.issue(handler, d.id).id).docx)
    assert ("本机关于2025年6月4日以《要求说明理由通知书》（某自然资规依理〔2025〕1号）要求您说明申请理由，"
            f"并于2025年6月30日以《延迟答复告知书》（{later.doc_number}）告知您延迟答复的合理期限。") in text


def test_the_applicants_answer_is_read_from_its_own_case(s, clerk, handler, chief):
    """Art 35: an answer recorded on one case is no answer on another case of the same office. Both requests
    dated 2025-06-04 and served 06-05; only the first answer (理由不合理, 06-20) is recorded."""
    first, _ = asked(s, clerk, chief, handling(s, clerk))
    second, _ = asked(s, clerk, chief, handling(s, clerk))
    first = s.notices.record_reasons_answer(clerk, first.id, first.version, "理由不合理", date(2025, 6, 20),
                                            "称用于个人研究")
    refused(five_four(s, handler, second), "reasons_answer", "登记说明理由答复")
    assert five_four(s, handler, first)().status == "待签批"
