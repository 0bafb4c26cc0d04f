"""Lapses are decisions: when 逾期未缴费 may be recorded, and the 不予处理 decision every lapse records."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from app.errors import ValidationError
from app.models import Request
from app.services.audit import record
from app.services.clock import load_calendar
from app.services.dto import Actor
from app.workflow.dates import cn_date
from app.workflow.deadline import FEE_PAYMENT_DAYS, fee_payment_due
from app.workflow.outcomes import Decision

LAPSE_DECISION = Decision.NOT_PROCESSED.label      # 视为放弃申请: the office no longer processes it


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
