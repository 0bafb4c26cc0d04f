"""The desktop session: the main window for whoever logged in; 注销/切换用户 (Ctrl+L) logs in again.

The last user name is remembered in QSettings (UI state only), so the log-in asks just for the password.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

LAST_USER_KEY = "session/lastUser"


def last_user(settings: QSettings) -> str:
    return str(settings.value(LAST_USER_KEY, "") or "")


def remember_user(settings: QSettings, username: str) -> None:
    settings.setValue(LAST_USER_KEY, username)
    settings.sync()


class DeskSession:
    """Holds the one main window; ``switch_user`` closes it, logs in again and opens the next."""

    def __init__(self, services, settings: QSettings | None = None):
        self.services = services
        self.settings = settings if settings is not None else QSettings()
        self.window = None

    def open(self, actor):
        from app.ui.startup import build_window

        remember_user(self.settings, actor.username)
        self.window = build_window(self.services, actor, self.settings)
        self.window.switch_user.connect(self.switch_user)
        self.window.show()
        return self.window

    def switch_user(self) -> None:
        from app.ui.login_dialog import LoginDialog

        old, self.window = self.window, None
        old.close()
        old.deleteLater()
        actor = LoginDialog.ask(self.services.office, None, last_user(self.settings))
        if actor is None:                 # 退出 at the log-in ends the app
            QApplication.quit()
            return
        self.open(actor)
