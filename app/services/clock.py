"""Bridge from stored events to the pure deadline rules: build a CaseClock, refresh the cache."""

from __future__ import annotations

from datetime import date
from typing import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import CalendarDayRow, Consultation, FeeNotice, Request
from app.services.trust.audit import record
from app.models import Correction as ModelCorrection
from app.models import Extension as ModelExtension
from app.workflow.calendar import CalendarDay, StatutoryCalendar
from app.workflow.deadline import (
    CaseClock, Correction, Deadline, Extension, Pause, PauseKind, Policy, compute_deadline,
    fee_payment_due, third_party_answer_due,
)


def load_calendar(session: Session) -> StatutoryCalendar:
    rows = session.scalars(select(CalendarDayRow)).all()
    return StatutoryCalendar(CalendarDay(r.day, r.is_workday, r.name, r.notice) for r in rows)


def case_clock(req: Request, cal: StatutoryCalendar) -> CaseClock:
    return clock_from(req, req.corrections, req.consultations, req.extensions, req.fee_notices, cal)


def clock_from(req, corrections: Iterable[ModelCorrection], consultations: Iterable[Consultation],
               extensions: Iterable[ModelExtension], fees: Iterable[FeeNotice],
               cal: StatutoryCalendar) -> CaseClock:
    """The clock from a request's dates (anything with receipt_date, override_due, override_reason)
    and its event rows; the one place stored events become deadline inputs."""
    pauses = []
    for c in consultations:
        kind = PauseKind.THIRD_PARTY if c.kind == PauseKind.THIRD_PARTY.value else PauseKind.OTHER_AGENCY
        window = third_party_answer_due(cal, c.party_received_on) if c.party_received_on else None
        pauses.append(Pause(kind, c.sent_on, c.answered_on, window))
    for f in fees:
        window = fee_payment_due(cal, f.received_on) if f.received_on else None
        pauses.append(Pause(PauseKind.FEE, f.issued_on, f.paid_on, window))
    return CaseClock(
        receipt=req.receipt_date,
        corrections=tuple(Correction(c.requested_on, c.received_on, c.period_days, c.notice_served_on)
                          for c in corrections),
        pauses=tuple(pauses),
        extensions=tuple(Extension(e.approved_on, e.days) for e in extensions),
        override_due=req.override_due,
        override_reason=req.override_reason,
    )


def deadline_of(req: Request, cal: StatutoryCalendar, policy: Policy, today: date,
                explain: bool = True) -> Deadline:
    return compute_deadline(case_clock(req, cal), cal, today, policy, explain=explain)


def refresh_due(req: Request, cal: StatutoryCalendar, policy: Policy, today: date) -> bool:
    """Recompute the cached due dates from the events; True when anything changed."""
    d = deadline_of(req, cal, policy, today, explain=False)
    new = (d.reply_due, d.draft_due, d.provisional)
    old = (req.reply_due, req.draft_due, req.due_provisional)
    if new != old:
        req.reply_due, req.draft_due, req.due_provisional = new
        return True
    return False


def refresh_due_audited(s: Session, actor, req: Request, cal: StatutoryCalendar, policy: Policy,
                        today: date, reason: str = "") -> bool:
    """``refresh_due`` plus an audit event for each cached date that moved; True when any did."""
    before, draft_before = req.reply_due, req.draft_due
    if not refresh_due(req, cal, policy, today):
        return False
    if before != req.reply_due:
        record(s, actor, "期限重算", req.id, "应答复日期", before, req.reply_due, reason)
    if draft_before != req.draft_due:
        record(s, actor, "期限重算", req.id, "草稿报送期限", draft_before, req.draft_due, reason)
    return True


def refresh_case_due(s: Session, actor, req: Request, today: date, reason: str = "") -> bool:
    """After a change to one case: recompute with the stored calendar and the office's policy."""
    from app.services.settings_service import load_settings

    return refresh_due_audited(s, actor, req, load_calendar(s), load_settings(s).policy, today, reason)
