"""Cases as ledger rows (domain §6, version 2): one lean query per table, due dates from the events.

The export writes these rows; the importer compares a ledger row with the same rows, so what an
export wrote re-imports as "nothing changed".
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.exports.letters.kinds import LetterKind
from app.models import Consultation, Correction, Department, Extension, FeeNotice, Letter, Request
from app.services.clock import clock_from, load_calendar
from app.services.settings_service import load_settings
from app.workflow.deadline import PauseKind, compute_deadline
from app.workflow.ledger_columns import CONTACT_COLUMNS, EXPORT_COLUMNS, V2_COLUMNS
from app.workflow.outcomes import Outcome

_FIELDS = (Request.id, Request.version, Request.number, Request.receipt_date, Request.channel,
           Request.applicant_name, Request.applicant_type, Request.description, Request.department_id,
           Request.outcome, Request.reply_date, Request.notes, Request.status, Request.override_due,
           Request.override_reason, Request.id_type, Request.id_number, Request.phone, Request.address,
           Request.postcode, Request.email, Request.requested_form, Request.delivery, Request.decision,
           Request.decision_reasons, Request.reply_doc_number, Request.service_method)
_KIND_LABEL = {PauseKind.THIRD_PARTY.value: "第三方", PauseKind.OTHER_AGENCY.value: "其他机关"}


def _children(s: Session, model, cond) -> dict[int, list]:
    out: dict[int, list] = defaultdict(list)
    for row in s.scalars(select(model).join(Request, Request.id == model.request_id).where(*cond)
                         .order_by(model.id)):
        out[row.request_id].append(row)
    return out


def _reply_numbers(s: Session, cond) -> dict[int, str]:
    q = (select(Letter.request_id, Letter.doc_number).join(Request, Request.id == Letter.request_id)
         .where(Letter.kind == LetterKind.REPLY.value, Letter.doc_number != "", *cond).order_by(Letter.id))
    return dict(s.execute(q).all())


def stored_rows(s: Session, cond, today: date, with_due: bool = True,
                progress: Callable[[int, int], None] | None = None) -> list[dict]:
    """Every case matching ``cond`` as {column: value}, plus _id, _version, _status, _reply_letter."""
    cal, policy = load_calendar(s), load_settings(s).policy
    depts = dict(s.execute(select(Department.id, Department.name)).all())
    corr, cons, ext, fees = (_children(s, m, cond) for m in (Correction, Consultation, Extension, FeeNotice))
    letters = _reply_numbers(s, cond)
    # NULLS FIRST as SQLite sorts them, so SQLite and PostgreSQL export the same order (join-city proves it).
    reqs = s.execute(select(*_FIELDS).where(*cond).order_by(Request.receipt_date.asc().nulls_first(), Request.id)).all()
    rows = []
    for i, r in enumerate(reqs):
        c, k, e = corr.get(r.id, []), cons.get(r.id, []), ext.get(r.id, [])
        due = None
        if with_due:
            clock = clock_from(r, c, k, e, fees.get(r.id, []), cal)
            due = compute_deadline(clock, cal, today, policy, explain=False).reply_due
        row = _row(r, depts, c[-1] if c else None, k[-1] if k else None, e, letters.get(r.id, ""))
        row["应答复日期"] = due
        rows.append(row)
        if progress and i % 5000 == 0:
            progress(i, len(reqs))
    return rows


def _row(r, depts, last_c, last_k, e, letter_no: str) -> dict:
    return {
        "申请编号": r.number, "收到日期": r.receipt_date, "申请方式": r.channel, "申请人": r.applicant_name,
        "申请人类型": r.applicant_type, "申请内容": r.description,
        "承办处室": depts.get(r.department_id, "") if r.department_id else "",
        "补正告知日期": last_c.requested_on if last_c else None,
        "补正收到日期": last_c.received_on if last_c else None,
        "征求意见开始日期": last_k.sent_on if last_k else None,
        "征求意见结束日期": last_k.answered_on if last_k else None,
        "延期": "是" if e else "否",
        "办理结果": Outcome.from_code(r.outcome).label if r.outcome else None,   # also a proposed one (v1)
        "答复日期": r.reply_date, "备注": r.notes or None, "状态": r.status,
        "证件类型": r.id_type, "证件号码": r.id_number, "联系电话": r.phone, "通信地址": r.address,
        "邮政编码": r.postcode, "电子邮箱": r.email, "提供形式": r.requested_form, "获取方式": r.delivery,
        "补正事项": last_c.content if last_c else "",
        "补正期限": last_c.period_days if last_c else None,
        "征求意见对象": last_k.party if last_k else "",
        "征求意见类型": _KIND_LABEL.get(last_k.kind, "") if last_k else "",
        "延期天数": sum(x.days for x in e) or None,
        "延期理由": "；".join(x.reason for x in e if x.reason),
        "答复类型": r.decision, "答复理由": r.decision_reasons,
        "答复文号": letter_no or r.reply_doc_number, "送达方式": r.service_method,
        "_id": r.id, "_version": r.version, "_status": r.status, "_reply_letter": letter_no,
        "_extensions": len(e),
    }


def export_rows(s: Session, year: int | None, today: date,
                progress: Callable[[int, int], None] | None = None) -> list[dict]:
    cond = []
    if year is not None:
        cond = [Request.receipt_date.between(date(year, 1, 1), date(year, 12, 31))]
    return stored_rows(s, cond, today, True, progress)


def export_columns(rows: list[dict], with_contacts: bool) -> tuple[str, ...]:
    """The version 1 columns, then every version 2 column some row has data for (contacts on request)."""
    extra = [c for c in V2_COLUMNS if (with_contacts or c not in CONTACT_COLUMNS)
             and any(r.get(c) not in (None, "") for r in rows)]
    return EXPORT_COLUMNS + tuple(extra)
