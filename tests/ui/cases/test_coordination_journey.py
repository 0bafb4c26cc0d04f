"""Journey: a hard case through the real window — two departments (one after a 催办), a 会商 adopted,
legal review returns it once then passes it, the reply is signed and served."""
# ruff: noqa: F811

import os
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialog, QPushButton

from app.services.container import Services
from app.ui.letter.letter_preview_dialog import LetterPreviewDialog
from app.ui.login_dialog import LoginDialog
from app.ui.startup import build_window, start_session
from app.ui.common import prompts
from app.workflow.transitions import Action, TaskAction
from app.workflow.vocabulary import Role, ServiceMethod
from tests.conftest import fixed_today
from tests.modal import answer_modal
from tests.services.helpers import request_input
from tests.ui.form_dialog_support import choose
from tests.ui.modal_support import ModalAnswers, set_text

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")
TODAY = date(2025, 2, 17)      # Monday; the case below was received 2025-01-20 and is due 2025-02-21
SHOTS = os.environ.get("DD_SCREENSHOTS")     # a folder: the journey also saves its 1366×768 screenshots


@pytest.fixture
def desk(sqlite_db, tmp_path):
    services = Services.build(sqlite_db, fixed_today(TODAY))
    o = services.office
    o.create_user(None, "admin", "管理员", Role.ADMIN, "secret1")
    admin = o.login("admin", "secret1")
    depts = {n: o.save_department(admin, n).id for n in ("规划科", "法规科", "档案室")}
    for username, name, role, dept in (
            ("wangdj", "王登记", Role.CLERK, None), ("licb", "李承办", Role.HANDLER, "规划科"),
            ("sunfg", "孙法规", Role.HANDLER, "法规科"), ("zhouda", "周档案", Role.HANDLER, "档案室"),
            ("zhaokz", "赵科长", Role.CHIEF, None), ("qianfz", "钱法制", Role.LEGAL, None)):
        o.create_user(admin, username, name, role, "secret1", depts.get(dept))
    return services, depts, tmp_path


def login(qtbot, services, username: str, tmp_path: Path):
    """The real LoginDialog, answered like a person; then the real main window for that user."""
    def handle(dlg: LoginDialog):
        dlg.username.setText(username)
        dlg.password.setText("secret1")
        next(b for b in dlg.findChildren(QPushButton) if b.text() == "登录").click()
    answer = answer_modal(LoginDialog, handle)
    actor = start_session(services)
    answer.check()
    assert actor is not None and actor.username == username
    window = build_window(services, actor, QSettings(str(tmp_path / f"{username}.ini"), QSettings.IniFormat))
    window.resize(1366, 768)
    window.show()
    qtbot.addWidget(window)
    return window


def page(window, title: str):
    """Go to a navigation page (built on first show) and return the page widget."""
    window.nav.setCurrentRow(window.page_titles().index(title))
    holder = window.current_page()
    return getattr(holder, "page", None) or holder


def press(qtbot, modal: ModalAnswers, button, fill=lambda d: None, answer: str = "确定"):
    modal.next(fill, answer)
    qtbot.mouseClick(button, Qt.LeftButton)
    qtbot.waitUntil(lambda: modal.pending == 0)
    assert modal.stuck == []


def shot(qtbot, window, name: str) -> None:
    """With DD_SCREENSHOTS set: the window at 1366×768, styled as the app styles it, saved as PNG."""
    if SHOTS:
        from PySide6.QtWidgets import QApplication

        from app.ui.common.style import apply_style

        apply_style(QApplication.instance())
        window.resize(1366, 768)
        qtbot.wait(200)
        window.grab().save(str(Path(SHOTS) / name))


