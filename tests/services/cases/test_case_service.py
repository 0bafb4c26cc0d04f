"""Every workflow action through the service: audit, deadlines, roles, conflicts (SQLite + PostgreSQL)."""

from datetime import date

import pytest

from app.errors import ConflictError, InvalidTransition, ValidationError
from app.services.cases.case_service import CaseService
from app.exports.letters.kinds import LetterKind
from app.services.letters.letter_service import LetterService
from app.services.letters.notice_service import NoticeService
from app.services.cases.request_service import RequestService
from app.workflow.deadline import PauseKind
from app.workflow.fees import FeeMethod
from app.workflow.outcomes import Outcome
from app.workflow.vocabulary import ServiceMethod
from app.services.letters.letter_facts_service import LetterFactsService
from tests.conftest import fixed_today
from tests.services.helpers import add_department, request_input

TODAY = date(2025, 6, 30)


@pytest.fixture
def svc(any_db):
    return RequestService(any_db, fixed_today(TODAY)), CaseService(any_db, fixed_today(TODAY))


def test_registration_to_archive_with_correction_and_extension(any_db, svc, clerk, handler, chief):
    requests, cases = svc
    dept = add_department(any_db)
    d = requests.register(clerk, request_input())                       # received 2025-01-20
    d = cases.request_correction(clerk, d.id, d.version, date(2025, 1, 22), "请写明小区名称")
    assert d.status == "待补正" and d.deadline.reply_due is None
    on_0122 = LetterService(any_db, fixed_today(date(2025, 1, 22)))        # the 补正 notice, signed that day
    on_0122.sign(chief, on_0122.issue(clerk, d.id, LetterKind.CORRECTION).id)
    d = cases.receive_correction(clerk, d.id, d.version, date(2025, 2, 10))
    # restart from Mon 2025-02-10: Feb 11–14 (4), 17–21 (9), 24–28 (14), Mar 3–7 (19), Mar 10 (20)
    assert d.deadline.reply_due == date(2025, 3, 10)
    d = cases.assign(clerk, d.id, d.version, dept)
    d = cases.approve_extension(chief, d.id, d.version, date(2025, 2, 20), 20, "需调取历史档案")
    # 20 more: Mar 11–14 (4), 17–21 (9), 24–28 (14), Mar 31–Apr 3 (18), Apr 4 清明 off, Apr 7, 8 (20)
    assert d.deadline.reply_due == date(2025, 4, 8)
    on_0220 = LetterService(any_db, fixed_today(date(2025, 2, 20)))        # the notice drafted at approval
    ext = on_0220.sign(chief, on_0220.issue(clerk, d.id, LetterKind.EXTENSION).id)
    d = NoticeService(any_db, fixed_today(TODAY)).record_served(clerk, d.id, d.version, ext.id, date(2025, 2, 21))
    d = cases.submit(handler, d.id, d.version, decision="予以公开", outcome=Outcome.DISCLOSED)
    d = cases.return_for_revision(chief, d.id, d.version, "请补充公开方式")
    assert d.status == "已退回"
    d = cases.submit(handler, d.id, d.version)
    # draft 答复书 with its 文号, dated Tue 2025-03-18: replied after it, never before (issue 18 item 5)
    reply = LetterService(any_db, fixed_today(date(2025, 3, 18))).issue(handler, d.id)
    d = cases.sign_off(chief, d.id, d.version, "同意")                         # approves; signs nothing
    LetterService(any_db, fixed_today(date(2025, 3, 18))).sign(chief, reply.id)   # the chief's 签发 signs it
    d = cases.record_reply(clerk, d.id, d.version, Outcome.DISCLOSED, date(2025, 3, 20), ServiceMethod.POST)
    assert (d.status, d.outcome, d.reply_date) == ("已答复", "一.0", date(2025, 3, 20))
    assert d.reply_doc_number == reply.doc_number == "某自然资规依复〔2025〕1号"
    d = cases.archive(clerk, d.id, d.version)
    assert d.status == "已归档"
    transitions = [(e.old, e.new) for e in d.events if e.field == "状态"]
    assert transitions == [("", "待审核"), ("待审核", "待补正"), ("待补正", "待审核"), ("待审核", "办理中"),
                           ("办理中", "办理中"), ("办理中", "待签批"), ("待签批", "已退回"),
                           ("已退回", "待签批"), ("待签批", "待答复"), ("待答复", "已答复"),
                           ("已答复", "已归档")]
    assert {e.actor for e in d.events} == {"clerk1", "handler1", "chief1"}
    with pytest.raises(ValidationError, match="已归档锁定"):
        requests.update(clerk, d.id, d.version, request_input(phone="1234567"))
    d = cases.unlock(chief, d.id, d.version, "更正送达日期")
    assert d.status == "已答复"


def test_clerk_cannot_sign_off(any_db, svc, clerk, handler):
    requests, cases = svc
    dept = add_department(any_db)
    d = requests.register(clerk, request_input())
    d = cases.assign(clerk, d.id, d.version, dept)
    d = cases.submit(handler, d.id, d.version, decision="予以公开")
    with pytest.raises(InvalidTransition, match="只能由科室负责人、管理员办理"):
        cases.sign_off(clerk, d.id, d.version)
    assert requests.detail(d.id).status == "待签批"


