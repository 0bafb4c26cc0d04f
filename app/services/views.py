"""ORM rows → frozen DTOs (the only way data leaves the service layer)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from sqlalchemy.orm import Session

from app.models import Department, Event, LegalReview, Request, User
from app.services.clock import deadline_of
from app.services.cases.consultation_matter import consultation_matter
from app.services.settings_service import load_settings
from app.services.dto import (
    ConsultationView, CorrectionView, EventView, ExtensionView, FeeView, LegalReviewView, RequestDetail,
)
from app.workflow.calendar import StatutoryCalendar
from app.workflow.deadline import (
    FEE_PAYMENT_DAYS, THIRD_PARTY_DAYS, Correction, Deadline, Policy, correction_due, fee_payment_due,
    third_party_answer_due, urgency,
)
from app.workflow.legal_review import stage_plan
from app.workflow.status import Status


def event_view(e: Event) -> EventView:
    return EventView(e.at, e.actor, e.kind, e.field, e.old, e.new, e.reason)


def request_detail(s: Session, req: Request, cal: StatutoryCalendar, policy: Policy,
                   today: date) -> RequestDetail:
    dl = _with_side_dates(deadline_of(req, cal, policy, today), req, cal)
    dept = s.get(Department, req.department_id) if req.department_id else None
    handler = s.get(User, req.handler_id) if req.handler_id else None
    events = s.query(Event).filter(Event.request_id == req.id).order_by(Event.id).all()
    level = urgency(cal, dl.reply_due, today, policy) if Status(req.status).is_open else ""
    return RequestDetail(
        id=req.id, number=req.number, version=req.version, status=req.status,
        applicant_name=req.applicant_name, applicant_type=req.applicant_type, id_type=req.id_type,
        id_number=req.id_number, phone=req.phone, address=req.address, postcode=req.postcode,
        email=req.email, channel=req.channel, description=req.description,
        requested_form=req.requested_form, delivery=req.delivery, notes=req.notes,
        arrival_date=req.arrival_date, confirmation_date=req.confirmation_date,
        receipt_date=req.receipt_date, department_id=req.department_id,
        department=dept.name if dept else "", handler_id=req.handler_id,
        handler=handler.display_name if handler else "", outcome=req.outcome,
        decision=req.decision, decision_reasons=req.decision_reasons, reply_date=req.reply_date,
        service_method=req.service_method, service_date=req.service_date,
        override_due=req.override_due, override_reason=req.override_reason, deadline=dl,
        urgency=str(level),
        corrections=tuple(_correction(c, cal, policy) for c in req.corrections),
        consultations=tuple(
            ConsultationView(c.id, c.kind, c.party, c.sent_on, c.party_received_on, c.answered_on,
                             third_party_answer_due(cal, c.party_received_on or c.sent_on), c.opinion,
                             c.answer, c.disclosure_reasons, c.party_received_on is not None,
                             *consultation_matter(req, c))
            for c in req.consultations),
        extensions=tuple(ExtensionView(e.approved_on, e.days, e.approved_by, e.reason, e.id)
                         for e in req.extensions),
        fees=tuple(FeeView(f.id, f.method, f.quantity, f.amount, f.issued_on, f.received_on,
                           fee_payment_due(cal, f.received_on) if f.received_on else None,
                           f.paid_on, f.paid_amount, f.lapsed,
                           None if f.received_on else fee_payment_due(cal, f.issued_on))
                    for f in req.fee_notices),
        events=tuple(event_view(e) for e in events),
        decision_source=req.decision_source,
        legal_reviews=tuple(LegalReviewView(r.reviewed_at, r.reviewer, r.passed, r.opinion) for r in
                            s.query(LegalReview).filter(LegalReview.request_id == req.id)
                            .order_by(LegalReview.id)),
        stage_plan=_stage_plan(s, cal, dl.reply_due) if Status(req.status).is_open else "",
        handling_opinion=req.handling_opinion, reply_doc_number=req.reply_doc_number,
        withheld_ground=req.withheld_ground, query_law=req.query_law, access_route=req.access_route,
        collection_place=req.collection_place, collection_hours=req.collection_hours,
    )


def _with_side_dates(dl: Deadline, req: Request, cal: StatutoryCalendar) -> Deadline:
    """Widen the 暂定 years to the side dates (补正, answer and payment windows) counted with the calendar."""
    starts = [c.sent_on for c in req.consultations] + [f.received_on for f in req.fee_notices if f.received_on]
    starts += [c.requested_on for c in req.corrections]
    if not starts:
        return dl
    lo, hi = min(starts), max(starts)
    far = cal.add_workdays(hi, max(THIRD_PARTY_DAYS, FEE_PAYMENT_DAYS, *(c.period_days for c in req.corrections)))
    added = [y for y in cal.provisional_years(lo, far) if y not in dl.provisional_years]
    if not added:
        return dl
    return replace(dl, provisional_years=tuple(sorted((*dl.provisional_years, *added))),
                   explanation=dl.explanation + tuple(cal.provisional_note(y) for y in added))


def _stage_plan(s: Session, cal: StatutoryCalendar, reply_due: date | None) -> str:
    settings = load_settings(s)
    if not settings.legal_review or reply_due is None:
        return ""
    return stage_plan(cal, reply_due, settings.draft_lead_days, settings.legal_review_days).describe()


def _correction(c, cal: StatutoryCalendar, policy: Policy) -> CorrectionView:
    clock = Correction(c.requested_on, c.received_on, c.period_days, c.notice_served_on)
    hint = None if c.notice_served_on else cal.add_workdays(c.requested_on, c.period_days)
    return CorrectionView(c.id, c.requested_on, c.received_on, c.period_days, c.content, c.notice_served_on,
                          correction_due(clock, cal, policy), hint, c.late_reason, c.corrected_content)