def test_hard_case_from_departments_to_served_reply(qtbot, desk):
    services, depts, tmp = desk
    modal = ModalAnswers()
    saved: list[str] = []
    prompts.set_answer("save_file", lambda title, suggested: saved.append(str(tmp / suggested)) or saved[-1])

    # seed: the case registered and assigned to 规划科 (the registration journey is another test's)
    clerk_actor = services.office.login("wangdj", "secret1")
    d = services.requests.register(clerk_actor, request_input())
    licb = next(u for u in services.office.users() if u.username == "licb")
    services.cases.assign(clerk_actor, d.id, d.version, depts["规划科"], licb.id)
    services.requests.register(clerk_actor, request_input(applicant_name="王五"))    # an ordinary case

    # 管理员: 管理 → 流程 turns 合法性审查 on
    admin = login(qtbot, services, "admin", tmp)
    settings_page = page(admin, "管理")
    settings_page.tabs.setCurrentWidget(settings_page.workflow_form)
    settings_page.workflow_form.legal_review.setChecked(True)
    qtbot.mouseClick(settings_page.workflow_form.save_button, Qt.LeftButton)
    assert services.settings.load().legal_review

    # 登记员: the case's 协办 tab — 法规科 and 档案室 get a task each
    clerk = login(qtbot, services, "wangdj", tmp)
    clerk.open_request(d.id)
    panel = clerk.detail.task_panel
    clerk.detail.tabs.setCurrentWidget(panel)
    press(qtbot, modal, panel.add_button, lambda dlg: (choose(dlg, "department_id", "法规科"),
                                                       set_text(dlg, "brief", "核查附图是否涉及第三方商业秘密")))
    press(qtbot, modal, panel.add_button, lambda dlg: (choose(dlg, "department_id", "档案室"),
                                                       set_text(dlg, "brief", "调取该小区2019年规划许可档案")))
    # due by default on the department draft due: Fri 02-21 less 3 working days = Tue 2025-02-18
    assert [(t.department, t.due_on) for t in panel.tasks] == [("法规科", date(2025, 2, 18)),
                                                               ("档案室", date(2025, 2, 18))]

    # 法规科 answers from its workbench
    law = login(qtbot, services, "sunfg", tmp)
    bench = law.workbench
    assert bench.dept_tasks.rowCount() == 1 and bench.dept_tasks.row_at(0).department == "法规科"
    bench.dept_tasks_table.doubleClicked.emit(bench.dept_tasks.index(0, 0))
    assert law.current_page() is law.detail
    assert [t.department for t in law.detail.task_panel.tasks] == ["法规科"]
    law.detail.task_panel.select("法规科")
    press(qtbot, modal, law.detail.task_panel.action_buttons[TaskAction.ANSWER], lambda dlg: (
        set_text(dlg, "findings", "附图为规划部门制作，不涉及第三方商业秘密"), choose(dlg, "proposed_decision", "予以公开")))

    # 档案室 is silent: the clerk sends a 催办通知 from the 督办 page (saved as PDF)
    sup = page(clerk, "督办")
    # 王五's case has no department yet: it heads the board as 未分派处室 rather than hiding
    assert [g.department for g in sup.groups] == ["未分派处室", "规划科", "档案室"]
    assert sup.select(services.requests.detail(d.id).number, "协办任务", "档案室")
    press_urge = sup.urge_button
    qtbot.mouseClick(press_urge, Qt.LeftButton)
    assert sup.status.text().startswith("已向档案室发出第1次催办通知：某自然资规催办〔2025〕1号")
    assert Path(saved[-1]).name.startswith("催办通知-档案室") and Path(saved[-1]).exists()
    sup.tree.clearSelection()                                       # the due colours show unselected
    shot(qtbot, clerk, "coordination-supervision.png")

    archive = login(qtbot, services, "zhouda", tmp)
    archive.open_request(d.id)
    tp = archive.detail.task_panel
    tp.select("档案室")
    assert tp.selected().urge_count == 1
    press(qtbot, modal, tp.action_buttons[TaskAction.ANSWER], lambda dlg: (
        set_text(dlg, "findings", "档案中存有该许可证及附图"), choose(dlg, "proposed_decision", "予以公开")))

    # 科室负责人 holds a 会商 on the case; the lead handler adopts its conclusion
    chief = login(qtbot, services, "zhaokz", tmp)
    chief.open_request(d.id)
    dp = chief.detail.deliberation_panel
    press(qtbot, modal, dp.new_button, lambda dlg: (
        set_text(dlg, "participants", "赵科长、李承办、孙法规、周档案"), set_text(dlg, "departments", "规划科、法规科、档案室"),
        set_text(dlg, "conclusion", "许可证及附图不涉及国家秘密和第三方权益，予以公开"),
        choose(dlg, "decision", "予以公开"),
        set_text(dlg, "reasons", "经会商，许可证及附图不涉及国家秘密和第三方合法权益。")))
    assert [r.number for r in dp.records] == ["某自然资规会商〔2025〕1号"]
    qtbot.mouseClick(dp.minutes_button, Qt.LeftButton)
    assert saved[-1].endswith("会商纪要-某自然资规会商〔2025〕1号.pdf") and Path(saved[-1]).exists()

    lead = login(qtbot, services, "licb", tmp)
    lead.open_request(d.id)
    press(qtbot, modal, lead.detail.deliberation_panel.adopt_button)
    assert "决定来源" in lead.detail.info.toPlainText()
    assert "2025年2月17日会议会商（某自然资规会商〔2025〕1号）结论" in lead.detail.info.toPlainText()
    lead.detail.tabs.setCurrentWidget(lead.detail.task_panel)
    shot(qtbot, lead, "coordination-case-answers.png")
    # the reply is drafted before it goes up (the approvals freeze it)
    letter = answer_modal(LetterPreviewDialog, lambda dlg: _save_pdf_and_close(qtbot, dlg))
    qtbot.mouseClick(lead.detail.letter_button, Qt.LeftButton)
    letter.check()
    press(qtbot, modal, lead.detail.action_buttons[Action.SUBMIT])
    assert lead.detail.status_badge.text() == "待签批"

    # 签批 sees both departments' answers; legal review returns it once …
    chief.open_request(d.id)
    press(qtbot, modal, chief.detail.action_buttons[Action.SIGN_OFF])
    assert "法规科（协办）" in modal.seen[-1][1] and "档案室（协办）" in modal.seen[-1][1]
    assert chief.detail.status_badge.text() == "待合法性审查"
    legal = login(qtbot, services, "qianfz", tmp)
    assert legal.workbench.tasks.rowCount() == 1                    # the case waits on the reviewer
    legal.open_request(d.id)
    press(qtbot, modal, legal.detail.action_buttons[Action.LEGAL_RETURN],
          lambda dlg: set_text(dlg, "reason", "请在理由中写明获取方式"))
    assert legal.detail.status_badge.text() == "已退回"

    # … the handler resubmits, the chief signs again, the review passes
    lead.open_request(d.id)
    press(qtbot, modal, lead.detail.action_buttons[Action.SUBMIT], lambda dlg: set_text(
        dlg, "reasons", "经会商，许可证及附图不涉及国家秘密和第三方合法权益。请到本局政务服务窗口领取复制件。"))
    chief.open_request(d.id)
    press(qtbot, modal, chief.detail.action_buttons[Action.SIGN_OFF])
    legal.open_request(d.id)
    press(qtbot, modal, legal.detail.action_buttons[Action.LEGAL_PASS])
    assert legal.detail.status_badge.text() == "待答复"
    reply = [x for x in services.letters.letters(d.id) if x.kind == "政府信息公开申请答复书"]
    assert reply and not reply[-1].signed                          # the review signs nothing (issue 19)
    services.letters.sign(services.office.login("zhaokz", "secret1"), reply[-1].id)

    # 登记员 serves the signed reply: the legal opinion is in front of the clerk
    clerk.open_request(d.id)
    press(qtbot, modal, clerk.detail.action_buttons[Action.RECORD_REPLY], lambda dlg: choose(
        dlg, "service_method", ServiceMethod.DIRECT.value))
    assert modal.seen[-1][1].startswith("合法性审查意见（通过，")
    assert clerk.detail.status_badge.text() == "已答复"

    final = services.requests.detail(d.id)
    kinds = [e.kind for e in final.events]
    for k in ("分派协办", "答复协办", "催办", "会商", "采纳会商结论", "审查退回", "审查通过", "登记答复"):
        assert k in kinds, k
    timeline = {clerk.detail.events.index(r, 2).data() for r in range(clerk.detail.events.rowCount())}
    assert "会商" in timeline
    assert [(r.passed, r.reviewer) for r in final.legal_reviews] == [(False, "qianfz"), (True, "qianfz")]
    lst = clerk.request_list
    clerk.show_list()
    lst.filters.due.setCurrentIndex(0)                              # 全部期限: replied cases too
    qtbot.waitUntil(lambda: lst.model.rowCount() == 2)
    lst.filters.deliberated.setChecked(True)                        # 经会商
    qtbot.waitUntil(lambda: lst.model.rowCount() == 1)
    assert final.number in [lst.model.index(0, c).data() for c in range(lst.model.columnCount())]
    if SHOTS:                      # the 催办通知 and 会商纪要 as issued, for rendering to PNG
        for pdf in saved:
            Path(SHOTS, Path(pdf).name).write_bytes(Path(pdf).read_bytes())
    prompts.set_answer("save_file", None)


def _save_pdf_and_close(qtbot, dlg: QDialog):
    qtbot.waitUntil(lambda: not dlg.busy, timeout=20000)
    dlg.save_pdf_button.click()
    qtbot.waitUntil(lambda: "已保存" in dlg.status.text(), timeout=20000)
    dlg.close_button.click()
