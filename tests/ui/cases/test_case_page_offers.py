"""Issue 19: the case page offers only what the service allows (CaseService.standing) — no 决定公开 when
the third party agreed, no 审查通过 for the chief once a 法制审核员 is active, nothing of the lead
department's for another department's handler."""
# Fixtures come from tests/ui/desk_support.py by import, so test arguments reuse their names.
# ruff: noqa: F811

from dataclasses import replace
from datetime import date

import pytest

from PySide6.QtWidgets import QPushButton

from app.errors import PermissionDenied, ValidationError
from app.ui.common.change_hub import ChangeHub
from app.ui.cases.request_detail_view import RequestDetailView
from app.workflow.deadline import PauseKind
from app.workflow.transitions import Action
from app.workflow.vocabulary import Role
from tests.conftest import login_as
from tests.ui.desk_support import answers, application, office  # noqa: F401

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")
DECIDE = "决定公开（第三方不同意）"


def _view(qtbot, office, actor, rid):
    view = RequestDetailView(office.services, actor, ChangeHub())
    qtbot.addWidget(view)
    view.open(rid)
    return view


def _consulted(office, answer: str):
    s = office.services
    d = s.requests.register(office.clerk, application())
    d = s.cases.assign(office.clerk, d.id, d.version, office.dept)
    d = s.cases.start_consultation(office.handler, d.id, d.version, PauseKind.THIRD_PARTY, "某某公司",
                                   date(2025, 1, 21), date(2025, 1, 22))
    return s.cases.end_consultation(office.handler, d.id, d.version, date(2025, 2, 5), "", answer)


def test_decide_disclosure_is_offered_only_over_an_objection(qtbot, office, answers):
    agreed = _consulted(office, "同意")
    assert DECIDE not in _view(qtbot, office, office.handler, agreed.id).fact_buttons
    with pytest.raises(ValidationError, match="该第三方已同意公开"):          # and the service refuses it
        office.services.letter_facts.decide_disclosure_over_objection(
            office.handler, agreed.id, agreed.version, agreed.consultations[-1].id, "公共利益")
    objected = _consulted(office, "不同意")
    assert DECIDE in _view(qtbot, office, office.handler, objected.id).fact_buttons


def test_the_chief_is_not_offered_legal_review_once_a_reviewer_is_active(qtbot, office, answers, sqlite_db):
    s = office.services
    s.settings.save(office.admin, replace(s.settings.load(), legal_review=True, legal_review_days=1))
    d = s.requests.register(office.clerk, application())
    d = s.cases.assign(office.clerk, d.id, d.version, office.dept)
    d = s.cases.submit(office.handler, d.id, d.version, "予以公开", reasons="该信息由本机关保存")
    d = s.cases.sign_off(office.chief, d.id, d.version)
    assert set(_view(qtbot, office, office.chief, d.id).action_buttons) == {Action.LEGAL_PASS, Action.LEGAL_RETURN,
                                                                            Action.APPROVE_EXTENSION}
    login_as(sqlite_db, "legal1", "吴法审", Role.LEGAL)                      # the office names a reviewer
    assert set(_view(qtbot, office, office.chief, d.id).action_buttons) == {Action.APPROVE_EXTENSION}
    with pytest.raises(PermissionDenied, match="本机关已设法制审核员"):
        s.cases.legal_pass(office.chief, d.id, d.version, "合法")


def test_another_departments_handler_is_offered_nothing_of_the_case(qtbot, office, answers, sqlite_db):
    other_dept = office.services.office.save_department(office.admin, "执法监察支队").id
    stranger = login_as(sqlite_db, "handler9", "陈其他", Role.HANDLER, other_dept)
    d = _consulted(office, "不同意")
    own = _view(qtbot, office, office.handler, d.id)
    assert Action.SUBMIT in own.action_buttons and DECIDE in own.fact_buttons and "答复要素" in own.fact_buttons
    view = _view(qtbot, office, stranger, d.id)
    assert view.action_buttons == {}
    assert not {DECIDE, "答复要素", "登记对方收到日期"} & set(view.fact_buttons)


def test_an_assisting_handler_sees_neither_the_full_contact_nor_an_attachment_button(qtbot, office, answers,
                                                                                       sqlite_db, tmp_path):
    # the 协办 department's handler answers its task; the case's files and the applicant's full ID and phone
    # stay with those handling it (the button is not there, and the service refuses it alike)
    s = office.services
    assisting = s.office.save_department(office.admin, "不动产登记处").id
    helper = login_as(sqlite_db, "handler8", "孙协办", Role.HANDLER, assisting)
    d = s.requests.register(office.clerk, application(phone="13812345678"))
    d = s.cases.assign(office.clerk, d.id, d.version, office.dept)
    s.tasks.add_task(office.clerk, d.id, assisting, "核对不动产登记信息。", date(2025, 7, 4))   # today 06-30
    own = _view(qtbot, office, office.handler, d.id)
    own.show()
    assert own.reveal_button is not None and not own.attachments.add_button.isHidden()
    view = _view(qtbot, office, helper, d.id)
    view.show()
    assert view.reveal_button is None and view.attachments.add_button.isHidden()
    assert view.attachments.save_button.isHidden() and view.letter_button is None   # letters name the applicant
    assert "打印受理回执" not in [b.text() for b in view.findChildren(QPushButton)]
    assert "打印受理回执" in [b.text() for b in own.findChildren(QPushButton)]
    with pytest.raises(PermissionDenied, match="协办处室"):
        s.requests.contact(helper, d.id)
    a = s.attachments.add(office.handler, d.id, "身份证复印件.pdf", b"%PDF-1.4\n%%EOF\n")
    with pytest.raises(PermissionDenied, match="协办处室"):
        s.attachments.save_to(helper, a.id, tmp_path / "copy.pdf")
    assert not (tmp_path / "copy.pdf").exists()
