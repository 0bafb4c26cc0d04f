"""Gathering ledger rows for export: one lean query per table, due dates recomputed from events."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import Consultation, Correction, Department, Extension, FeeNotice, Request
from app.services.clock import clock_from, load_calendar
from app.services.settings_service import load_settings
from app.workflow.deadline import compute_deadline
from app.workflow.outcomes import Outcome


def _children(s: Session, model, cond) -> dict[int, list]:
    out: dict[int, list] = defaultdict(list)
    order = model.id
    for row in s.scalars(select(model).join(Request, Request.id == model.request_id).where(*cond)
                         .order_by(order)):
        out[row.request_id].append(row)
    return out


def export_rows(s: Session, year: int | None, today: date,
                progress: Callable[[int, int], None] | None = None) -> list[dict]:
    cond = []
    if year is not None:
        cond = [Request.receipt_date.between(date(year, 1, 1), date(year, 12, 31))]
    cal, policy = load_calendar(s), load_settings(s).policy
    depts = dict(s.execute(select(Department.id, Department.name)).all())
    corr, cons, ext, fees = (_children(s, m, cond) for m in (Correction, Consultation, Extension, FeeNotice))
    reqs = s.execute(select(Request.id, Request.number, Request.receipt_date, Request.channel,
                            Request.applicant_name, Request.applicant_type, Request.description,
                            Request.department_id, Request.outcome, Request.reply_date, Request.notes,
                            Request.status, Request.override_due, Request.override_reason)
                     .where(*cond).order_by(Request.receipt_date, Request.id)).all()
    rows = []
    for i, r in enumerate(reqs):
        c, k, e = corr.get(r.id, []), cons.get(r.id, []), ext.get(r.id, [])
        clock = clock_from(r, c, k, e, fees.get(r.id, []), cal)
        due = compute_deadline(clock, cal, today, policy, explain=False).reply_due
        last_c = c[-1] if c else None
        last_k = k[-1] if k else None
        rows.append({
            "申请编号": r.number, "收到日期": r.receipt_date, "申请方式": r.channel, "申请人": r.applicant_name,
            "申请人类型": r.applicant_type, "申请内容": r.description,
            "承办处室": depts.get(r.department_id, "") if r.department_id else "",
            "补正告知日期": last_c.requested_on if last_c else None,
            "补正收到日期": last_c.received_on if last_c else None,
            "征求意见开始日期": last_k.sent_on if last_k else None,
            "征求意见结束日期": last_k.answered_on if last_k else None,
            "延期": "是" if e else "否",
            "办理结果": Outcome.from_code(r.outcome).label if r.outcome else None,
            "答复日期": r.reply_date, "备注": r.notes or None, "应答复日期": due, "状态": r.status,
        })
        if progress and i % 5000 == 0:
            progress(i, len(reqs))
    return rows
