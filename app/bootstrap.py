"""Composition root: settings → database → services → main window."""

from __future__ import annotations

import sys

from app.config import default_database


def run_gui(db_path: str | None = None) -> int:
    from PySide6.QtWidgets import QApplication

    from app.services.container import Services
    from app.services.uow import Database
    from app.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("依申请公开办理系统")
    app.setOrganizationName("DisclosureDesk")
    db = Database.open(db_path or default_database())
    services = Services.build(db)
    window = MainWindow(services)
    window.show()
    code = app.exec()
    db.dispose()
    return code
