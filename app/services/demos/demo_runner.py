"""Plays the demo year through the same services a clerk uses, day by day, as the demo users."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from app.exports.letters.kinds import LetterKind
from app.services.cases.case_service import CaseService
from app.services.demos.demo_plan import EXTENSION_REASON, Story
from app.services.demos.demo_story import (
    DECISIONS, OPINIONS, PARTIAL_WITHHELD, PUBLICATION_ROUTE, RETURN_REASON, SERVICE_FOR, WITHDRAWAL_REASON,
)
from app.services.dto import Actor
from app.services.letters.letter_facts_service import LetterFactsService
from app.services.letters.letter_service import LetterService
from app.services.letters.notice_service import NoticeService
from app.services.cases.request_service import RequestService
from app.services.uow import Database
from app.workflow.deadline import PauseKind
from app.workflow.outcomes import Outcome
from app.workflow.vocabulary import ServiceMethod


class DemoClock:
    """The services' ``today``: set to each step's day before the step runs."""

    def __init__(self, day: date):
        self.day = day

    def __call__(self) -> date:
        return self.day


@dataclass
class _Case:
    story: Story
    department_id: int
    rid: int = 0
    version: int = 0


class DemoRunner:
    """Each step is one service call (or a letter issued and signed), by the user whose job it is."""

    def __init__(self, db: Database, clock: DemoClock, clerk: Actor, handler: Actor, chief: Actor):
        self.clock, self.clerk, self.handler, self.chief = clock, clerk, handler, chief
        self.requests, self.cases = RequestService(db, clock), CaseService(db, clock)
        self.letters, self.facts = LetterService(db, clock), LetterFactsService(db, clock)
        self.notices = NoticeService(db, clock)
        self.replies = 0

    def run(self, stories: list[Story], departments: list[int], today: date) -> list[_Case]:
        cases = [_Case(s, departments[i % len(departments)]) for i, s in enumerate(stories)]
        diary = sorted((d, i, k, name) for i, c in enumerate(cases)
                       for k, (d, name) in enumerate(c.story.steps(today)))
        for day, i, _k, name in diary:
            self.clock.day = day
            getattr(self, f"_{name}")(cases[i], day)
        return cases

    # -- helpers ---------------------------------------------------------------------------
    def _did(self, case: _Case, detail) -> None:
        case.rid, case.version = detail.id, detail.version

    def _notice(self, case: _Case, kind: LetterKind, issuer: Actor) -> None:
        """A notice is issued by the office (or the handler) and signed by the chief the same day."""
        letter = self.letters.issue(issuer, case.rid, kind)
        if not letter.signed:
            self.letters.sign(self.chief, letter.id)

    # -- steps -----------------------------------------------------------------------------
    def _register(self, case: _Case, _day: date) -> None:
        self._did(case, self.requests.register(self.clerk, case.story.data))

    def _correct(self, case: _Case, day: date) -> None:
        items = case.story.correction[3]
        self._did(case, self.cases.request_correction(self.clerk, case.rid, case.version, day, items))
        self._notice(case, LetterKind.CORRECTION, self.clerk)

    def _correction_served(self, case: _Case, day: date) -> None:
        self._did(case, self.facts.record_correction_served(self.clerk, case.rid, case.version, day))

    def _correction_received(self, case: _Case, day: date) -> None:
        self._did(case, self.cases.receive_correction(self.clerk, case.rid, case.version, day))
        corrected = replace(case.story.data, description=case.story.correction[4])
        self._did(case, self.requests.update(self.clerk, case.rid, case.version, corrected, "申请人补正后的申请内容"))

    def _assign(self, case: _Case, _day: date) -> None:
        self._did(case, self.cases.assign(self.clerk, case.rid, case.version, case.department_id,
                                          self.handler.user_id))

    def _withdraw(self, case: _Case, day: date) -> None:
        self._did(case, self.cases.withdraw(self.clerk, case.rid, case.version, day, WITHDRAWAL_REASON))

    def _consult(self, case: _Case, day: date) -> None:
        k = case.story.consult
        self._did(case, self.cases.start_consultation(self.handler, case.rid, case.version, k.kind, k.party, day))
        kind = LetterKind.CONSULTATION if k.kind is PauseKind.THIRD_PARTY else LetterKind.AGENCY_CONSULTATION
        self._notice(case, kind, self.handler)

    def _consult_received(self, case: _Case, day: date) -> None:
        cid = self.requests.detail(case.rid).consultations[-1].id
        self._did(case, self.facts.record_consultation_receipt(self.handler, case.rid, case.version, cid, day))

    def _consult_answered(self, case: _Case, day: date) -> None:
        k = case.story.consult
        self._did(case, self.cases.end_consultation(self.handler, case.rid, case.version, day, k.opinion, k.answer))

    def _extension(self, case: _Case, day: date) -> None:
        self._did(case, self.cases.approve_extension(self.chief, case.rid, case.version, day, 20, EXTENSION_REASON))
        self._notice(case, LetterKind.EXTENSION, self.clerk)

    def _extension_served(self, case: _Case, day: date) -> None:
        notice = next(n for n in self.notices.servable(case.rid) if n.kind is LetterKind.EXTENSION)
        method = SERVICE_FOR.get(case.story.data.delivery, ServiceMethod.POST).value
        self._did(case, self.notices.record_served(self.clerk, case.rid, case.version, notice.letter_id, day, method))

    def _submit(self, case: _Case, _day: date) -> None:
        outcome = case.story.outcome
        decision, reasons = DECISIONS[outcome]
        self._did(case, self.cases.submit(
            self.handler, case.rid, case.version, decision=decision, outcome=outcome, reasons=reasons,
            opinion=OPINIONS[decision], withheld_ground=PARTIAL_WITHHELD if outcome is Outcome.PARTIAL else "",
            access_route=PUBLICATION_ROUTE if outcome is Outcome.PUBLICATION else ""))
        self.letters.issue(self.handler, case.rid)                 # the reply's draft goes with it

    _resubmit = _submit

    def _return(self, case: _Case, _day: date) -> None:
        self._did(case, self.cases.return_for_revision(self.chief, case.rid, case.version, RETURN_REASON))

    def _sign(self, case: _Case, _day: date) -> None:
        self._did(case, self.cases.sign_off(self.chief, case.rid, case.version, "同意"))
        self._notice(case, LetterKind.REPLY, self.handler)          # 签发 is its own act, as at the desk
        self.replies += 1

    def _reply(self, case: _Case, day: date) -> None:
        method = SERVICE_FOR.get(case.story.data.delivery, ServiceMethod.POST)
        self._did(case, self.cases.record_reply(self.clerk, case.rid, case.version, None, day, method, day))

    def _archive(self, case: _Case, _day: date) -> None:
        self._did(case, self.cases.archive(self.clerk, case.rid, case.version))
