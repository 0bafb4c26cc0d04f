"""One app-wide signal telling every screen which cases changed; each decides whether to refresh."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class ChangeHub(QObject):
    """``requests_changed`` carries the changed request id, or 0 when many changed (import, demo)."""

    requests_changed = Signal(int)
    open_request = Signal(int)       # any screen may ask the main window to show a case

    def changed(self, request_id: int = 0) -> None:
        self.requests_changed.emit(request_id)
