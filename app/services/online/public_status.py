"""The public status from a case's facts (the JSON both stores return): stages, dates, 补正, documents."""

from __future__ import annotations

from datetime import date

from app.services.online.dto import PublicCorrection, PublicDocument, PublicStatus, TimelineStep
from app.workflow.calendar import CalendarDay, StatutoryCalendar
from app.workflow.deadline import Correction, correction_due

STAGES = ("待确认", "已受理", "补正", "收到补正", "征求意见（暂停计时）", "延期", "已答复")
_TITLES = {"补正申请告知书": "补正申请告知书", "延长答复期限告知书": "延长答复期限告知书",
           "政府信息公开申请答复书": "政府信息公开申请答复书"}


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _correction(facts: dict) -> PublicCorrection | None:
    open_ = [c for c in facts["corrections"] if c["received_on"] is None]
    if not open_ or facts["status"] != "待补正":
        return None
    c = open_[-1]
    cal = StatutoryCalendar(CalendarDay(_day(d["day"]), d["is_workday"]) for d in facts["calendar"])
    due = correction_due(Correction(_day(c["requested_on"]), None, c["period_days"], _day(c["served_on"])), cal)
    return PublicCorrection(c["content"], due, bool(c["answered"]))


def _steps(facts: dict) -> list[TimelineStep]:
    """The steps that happened, in order, then 已受理/已答复 still to come; the last one that happened is current."""
    done: list[tuple[str, date | None]] = [("待确认", _day(facts["submitted_at"]))]
    if facts["receipt_date"]:
        done.append(("已受理", _day(facts["receipt_date"])))
    events = [("补正", _day(c["requested_on"])) for c in facts["corrections"]]
    # the corrected application received: the clock starts again from that day (条例第三十条)
    events += [("收到补正", _day(c["received_on"])) for c in facts["corrections"] if c["received_on"]]
    events += [("征求意见（暂停计时）", _day(c["sent_on"])) for c in facts["consultations"]]
    events += [("延期", _day(x["approved_on"])) for x in facts["extensions"]]
    done += sorted(events, key=lambda e: e[1] or date.min)
    replied = facts["status"] in ("已答复", "已归档") and not facts["refused"]
    if replied:
        done.append(("已答复", _day(facts["reply_date"])))
    steps = [TimelineStep(label, on, current=i == len(done) - 1) for i, (label, on) in enumerate(done)]
    if not facts["refused"]:
        if not facts["receipt_date"]:
            steps.append(TimelineStep("已受理", None))
        if not replied:
            due = _day(facts["reply_due"])
            steps.append(TimelineStep("已答复", due, provisional=True))
    return steps


def _stage(facts: dict, steps: list[TimelineStep]) -> str:
    if facts["refused"]:
        return "未予登记（经核实不属于政府信息公开申请）"
    current = next(s.label for s in steps if s.current)
    if current == "收到补正":
        return "已收到补正，办理中"
    if current == "征求意见（暂停计时）" and facts["status"] != "征求意见中":
        return "办理中"
    return {"待确认": "待确认（登记员确认后开始计算答复期限）", "已受理": "已受理，办理中"}.get(current, current)


def build_status(facts: dict) -> PublicStatus:
    steps = _steps(facts)
    docs = [PublicDocument(d["id"], f"{_TITLES.get(d['kind'], d['kind'])}（{d['doc_number']}）",
                           _day(d["issued_on"]), bool(d["fetched"])) for d in facts["documents"]]
    replied = facts["status"] in ("已答复", "已归档")
    return PublicStatus(
        agency_name=facts["agency_name"], stage=_stage(facts, steps), timeline=steps,
        received_on=_day(facts["receipt_date"]),
        due_on=None if replied or facts["refused"] else _day(facts["reply_due"]),
        due_provisional=bool(facts["due_provisional"]), correction=_correction(facts), documents=docs)
