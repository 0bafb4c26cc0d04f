"""Dates never run backwards (issue 18 item 5, domain §7), on SQLite and PostgreSQL: a reply or service date
before the signed 答复书's 成文日期, a 协办 task due before its assignment, a handling-stage notice after
the reply are refused, naming the field; the dates on or after are allowed."""

from datetime import date

import pytest

from app.errors import ValidationError
from app.exports.letters.kinds import LetterKind
from app.services.cases.case_service import CaseService
from app.services.letters.letter_service import LetterService
from app.services.cases.request_service import RequestService
from app.services.cases.task_service import TaskService
from app.workflow.outcomes import Outcome
from app.workflow.vocabulary import ServiceMethod
from tests.conftest import fixed_today
from tests.services.helpers import add_department, request_input

TODAY = date(2025, 6, 30)
WRITTEN = date(2025, 2, 14)          # the day the 答复书 is drafted and signed: its 成文日期


@pytest.fixture
def s(any_db):
    class S:
        requests = RequestService(any_db, fixed_today(TODAY))
        cases = CaseService(any_db, fixed_today(TODAY))
        letters = LetterService(any_db, fixed_today(WRITTEN))
        tasks = TaskService(any_db, fixed_today(date(2025, 1, 22)))
        dept = add_department(any_db)
    return S


def signed_case(s, clerk, handler, chief):
    d = s.requests.register(clerk, request_input())                          # received Mon 2025-01-20
    d = s.cases.assign(clerk, d.id, d.version, s.dept)
    d = s.cases.submit(handler, d.id, d.version, decision="予以公开")
    letter = s.letters.issue(handler, d.id)                                   # dated 2025年2月14日
    d = s.cases.sign_off(chief, d.id, d.version, "同意")
    s.letters.sign(chief, letter.id)                                          # 签发 is its own act
    return s.requests.detail(d.id)


def test_reply_and_service_dates_not_before_the_letters_date(s, clerk, handler, chief):
    d = signed_case(s, clerk, handler, chief)
    with pytest.raises(ValidationError, match="答复日期（2025年2月13日）早于所送达答复书（某自然资规依复〔2025〕1号）"
                                              "的成文日期2025年2月14日") as e:
        s.cases.record_reply(clerk, d.id, d.version, None, date(2025, 2, 13), ServiceMethod.POST)
    assert e.value.field == "reply_date" and "请核对答复日期" in e.value.message
    with pytest.raises(ValidationError, match="送达日期（2025年2月13日）早于") as e:
        s.cases.record_reply(clerk, d.id, d.version, None, WRITTEN, ServiceMethod.DIRECT, date(2025, 2, 13))
    assert e.value.field == "service_date"
    assert s.requests.detail(d.id).status == "待答复"                      # nothing half-saved
    d = s.cases.record_reply(clerk, d.id, d.version, None, WRITTEN, ServiceMethod.DIRECT, WRITTEN)
    assert (d.status, d.reply_date, d.service_date) == ("已答复", WRITTEN, WRITTEN)


def test_task_due_not_before_its_assignment(s, clerk):
    d = s.requests.register(clerk, request_input())
    d = s.cases.assign(clerk, d.id, d.version, s.dept)
    # assigned on Wed 2025-01-22 (the task service's today): due the day before is refused
    with pytest.raises(ValidationError, match="协办期限（2025年1月21日）不能早于分派日期2025年1月22日") as e:
        s.tasks.add_task(clerk, d.id, s.dept, "核查许可证", date(2025, 1, 21))
    assert e.value.field == "due_on"
    t = s.tasks.add_task(clerk, d.id, s.dept, "核查许可证", date(2025, 1, 22))      # the same day is fine
    with pytest.raises(ValidationError, match="不能早于分派日期") as e:
        s.tasks.edit_task(clerk, t.id, t.version, "核查许可证", date(2025, 1, 20), None)
    assert e.value.field == "due_on"
    assert s.tasks.edit_task(clerk, t.id, t.version, "核查许可证", date(2025, 2, 14), None).due_on == date(2025, 2, 14)


@pytest.mark.parametrize("kind", [LetterKind.CORRECTION, LetterKind.EXTENSION, LetterKind.CONSULTATION,
                                  LetterKind.AGENCY_CONSULTATION, LetterKind.FEE, LetterKind.REASONS_REQUEST,
                                  LetterKind.REASONABLE_DEADLINE])
def test_no_handling_notice_after_the_reply(s, clerk, handler, chief, kind):
    d = signed_case(s, clerk, handler, chief)
    d = s.cases.record_reply(clerk, d.id, d.version, None, WRITTEN, ServiceMethod.POST)
    before = s.letters.letters(d.id)
    with pytest.raises(ValidationError, match=f"该申请已于2025年2月14日答复（已答复），办理阶段的{kind.value}不能再出具") as e:
        s.letters.issue(clerk, d.id, kind)
    assert e.value.field == "kind"
    with pytest.raises(ValidationError, match="办理阶段"):
        s.letters.preview(d.id, kind)
    assert s.letters.letters(d.id) == before                         # no 文号 taken


def test_service_record_and_reply_stay_allowed_after_the_reply(s, clerk, handler, chief):
    d = signed_case(s, clerk, handler, chief)
    d = s.cases.record_reply(clerk, d.id, d.version, Outcome.DISCLOSED, WRITTEN, ServiceMethod.POST)
    assert s.letters.issue(clerk, d.id, LetterKind.SERVICE).kind == LetterKind.SERVICE.value
    assert s.letters.issue(clerk, d.id).signed                       # the signed reply, as it was


def test_a_handling_notice_is_issued_while_the_case_is_open(s, clerk, handler, chief):
    d = s.requests.register(clerk, request_input())
    d = s.cases.assign(clerk, d.id, d.version, s.dept)
    d = s.cases.approve_extension(chief, d.id, d.version, date(2025, 2, 10), 5, "需调取历史档案")
    assert s.letters.issue(clerk, d.id, LetterKind.EXTENSION).doc_number == "某自然资规依延〔2025〕1号"
