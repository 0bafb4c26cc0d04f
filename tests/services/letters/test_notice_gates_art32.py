"""Art 32 (issue 18 item 4): 予以公开/部分公开 over a third party's 不同意 needs the Art 32 decision with its
决定公开政府信息告知书 served before 登记答复, or a recorded reason why the objection is not 合理.
Through the services on SQLite and PostgreSQL.

Dates: received Mon 2025-01-20; the third party is consulted 2025-02-05 and objects 2025-02-14. Letters are
dated the LetterService's today, 2025-06-30 (成文日期 2025年6月30日), so a 送达 on 06-29 runs backwards.
"""

from datetime import date

import pytest

from app.errors import ValidationError
from app.exports.letters.kinds import LetterKind
from app.services.cases.case_service import CaseService
from app.services.letters.letter_facts_service import LetterFactsService
from app.services.letters.letter_service import LetterService
from app.services.letters.notice_service import NoticeService
from app.services.cases.request_service import RequestService
from app.workflow.deadline import PauseKind
from app.workflow.outcomes import Outcome
from app.workflow.vocabulary import ServiceMethod
from tests.conftest import fixed_today
from tests.services.helpers import add_department, request_input
from tests.services.letters.test_letter_service import docx_text

TODAY = date(2025, 6, 30)
PARTY = "某某建设集团有限公司"


@pytest.fixture
def s(any_db):
    class S:
        requests = RequestService(any_db, fixed_today(TODAY))
        cases = CaseService(any_db, fixed_today(TODAY))
        letters = LetterService(any_db, fixed_today(TODAY))
        facts = LetterFactsService(any_db, fixed_today(TODAY))
        notices = NoticeService(any_db, fixed_today(TODAY))
        dept = add_department(any_db)
        db = any_db
    return S


def objected(s, clerk, handler, chief):
    """A case whose third party answered 不同意; its 征求第三方意见函 was signed (the reply recites it)."""
    d = s.requests.register(clerk, request_input())
    d = s.cases.assign(clerk, d.id, d.version, s.dept)
    d = s.cases.start_consultation(handler, d.id, d.version, PauseKind.THIRD_PARTY, PARTY,
                                   date(2025, 2, 5), date(2025, 2, 6))
    s.letters.sign(chief, s.letters.issue(handler, d.id, LetterKind.CONSULTATION).id)
    return s.cases.end_consultation(handler, d.id, d.version, date(2025, 2, 14), "涉及本公司商业秘密", "不同意")


def refused(call, field, *words):
    with pytest.raises(ValidationError) as e:
        call()
    assert e.value.field == field, e.value
    for w in words:
        assert w in e.value.message
    return e.value


def test_disclosure_over_objection_is_refused_at_submit_until_decided(s, clerk, handler, chief):
    d = objected(s, clerk, handler, chief)
    for decision, outcome, extra in (("予以公开", None, {}),
                                     ("部分公开", None, {"reasons": "附图中的个人信息已遮盖", "withheld_ground": "三.4"})):
        refused(lambda: s.cases.submit(handler, d.id, d.version, decision=decision, outcome=outcome, **extra),
                "disclosure_reasons", PARTY, "不同意公开", "决定公开（第三方不同意）", "第三方异议不合理")
    assert s.requests.detail(d.id).status == "办理中"                      # nothing half-saved
    # a refusal over the objection needs no Art 32 decision
    d = s.cases.submit(handler, d.id, d.version, decision="不予公开", outcome=Outcome.THIRD_PARTY,
                       reasons="涉及第三方商业秘密，第三方不同意公开")
    assert d.status == "待签批"


def test_objection_held_not_reasonable_lets_disclosure_proceed_without_a_notice(s, clerk, handler, chief):
    d = objected(s, clerk, handler, chief)
    cid = d.consultations[-1].id
    refused(lambda: s.notices.assess_objection(handler, d.id, d.version, cid, "  "), "objection_assessment")
    d = s.notices.assess_objection(handler, d.id, d.version, cid, "所称商业秘密已由该公司在其官网公开")
    assert any(e.kind == "第三方异议不合理" and e.new == "所称商业秘密已由该公司在其官网公开" for e in d.events)
    d = s.cases.submit(handler, d.id, d.version, decision="予以公开")
    letter = s.letters.issue(handler, d.id)
    d = s.cases.sign_off(chief, d.id, d.version)
    s.letters.sign(chief, letter.id)
    d = s.cases.record_reply(clerk, d.id, d.version, None, date(2025, 6, 30), ServiceMethod.DIRECT)
    assert (d.status, d.outcome) == ("已答复", "一.0")


def test_an_agreeing_party_needs_no_assessment(s, clerk, handler, chief):
    d = s.requests.register(clerk, request_input())
    d = s.cases.assign(clerk, d.id, d.version, s.dept)
    d = s.cases.start_consultation(handler, d.id, d.version, PauseKind.THIRD_PARTY, PARTY, date(2025, 2, 5))
    d = s.cases.end_consultation(handler, d.id, d.version, date(2025, 2, 14), "同意公开", "同意")
    refused(lambda: s.notices.assess_objection(handler, d.id, d.version, d.consultations[-1].id, "理由"),
            "consultation", "不同意")


