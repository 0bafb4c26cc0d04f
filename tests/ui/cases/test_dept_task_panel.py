"""The 协办 tab through real dialogs: assign two departments, answers, a return, a waiver, the gate."""
# ruff: noqa: F811

from datetime import date

import pytest
from PySide6.QtCore import Qt

from app.services.cases.task_service import TaskService
from app.ui.common.change_hub import ChangeHub
from app.ui.cases.dept_task_model import DeptTaskTableModel
from app.ui.cases.request_detail_view import RequestDetailView
from app.workflow.transitions import Action, TaskAction
from app.workflow.vocabulary import Role
from tests.conftest import fixed_today
from tests.ui.desk_support import TODAY, application, office  # noqa: F401
from tests.ui.form_dialog_support import choose
from tests.ui.modal_support import ModalAnswers, set_text

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def _view(qtbot, office, actor, hub):
    v = RequestDetailView(office.services, actor, hub)
    qtbot.addWidget(v)
    return v


def _press(qtbot, button, modal: ModalAnswers, fill=lambda d: None):
    modal.next(fill)
    qtbot.mouseClick(button, Qt.LeftButton)
    qtbot.waitUntil(lambda: modal.pending == 0)
    assert modal.stuck == []


def test_assign_answer_return_waive_and_the_gate(qtbot, office):
    s, o = office.services, office.services.office
    depts = {d.name: d.id for d in o.departments()}
    o.save_department(office.admin, "档案室")
    o.create_user(office.admin, "handler2", "孙法规", Role.HANDLER, "secret1", depts["法规科"])
    handler2 = o.login("handler2", "secret1")
    d = s.requests.register(office.clerk, application(arrival_date=date(2025, 6, 3)))
    d = s.cases.assign(office.clerk, d.id, d.version, office.dept, office.handler.user_id)
    hub, modal = ChangeHub(), ModalAnswers()
    clerk = _view(qtbot, office, office.clerk, hub)
    clerk.open(d.id)
    panel = clerk.task_panel
    for name, brief in (("法规科", "核查是否涉及第三方商业秘密"), ("档案室", "调取历史档案")):
        _press(qtbot, panel.add_button, modal, lambda dlg, n=name, b=brief: (
            choose(dlg, "department_id", n), set_text(dlg, "brief", b)))
    assert "协办期限默认为处室报送草稿期限" in modal.seen[0][1]
    # received Tue 2025-06-03 → 20 working days: Jun 4–6 (3), 9–13 (8), 16–20 (13), 23–27 (18),
    # Jun 30, Jul 1 (20) → due 2025-07-01; draft due 3 working days before: Thu 2025-06-26, already past
    # on Mon 2025-06-30: the task is due the day it is given, never before it (issue 18 item 5)
    assert [(t.department, t.due_on, t.status) for t in panel.tasks] == [
        ("法规科", date(2025, 6, 30), "待答复"), ("档案室", date(2025, 6, 30), "待答复")]
    assert clerk.tabs.tabText(clerk.tabs.indexOf(panel)) == "协办（2）"

    law = _view(qtbot, office, handler2, hub)
    law.open(d.id)
    assert [t.department for t in law.task_panel.tasks] == ["法规科"]      # only his department's
    law.task_panel.select("法规科")
    assert law.task_panel.action_buttons[TaskAction.ANSWER].isEnabled()
    assert not law.task_panel.action_buttons[TaskAction.RETURN].isVisible()
    _press(qtbot, law.task_panel.action_buttons[TaskAction.ANSWER], modal, lambda dlg: (
        set_text(dlg, "findings", "不涉及商业秘密"), choose(dlg, "proposed_decision", "予以公开")))

    clerk.open(d.id)
    panel.select("法规科")
    _press(qtbot, panel.action_buttons[TaskAction.RETURN], modal,
           lambda dlg: set_text(dlg, "reason", "请说明附图情况"))
    law.open(d.id)
    law.task_panel.select("法规科")
    _press(qtbot, law.task_panel.action_buttons[TaskAction.ANSWER], modal,
           lambda dlg: set_text(dlg, "findings", "附图不涉及第三方"))
    assert modal.seen[-1][1].endswith("退回补充的要求：请说明附图情况")

    handler = _view(qtbot, office, office.handler, hub)
    handler.open(d.id)
    modal.next(lambda dlg: choose(dlg, "decision", "予以公开"))   # the gate: 档案室 has not answered
    qtbot.mouseClick(handler.action_buttons[Action.SUBMIT], Qt.LeftButton)
    qtbot.waitUntil(lambda: modal.stuck != [])
    assert modal.stuck == ["提交签批: ['以下处室的协办任务尚未答复或免除：档案室（待答复）。全部协办任务答复或免除后方可提交签批。']"]
    modal.stuck.clear()
    assert handler.status_badge.text() == "办理中"

    clerk.open(d.id)
    panel.select("档案室")
    _press(qtbot, panel.action_buttons[TaskAction.WAIVE], modal, lambda dlg: set_text(dlg, "reason", "已找到原件"))
    handler.open(d.id)
    _press(qtbot, handler.action_buttons[Action.SUBMIT], modal, lambda dlg: choose(dlg, "decision", "予以公开"))
    assert handler.status_badge.text() == "待签批"

    chief = _view(qtbot, office, office.chief, hub)
    chief.open(d.id)
    _press(qtbot, chief.action_buttons[Action.SIGN_OFF], modal)
    intro = modal.seen[-1][1]
    assert "法规科（协办）" in intro and "档案室（协办）" in intro and "附图不涉及第三方" in intro
    assert chief.status_badge.text() == "待答复"


def test_task_model_passes_the_model_tester(qtmodeltester, office):
    s = office.services
    d = s.requests.register(office.clerk, application(arrival_date=date(2025, 6, 3)))
    d = s.cases.assign(office.clerk, d.id, d.version, office.dept)
    # given on Wed 2025-06-04, due by default on the draft due Thu 2025-06-26 (a task is never due before it
    # is given, so an overdue task is one given earlier)
    TaskService(s.db, fixed_today(date(2025, 6, 4))).add_task(office.clerk, d.id, office.dept, "核查")
    model = DeptTaskTableModel()
    model.set_tasks(s.tasks.tasks(office.clerk, d.id), s.queries.due_thresholds())
    qtmodeltester.check(model)
    # TODAY 2025-06-30 is past the task's 2025-06-26: overdue, in bold red
    due = model.index(0, [c.key for c in model.COLUMNS].index("due_on"))
    assert model.data(due, Qt.FontRole).bold() and TODAY > date(2025, 6, 26)
