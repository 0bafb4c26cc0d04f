"""The main window: pages by role, shortcuts, remembered layout, workbench counts, start-up."""
# Fixtures come from tests/ui/desk_support.py by import, so test arguments reuse their names.
# ruff: noqa: F811

from datetime import date

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QWidget

from app.ui import startup
from app.services.container import Services
from app.services.cases.query_service import RequestQuery
from app.ui.common import prompts
from app.ui.main_window import MainWindow
from tests.conftest import fixed_today
from tests.ui.desk_support import TODAY, answers, application, office, ui_settings  # noqa: F401

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def _window(qtbot, office, actor, settings):
    w = MainWindow(office.services, actor, settings)
    qtbot.addWidget(w)
    return w


def test_pages_and_actions_follow_the_role(qtbot, office, ui_settings):
    clerk = _window(qtbot, office, office.clerk, ui_settings)
    assert clerk.page_titles() == ["首页", "申请列表", "登记"]
    assert clerk.new_action.shortcut() == QKeySequence(QKeySequence.New)          # Ctrl+N
    assert clerk.save_action.shortcut() == QKeySequence(QKeySequence.Save)        # Ctrl+S
    assert clerk.find_action.shortcut() == QKeySequence(QKeySequence.Find)        # Ctrl+F
    assert clerk.new_action.shortcut().toString() == "Ctrl+N"
    handler = _window(qtbot, office, office.handler, ui_settings)
    assert handler.page_titles() == ["首页", "申请列表"] and not handler.new_action.isEnabled()
    page = QWidget()
    handler.add_page("年度报告", page)
    assert handler.page_titles()[-1] == "年度报告"
    handler.nav.setCurrentRow(2)
    assert handler.current_page() is page


def test_shortcut_actions_switch_pages(qtbot, office, ui_settings):
    w = _window(qtbot, office, office.clerk, ui_settings)
    w.find_action.trigger()
    assert w.current_page() is w.request_list
    w.new_action.trigger()
    assert w.current_page() is w.registration and w.nav.currentItem().text() == "登记"


def test_window_layout_is_remembered(qtbot, office, tmp_path):
    path = str(tmp_path / "layout.ini")
    first = _window(qtbot, office, office.clerk, QSettings(path, QSettings.IniFormat))
    first.resize(701, 499)             # the offscreen screen is 800 × 600; restoring clamps to it
    header = first.request_list.table.horizontalHeader()
    header.setSortIndicator(first.request_list.model.column_of("receipt_date"), Qt.DescendingOrder)
    assert first.request_list.model.query.sort == "receipt_date"
    first.close()
    second = _window(qtbot, office, office.clerk, QSettings(path, QSettings.IniFormat))
    assert (second.width(), second.height()) == (701, 499)
    second.request_list.load()
    assert (second.request_list.model.query.sort, second.request_list.model.query.descending) == ("receipt_date", True)


def test_workbench_counts_and_cards_open_the_list(qtbot, office, ui_settings):
    s = office.services
    for day in (date(2025, 6, 24), date(2025, 6, 25)):                        # two await 审核
        s.requests.register(office.clerk, application(arrival_date=day))
    d = s.requests.register(office.clerk, application(arrival_date=date(2025, 5, 20)))
    s.cases.assign(office.clerk, d.id, d.version, office.dept)                # 办理中, due 06-18: overdue
    s.requests.register(office.clerk, application(channel="网络", arrival_date=date(2025, 6, 27)))  # 待确认
    w = _window(qtbot, office, office.clerk, ui_settings)
    w.workbench.refresh()
    counts = {k: c.value.text() for k, c in w.workbench.cards.items()}
    # each open case in one stage card: 待确认 1, 待审核 2, 办理中 1 (4 cases); overdue = the case received 05-20
    assert counts == {"待确认": "1", "待审核": "2", "办理中": "1", "待签批": "0", "待合法性审查": "0",
                      "待答复": "0", "临近到期": "0", "已逾期": "1"}
    # a clerk's tasks: the three waiting for confirmation or review and the one in handling (withdrawable)
    assert w.workbench.tasks.rowCount() == 4
    w.workbench.cards["已逾期"].clicked.emit()
    assert w.current_page() is w.request_list
    assert w.request_list.model.total == 1 and w.request_list.total_label.text() == "共 1 件"
    w.workbench.cards["待确认"].clicked.emit()
    assert w.request_list.model.total == 1
    assert w.request_list.filters.status.currentText() == "待确认"
    w.workbench.cards["待审核"].clicked.emit()
    assert w.request_list.model.total == 2
    assert w.request_list.filters.status.currentText() == "待审核（含待补正）"


