"""The desktop session: the main window for whoever logged in; 注销/切换用户 (Ctrl+L) logs in again.

The last user name is remembered in QSettings (UI state only) for each database, so the log-in asks
just for the password and a second database (the demo, a test copy) never offers the first one's user.
"""

from __future__ import annotations

import hashlib

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

LAST_USER_KEY = "session/lastUser"


def last_user_key(database: str) -> str:
    """The QSettings key of the last user name on ``database`` (its identity: path or URL)."""
    return f"{LAST_USER_KEY}/{hashlib.sha256(database.encode()).hexdigest()[:16]}"


def last_user(settings: QSettings, database: str) -> str:
    return str(settings.value(last_user_key(database), "") or "")


def remember_user(settings: QSettings, database: str, username: str) -> None:
    settings.setValue(last_user_key(database), username)
    settings.sync()


class DeskSession:
    """Holds the one main window; ``switch_user`` closes it, logs in again and opens the next."""

    def __init__(self, services, settings: QSettings | None = None):
        self.services = services
        self.settings = settings if settings is not None else QSettings()
        self.window = None

    def open(self, actor):
        from app.ui.startup import build_window

        remember_user(self.settings, self.services.db.identity, actor.username)
        self.window = build_window(self.services, actor, self.settings)
        self.window.switch_user.connect(self.switch_user)
        self.window.show()
        return self.window

    def switch_user(self) -> None:
        from app.ui.login_dialog import LoginDialog

        old, self.window = self.window, None
        old.close()
        old.deleteLater()
        actor = LoginDialog.ask(self.services.office, None, last_user(self.settings, self.services.db.identity))
        if actor is None:                 # 退出 at the log-in ends the app
            QApplication.quit()
            return
        self.open(actor)
