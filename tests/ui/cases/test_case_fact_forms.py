"""The facts letters need, entered through the case view's own buttons and forms (issue 14):
a 补正 notice's service, a party's receipt, the reply's facts, and the Art 32 decision to disclose."""
# Fixtures come from tests/ui/desk_support.py by import, so test arguments reuse their names.
# ruff: noqa: F811

import io
from datetime import date

import pytest
from docx import Document
from PySide6.QtCore import Qt

from app.errors import ValidationError
from app.exports.letters.kinds import LetterKind
from app.ui.common.change_hub import ChangeHub
from app.ui.cases.request_detail_view import RequestDetailView
from app.workflow.deadline import PauseKind
from app.workflow.outcomes import Outcome
from tests.ui.desk_support import answers, application, office  # noqa: F401

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def _view(qtbot, office, actor, answers):
    view = RequestDetailView(office.services, actor, ChangeHub())
    qtbot.addWidget(view)
    return view


def _press(qtbot, view, answers, label: str, **answer):
    answers.form_answers.append(answer)
    qtbot.mouseClick(view.fact_buttons[label], Qt.LeftButton)
    assert answers.messages("error") == [] and answers.messages("warn") == []


def _text(letters, letter) -> str:
    return "".join(p.text for p in Document(io.BytesIO(letters.files(letter.id).docx)).paragraphs)


def test_correction_service_and_consultation_receipt(qtbot, office, answers):
    s = office.services
    d = s.requests.register(office.clerk, application())
    d = s.cases.request_correction(office.clerk, d.id, d.version, date(2025, 1, 22), "请写明小区名称", 10)
    clerk = _view(qtbot, office, office.clerk, answers)
    clerk.open(d.id)
    assert "未送达" in clerk.info.toPlainText()
    _press(qtbot, clerk, answers, "登记补正送达", served_on=date(2025, 1, 24))
    # served Fri 2025-01-24, 10 working days: Sun Jan 26 make-up (1), Jan 27 (2), Jan 28–Feb 4 off,
    # Feb 5–7 (5), Sat Feb 8 make-up (6), Feb 10–13 (10) → 2025-02-13
    assert "2025年1月24日送达，应于2025年2月13日前补正" in clerk.info.toPlainText()
    assert "登记补正送达" not in clerk.fact_buttons

    d = s.cases.receive_correction(office.clerk, d.id, s.requests.detail(d.id).version, date(2025, 2, 10))
    d = s.cases.assign(office.clerk, d.id, d.version, office.dept)
    d = s.cases.start_consultation(office.handler, d.id, d.version, PauseKind.THIRD_PARTY, "某某公司",
                                   date(2025, 2, 11))
    handler = _view(qtbot, office, office.handler, answers)
    handler.open(d.id)
    assert "第三方收到日期未登记" in handler.info.toPlainText()
    _press(qtbot, handler, answers, "登记对方收到日期", consultation_id=d.consultations[-1].id,
           received_on=date(2025, 2, 12))
    assert "第三方收到日期未登记" not in handler.info.toPlainText()
    assert s.requests.detail(d.id).consultations[-1].party_received_on == date(2025, 2, 12)


def test_reply_facts_and_the_article_32_decision_from_the_case_view(qtbot, office, answers):
    s = office.services
    d = s.requests.register(office.clerk, application())
    d = s.cases.assign(office.clerk, d.id, d.version, office.dept)
    d = s.cases.start_consultation(office.handler, d.id, d.version, PauseKind.THIRD_PARTY, "某某公司",
                                   date(2025, 1, 21), date(2025, 1, 22))
    s.letters.sign(office.chief, s.letters.issue(office.handler, d.id, LetterKind.CONSULTATION).id)
    d = s.cases.end_consultation(office.handler, d.id, d.version, date(2025, 2, 5), "不同意公开", "不同意")
    handler = _view(qtbot, office, office.handler, answers)
    handler.open(d.id)
    _press(qtbot, handler, answers, "决定公开（第三方不同意）", consultation_id=d.consultations[-1].id,
           reasons="不公开可能对公共利益造成重大影响")
    notice = s.letters.issue(office.clerk, d.id, LetterKind.DISCLOSURE_DECISION)
    assert "决定公开的理由：不公开可能对公共利益造成重大影响。" in _text(s.letters, notice)

    d = s.requests.detail(d.id)
    with pytest.raises(ValidationError) as refused:           # the ground is asked at 提交签批 (issue 19)
        s.cases.submit(office.handler, d.id, d.version, decision="部分公开", outcome=Outcome.PARTIAL,
                       reasons="其中某某公司的报价属于商业秘密")
    assert refused.value.field == "withheld_ground"
    handler.open(d.id)
    _press(qtbot, handler, answers, "答复要素", withheld_ground="三.4")
    d = s.requests.detail(d.id)
    s.cases.submit(office.handler, d.id, d.version, decision="部分公开", outcome=Outcome.PARTIAL,
                   reasons="其中某某公司的报价属于商业秘密")
    reply = s.letters.issue(office.handler, d.id)
    assert "第三十七条、第十五条、第三十六条第（二）项、第三十六条第（三）项" in _text(s.letters, reply)
    assert [e.new for e in s.requests.detail(d.id).events if e.field == "不予公开部分的理由类别"] == ["三.4"]


def test_extension_reason_is_offered_only_while_blank_and_its_notice_then_prints_it(qtbot, office, answers):
    """Issue 18 item 2: an extension without 延期理由 (e.g. imported) — the button fills it, then disappears."""
    from app.models import Extension

    s = office.services
    d = s.requests.register(office.clerk, application())
    d = s.cases.assign(office.clerk, d.id, d.version, office.dept)
    d = s.cases.approve_extension(office.chief, d.id, d.version, date(2025, 2, 10), 10, "需调取历史档案")
    clerk = _view(qtbot, office, office.clerk, answers)
    clerk.open(d.id)
    assert "补录延期理由" not in clerk.fact_buttons                    # it has one
    with office.services.db.uow() as uow:                             # as the ledger import leaves it
        uow.session.query(Extension).update({"reason": ""})
        uow.commit()
    clerk.open(d.id)
    _press(qtbot, clerk, answers, "补录延期理由", reason="需调取档案馆存档图纸")
    assert "补录延期理由" not in clerk.fact_buttons
    assert "理由：需调取档案馆存档图纸" in clerk.info.toPlainText()
    letter = s.letters.issue(office.clerk, d.id, LetterKind.EXTENSION)
    assert "因需调取档案馆存档图纸，本机关不能在规定期限内作出答复" in _text(s.letters, letter)


def test_received_correction_content_is_asked_and_shown(qtbot, office, answers):
    """Issue 19: 收到补正 has a field for the corrected application's content."""
    from app.workflow.transitions import Action

    s = office.services
    d = s.requests.register(office.clerk, application())
    d = s.cases.request_correction(office.clerk, d.id, d.version, date(2025, 1, 22), "请写明小区名称")
    clerk = _view(qtbot, office, office.clerk, answers)
    clerk.open(d.id)
    answers.form_answers.append({"received_on": date(2025, 2, 10), "content": "申请公开江南花园小区规划许可证"})
    qtbot.mouseClick(clerk.action_buttons[Action.RECEIVE_CORRECTION], Qt.LeftButton)
    assert answers.messages("error") == []
    assert "补正后的申请：申请公开江南花园小区规划许可证" in clerk.info.toPlainText()
