"""合法性审查 in the window: 管理 → 流程 switches it on; the 法制审核员's buttons and real dialogs."""
# ruff: noqa: F811

import pytest
from PySide6.QtCore import Qt

from app.ui.common.change_hub import ChangeHub
from app.ui.cases.request_detail_view import RequestDetailView
from app.ui.settings.settings_view import SettingsView
from app.workflow.transitions import Action
from app.workflow.vocabulary import Role
from tests.ui.desk_support import application, office  # noqa: F401
from tests.ui.modal_support import ModalAnswers, set_text

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def _view(qtbot, office, actor, hub):
    v = RequestDetailView(office.services, actor, hub)
    qtbot.addWidget(v)
    return v


def _press(qtbot, view, action, modal: ModalAnswers, fill=lambda d: None):
    modal.next(fill)
    qtbot.mouseClick(view.action_buttons[action], Qt.LeftButton)
    qtbot.waitUntil(lambda: modal.pending == 0)
    assert modal.stuck == []


def test_switched_on_in_settings_then_returned_and_passed(qtbot, office):
    s, o = office.services, office.services.office
    o.create_user(office.admin, "legal1", "钱法制", Role.LEGAL, "secret1")
    legal = o.login("legal1", "secret1")
    page = SettingsView(s, office.admin)
    qtbot.addWidget(page)
    tab = [page.tabs.tabText(i) for i in range(page.tabs.count())].index("流程")
    page.tabs.setCurrentIndex(tab)
    form = page.workflow_form
    assert not form.legal_review.isChecked() and form.share.text() == "未启用：签批同意后直接进入“待答复”。"
    form.legal_review.setChecked(True)
    assert form.share.text() == ("承办处室在应答复日期前3个工作日报送草稿；其中签批1个工作日（报送当日起）、"
                                 "合法性审查1个工作日（占1/3）、送达1个工作日。")
    qtbot.mouseClick(form.save_button, Qt.LeftButton)
    assert s.settings.load().legal_review and form.status.text() == "已保存：合法性审查已启用。"

    d = s.requests.register(office.clerk, application())
    d = s.cases.assign(office.clerk, d.id, d.version, office.dept, office.handler.user_id)
    d = s.cases.submit(office.handler, d.id, d.version, "信息不存在", reasons="经检索档案室，未找到该许可证。")
    hub, modal = ChangeHub(), ModalAnswers()
    chief = _view(qtbot, office, office.chief, hub)
    chief.open(d.id)
    _press(qtbot, chief, Action.SIGN_OFF, modal)
    assert modal.seen[-1] == ("签批同意", "<p>拟答复决定：信息不存在</p><p>答复理由（印入答复书）：经检索档案室，未找到该许可证。"
                                      "</p><p>拟办意见（内部）：未填写</p><p>本机关已启用合法性审查：签批同意后送法制审核员审查，"
                                      "审查通过后方可答复。</p>")       # what the applicant will read (issue 19)
    assert chief.status_badge.text() == "待合法性审查"

    reviewer = _view(qtbot, office, legal, hub)
    reviewer.open(d.id)
    assert list(reviewer.action_buttons) == [Action.LEGAL_PASS, Action.LEGAL_RETURN]
    _press(qtbot, reviewer, Action.LEGAL_RETURN, modal, lambda dlg: set_text(dlg, "reason", "请写明检索范围"))
    assert reviewer.status_badge.text() == "已退回" and reviewer.action_buttons == {}
    title, intro = modal.seen[-1]
    # received 2025-01-20 → due 2025-02-21 (domain §3); draft 02-18, sign-off 02-19, review 02-20
    assert title == "审查退回" and "合法性审查应于2025年2月20日前完成" in intro

    handler = _view(qtbot, office, office.handler, hub)
    handler.open(d.id)
    _press(qtbot, handler, Action.SUBMIT, modal)
    chief.open(d.id)
    _press(qtbot, chief, Action.SIGN_OFF, modal)
    reviewer.open(d.id)
    _press(qtbot, reviewer, Action.LEGAL_PASS, modal)           # the default opinion
    assert reviewer.status_badge.text() == "待答复"
    assert "审查通过。经审查，拟答复内容和办理程序合法，同意答复。" in reviewer.info.toPlainText()
    assert "审查退回。请写明检索范围" in reviewer.info.toPlainText()

    clerk = _view(qtbot, office, office.clerk, hub)
    clerk.open(d.id)
    modal.next(lambda dlg: None, "取消")                        # 签发: the opinion is in front of the clerk
    qtbot.mouseClick(clerk.action_buttons[Action.RECORD_REPLY], Qt.LeftButton)
    qtbot.waitUntil(lambda: modal.pending == 0)
    assert modal.seen[-1][1].startswith("合法性审查意见（通过，")
    assert "经审查，拟答复内容和办理程序合法，同意答复。" in modal.seen[-1][1]
