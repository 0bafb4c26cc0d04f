"""Lapses are decisions: when 逾期未补正 / 逾期未缴费 may be recorded, the 不予处理 decision each records,
and the reason a late 补正 notice needs (domain §3, §7)."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from app.errors import ValidationError
from app.models import Request
from app.services.trust.audit import record
from app.services.clock import load_calendar
from app.services.dto import Actor
from app.workflow.dates import cn_date
from app.workflow.deadline import CORRECTION_NOTICE_DAYS, FEE_PAYMENT_DAYS, correction_due, fee_payment_due
from app.workflow.deadline import Correction as ClockCorrection
from app.workflow.outcomes import Decision, Outcome

LAPSE_DECISION = Decision.NOT_PROCESSED.label      # 视为放弃申请: the office no longer processes it


def require_correction_lapsed(s: Session, req: Request, closed_on: date) -> None:
    """逾期未补正 （六）1 only after the notice's own period, counted from its recorded 送达, has passed."""
    c = req.corrections[-1] if req.corrections else None
    if c is None or c.notice_served_on is None:
        raise ValidationError("补正告知书尚未登记送达日期（未送达），补正期限未起算，"
                              "不能认定逾期未补正。请先登记送达日期。", "notice_served_on")
    due = correction_due(ClockCorrection(c.requested_on, c.received_on, c.period_days, c.notice_served_on),
                         load_calendar(s))
    if closed_on <= due:
        raise ValidationError(f"补正期限至{cn_date(due)}届满（{cn_date(c.notice_served_on)}送达，"
                              f"期限{c.period_days}个工作日），届满后方可认定逾期未补正。", "closed_on")


def require_fee_lapsed(s: Session, req: Request, closed_on: date) -> None:
    """逾期未缴费 （六）2 only after the 20 working days from the notice's 送达 have passed (domain §3),
    exactly as 逾期未补正 is guarded; an unserved notice starts no period."""
    f = req.fee_notices[-1] if req.fee_notices else None
    if f is None:
        raise ValidationError("该申请没有缴费通知记录，不能认定逾期未缴费。", "fees")
    if f.paid_on is not None:
        raise ValidationError(f"申请人已于{cn_date(f.paid_on)}缴费，不能认定逾期未缴费。", "paid_on")
    if f.received_on is None:
        raise ValidationError("缴费通知书尚未登记送达日期（未送达），缴费期限未起算，不能认定逾期未缴费。"
                              "请先“登记缴费通知书送达”。", "received_on")
    due = fee_payment_due(load_calendar(s), f.received_on)
    if closed_on <= due:
        raise ValidationError(f"缴费期限至{cn_date(due)}届满（{cn_date(f.received_on)}送达，自收到之次日起"
                              f"{FEE_PAYMENT_DAYS}个工作日），届满后方可认定逾期未缴费。", "closed_on")


def record_lapse_decision(s: Session, actor: Actor, req: Request, kind: str, why: str) -> None:
    """The lapse is the decision (不予处理, 视为放弃): its letter can be issued at once."""
    if req.decision != LAPSE_DECISION:
        record(s, actor, kind, req.id, "答复决定", req.decision, LAPSE_DECISION, why)
        req.decision = LAPSE_DECISION
        req.decision_source = ""


def require_late_reason(s: Session, actor: Actor, req: Request, requested_on: date, reason: str) -> str:
    """A 补正 notice later than 7 working days after receipt (Art 30) needs a reason; it is audited and
    kept on the notice, which marks the case. Returns the reason to store ("" for a timely notice)."""
    if req.receipt_date is None or req.corrections:       # Art 30's 7 days run for the first notice
        return ""
    due = load_calendar(s).add_workdays(req.receipt_date, CORRECTION_NOTICE_DAYS)
    if requested_on <= due:
        return ""
    if not reason.strip():
        raise ValidationError(f"补正告知日期（{cn_date(requested_on)}）已超过收到申请之日起{CORRECTION_NOTICE_DAYS}"
                              f"个工作日（应于{cn_date(due)}前告知，条例第三十条），请填写逾期告知理由。",
                              "late_reason")
    record(s, actor, "逾期告知补正", req.id, "逾期告知理由", "", reason.strip(),
           f"应于{cn_date(due)}前告知，{cn_date(requested_on)}告知")
    return reason.strip()


def require_correction_for(req: Request, chosen: Outcome | None) -> Outcome | None:
    """四.3 补正后申请内容仍不明确 says a 补正 was asked and answered: only with a received correction."""
    if chosen is Outcome.STILL_UNCLEAR and not any(c.received_on for c in req.corrections):
        raise ValidationError("“补正后申请内容仍不明确”须先告知补正并收到补正后的申请；该申请没有收到补正的记录，"
                              "请改选其他情形，或先办理“告知补正”。", "outcome")
    return chosen
