"""The one transaction of a fact recorded on a case outside its status transitions (送达, 收到, 答复要素 …)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Callable

from sqlalchemy.orm import Session

from app.models import Request
from app.services.cases.authority import require
from app.services.cases.request_service import RequestService, commit, load_request
from app.services.clock import refresh_case_due
from app.services.dto import Actor, RequestDetail
from app.services.trust.sessions import ActingService
from app.services.uow import Database
from app.workflow.authority import CaseStep


class CaseFactService(ActingService):
    """Base of the services that record facts: each call takes the version of the case the user saw,
    checks who may take ``step`` on *this* case, applies ``change``, re-counts the due date, commits."""

    def __init__(self, db: Database, today=date.today):
        self._db = db
        self._today = today
        self._requests = RequestService(db, today)

    def _update(self, actor: Actor, rid: int, version: int, change: Callable[[Session, Request], None],
                step: CaseStep) -> RequestDetail:
        with self._db.uow() as uow:
            s = uow.session
            req = load_request(s, rid, version)
            require(s, actor, req, step)
            change(s, req)
            req.updated_at = datetime.now()
            refresh_case_due(s, actor, req, self._today())
            commit(uow)
        return self._requests.detail(rid)