def test_art32_notice_must_be_signed_and_served_before_the_reply_is_recorded(s, clerk, handler, chief):
    d = objected(s, clerk, handler, chief)
    cid = d.consultations[-1].id
    d = s.facts.decide_disclosure_over_objection(handler, d.id, d.version, cid,
                                                 "该规划许可涉及周边居民重大切身利益，不公开可能对公共利益造成重大影响")
    d = s.cases.submit(handler, d.id, d.version, decision="予以公开")         # allowed: the Art 32 decision
    written = LetterService(s.db, fixed_today(date(2025, 6, 20)))             # the reply is dated 2025-06-20
    letter = written.issue(handler, d.id)
    d = s.cases.sign_off(chief, d.id, d.version)
    written.sign(chief, letter.id)
    reply = lambda on=date(2025, 6, 30): s.cases.record_reply(clerk, d.id, d.version, None, on, ServiceMethod.DIRECT)
    refused(reply, "disclosure_notice", "决定公开政府信息告知书尚未签发")
    assert s.notices.unissued(d.id) == [(f"决定公开政府信息告知书（致{PARTY}）", "待出具并签发")]
    notice = s.letters.issue(clerk, d.id, LetterKind.DISCLOSURE_DECISION)
    assert s.notices.unissued(d.id) == [(f"决定公开政府信息告知书（致{PARTY}）", "已拟稿，待签发")]
    refused(lambda: s.notices.record_served(clerk, d.id, d.version, notice.id, date(2025, 6, 30)), "letter",
            "尚未签发")
    notice = s.letters.sign(chief, notice.id)
    refused(reply, "served_on", notice.doc_number, "尚未登记送达", "在本告知书送达后")
    assert s.notices.unissued(d.id) == [(f"决定公开政府信息告知书（{notice.doc_number}）", "待登记送达")]
    # 成文日期 2025-06-30: a 送达 on 06-29 runs backwards, 07-01 is after today
    refused(lambda: s.notices.record_served(clerk, d.id, d.version, notice.id, date(2025, 6, 29)), "served_on",
            "成文日期")
    refused(lambda: s.notices.record_served(clerk, d.id, d.version, notice.id, date(2025, 7, 1)), "served_on",
            "不能晚于今天")
    d = s.notices.record_served(clerk, d.id, d.version, notice.id, date(2025, 6, 30), "直接送达")
    assert s.notices.unissued(d.id) == []
    # its 送达回证 is the third party's: named as receiver (address written by hand), the method as recorded
    text = docx_text(s.letters.files(s.letters.issue(clerk, d.id, LetterKind.SERVICE,
                                                     LetterKind.DISCLOSURE_DECISION).id).docx)
    assert PARTY in text and "直接送达" in text and "李四" not in text
    reply = lambda on: s.cases.record_reply(clerk, d.id, d.version, None, on, ServiceMethod.DIRECT)
    refused(lambda: reply(date(2025, 6, 27)), "reply_date", "早于决定公开政府信息告知书送达第三方之日")
    d = reply(date(2025, 6, 30))
    assert d.status == "已答复"
    served = [e for e in d.events if e.kind == "通知书送达"]
    assert [(e.actor, e.new, e.reason) for e in served] == [("clerk1", "2025-06-30", "直接送达")]


def test_a_decision_changed_after_submit_is_still_checked_at_reply(s, clerk, handler, chief):
    """答复要素 can change the decision after 提交签批: 登记答复 asks the same question again."""
    d = objected(s, clerk, handler, chief)
    d = s.cases.submit(handler, d.id, d.version, decision="不予公开", outcome=Outcome.THIRD_PARTY,
                       reasons="涉及第三方商业秘密")
    d = s.cases.sign_off(chief, d.id, d.version)
    d = s.facts.set_reply_facts(handler, d.id, d.version, decision="予以公开")
    s.letters.sign(chief, s.letters.issue(handler, d.id).id)
    refused(lambda: s.cases.record_reply(clerk, d.id, d.version, None, date(2025, 6, 30), ServiceMethod.DIRECT),
            "disclosure_reasons", PARTY, "再登记答复")


def test_only_a_third_partys_no_is_an_objection(s, clerk, handler):
    # a third party that agreed, and another agency that answered 不同意 (its view, not an Art 32
    # objection): disclosure is submitted with no Art 32 decision and no assessment
    d = s.requests.register(clerk, request_input())
    d = s.cases.assign(clerk, d.id, d.version, s.dept)
    d = s.cases.start_consultation(handler, d.id, d.version, PauseKind.THIRD_PARTY, PARTY, date(2025, 2, 5))
    d = s.cases.end_consultation(handler, d.id, d.version, date(2025, 2, 14), "同意公开", "同意")
    d = s.cases.start_consultation(handler, d.id, d.version, PauseKind.OTHER_AGENCY, "某某区人民政府",
                                   date(2025, 2, 17))
    d = s.cases.end_consultation(handler, d.id, d.version, date(2025, 2, 20), "建议暂缓公开", "不同意")
    assert s.cases.submit(handler, d.id, d.version, decision="予以公开").status == "待签批"


def test_a_disclosure_decided_then_replaced_by_a_refusal_needs_no_disclosure_notice(s, clerk, handler, chief):
    # the Art 32 decision was recorded, but the case is then answered 不予公开 (商业秘密): no information
    # goes out, so the 决定公开政府信息告知书 is not required before 登记答复
    d = objected(s, clerk, handler, chief)
    d = s.facts.decide_disclosure_over_objection(handler, d.id, d.version, d.consultations[-1].id,
                                                 "该规划许可涉及周边居民重大切身利益，不公开可能对公共利益造成重大影响")
    d = s.cases.submit(handler, d.id, d.version, decision="不予公开", outcome=Outcome.THIRD_PARTY,
                       reasons="涉及第三方商业秘密，第三方不同意公开")
    letter = s.letters.issue(handler, d.id)
    d = s.cases.sign_off(chief, d.id, d.version)
    s.letters.sign(chief, letter.id)
    d = s.cases.record_reply(clerk, d.id, d.version, None, TODAY, ServiceMethod.DIRECT)
    assert (d.status, d.outcome) == ("已答复", "三.4")
