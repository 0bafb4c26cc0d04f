"""The desk's side of online submissions: 待确认 list, confirmation, online 补正 answers, 未查收, floods."""

from __future__ import annotations

from datetime import date, datetime
from typing import Callable

from app.services.dto import Actor, RequestDetail
from app.services.online.dto import Flood, PendingAnswer, PendingSubmission, UnfetchedDocument
from app.services.trust.sessions import ActingService
from app.services.uow import Database


class OnlineDeskService(ActingService):
    """Used by the workbench (and by the web branch's browser test, playing the clerk).

    Who may act: the clerks' office (登记员) and 管理员, as for 登记; every change is audited.
    """

    def __init__(self, db: Database, today: Callable[[], date] = date.today,
                 now: Callable[[], datetime] = datetime.now):
        self._db = db
        self._today = today
        self._now = now

    def pending(self) -> list[PendingSubmission]:
        """Online submissions still 待确认, oldest first, each marked when it belongs to a flood."""
        raise NotImplementedError

    def confirm(self, actor: Actor, request_id: int, version: int) -> RequestDetail:
        """确认受理: under Art 31(三) the request is received on the day both sides confirm, so the
        confirmation and receipt dates become today, the clock starts (待审核), audited."""
        raise NotImplementedError

    def refuse(self, actor: Actor, request_id: int, version: int, reason: str) -> None:
        """Not an application (spam, test, abuse): the submission is closed with the reason, audited,
        kept as evidence (never deleted); it counts nowhere."""
        raise NotImplementedError

    def pending_answers(self) -> list[PendingAnswer]:
        """Online 补正 answers waiting to be accepted, oldest first."""
        raise NotImplementedError

    def accept_correction(self, actor: Actor, answer_id: int) -> RequestDetail:
        """Accept an online 补正 answer: records 补正收到日期 = the day it arrived through the existing
        correction flow (the clock restarts), its files become attachments, audited."""
        raise NotImplementedError

    def unfetched_documents(self) -> list[UnfetchedDocument]:
        """Documents offered online that the applicant has not downloaded yet (未查收), oldest first."""
        raise NotImplementedError

    def floods(self, window_hours: int = 24) -> list[Flood]:
        """Groups of ≥ 5 submissions from one address hash, or ≥ 3 with the same description, within the window."""
        raise NotImplementedError
