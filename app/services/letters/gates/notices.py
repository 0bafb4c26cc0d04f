"""The case's notices that were issued (signed, with 文号 and 成文日期) and served: what a letter may recite."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.exports.letters.data import LetterData
from app.exports.letters.kinds import LetterKind
from app.models import Letter, ReasonsAnswer, Request
from app.workflow.dates import cn_date
from app.workflow.deadline import PauseKind

SIGNED = "已签发"
# Notices whose 送达 is recorded on the letter itself (the others have an event row that holds it).
SERVED_ON_LETTER = (LetterKind.EXTENSION, LetterKind.DISCLOSURE_DECISION, LetterKind.REASONS_REQUEST,
                    LetterKind.REASONABLE_DEADLINE)


def event_ref(name: str, row_id: int | None) -> str:
    """The event a notice is about, e.g. ``extension:3``: stored in the letter's data."""
    return f"{name}:{row_id}" if row_id else ""


@dataclass(frozen=True)
class IssuedNotice:
    """A signed notice: what a later letter cites (《title》（文号）, dated its 成文日期)."""

    letter_id: int
    kind: str
    doc_number: str
    issue_date: str             # 成文日期 as printed, e.g. 2025年2月20日
    event_ref: str
    served_on: date | None
    data: LetterData

    @property
    def cited(self) -> str:
        return f"《{self.kind}》（{self.doc_number}）"


@dataclass(frozen=True)
class ReasonsAnswerView:
    """Art 35: 理由合理 / 理由不合理 (reasons received and judged) or 逾期未说明."""

    answer: str
    answered_on: date
    note: str


@dataclass(frozen=True)
class CaseFacts:
    """Issued notices and the Art 35 answer, read once per letter from the case's stored records."""

    notices: tuple[IssuedNotice, ...] = ()
    reasons_answer: ReasonsAnswerView | None = None

    def issued(self, kind: LetterKind, ref: str = "") -> IssuedNotice | None:
        """The first signed notice of ``kind`` (about event ``ref`` when given): the one actually sent.
        A notice signed before notices named their event (``event_ref`` "") stands for its kind's event."""
        of_kind = [n for n in self.notices if n.kind == kind.value]
        return next((n for n in of_kind if not ref or n.event_ref == ref), None) or \
            next((n for n in of_kind if not n.event_ref), None)


def case_facts(s: Session, request_id: int) -> CaseFacts:
    rows = s.scalars(select(Letter).where(Letter.request_id == request_id, Letter.state == SIGNED,
                                          Letter.kind.notin_((LetterKind.REPLY.value, LetterKind.SERVICE.value)))
                     .order_by(Letter.id)).all()
    notices = []
    for x in rows:
        data = LetterData.from_json(x.data_json)
        notices.append(IssuedNotice(x.id, x.kind, x.doc_number, data.issue_date, data.event_ref, x.served_on, data))
    answer = s.scalar(select(ReasonsAnswer).where(ReasonsAnswer.request_id == request_id))
    view = ReasonsAnswerView(answer.answer, answer.answered_on, answer.note) if answer is not None else None
    return CaseFacts(tuple(notices), view)


def unissued_notices(s: Session, req: Request) -> list[tuple[str, str]]:
    """(notice, what is missing) for every event whose notice was not signed, or not yet served."""
    facts = case_facts(s, req.id)
    drafted = {(x.kind, LetterData.from_json(x.data_json).event_ref) for x in s.scalars(select(Letter).where(
        Letter.request_id == req.id, Letter.state != SIGNED, Letter.superseded_by.is_(None)))}
    out: list[tuple[str, str]] = []

    def need(kind: LetterKind, ref: str, about: str, served: bool = False) -> None:
        n = facts.issued(kind, ref)
        if n is None:
            out.append((f"{kind.value}（{about}）", "已拟稿，待签发" if (kind.value, ref) in drafted else "待出具并签发"))
        elif served and n.served_on is None:
            out.append((f"{kind.value}（{n.doc_number}）", "待登记送达"))
    for c in req.corrections:
        need(LetterKind.CORRECTION, event_ref("correction", c.id), f"{cn_date(c.requested_on)}告知补正")
    for c in req.consultations:
        third = c.kind == PauseKind.THIRD_PARTY.value
        need(LetterKind.CONSULTATION if third else LetterKind.AGENCY_CONSULTATION,
             event_ref("consultation", c.id), f"{c.party}，{cn_date(c.sent_on)}发出")
        if third and c.disclosure_reasons.strip():
            need(LetterKind.DISCLOSURE_DECISION, event_ref("consultation", c.id), f"致{c.party}", served=True)
    for e in req.extensions:
        need(LetterKind.EXTENSION, event_ref("extension", e.id),
             f"{cn_date(e.approved_on)}批准延期{e.days}个工作日", served=True)
    for f in req.fee_notices:
        need(LetterKind.FEE, event_ref("fee", f.id), f"{cn_date(f.issued_on)}通知缴费")
    return out
