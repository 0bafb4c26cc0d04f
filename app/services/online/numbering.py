"""An online submission's provisional number, replaced by the office's 申请编号 when it is confirmed."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from app.models import Request
from app.services.counters import next_number, reserve_counter
from app.services.dto import Actor
from app.services.settings_service import load_settings
from app.services.trust.audit import record

PROVISIONAL = "网上待确认-"


def number_on_confirmation(s: Session, actor: Actor, req: Request, on: date) -> None:
    """Give a provisional online number the next 申请编号 of the confirmation's year (audited); others untouched.
    Numbers are taken at confirmation, so submissions never confirmed (a flood, spam) leave no gap."""
    if not req.number.startswith(PROVISIONAL):
        return
    reserve_counter(s, "申请编号", on.year)
    settings = load_settings(s)
    number = next_number(s, settings.request_number_pattern, settings.agency_short, "申请编号", on.year)
    record(s, actor, "修改", req.id, "申请编号", req.number, number)
    req.number = number