def test_list_search_and_open_a_case(qtbot, office, ui_settings):
    s = office.services
    s.requests.register(office.clerk, application(applicant_name="张三", description="申请公开某道路规划批复"))
    s.requests.register(office.clerk, application(applicant_name="王五", description="申请公开本局部门预算"))
    w = _window(qtbot, office, office.clerk, ui_settings)
    w.show_list()
    w.request_list.load()
    assert w.request_list.model.total == 2
    w.request_list.filters.search.setText("规划")
    w.request_list.filters._timer.stop()
    w.request_list.filters._emit()
    assert w.request_list.model.total == 1
    w.request_list._activate(0)
    assert w.current_page() is w.detail and w.detail.applicant.text() == "张三（自然人）"


def test_first_run_login_and_demo_offer(qtbot, sqlite_db, answers, ui_settings):
    services = Services.build(sqlite_db, fixed_today(TODAY))
    prompts.set_answer("first_run", lambda: ("admin", "管理员", "secret1"))
    prompts.set_answer("login", lambda: ("admin", "secret1"))
    actor = startup.start_session(services)
    assert (actor.username, actor.role.value) == ("admin", "管理员")
    answers.confirm_answer = False
    assert startup.offer_demo(services, actor) is False
    assert services.queries.count(RequestQuery()) == 0
    answers.confirm_answer = True
    assert startup.offer_demo(services, actor) is True
    assert services.queries.count(RequestQuery()) > 0
    assert answers.messages("info")[-1].startswith("新增")
    assert startup.offer_demo(services, actor) is False          # only on an empty database
    window = startup.build_window(services, actor, ui_settings)
    qtbot.addWidget(window)
    # the shipped placeholder office became the demo office; the title says it is a demo database
    assert window.windowTitle() == "江南市自然资源和规划局【演示数据库】"      # the system adds the product name


def test_wrong_password_is_refused(qtbot, office):
    from app.ui.login_dialog import LoginDialog

    dialog = LoginDialog(office.services.office, username="clerk1")
    qtbot.addWidget(dialog)
    dialog.password.setText("wrong")
    with qtbot.waitSignal(dialog.checked) as answer:
        dialog.try_login()
        assert dialog.busy and not dialog.password.isEnabled()     # checked off the UI thread
        assert dialog.error.text() == "正在验证…"
    assert answer.args == [False] and dialog.actor is None
    assert dialog.error.text() == "用户名或密码不正确，请重新输入。" and dialog.password.isEnabled()
    dialog.password.setText("secret1")
    with qtbot.waitSignal(dialog.checked) as answer:
        dialog.try_login()
    assert answer.args == [True] and dialog.actor.display_name == "王登记"


def test_every_page_is_mounted_and_wired(qtbot, office, ui_settings):
    from app.ui.data.data_view import DataView

    w = startup.build_window(office.services, office.admin, ui_settings)
    qtbot.addWidget(w)
    assert w.page_titles() == ["首页", "申请列表", "登记", "管理", "数据", "年度报告", "数据分析", "督办", "会商记录",
                              "案例库"]
    holder = w._nav_pages[4]
    assert holder.page is None                                # not built until first shown
    w.show()
    w.show_page(holder)
    assert isinstance(holder.page, DataView)
    with qtbot.waitSignal(w.hub.requests_changed, timeout=2000):
        holder.page.requests_changed.emit()


def test_log_in_is_checked_off_the_ui_thread(qtbot, office):
    """After repeated failures the service waits before answering (up to 30 s); the dialog meanwhile
    stays responsive, says it is checking, and 退出 waits for the answer."""
    import threading
    import time

    from app.services.trust.office_service import OfficeService
    from app.ui.login_dialog import LoginDialog

    gate = threading.Event()
    slow = OfficeService(office.services.db, sleep=lambda seconds: gate.wait(10))
    dialog = LoginDialog(slow, username="clerk1")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.password.setText("wrong")
    started = time.monotonic()
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    assert time.monotonic() - started < 2                   # the click returned while the check waits
    qtbot.wait(200)                                         # the event loop runs: the dialog is alive
    assert dialog.busy and dialog.error.text() == "正在验证…"
    dialog.reject()                                         # 退出 while checking: it waits
    assert dialog.isVisible()
    with qtbot.waitSignal(dialog.checked) as answer:
        gate.set()
    assert answer.args == [False] and dialog.error.text() == "用户名或密码不正确，请重新输入。"