def test_consultation_and_fee_pauses_move_the_due_date(any_db, svc, clerk, handler):
    requests, cases = svc
    dept = add_department(any_db)
    d = requests.register(clerk, request_input(arrival_date=date(2025, 4, 3)))
    d = cases.assign(clerk, d.id, d.version, dept)
    d = cases.start_consultation(handler, d.id, d.version, PauseKind.THIRD_PARTY, "某公司", date(2025, 4, 8))
    d = cases.end_consultation(handler, d.id, d.version, date(2025, 4, 25), "不同意公开")
    assert d.deadline.reply_due == date(2025, 5, 23)     # ledger sample row 4, counted in test_deadline
    d = cases.issue_fee_notice(clerk, d.id, d.version, FeeMethod.BY_VOLUME, 250, date(2025, 5, 6))
    assert d.fees[0].amount == 4700
    d = cases.record_payment(clerk, d.id, d.version, date(2025, 5, 8))
    # fee window (May 6, May 8] = May 7, 8 → 2 more days: May 26, 27
    assert d.deadline.reply_due == date(2025, 5, 27)


def test_extension_rules(any_db, svc, clerk, chief):
    requests, cases = svc
    dept = add_department(any_db)
    d = requests.register(clerk, request_input())
    d = cases.assign(clerk, d.id, d.version, dept)
    with pytest.raises(ValidationError, match="最长不得超过20个工作日"):
        cases.approve_extension(chief, d.id, d.version, date(2025, 2, 10), 21, "理由")
    with pytest.raises(ValidationError, match="原答复期限（2025-02-21）届满前批准"):
        cases.approve_extension(chief, d.id, d.version, date(2025, 2, 24), 5, "理由")
    with pytest.raises(InvalidTransition, match="必须填写理由"):
        cases.approve_extension(chief, d.id, d.version, date(2025, 2, 10), 5, "")
    d = cases.approve_extension(chief, d.id, d.version, date(2025, 2, 10), 15, "理由")
    with pytest.raises(ValidationError, match="已延长15个"):
        cases.approve_extension(chief, d.id, d.version, date(2025, 2, 11), 10, "理由")


def test_lapsed_correction_closes_with_outcome_six_one(any_db, svc, clerk):
    requests, cases = svc
    d = requests.register(clerk, request_input())
    d = cases.request_correction(clerk, d.id, d.version, date(2025, 1, 22), "请补充", served_on=date(2025, 1, 24))
    d = cases.correction_lapsed(clerk, d.id, d.version, date(2025, 2, 28))
    assert (d.status, d.outcome, d.outcome_label) == ("已答复", "六.1", Outcome.NO_CORRECTION.label)


def test_lapse_is_refused_until_the_served_notices_period_has_passed(any_db, svc, clerk):
    requests, cases = svc
    d = requests.register(clerk, request_input())
    d = cases.request_correction(clerk, d.id, d.version, date(2025, 1, 22), "请补充", period_days=10)
    with pytest.raises(ValidationError, match="未送达"):
        cases.correction_lapsed(clerk, d.id, d.version, date(2025, 6, 1))
    facts = LetterFactsService(any_db, fixed_today(TODAY))
    d = facts.record_correction_served(clerk, d.id, d.version, date(2025, 1, 24))
    # served Fri 2025-01-24, the notice's own 10 working days (default 15): Sun Jan 26 make-up (1),
    # Jan 27 (2), Jan 28–Feb 4 春节 off, Feb 5–7 (5), Sat Feb 8 make-up (6), Feb 10–13 (10) → 2025-02-13
    assert d.corrections[-1].reply_due == date(2025, 2, 13)
    with pytest.raises(ValidationError, match="2025年2月13日届满"):
        cases.correction_lapsed(clerk, d.id, d.version, date(2025, 2, 13))
    d = cases.correction_lapsed(clerk, d.id, d.version, date(2025, 2, 14))
    assert d.outcome == "六.1"


def test_concurrent_actions_never_overwrite(any_db, svc, clerk):
    requests, cases = svc
    dept = add_department(any_db)
    d = requests.register(clerk, request_input())
    seen_by_both = d.version
    cases.assign(clerk, d.id, seen_by_both, dept)
    with pytest.raises(ConflictError, match="请刷新后重新操作"):
        cases.request_correction(clerk, d.id, seen_by_both, date(2025, 1, 22), "请补充")
    assert requests.detail(d.id).status == "办理中"


def test_reply_before_receipt_is_refused(any_db, svc, clerk):
    requests, cases = svc
    d = requests.register(clerk, request_input())
    with pytest.raises(ValidationError, match="答复日期不能早于收到申请之日"):
        cases.withdraw(clerk, d.id, d.version, date(2025, 1, 10), "申请人撤回")


def test_art35_reasonable_deadline(any_db, svc, clerk, admin):
    requests, cases = svc
    d = requests.register(clerk, request_input())
    with pytest.raises(ValidationError, match="必须填写理由"):
        cases.set_reasonable_deadline(admin, d.id, d.version, date(2025, 4, 30), "")
    d = cases.set_reasonable_deadline(admin, d.id, d.version, date(2025, 4, 30), "申请明显超出合理范围")
    assert d.deadline.reply_due == date(2025, 4, 30)
    assert ("合理期限", "", "2025-04-30") in [(e.field, e.old, e.new) for e in d.events]


def test_not_responsible_counts_as_the_office_configures(any_db, svc, clerk, handler, admin):
    from dataclasses import replace

    from app.services.settings_service import SettingsService

    requests, cases = svc
    dept = add_department(any_db)
    settings = SettingsService(any_db, fixed_today(TODAY))
    settings.save(admin, replace(settings.load(), not_responsible_outcome="六.3"))
    d = requests.register(clerk, request_input())
    d = cases.assign(clerk, d.id, d.version, dept)
    d = cases.submit(handler, d.id, d.version, decision="非本机关负责",
                     reasons="该信息由某某市住房和城乡建设局负责公开，联系电话0571-87000000")
    assert (d.decision, d.outcome) == ("非本机关负责", "六.3")
