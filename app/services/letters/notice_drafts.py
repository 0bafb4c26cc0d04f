"""Approving an extension or issuing a fee notice drafts its notice at once, to be signed and served."""

from __future__ import annotations

from app.errors import DomainError
from app.exports.letters.kinds import LetterKind
from app.services.dto import Actor, RequestDetail
from app.services.uow import Database


def draft_notice(db: Database, today, actor: Actor, detail: RequestDetail, kind: LetterKind) -> RequestDetail:
    """The event stands either way: a notice that cannot be drafted yet (a missing fact, a setting, the
    actor's role) is listed on the workbench as 待出具 and says why when opened in 生成文书."""
    from app.services.letters.letter_service import LetterService

    try:
        LetterService(db, today).issue(actor, detail.id, kind)
    except DomainError:
        pass
    return detail
