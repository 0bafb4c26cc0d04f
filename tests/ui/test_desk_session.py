"""注销/切换用户 through the real log-in dialog, the remembered user name, and unsaved work that asks first."""
# Fixtures come from tests/ui/desk_support.py by import, so test arguments reuse their names.
# ruff: noqa: F811

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from app.ui import startup
from app.ui.desk_session import DeskSession, last_user
from app.ui.login_dialog import LoginDialog
from app.ui.common.tasks import wait_all
from app.workflow.vocabulary import Role
from tests.ui.desk_support import office, ui_settings  # noqa: F401

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def _when_modal(fn) -> None:
    """Run ``fn(widget)`` on the next modal dialog or message box once it is up."""
    def look():
        modal = QApplication.activeModalWidget()
        if modal is None:
            QTimer.singleShot(20, look)
        else:
            fn(modal)
    QTimer.singleShot(0, look)


def _log_in_as(username: str, password: str, seen: list):
    def answer(dialog):
        assert isinstance(dialog, LoginDialog)
        seen.append(dialog.username.text())          # the name the dialog offered
        dialog.username.setText(username)
        dialog.password.setText(password)
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.Ok).click()
    return answer


def test_switch_user_logs_in_again_without_quitting(qtbot, office, ui_settings):
    session = DeskSession(office.services, ui_settings)
    first = session.open(office.clerk)
    gone: list[bool] = []
    first.destroyed.connect(lambda *_: gone.append(True))
    assert last_user(ui_settings, office.services.db.identity) == "clerk1"
    assert first.logout_action.shortcut().toString() == "Ctrl+L"
    seen: list[str] = []
    _when_modal(_log_in_as("chief1", "secret1", seen))
    first.logout_action.trigger()
    assert seen == ["clerk1"]                            # the last user's name was offered
    second = session.window
    qtbot.addWidget(second)
    assert second is not first and second.actor.username == "chief1" and second.isVisible()
    qtbot.waitUntil(lambda: gone == [True])               # the clerk's window is closed and freed
    assert "登记" not in second.page_titles()            # the chief's pages, not the clerk's
    assert last_user(ui_settings, office.services.db.identity) == "chief1"
    # the next start offers the chief's name
    offered: list[str] = []
    _when_modal(lambda d: (offered.append(d.username.text()), d.reject()))
    assert startup.start_session(office.services, settings=ui_settings) is None
    assert offered == ["chief1"]
    wait_all()


def test_half_typed_registration_is_not_thrown_away(qtbot, office, ui_settings):
    w = startup.build_window(office.services, office.clerk, ui_settings)
    qtbot.addWidget(w)
    w.show()
    w.new_registration()
    name = w.registration.form.widgets["applicant_name"]
    qtbot.keyClicks(name, "Zhang San")
    asked: list[str] = []

    def answer(how):
        def act(box):
            asked.append(box.text().split("。")[1])         # "新建登记将丢失…", "退出将丢失…"
            how(box)
        _when_modal(act)

    # Ctrl+N: Enter on the question keeps the work (取消)
    answer(lambda box: qtbot.keyClick(box, Qt.Key_Return))
    w.new_action.trigger()
    assert name.text() == "Zhang San"
    # leaving the page by the navigation: Esc keeps the user on 登记
    answer(lambda box: qtbot.keyClick(box, Qt.Key_Escape))
    w.nav.setCurrentRow(w.page_titles().index("申请列表"))
    assert w.current_page() is w.registration and w.nav.currentItem().text() == "登记"
    # Ctrl+Q: 取消 keeps the window open
    quit_action = next(a for a in w.actions() if a.shortcut().toString() == "Ctrl+Q")
    answer(lambda box: qtbot.keyClick(box, Qt.Key_Return))
    quit_action.trigger()
    assert w.isVisible() and name.text() == "Zhang San"
    # 放弃修改 clears the form and goes on
    answer(lambda box: next(b for b in box.buttons() if b.text() == "放弃修改").click())
    w.nav.setCurrentRow(w.page_titles().index("申请列表"))
    assert w.current_page() is w.request_list and name.text() == ""
    assert asked == ["新建登记将丢失这些内容", "离开本页将丢失这些内容", "退出将丢失这些内容",
                     "离开本页将丢失这些内容"]
    wait_all()


def test_unsaved_settings_ask_before_leaving(qtbot, office, ui_settings):
    w = startup.build_window(office.services, office.admin, ui_settings)
    qtbot.addWidget(w)
    w.show()
    holder = w._nav_pages[w.page_titles().index("管理")]
    w.show_page(holder)
    form = holder.page.office_form
    form.widgets["agency_name"].setText("某市交通运输局")
    assert holder.page.unsaved_changes() == "机关与期限设置"
    _when_modal(lambda box: next(b for b in box.buttons() if b.text() == "保存").click())
    w.show_page(w.workbench)
    assert w.current_page() is w.workbench
    assert office.services.settings.load().agency_name == "某市交通运输局"
    wait_all()


def test_the_remembered_user_name_belongs_to_its_database(qtbot, office, ui_settings, tmp_path):
    from app.services.container import Services
    from app.services.uow import Database
    from tests.conftest import login_as

    demo_db = Database.open(str(tmp_path / "demo.sqlite3"))
    try:
        demo = Services.build(demo_db)
        login_as(demo_db, "wangdj", "王登记", Role.CLERK)
        assert demo_db.identity != office.services.db.identity
        office_window = DeskSession(office.services, ui_settings).open(office.chief)
        qtbot.addWidget(office_window)
        demo_window = DeskSession(demo, ui_settings).open(demo.office.login("wangdj", "secret1"))
        qtbot.addWidget(demo_window)
        assert last_user(ui_settings, office.services.db.identity) == "chief1"
        assert last_user(ui_settings, demo_db.identity) == "wangdj"
        offered: list[str] = []
        _when_modal(lambda d: (offered.append(d.username.text()), d.reject()))
        assert startup.start_session(office.services, settings=ui_settings) is None
        _when_modal(lambda d: (offered.append(d.username.text()), d.reject()))
        assert startup.start_session(demo, settings=ui_settings) is None
        assert offered == ["chief1", "wangdj"]        # each database offers its own user, not the other's
        wait_all()
    finally:
        demo_db.dispose()
