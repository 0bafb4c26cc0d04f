"""Where a journey starts: the case as earlier steps of the day left it, made through the services by
users who logged in (each role's own journey covers those steps in the window)."""

from __future__ import annotations

from datetime import date

from app.services.dto import RequestInput
from app.workflow.outcomes import Outcome
from tests.journeys.conftest import PASSWORD

NAME = "欧阳明月"
REASONS = "所申请的附图已由保密行政管理部门确定为秘密级国家秘密，依法不予公开"
OPINION = "拟不予公开，请科长审定"


def _login(office, username: str):
    return office.services.office.login(username, PASSWORD)


def assigned(office, arrival: date = date(2025, 6, 16)):
    """Registered Mon 2025-06-16 in person (reply due 2025-07-14), handed to 规划科 / 李承办."""
    s = office.services
    clerk = _login(office, "clerk1")
    d = s.requests.register(clerk, RequestInput(
        applicant_name=NAME, applicant_type="自然人", channel="当面", arrival_date=arrival,
        description="申请公开江南花园小区建设工程规划许可证及附图", requested_form="电子",
        delivery="电子邮件", email="oyang@example.cn"))
    handler_id = next(u.id for u in s.office.users() if u.username == "handler1")
    return s.cases.assign(clerk, d.id, d.version, office.dept, handler_id)


def submitted(office):
    d = assigned(office)
    handler = _login(office, "handler1")
    return office.services.cases.submit(handler, d.id, d.version, "不予公开", Outcome.STATE_SECRET,
                                        REASONS, OPINION)


def approved(office):
    """Signed off, the reply drafted by the handler and signed (签发) by the chief after the sign-off."""
    d = submitted(office)
    draft = office.services.letters.issue(_login(office, "handler1"), d.id)
    chief = _login(office, "chief1")
    d = office.services.cases.sign_off(chief, d.id, d.version, "同意")
    office.services.letters.sign(chief, draft.id)
    return office.services.requests.detail(d.id)
