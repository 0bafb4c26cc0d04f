"""Writing a planned ledger import: new cases in bulk, changed cases field by field (version
checked, each field audited old → new with the import's name). Called inside one unit of work."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from app.models import Consultation, Correction, Department, Extension, Request
from app.services.trust.audit import event_row, record
from app.services.trust.audit_chain import append
from app.services.clock import case_clock, refresh_due_audited
from app.services.dto import Actor
from app.services.ledger.ledger_plan import RowUpdate
from app.workflow.calendar import StatutoryCalendar
from app.workflow.deadline import (
    CaseClock, Correction as ClockCorrection, Extension as ClockExtension, Pause, PauseKind, Policy,
    compute_deadline,
)
from app.workflow.ledger_diff import Refusal
from app.workflow.ledger_row import LedgerRow, consultation_kind
from app.workflow.outcomes import Outcome
from app.workflow.vocabulary import Channel

_CHUNK = 2000
_ATTRS = {"申请方式": "channel", "申请人": "applicant_name", "申请人类型": "applicant_type",
          "申请内容": "description", "备注": "notes", "答复日期": "reply_date", "证件类型": "id_type",
          "证件号码": "id_number", "联系电话": "phone", "通信地址": "address", "邮政编码": "postcode",
          "电子邮箱": "email", "提供形式": "requested_form", "获取方式": "delivery", "答复类型": "decision",
          "答复理由": "decision_reasons", "答复文号": "reply_doc_number", "送达方式": "service_method",
          "状态": "status"}
_CORRECTION = {"补正告知日期": "requested_on", "补正收到日期": "received_on", "补正事项": "content",
               "补正期限": "period_days"}
_CONSULTATION = {"征求意见开始日期": "sent_on", "征求意见结束日期": "answered_on", "征求意见对象": "party",
                 "征求意见类型": "kind"}
_CLOCK = {"收到日期", "延期天数", *_CORRECTION, *_CONSULTATION}


def departments(s: Session, actor: Actor, names: set[str]) -> dict[str, int]:
    """Department ids by name; departments named in the ledger but unknown are created (audited)."""
    known = {d.name: d.id for d in s.scalars(select(Department))}
    for name in sorted(names - known.keys()):
        d = Department(name=name)
        s.add(d)
        s.flush()
        known[name] = d.id
        record(s, actor, "新建处室", field="处室", old="", new=name, reason="台账导入")
    return known


# -- new cases ---------------------------------------------------------------------------------
def insert_rows(s: Session, actor: Actor, rows: list[LedgerRow], depts, cal, policy, today,
                reason: str, progress=None, done: int = 0, total: int = 0) -> list[tuple[str, str, date]]:
    """Insert new cases; returns the open ones already overdue: (申请编号, 申请人, 应答复日期)."""
    now, overdue = datetime.now(), []
    for start in range(0, len(rows), _CHUNK):
        chunk = rows[start:start + _CHUNK]
        clocks = [new_clock(r, cal, policy, today) for r in chunk]
        values = [_request_values(r, c, depts, cal, policy, today, now, actor) for r, c in zip(chunk, clocks)]
        s.execute(insert(Request), values)
        overdue += [(v["number"], v["applicant_name"], v["reply_due"]) for r, v in zip(chunk, values)
                    if r.status.is_open and v["reply_due"] and v["reply_due"] < today]
        ids = dict(s.execute(select(Request.number, Request.id).where(
            Request.number.in_([r.number for r in chunk]))).all())
        _insert_children(s, [(ids[r.number], r, c) for r, c in zip(chunk, clocks)], actor, now, reason)
        if progress:
            progress(done + start + len(chunk), total)
    return overdue


def new_clock(r: LedgerRow, cal: StatutoryCalendar, policy: Policy, today: date) -> CaseClock:
    corrections = (ClockCorrection(r.correction_requested, r.correction_received),) \
        if r.correction_requested else ()
    kind = PauseKind(consultation_kind(r.text("征求意见类型")) or PauseKind.THIRD_PARTY.value)
    pauses = (Pause(kind, r.consultation_start, r.consultation_end),) if r.consultation_start else ()
    clock = CaseClock(r.receipt, corrections, pauses)
    if r.extension_days:
        original = compute_deadline(clock, cal, today, policy, explain=False).reply_due or r.receipt
        clock = CaseClock(r.receipt, corrections, pauses, (ClockExtension(original, r.extension_days),))
    return clock


def _request_values(r: LedgerRow, clock: CaseClock, depts, cal, policy, today, now, actor) -> dict:
    dl = compute_deadline(clock, cal, today, policy, explain=False)
    confirm = r.receipt if Channel(r.channel).needs_confirmation or r.channel == Channel.OTHER else None
    return {
        "number": r.number, "version": 1, "status": r.status.value, "channel": r.channel,
        "applicant_type": r.applicant_type, "applicant_name": r.applicant_name,
        "description": r.description, "notes": r.notes, "arrival_date": r.receipt,
        "confirmation_date": confirm, "receipt_date": r.receipt,
        "department_id": depts.get(r.department) if r.department else None,
        "outcome": r.outcome.code if r.outcome else None, "reply_date": r.reply_date,
        "reply_due": dl.reply_due, "draft_due": dl.draft_due, "due_provisional": dl.provisional,
        "created_at": now, "created_by": actor.username, "updated_at": now,
        "id_type": r.text("证件类型"), "id_number": r.text("证件号码"), "phone": r.text("联系电话"),
        "address": r.text("通信地址"), "postcode": r.text("邮政编码"), "email": r.text("电子邮箱"),
        "requested_form": r.text("提供形式"), "delivery": r.text("获取方式"), "decision": r.decision,
        "decision_reasons": r.text("答复理由"), "reply_doc_number": r.text("答复文号"),
        "service_method": r.text("送达方式"), "override_reason": "",
    }


def _insert_children(s: Session, rows, actor: Actor, now: datetime, reason: str) -> None:
    """Clock events and one audit event per row; ``rows`` = (id, row, clock)."""
    corrections, consultations, extensions, events = [], [], [], []
    for rid, r, clock in rows:
        if r.correction_requested:
            corrections.append({"request_id": rid, "requested_on": r.correction_requested,
                                "received_on": r.correction_received, "period_days": r.correction_period or 15,
                                "content": r.text("补正事项")})
        for p in clock.pauses:
            consultations.append({"request_id": rid, "kind": p.kind.value, "party": r.text("征求意见对象"),
                                  "sent_on": p.started_on, "answered_on": p.ended_on, "opinion": ""})
        for e in clock.extensions:
            extensions.append({"request_id": rid, "approved_on": e.approved_on, "days": e.days,
                               "approved_by": actor.username, "reason": r.text("延期理由")})
        events.append(event_row(actor, "台账导入（新建）", rid, "状态", "", r.status.value,
                                f"{reason}第{r.row}行", at=now))
    for model, values in ((Correction, corrections), (Consultation, consultations), (Extension, extensions)):
        if values:
            s.execute(insert(model), values)
    append(s, events)


# -- changed cases -----------------------------------------------------------------------------
def update_rows(s: Session, actor: Actor, updates: list[RowUpdate], depts, cal, policy, today,
                reason: str) -> tuple[int, list[Refusal], list[tuple[str, str, date]]]:
    """Apply each planned change; a case changed by someone else since the plan was read is refused."""
    done, refused, overdue = 0, [], []
    now = datetime.now()
    for u in updates:
        req = s.get(Request, u.request_id)
        if req is None or req.version != u.version:
            refused.append(Refusal(u.row.row, u.row.number, "", "读取台账后，本案已被其他用户修改（或删除），"
                                                                "为免覆盖未写入本行；请重新导入"))
            continue
        why = f"{reason}第{u.row.row}行"
        with s.no_autoflush:       # one flush per case at the end: one version bump, not one per lazy load
            for ch in u.changes:
                _set(s, actor, req, u.row, ch.column, depts, cal, policy, today)
                record(s, actor, "台账导入（更新）", req.id, ch.column, ch.old, ch.new, why)
            req.updated_at = now
            if _CLOCK & {c.column for c in u.changes}:
                refresh_due_audited(s, actor, req, cal, policy, today, why)
        s.flush()
        if req.status != "已答复" and req.status != "已归档" and req.reply_due and req.reply_due < today:
            overdue.append((req.number, req.applicant_name, req.reply_due))
        done += 1
    return done, refused, overdue


def _set(s: Session, actor, req: Request, r: LedgerRow, column: str, depts, cal, policy, today) -> None:
    new = {"收到日期": r.receipt, "办理结果": r.outcome}.get(column)
    if column in _ATTRS:
        value = {"答复日期": r.reply_date, "状态": r.status.value, "申请方式": r.channel,
                 "申请人": r.applicant_name, "申请人类型": r.applicant_type, "申请内容": r.description,
                 "备注": r.notes, "答复类型": r.decision}.get(column, r.text(column))
        setattr(req, _ATTRS[column], value)
    elif column == "收到日期":
        for attr in ("arrival_date", "confirmation_date"):
            if getattr(req, attr) == req.receipt_date:
                setattr(req, attr, new)
        req.receipt_date = new
    elif column == "办理结果":
        req.outcome = new.code if isinstance(new, Outcome) else None
    elif column == "承办处室":
        req.department_id = depts[r.department]
    elif column in _CORRECTION:
        c = _last(req.corrections) or _add(s, req, Correction(requested_on=r.correction_requested,
                                                               period_days=r.correction_period or 15, content=""))
        value = {"补正告知日期": r.correction_requested, "补正收到日期": r.correction_received,
                 "补正期限": r.correction_period}.get(column, r.text(column))
        setattr(c, _CORRECTION[column], value)
    elif column in _CONSULTATION:
        kind = consultation_kind(r.text("征求意见类型")) or PauseKind.THIRD_PARTY.value
        k = _last(req.consultations) or _add(s, req, Consultation(kind=kind, party="",
                                                                   sent_on=r.consultation_start, opinion=""))
        value = {"征求意见开始日期": r.consultation_start, "征求意见结束日期": r.consultation_end,
                 "征求意见类型": kind}.get(column, r.text(column))
        setattr(k, _CONSULTATION[column], value)
    elif column == "延期天数":
        e = _last(req.extensions)
        if e is None:
            original = compute_deadline(case_clock(req, cal), cal, today, policy, explain=False).reply_due
            _add(s, req, Extension(approved_on=original or r.receipt, days=r.extension_days,
                                   approved_by=actor.username, reason=r.text("延期理由")))
        else:
            e.days = r.extension_days
    elif column == "延期理由":
        e = _last(req.extensions)
        if e is not None:
            e.reason = r.text("延期理由")


def _last(items):
    """The most recent record (the one the export wrote); one added just now has no id yet."""
    return max(items, key=lambda x: x.id or float("inf")) if items else None


def _add(s: Session, req: Request, obj):
    getattr(req, {Correction: "corrections", Consultation: "consultations", Extension: "extensions"}[type(obj)]
            ).append(obj)
    return obj
