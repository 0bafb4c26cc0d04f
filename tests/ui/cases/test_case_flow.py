"""One case through the real widgets, registration to archive: 补正, extension, return, sign-off."""
# Fixtures come from tests/ui/desk_support.py by import, so test arguments reuse their names.
# ruff: noqa: F811

from datetime import date

import pytest
from PySide6.QtCore import Qt

from app.errors import InvalidTransition
from app.exports.letters.kinds import LetterKind
from app.ui.cases.case_actions import FORMS, ActionContext
from app.ui.common.change_hub import ChangeHub
from app.ui.common.form_dialog import FormDialog, to_qdate
from app.ui.main_window import MainWindow
from app.ui.cases.request_detail_view import RequestDetailView
from app.workflow.deadline import PauseKind
from app.workflow.fees import FeeMethod
from app.workflow.outcomes import Outcome
from app.workflow.transitions import Action
from app.workflow.vocabulary import ServiceMethod
from tests.ui.desk_support import TODAY, answers, application, office, type_text, ui_settings  # noqa: F401

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def _buttons(view) -> list[str]:
    return [a.value for a in view.action_buttons]


def _click(qtbot, view, action: Action, **answer):
    """Press the action's button and answer its dialog (or confirmation) with ``answer``."""
    answers = view._test_answers
    if answer:
        answers.form_answers.append(answer)
    qtbot.mouseClick(view.action_buttons[action], Qt.LeftButton)
    assert answers.messages("error") == [] and answers.messages("warn") == []


def _detail_view(qtbot, office, actor, hub, answers):
    view = RequestDetailView(office.services, actor, hub)
    view._test_answers = answers
    qtbot.addWidget(view)
    return view


def _register_through_the_form(qtbot, window) -> int:
    reg = window.registration
    window.new_action.trigger()                                     # Ctrl+N
    assert window.current_page() is reg
    type_text(reg.form.widgets["applicant_name"], "李四")
    reg.form.widgets["description"].setPlainText("申请公开某小区规划许可证及附图")
    reg.form.widgets["arrival_date"].setDate(to_qdate(date(2025, 1, 20)))
    with qtbot.waitSignal(reg.registered) as saved:
        window.save_action.trigger()                                # Ctrl+S
    qtbot.mouseClick(reg.open_button, Qt.LeftButton)               # 查看详情
    assert window.current_page() is window.detail
    return saved.args[0]


