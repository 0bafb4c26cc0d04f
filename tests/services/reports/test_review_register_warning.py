"""The register warns when a 复议前置 reply is recorded as sued directly (SQLite and PostgreSQL)."""

from datetime import date

from app.services.cases.case_service import CaseService
from app.services.cases.request_service import RequestService
from app.services.reports.review_register import ReviewInput, ReviewRegister
from app.workflow.outcomes import Outcome
from tests.conftest import fixed_today
from tests.services.helpers import add_department, request_input

TODAY = date(2025, 6, 30)


def _decided(db, clerk, handler, decision, outcome, reasons, name):
    requests, cases = RequestService(db, fixed_today(TODAY)), CaseService(db, fixed_today(TODAY))
    d = requests.register(clerk, request_input(applicant_name=name))
    d = cases.assign(clerk, d.id, d.version, add_department(db, name=f"{name}科"))
    return cases.submit(handler, d.id, d.version, decision=decision, outcome=outcome, reasons=reasons)


def test_direct_suit_against_a_review_first_refusal_is_flagged(any_db, clerk, handler):
    secret = _decided(any_db, clerk, handler, "不予公开", Outcome.STATE_SECRET, "附图为秘密级国家秘密", "李四")
    given = _decided(any_db, clerk, handler, "予以公开", None, "", "王五")
    register = ReviewRegister(any_db, fixed_today(TODAY))
    sued = register.add(clerk, ReviewInput("未经复议直接起诉", date(2025, 6, 2), request_number=secret.number))
    assert "属于行政复议前置情形（行政复议法第二十三条）" in sued.warning
    assert "请核对类别：是否应为“行政复议”或“复议后起诉”" in sued.warning
    # the allowed paths: review first against the refusal, a direct suit against a disclosure
    assert register.add(clerk, ReviewInput("行政复议", date(2025, 6, 2), request_number=secret.number)).warning == ""
    assert register.add(clerk, ReviewInput("复议后起诉", date(2025, 6, 20),
                                           request_number=secret.number)).warning == ""
    assert register.add(clerk, ReviewInput("未经复议直接起诉", date(2025, 6, 2),
                                           request_number=given.number)).warning == ""
    listed = {(e.kind, e.request_number): e.warning for e in register.entries(2025)}
    assert listed[("未经复议直接起诉", secret.number)] == sued.warning
    assert listed[("未经复议直接起诉", given.number)] == ""
