"""A long working day in the real window, run as its own process and quit the way a user quits.

Usage: ``python -m tests.ui.long_session DATABASE ROUNDS``. The database holds the demo office
(``fill_demo``, users admin/admin123 and the demo clerk). Prints ``emitted N`` (signals emitted by
Python code) just before the event loop ends; the interpreter then finalises normally, with no
``os._exit``: an abort there is what the exit test looks for.
"""

from __future__ import annotations

import faulthandler
import os
import sys

ADMIN_PASSWORD = "admin123"


def _count_emits() -> list[int]:
    """Count every Python-side SignalInstance.emit (after app.ui's own repair, if any)."""
    from PySide6.QtCore import SignalInstance

    import app.ui  # noqa: F401 - installs its repair first

    count = [0]
    emit = SignalInstance.emit

    def counting(self, *args):
        count[0] += 1
        return emit(self, *args)
    SignalInstance.emit = counting
    return count


def _pump(app, times: int = 3) -> None:
    for _ in range(times):
        app.processEvents()


def _switch_user(app, window, username: str, password: str) -> None:
    """注销/切换用户 through the real log-in dialog, answered once it is up."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QDialogButtonBox

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, answer)
            return
        dialog.username.setText(username)
        dialog.password.setText(password)
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.Ok).click()
    QTimer.singleShot(0, answer)
    window.logout_action.trigger()


def _round(app, window, case_ids: list[int]) -> None:
    """Every page, every case, the list filtered by each status, and a change told to every screen."""
    for row in range(window.nav.count()):
        window.nav.setCurrentRow(row)
        _pump(app)
    for request_id in case_ids:
        window.open_request(request_id)
        _pump(app)
        window.detail.back_requested.emit()
    window.show_list()
    status = window.request_list.filters.status
    for index in range(status.count()):
        status.setCurrentIndex(index)
        _pump(app, 1)
    status.setCurrentIndex(0)
    window.hub.changed(0)
    _pump(app)


def run(db_path: str, rounds: int) -> int:
    faulthandler.enable()
    from PySide6.QtCore import QSettings, QTimer

    from app.services.container import Services
    from app.services.cases.query_service import RequestQuery
    from app.services.uow import Database
    from app.ui.desk_session import DeskSession
    from app.ui.startup import make_application, shut_down_qt
    from app.ui.common.tasks import wait_all

    emitted = _count_emits()
    app = make_application([])
    db = Database.open(db_path)
    services = Services.build(db)
    settings = QSettings(db_path + ".ini", QSettings.IniFormat)
    session = DeskSession(services, settings)
    session.open(services.office.login("admin", ADMIN_PASSWORD))
    case_ids = [r.id for r in services.queries.page(RequestQuery(), 0, 6)]

    def day() -> None:
        for n in range(rounds):
            if n == rounds // 2:
                _switch_user(app, session.window, "admin", ADMIN_PASSWORD)
            _round(app, session.window, case_ids)
        wait_all()
        _pump(app)
        print(f"emitted {emitted[0]}", flush=True)
        session.window.close()            # the last window closes: the event loop ends
    QTimer.singleShot(0, day)
    try:
        return app.exec()
    finally:
        shut_down_qt()           # as run_gui does
        db.dispose()


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.exit(run(sys.argv[1], int(sys.argv[2])))