def test_registration_to_archive_with_correction_extension_return_and_sign_off(
        qtbot, office, answers, ui_settings):
    window = MainWindow(office.services, office.clerk, ui_settings)
    qtbot.addWidget(window)
    window._test_answers = answers
    rid = _register_through_the_form(qtbot, window)
    clerk = window.detail
    clerk._test_answers = answers
    assert clerk.status_badge.text() == "待审核"
    # TODAY is 2025-06-30, so every due date below is already past: the badge says 已逾期.
    # 审核 belongs to the clerk (domain §1): assign, ask for 补正, or record a withdrawal
    assert _buttons(clerk) == ["审核交办", "告知补正", "申请人撤回"]

    _click(qtbot, clerk, Action.REQUEST_CORRECTION, requested_on=date(2025, 1, 22), content="请写明小区名称")
    assert clerk.status_badge.text() == "待补正" and clerk.due_badge.text() == "待补正"
    _click(qtbot, clerk, Action.RECEIVE_CORRECTION, received_on=date(2025, 2, 10))
    # restart from Mon 2025-02-10: Feb 11–14 (4), 17–21 (9), 24–28 (14), Mar 3–7 (19), Mar 10 (20)
    assert clerk.due_badge.text() == "应答复：2025-03-10（已逾期）"
    _click(qtbot, clerk, Action.ASSIGN, department_id=office.dept, handler_id=office.handler.user_id)
    assert clerk.status_badge.text() == "办理中"
    letters = office.services.letters      # the 补正 notice, signed by the handling department's chief
    letters.sign(office.chief, letters.issue(office.clerk, rid, LetterKind.CORRECTION).id)

    chief = _detail_view(qtbot, office, office.chief, window.hub, answers)
    chief.open(rid)
    assert _buttons(chief) == ["批准延期"]
    _click(qtbot, chief, Action.APPROVE_EXTENSION, approved_on=date(2025, 2, 20), days=20, reason="需调取历史档案")
    # 20 more: Mar 11–14 (4), 17–21 (9), 24–28 (14), Mar 31–Apr 3 (18), Apr 4 清明 off, Apr 7, 8 (20)
    assert chief.due_badge.text() == "应答复：2025-04-08（已逾期）"
    assert "延长答复期限：20个工作日" in chief.deadline.toPlainText()
    ext = letters.sign(office.chief, letters.letters(rid)[-1].id)          # its notice, drafted at approval
    office.services.notices.record_served(office.clerk, rid, office.services.requests.detail(rid).version, ext.id,
                                          TODAY)

    handler = _detail_view(qtbot, office, office.handler, window.hub, answers)
    handler.open(rid)
    _click(qtbot, handler, Action.SUBMIT, decision="予以公开", outcome=Outcome.DISCLOSED, reasons="拟予公开")
    assert handler.status_badge.text() == "待签批"

    clerk.open(rid)
    assert "签批同意" not in _buttons(clerk) and "退回修改" not in _buttons(clerk)

    chief.open(rid)
    assert _buttons(chief) == ["批准延期", "签批同意", "退回修改"]
    _click(qtbot, chief, Action.RETURN, reason="请补充公开方式")
    assert chief.status_badge.text() == "已退回"
    handler.open(rid)
    _click(qtbot, handler, Action.SUBMIT, decision="予以公开", outcome=Outcome.DISCLOSED, reasons="已补充公开方式")
    draft = office.services.letters.issue(office.handler, rid)      # the draft 答复书
    chief.open(rid)
    _click(qtbot, chief, Action.SIGN_OFF, opinion="同意")
    assert chief.status_badge.text() == "待答复"
    assert not office.services.letters.get(draft.id).signed          # 签批 signs nothing (issue 19)
    office.services.letters.sign(office.chief, draft.id)             # the chief's 签发 does

    clerk.open(rid)
    # the 答复书 is dated today (2025-06-30): replied the same day, never before it (issue 18 item 5)
    _click(qtbot, clerk, Action.RECORD_REPLY, outcome=Outcome.DISCLOSED, reply_date=TODAY,
           service_method=ServiceMethod.POST, service_date=None)
    assert clerk.status_badge.text() == "已答复"
    _click(qtbot, clerk, Action.ARCHIVE)                            # a yes/no question only
    assert answers.messages("confirm")[-1].startswith("确定将申请")
    assert clerk.status_badge.text() == "已归档" and _buttons(clerk) == []
    assert clerk.edit_button is None                              # archived: locked for editing

    d = office.services.requests.detail(rid)
    transitions = [(e.old, e.new) for e in d.events if e.field == "状态"]
    assert transitions == [("", "待审核"), ("待审核", "待补正"), ("待补正", "待审核"), ("待审核", "办理中"),
                           ("办理中", "办理中"), ("办理中", "待签批"), ("待签批", "已退回"),
                           ("已退回", "待签批"), ("待签批", "待答复"), ("待答复", "已答复"),
                           ("已答复", "已归档")]
    assert clerk.events.rowCount() == len(d.events)
    assert {clerk.events.index(r, 1).data() for r in range(clerk.events.rowCount())} == {"王登记", "李承办", "赵科长"}
    chief.open(rid)
    assert _buttons(chief) == ["解锁"]


def test_clerk_cannot_sign_off_button_absent_and_service_refuses(qtbot, office, answers):
    s = office.services
    d = s.requests.register(office.clerk, application())
    d = s.cases.assign(office.clerk, d.id, d.version, office.dept)
    d = s.cases.submit(office.handler, d.id, d.version, "予以公开")
    clerk = _detail_view(qtbot, office, office.clerk, window_hub(), answers)
    clerk.open(d.id)
    assert clerk.status_badge.text() == "待签批"
    assert Action.SIGN_OFF not in clerk.action_buttons and Action.RETURN not in clerk.action_buttons
    with pytest.raises(InvalidTransition, match="“签批同意”只能由科室负责人、管理员办理，当前用户角色为“登记员”"):
        s.cases.sign_off(office.clerk, d.id, d.version)
    handler = _detail_view(qtbot, office, office.handler, window_hub(), answers)
    handler.open(d.id)
    assert _buttons(handler) == []                 # nothing for the handler while it waits for sign-off


def window_hub() -> ChangeHub:
    return ChangeHub()


def test_concurrent_edit_reloads_with_a_clear_message(qtbot, office, answers):
    s = office.services
    d = s.requests.register(office.clerk, application())
    hub = window_hub()
    first = _detail_view(qtbot, office, office.clerk, hub, answers)
    second = _detail_view(qtbot, office, office.clerk2, hub, answers)
    first.open(d.id)
    second.open(d.id)
    answers.form_answers.append(dict(department_id=office.dept, handler_id=None))
    qtbot.mouseClick(first.action_buttons[Action.ASSIGN], Qt.LeftButton)
    answers.form_answers.append(dict(requested_on=date(2025, 1, 22), content="请写明小区名称"))
    qtbot.mouseClick(second.action_buttons[Action.REQUEST_CORRECTION], Qt.LeftButton)  # stale version
    assert answers.messages("warn") == ["申请“某自然资规依申〔2025〕1号”已被其他用户修改，请刷新后重新操作。\n\n"
                                        "已重新载入最新内容，请核对后再操作。"]
    assert second.status_badge.text() == "办理中" and second.detail.version == first.detail.version
    assert s.requests.detail(d.id).corrections == ()                 # nothing overwritten


