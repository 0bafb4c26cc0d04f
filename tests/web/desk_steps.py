"""The clerk, handler and chief acting on an online case through the desk's own services (no window):
confirm, 补正告知书 (issued and signed), accept the online answer, the 答复书 (issued and signed)."""

from __future__ import annotations

from datetime import date
from typing import Callable

from app.exports.letters.kinds import LetterKind
from app.services.container import Services
from app.services.letters.letter_service import LetterService
from app.services.online.desk_service import OnlineDeskService
from app.services.uow import Database
from app.workflow.outcomes import Outcome
from app.workflow.vocabulary import Role
from tests.conftest import login_as
from tests.services.helpers import add_department

CORRECTION_TEXT = "请写明所需规划许可证对应的道路名称和路段起止点。"


class Desk:
    """The office's people, logged in on the desk's database, acting on ``today``."""

    def __init__(self, db: Database, today: Callable[[], date]):
        self.db = db
        self.today = today
        self.dept = add_department(db)
        self.clerk = login_as(db, "clerk1", "王登记", Role.CLERK)
        self.handler = login_as(db, "handler1", "李承办", Role.HANDLER, self.dept)
        self.chief = login_as(db, "chief1", "赵科长", Role.CHIEF, self.dept)
        # before a case is handed to a department, its notices are signed by a chief of no department
        self.office_chief = login_as(db, "chief0", "钱主任", Role.CHIEF)
        self.online = OnlineDeskService(db, today=today)
        self.s = Services.build(db, today=today)

    def letters(self) -> LetterService:
        return LetterService(self.db, self.today)

    def confirm_first(self):
        [p] = self.online.pending()
        return self.online.confirm(self.clerk, p.request_id, p.version)

    def ask_correction(self, rid: int):
        d = self.s.requests.detail(rid)
        d = self.s.cases.request_correction(self.clerk, rid, d.version, self.today(), CORRECTION_TEXT)
        letters = self.letters()
        letters.sign(self.office_chief, letters.issue(self.clerk, rid, LetterKind.CORRECTION).id)
        return d

    def accept_answer(self):
        [a] = self.online.pending_answers()
        return self.online.accept_correction(self.clerk, a.answer_id), a

    def reply(self, rid: int):
        """Assigned to 规划科/李承办, 予以公开, the 答复书 drafted, approved and signed (签发)."""
        d = self.s.requests.detail(rid)
        d = self.s.cases.assign(self.clerk, rid, d.version, self.dept, self.handler.user_id)
        d = self.s.cases.submit(self.handler, rid, d.version, "予以公开", Outcome.DISCLOSED)
        letters = self.letters()
        draft = letters.issue(self.handler, rid)
        d = self.s.cases.sign_off(self.chief, rid, d.version, "同意")
        return letters.sign(self.chief, draft.id)
