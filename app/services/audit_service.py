"""Checking the audit trail (审计核验): the same check for the command line and 管理 → 审计核验."""

from __future__ import annotations

from typing import Callable

from app.services.audit_chain import ChainCheck, verify
from app.services.sessions import ActingService
from app.services.uow import Database

Progress = Callable[[int, int], None]


class AuditService(ActingService):
    def __init__(self, db: Database):
        self._db = db

    def verify(self, progress: Progress | None = None) -> ChainCheck:
        """Recompute the hash chain and check every signed letter; writes nothing."""
        with self._db.read() as uow:
            return verify(uow.session, progress)
