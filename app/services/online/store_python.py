"""The online service's database steps in Python (SQLite; the same rules as app/migrations/sql/online_core.sql).

Each function is one step the web may take, inside the caller's unit of work; PostgreSQL runs the same
steps as SECURITY DEFINER functions for the dd_web role (store_pg.py)."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.models import (Agency, Attachment, CalendarDayRow, Consultation, Correction, Extension, Letter,
                        OnlineAnswer, OnlineFetch, OnlineSubmission, OnlineThrottle, Request, Setting)
from app.services.dto import Actor
from app.services.online.rules import ONLINE_DELIVERY, ONLINE_KINDS, WEB_ORIGIN, WEB_USER, Limit
from app.services.trust.audit import record
from app.workflow.vocabulary import Role

SIGNED = "已签发"
WEB_ACTOR = Actor(WEB_USER, "网上申请人", Role.CLERK, origin=WEB_ORIGIN)


def _setting(s: Session, agency_id: int, key: str) -> str:
    raw = s.scalar(select(Setting.value).where(Setting.key == key, Setting.agency_id == agency_id))
    try:
        value = json.loads(raw) if raw else ""
    except ValueError:
        value = ""
    return value if isinstance(value, str) else ""


def agencies(s: Session) -> list[tuple[str, str, str]]:
    rows = s.execute(select(Agency.id, Agency.code, Agency.name).order_by(Agency.code)).all()
    return [(r.code, r.name, _setting(s, r.id, "online_notice")) for r in rows]


def throttle(s: Session, limit: Limit, key: str, now: datetime, count: bool) -> int:
    """Seconds still blocked (0: go on). ``count``: this is a hit (a wrong answer, a submission)."""
    row = s.get(OnlineThrottle, (limit.scope, key), with_for_update=True)
    if row is None:
        if not count:
            return 0
        row = OnlineThrottle(scope=limit.scope, key_hash=key, hits=0, window_start=now, strikes=0)
        s.add(row)
    if row.blocked_until is not None and row.blocked_until > now:
        return max(1, int((row.blocked_until - now).total_seconds() + 0.999))
    if not count:
        return 0
    if row.window_start + timedelta(seconds=limit.window) <= now:
        row.hits, row.window_start = 0, now
    row.hits += 1
    if row.hits <= limit.hits:
        return 0
    row.strikes += 1
    block = min(limit.base * 2 ** (row.strikes - 1), limit.most)
    row.blocked_until, row.hits, row.window_start = now + timedelta(seconds=block), 0, now
    return block


def throttle_all(s: Session, pairs: list[tuple[Limit, str]], now: datetime, count: bool) -> int:
    """The longest block among several counters (each counted when ``count``)."""
    return max(throttle(s, limit, key, now, count) for limit, key in pairs)


def submit(s: Session, agency_code: str | None, values: dict, hashes: dict, files: list, now: datetime) -> tuple[int, str] | None:
    """Create the 待确认 request and its submission row; (request id, agency name), None: no such agency."""
    agency = _agency(s, agency_code)
    if agency is None:
        return None
    req = Request(**values, agency_id=agency.id, number="网上待确认-" + hashes["code_hash"][:12],
                  status="待确认", channel="网络", created_at=now, updated_at=now, created_by=WEB_USER)
    for key in ("corrections", "consultations", "extensions", "fee_notices"):
        setattr(req, key, [])
    s.add(req)
    s.flush()
    s.add(OnlineSubmission(request_id=req.id, agency_id=agency.id, submitted_at=now, refused_reason="", **hashes))
    for f in files:
        s.add(Attachment(request_id=req.id, agency_id=agency.id, filename=f.filename, kind="网上申请材料",
                         size=len(f.data), sha256=f.sha256, content=f.data, added_at=now, added_by=WEB_USER))
    record(s, WEB_ACTOR, "网上申请", req.id, "状态", "", "待确认", "申请人在线提交，待登记员确认")
    return req.id, agency.name


def _agency(s: Session, code: str | None) -> Agency | None:
    rows = s.scalars(select(Agency).order_by(Agency.id)).all()
    if code is None or code == "":
        return rows[0] if len(rows) == 1 else None
    return next((a for a in rows if a.code == code), None)


def _case(s: Session, code_h: str, last4_h: str) -> tuple[OnlineSubmission, Request] | None:
    sub = s.scalar(select(OnlineSubmission).where(OnlineSubmission.code_hash == code_h))
    if sub is None or last4_h not in (sub.phone4_hash, sub.id4_hash) or not last4_h:
        return None
    return sub, s.get(Request, sub.request_id)


def _offered(s: Session, req: Request) -> list[Letter]:
    if req.delivery not in ONLINE_DELIVERY:
        return []
    return list(s.scalars(select(Letter).where(
        Letter.request_id == req.id, Letter.state == SIGNED, Letter.superseded_by.is_(None),
        Letter.pdf.is_not(None), Letter.kind.in_([k.value for k in ONLINE_KINDS])).order_by(Letter.id)))


def _d(value) -> str | None:
    if value is None:
        return None
    return (value.date() if isinstance(value, datetime) else value).isoformat()


def public_facts(s: Session, code_h: str, last4_h: str) -> dict | None:
    """The facts of the public status (the same JSON as dd_web_status), None for a wrong code or last-4."""
    found = _case(s, code_h, last4_h)
    if found is None:
        return None
    sub, req = found
    answered = set(s.scalars(select(OnlineAnswer.correction_id).where(OnlineAnswer.request_id == req.id)))
    fetched = set(s.scalars(select(OnlineFetch.letter_id).where(OnlineFetch.request_id == req.id)))
    corrections = s.scalars(select(Correction).where(Correction.request_id == req.id).order_by(Correction.id))
    return {
        "agency_name": s.scalar(select(Agency.name).where(Agency.id == req.agency_id)),
        "status": req.status, "submitted_at": _d(sub.submitted_at), "refused": sub.refused_at is not None,
        "receipt_date": _d(req.receipt_date), "reply_due": _d(req.reply_due),
        "due_provisional": bool(req.due_provisional), "reply_date": _d(req.reply_date),
        "corrections": [{"id": c.id, "requested_on": _d(c.requested_on), "served_on": _d(c.notice_served_on),
                         "received_on": _d(c.received_on), "period_days": c.period_days, "content": c.content,
                         "answered": c.id in answered} for c in corrections],
        "consultations": [{"sent_on": _d(c.sent_on), "answered_on": _d(c.answered_on)} for c in s.scalars(
            select(Consultation).where(Consultation.request_id == req.id).order_by(Consultation.id))],
        "extensions": [{"approved_on": _d(x.approved_on), "days": x.days} for x in s.scalars(
            select(Extension).where(Extension.request_id == req.id).order_by(Extension.id))],
        "documents": [{"id": x.id, "kind": x.kind, "doc_number": x.doc_number, "issued_on": _d(x.signed_at),
                       "fetched": x.id in fetched} for x in _offered(s, req)],
        "calendar": [{"day": _d(r.day), "is_workday": r.is_workday} for r in s.scalars(select(CalendarDayRow))],
    }


def answer_correction(s: Session, code_h: str, last4_h: str, text: str, files: list, now: datetime) -> str:
    """'ok', 'notfound', 'none' (no 补正 open) or 'answered' (already answered online)."""
    found = _case(s, code_h, last4_h)
    if found is None:
        return "notfound"
    _sub, req = found
    c = s.scalar(select(Correction).where(Correction.request_id == req.id).order_by(Correction.id.desc()).limit(1))
    if c is None or c.received_on is not None or req.status != "待补正":
        return "none"
    if s.scalar(select(func.count()).select_from(OnlineAnswer).where(OnlineAnswer.correction_id == c.id)):
        return "answered"
    answer = OnlineAnswer(request_id=req.id, agency_id=req.agency_id, correction_id=c.id, text=text,
                          answered_at=now, accepted_by="")
    s.add(answer)
    s.flush()
    for f in files:
        s.add(Attachment(request_id=req.id, agency_id=req.agency_id, filename=f.filename, kind="网上补正材料",
                         size=len(f.data), sha256=f.sha256, content=f.data, added_at=now,
                         added_by=f"answer:{answer.id}"))
    record(s, WEB_ACTOR, "网上补正", req.id, "补正答复", "", f"待接收（附件{len(files)}个）", "申请人在线提交补正")
    return "ok"


def fetch_document(s: Session, code_h: str, last4_h: str, letter_id: int, now: datetime):
    """(kind, doc_number, pdf) or 'notfound' / 'forbidden'; the first fetch is the document's 电子送达."""
    found = _case(s, code_h, last4_h)
    if found is None:
        return "notfound"
    _sub, req = found
    letter = next((x for x in _offered(s, req) if x.id == letter_id), None)
    if letter is None:
        return "forbidden"
    if s.get(OnlineFetch, letter.id) is None:
        s.add(OnlineFetch(letter_id=letter.id, request_id=req.id, agency_id=req.agency_id, fetched_at=now))
        serve(s, req, letter, now.date())
    return letter.kind, letter.doc_number, letter.pdf


def serve(s: Session, req: Request, letter: Letter, on: date) -> None:
    """The first download as the 送达 the desk records by hand otherwise (电子送达, that day), audited."""
    label = f"{letter.kind}（{letter.doc_number}）"
    if letter.served_on is None:
        letter.served_on, letter.served_method = on, "电子送达"
    if letter.kind == "补正申请告知书":
        c = s.scalar(select(Correction).where(Correction.request_id == req.id, Correction.notice_served_on.is_(None),
                                              Correction.requested_on <= on).order_by(Correction.id.desc()).limit(1))
        if c is not None:
            c.notice_served_on = on
    if letter.kind == "政府信息公开申请答复书" and req.reply_doc_number == letter.doc_number \
            and req.service_method in ("", "电子送达"):
        req.service_method, req.service_date = "电子送达", on
    record(s, WEB_ACTOR, "送达", req.id, label, "", f"电子送达（在线获取，{on.isoformat()}）", "申请人首次在线下载")
