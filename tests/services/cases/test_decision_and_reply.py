"""提交签批 (decision → table 三 leaf, 答复理由 apart from 拟办意见), 登记答复 needing the signed 答复书,
the third party's 同意/不同意, and the live extension date (SQLite and PostgreSQL)."""

from datetime import date

import pytest

from app.errors import ValidationError
from app.services.cases.case_service import CaseService
from app.services.letters.letter_service import LetterService
from app.services.cases.request_service import RequestService
from app.workflow.deadline import PauseKind
from app.workflow.outcomes import Outcome
from app.workflow.vocabulary import ServiceMethod
from tests.conftest import fixed_today
from tests.services.helpers import add_department, request_input
from tests.services.letters.test_letter_service import docx_text

TODAY = date(2025, 6, 30)


@pytest.fixture
def svc(any_db):
    return (RequestService(any_db, fixed_today(TODAY)), CaseService(any_db, fixed_today(TODAY)),
            LetterService(any_db, fixed_today(TODAY)))


@pytest.fixture
def handling(any_db, svc, clerk):
    requests, cases, _ = svc
    d = requests.register(clerk, request_input())            # received Mon 2025-01-20
    return cases.assign(clerk, d.id, d.version, add_department(any_db))


def test_decision_fixes_the_leaf_or_asks_for_one(svc, handling, handler):
    _, cases, _ = svc
    d = handling
    with pytest.raises(ValidationError, match="“不予公开”须选择具体情形（年度报告表三第（三）项中的一项）"):
        cases.submit(handler, d.id, d.version, decision="不予公开")
    with pytest.raises(ValidationError, match="答复决定“予以公开”对应的办理结果为：予以公开；“属于国家秘密”与之不符"):
        cases.submit(handler, d.id, d.version, decision="予以公开", outcome=Outcome.STATE_SECRET)
    d = cases.submit(handler, d.id, d.version, decision="已主动公开",      # domain §4: 已主动公开 → （一）
                     reasons="该信息已于2025年1月10日在本局门户网站“政府信息公开”栏目主动公开")
    assert (d.decision, d.outcome) == ("已主动公开", "一.0")


def test_reasons_go_into_the_letter_and_the_opinion_stays_inside(svc, handling, handler):
    _, cases, letters = svc
    d = cases.submit(handler, handling.id, handling.version, decision="不予公开", outcome=Outcome.STATE_SECRET,
                     reasons="该附图已由保密行政管理部门确定为秘密级国家秘密", opinion="拟不予公开，请科长审定")
    assert (d.decision_reasons, d.handling_opinion) == ("该附图已由保密行政管理部门确定为秘密级国家秘密",
                                                        "拟不予公开，请科长审定")
    text = docx_text(letters.files(letters.issue(handler, d.id).id).docx)
    assert "该附图已由保密行政管理部门确定为秘密级国家秘密" in text
    assert "拟不予公开" not in text and "请科长审定" not in text
    audit = {(e.field, e.new, e.actor) for e in d.events if e.kind == "拟办意见"}
    assert ("拟办意见", "拟不予公开，请科长审定", "handler1") in audit
    assert ("答复理由", "该附图已由保密行政管理部门确定为秘密级国家秘密", "handler1") in audit
    assert ("办理结果", "属于国家秘密", "handler1") in audit


def test_reply_is_recorded_only_with_the_signed_reply_letter(svc, handling, clerk, handler, chief):
    _, cases, letters = svc
    d = cases.submit(handler, handling.id, handling.version, decision="予以公开")
    d = cases.sign_off(chief, d.id, d.version)                # no reply drafted yet: nothing to freeze
    with pytest.raises(ValidationError, match="登记答复前须先出具并签发答复书"):
        cases.record_reply(clerk, d.id, d.version, None, date(2025, 2, 20), ServiceMethod.POST)
    assert svc[0].detail(d.id).status == "待答复"                # refused: nothing half-saved
    draft = letters.issue(clerk, d.id)
    with pytest.raises(ValidationError, match="登记答复前须先出具并签发答复书"):
        cases.record_reply(clerk, d.id, d.version, None, date(2025, 2, 20), ServiceMethod.POST)
    letters.sign(chief, draft.id)
    # the letter is dated TODAY: replied that day, never before it (issue 18 item 5)
    d = cases.record_reply(clerk, d.id, d.version, None, TODAY, ServiceMethod.POST)
    assert (d.status, d.outcome, d.reply_doc_number) == ("已答复", "一.0", "某自然资规依复〔2025〕1号")
    served = [e for e in d.events if e.field == "送达文书"]
    assert [(e.actor, e.old, e.new) for e in served] == [("clerk1", "", "某自然资规依复〔2025〕1号")]


def test_a_withdrawn_case_needs_no_reply_letter(svc, handling, clerk):
    _, cases, letters = svc
    d = cases.withdraw(clerk, handling.id, handling.version, date(2025, 2, 10), "申请人书面申请撤回")
    assert (d.status, d.outcome, d.reply_doc_number) == ("已答复", "六.3", "")
    assert letters.letters(d.id) == []
    assert cases.archive(clerk, d.id, d.version).status == "已归档"


def test_third_party_answer_shows_in_the_case_and_the_audit(svc, handling, handler):
    _, cases, _ = svc
    d = cases.start_consultation(handler, handling.id, handling.version, PauseKind.THIRD_PARTY, "某置业有限公司",
                                 date(2025, 1, 22), date(2025, 1, 23))
    with pytest.raises(ValidationError, match="对方意见应为"):
        cases.end_consultation(handler, d.id, d.version, date(2025, 2, 5), "", "也许")
    d = cases.end_consultation(handler, d.id, d.version, date(2025, 2, 5), "涉及商业秘密", "不同意")
    assert (d.consultations[0].answer, d.consultations[0].opinion) == ("不同意", "涉及商业秘密")
    [e] = [e for e in d.events if e.field == "某置业有限公司意见"]
    assert (e.actor, e.new, e.reason) == ("handler1", "不同意", "涉及商业秘密")


def test_extension_due_is_worked_out_before_approving(svc, handling):
    _, cases, _ = svc
    # received Mon 2025-01-20 → due Fri 2025-02-21 (domain §3 worked example)
    assert handling.deadline.reply_due == date(2025, 2, 21)
    assert cases.extension_due(handling.id, 5, date(2025, 2, 10)) == date(2025, 2, 28)    # Feb 24–28
    # 20 more: Feb 24–28 (5), Mar 3–7 (10), 10–14 (15), 17–21 (20)
    assert cases.extension_due(handling.id, 20, date(2025, 2, 10)) == date(2025, 3, 21)
    assert svc[0].detail(handling.id).extensions == ()           # nothing written


def test_paused_clock_says_so(svc, handling, clerk, handler):
    from app.workflow.deadline import ClockState
    from app.workflow.fees import FeeMethod

    _, cases, _ = svc
    d = cases.start_consultation(handler, handling.id, handling.version, PauseKind.OTHER_AGENCY, "某区住建局",
                                 date(2025, 6, 27))           # sent Fri 06-27, no receipt date: window from sending
    assert d.deadline.state is ClockState.PAUSED_CONSULTATION and str(d.deadline.state) == "暂停计时（征求意见中）"
    d = cases.end_consultation(handler, d.id, d.version, date(2025, 6, 30), "同意", "同意")
    assert d.deadline.state is ClockState.RUNNING
    d = cases.issue_fee_notice(clerk, d.id, d.version, FeeMethod.BY_VOLUME, 31, date(2025, 6, 30))
    assert str(d.deadline.state) == "暂停计时（待缴费）"
