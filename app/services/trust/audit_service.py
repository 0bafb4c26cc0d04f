"""Checking the audit trail (审计核验): the same check for the command line and 管理 → 审计核验."""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Sequence

from app.exports.atomic import write_bytes
from app.services.trust import audit_anchor
from app.services.trust.audit_anchor import Anchor

from app.services.trust.audit_chain import ChainCheck, verify
from app.services.trust.sessions import ActingService
from app.services.uow import Database

Progress = Callable[[int, int], None]


class AuditService(ActingService):
    def __init__(self, db: Database):
        self._db = db

    def verify(self, progress: Progress | None = None, anchors: Sequence[Anchor] = ()) -> ChainCheck:
        """Recompute the hash chain, check every signed letter, stored file and account, then check the
        chain still passes through each anchor; writes nothing."""
        with self._db.read() as uow:
            result = verify(uow.session, progress)
            if not result.ok:
                return result
            for anchor in anchors:
                problem = audit_anchor.check(uow.session, anchor)
                if problem:
                    return ChainCheck(result.count, anchor.last_id, problem)
            return result

    def anchor(self, path: str | Path, note: str = "") -> Anchor:
        """Write the chain's head now to ``path`` (a file the administrator keeps away from the database)."""
        with self._db.read() as uow:
            anchor = audit_anchor.take(uow.session, note)
        write_bytes(path, audit_anchor.dumps(anchor))
        return anchor
