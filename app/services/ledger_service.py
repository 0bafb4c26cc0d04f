"""台账 import (all or nothing, updates by 申请编号) and export (same columns + 应答复日期, 状态)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Callable

from sqlalchemy import bindparam, delete, insert, select, update
from sqlalchemy.orm import Session

from app.exports.ledger_xlsx import read_ledger, write_ledger
from app.models import Consultation, Correction, Department, Event, Extension, Request
from app.services.clock import load_calendar
from app.services.dto import Actor
from app.services.ledger_export import export_rows
from app.services.settings_service import load_settings
from app.services.uow import Database
from app.workflow.calendar import StatutoryCalendar
from app.workflow.deadline import (
    CaseClock, Correction as ClockCorrection, Extension as ClockExtension, Pause, PauseKind, Policy,
    compute_deadline,
)
from app.workflow.ledger_row import LedgerRow, RowError, parse_row
from app.workflow.vocabulary import Channel, Role

Progress = Callable[[int, int], None]
_CHUNK = 2000


@dataclass(frozen=True)
class ImportResult:
    created: int = 0
    updated: int = 0
    errors: tuple[RowError, ...] = field(default=())

    @property
    def ok(self) -> bool:
        return not self.errors


class LedgerService:
    def __init__(self, db: Database, today=date.today):
        self._db = db
        self._today = today

    def import_file(self, actor: Actor, path: str | Path, progress: Progress | None = None) -> ImportResult:
        """Check every row first; write all rows in one transaction only if none has a problem."""
        if actor.role not in (Role.CLERK, Role.ADMIN):
            refused = f"导入台账只能由登记员或管理员办理，当前用户角色为“{actor.role}”。"
            return ImportResult(errors=(RowError(0, "", refused),))
        try:
            sheet = read_ledger(path)
        except ValueError as e:
            return ImportResult(errors=(RowError(0, "", str(e)),))
        if sheet.header_errors:
            return ImportResult(errors=sheet.header_errors)
        today = self._today()
        parsed: list[LedgerRow] = []
        errors: list[RowError] = []
        first_seen: dict[str, int] = {}
        for n, values in sheet.rows:
            row, errs = parse_row(n, values, today)
            number = str(values.get("申请编号") or "").strip()
            if number in first_seen:
                errs.append(RowError(n, "申请编号", f"“{number}”与第{first_seen[number]}行重复"))
            elif number:
                first_seen[number] = n
            errors.extend(errs)
            if row is not None and not errs:
                parsed.append(row)
            if progress and n % 5000 == 0:
                progress(n, sheet.total_rows * 2)
        if errors:
            return ImportResult(errors=tuple(errors))
        return self._write(actor, parsed, today, progress, sheet.total_rows)

    def _write(self, actor: Actor, rows: list[LedgerRow], today: date, progress: Progress | None,
               total: int) -> ImportResult:
        with self._db.uow() as uow:
            s = uow.session
            cal, policy = load_calendar(s), load_settings(s).policy
            depts = _departments(s, actor, {r.department for r in rows if r.department})
            existing = {n: (i, v, st) for n, i, v, st in
                        s.execute(select(Request.number, Request.id, Request.version, Request.status))}
            now = datetime.now()
            new_rows = [r for r in rows if r.number not in existing]
            old_rows = [r for r in rows if r.number in existing]
            for start in range(0, len(new_rows), _CHUNK):
                chunk = new_rows[start:start + _CHUNK]
                clocks = [_clock(r, cal, policy, today) for r in chunk]
                s.execute(insert(Request), [_request_values(r, c, depts, cal, policy, today, now, actor)
                                            for r, c in zip(chunk, clocks)])
                ids = dict(s.execute(select(Request.number, Request.id).where(
                    Request.number.in_([r.number for r in chunk]))).all())
                _insert_children(s, zip([ids[r.number] for r in chunk], chunk, clocks, [""] * len(chunk)),
                                 actor, now, "台账导入（新建）")
                if progress:
                    progress(total + start + len(chunk), total * 2)
            if old_rows:
                ids = [existing[r.number][0] for r in old_rows]
                for start in range(0, len(ids), _CHUNK):
                    part = ids[start:start + _CHUNK]
                    for model in (Correction, Consultation, Extension):
                        s.execute(delete(model).where(model.request_id.in_(part)))
                values, clocks = [], []
                for r in old_rows:
                    rid, version, _ = existing[r.number]
                    clock = _clock(r, cal, policy, today)
                    v = _request_values(r, clock, depts, cal, policy, today, now, actor)
                    v.pop("created_at"), v.pop("created_by")
                    values.append({**v, "_id": rid, "version": version + 1})
                    clocks.append(clock)
                table = Request.__table__
                s.execute(update(table).where(table.c.id == bindparam("_id")), values)
                _insert_children(s, zip(ids, old_rows, clocks, [existing[r.number][2] for r in old_rows]),
                                 actor, now, "台账导入（更新）")
            uow.commit()
        return ImportResult(created=len(new_rows), updated=len(old_rows))

    def export_file(self, path: str | Path, year: int | None = None,
                    progress: Progress | None = None) -> int:
        """Write the ledger (cases received in ``year``, or all); returns the number of rows."""
        with self._db.uow() as uow:
            rows = export_rows(uow.session, year, self._today(), progress)
        write_ledger(rows, path)
        return len(rows)


def _departments(s: Session, actor: Actor, names: set[str]) -> dict[str, int]:
    """Department ids by name; departments named in the ledger but unknown are created (audited)."""
    known = {d.name: d.id for d in s.scalars(select(Department))}
    for name in sorted(names - known.keys()):
        d = Department(name=name)
        s.add(d)
        s.flush()
        known[name] = d.id
        s.add(Event(at=datetime.now(), actor=actor.username, kind="新建处室", field="处室", old="",
                    new=name, reason="台账导入"))
    return known


def _clock(r: LedgerRow, cal: StatutoryCalendar, policy: Policy, today: date) -> CaseClock:
    corrections = (ClockCorrection(r.correction_requested, r.correction_received),) \
        if r.correction_requested else ()
    pauses = (Pause(PauseKind.THIRD_PARTY, r.consultation_start, r.consultation_end),) \
        if r.consultation_start else ()
    clock = CaseClock(r.receipt, corrections, pauses)
    if r.extended:
        original = compute_deadline(clock, cal, today, policy, explain=False).reply_due or r.receipt
        clock = CaseClock(r.receipt, corrections, pauses, (ClockExtension(original, 20),))
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
        "id_type": "", "id_number": "", "phone": "", "address": "", "postcode": "", "email": "",
        "requested_form": "", "delivery": "", "decision": "", "decision_reasons": "",
        "service_method": "", "override_reason": "",
    }


def _insert_children(s: Session, rows, actor: Actor, now: datetime, kind: str) -> None:
    """Clock events and one audit event per row; ``rows`` = (id, row, clock, old status)."""
    corrections, consultations, extensions, events = [], [], [], []
    for rid, r, clock, old_status in rows:
        if r.correction_requested:
            corrections.append({"request_id": rid, "requested_on": r.correction_requested,
                                "received_on": r.correction_received, "period_days": 15, "content": ""})
        if r.consultation_start:
            consultations.append({"request_id": rid, "kind": PauseKind.THIRD_PARTY.value, "party": "",
                                  "sent_on": r.consultation_start, "answered_on": r.consultation_end,
                                  "opinion": ""})
        for e in clock.extensions:
            extensions.append({"request_id": rid, "approved_on": e.approved_on, "days": e.days,
                               "approved_by": actor.username, "reason": "台账导入"})
        events.append({"request_id": rid, "at": now, "actor": actor.username, "kind": kind,
                       "field": "状态", "old": old_status, "new": r.status.value,
                       "reason": f"台账第{r.row}行"})
    for model, values in ((Correction, corrections), (Consultation, consultations),
                          (Extension, extensions), (Event, events)):
        if values:
            s.execute(insert(model), values)