def test_action_dialog_shows_errors_at_the_field(qtbot, office, answers):
    s = office.services
    d = s.requests.register(office.clerk, application())
    d = s.cases.assign(office.clerk, d.id, d.version, office.dept)
    form = FORMS[Action.APPROVE_EXTENSION](ActionContext(s, office.chief, d, TODAY))
    dialog = FormDialog(None, form.title, form.fields, form.submit, form.intro, form.preview, TODAY)
    qtbot.addWidget(dialog)
    dialog._widgets["approved_on"].setDate(to_qdate(date(2025, 2, 20)))
    dialog._accept()                                   # reason left empty
    assert dialog._errors["reason"].text() == "请填写理由。" and dialog.result() == 0
    dialog._widgets["reason"].setPlainText("需调取历史档案")
    dialog._widgets["approved_on"].setDate(to_qdate(date(2025, 3, 20)))   # after the original due date
    dialog._accept()
    # received 2025-01-20 → due 2025-02-21 (domain §3 worked example)
    assert dialog._errors["approved_on"].text() == "延期须在原答复期限（2025-02-21）届满前批准。"
    dialog._widgets["approved_on"].setDate(to_qdate(date(2025, 2, 20)))
    dialog._accept()
    assert dialog.result() == 1 and dialog.result_value.deadline.extension_days == 20


def test_consultation_and_fee_through_the_buttons(qtbot, office, answers):
    s = office.services
    d = s.requests.register(office.clerk, application(arrival_date=date(2025, 4, 3)))
    d = s.cases.assign(office.clerk, d.id, d.version, office.dept)
    handler = _detail_view(qtbot, office, office.handler, window_hub(), answers)
    handler.open(d.id)
    _click(qtbot, handler, Action.START_CONSULTATION, kind=PauseKind.THIRD_PARTY, party="某公司",
           sent_on=date(2025, 4, 8), party_received_on=None)
    assert handler.status_badge.text() == "征求意见中"
    _click(qtbot, handler, Action.END_CONSULTATION, answered_on=date(2025, 4, 25), opinion="不同意公开")
    assert handler.due_badge.text() == "应答复：2025-05-23（已逾期）"     # ledger sample row 4, counted by hand
    clerk = _detail_view(qtbot, office, office.clerk, window_hub(), answers)
    clerk.open(d.id)
    _click(qtbot, clerk, Action.ISSUE_FEE_NOTICE, method=FeeMethod.BY_VOLUME, quantity=250,
           issued_on=date(2025, 5, 6), received_on=None)
    assert clerk.status_badge.text() == "待缴费"
    assert "4700元" in clerk.info.toPlainText()                 # domain §5: 250 pages = 4,700元
    _click(qtbot, clerk, Action.RECORD_PAYMENT, paid_on=date(2025, 5, 8), amount=4700.0)
    assert clerk.status_badge.text() == "办理中"


def test_dialog_choices_come_back_as_the_enums_the_services_expect(qtbot, office, answers):
    """Qt would hand str-based enums back as plain str; the form must return the real members."""
    s = office.services
    d = s.requests.register(office.clerk, application(arrival_date=date(2025, 4, 3)))
    d = s.cases.assign(office.clerk, d.id, d.version, office.dept)
    form = FORMS[Action.START_CONSULTATION](ActionContext(s, office.handler, d, TODAY))
    dialog = FormDialog(None, form.title, form.fields, form.submit, form.intro, form.preview, TODAY)
    qtbot.addWidget(dialog)
    dialog._widgets["kind"].setCurrentIndex(1)
    type_text(dialog._widgets["party"], "某区住房和城乡建设局")
    dialog._widgets["sent_on"].setDate(to_qdate(date(2025, 4, 8)))
    assert dialog.values()["kind"] is PauseKind.OTHER_AGENCY
    dialog._accept()
    assert dialog.result() == 1
    assert dialog.result_value.consultations[0].kind == "征求其他机关意见"
    d = s.cases.end_consultation(office.handler, d.id, dialog.result_value.version, date(2025, 4, 25))
    form = FORMS[Action.ISSUE_FEE_NOTICE](ActionContext(s, office.clerk, d, TODAY))
    dialog = FormDialog(None, form.title, form.fields, form.submit, form.intro, form.preview, TODAY)
    qtbot.addWidget(dialog)
    type_text(dialog._widgets["quantity"], "250")
    dialog._widgets["issued_on"].setDate(to_qdate(date(2025, 5, 6)))
    assert dialog.values()["method"] is FeeMethod.BY_VOLUME
    assert dialog._preview_label.text() == "应收信息处理费：4700元"        # domain §5: 250 pages
    dialog._accept()
    assert dialog.result() == 1 and dialog.result_value.fees[0].amount == 4700
