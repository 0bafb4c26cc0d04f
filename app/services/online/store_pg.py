"""The online service's database steps on PostgreSQL: one call of a dd_web SECURITY DEFINER function each
(app/migrations/sql/online_core.sql); the role may do nothing else. Mirrors store_python.py;
which documents are offered (rules.ONLINE_KINDS, ONLINE_DELIVERY) is fixed in the SQL too, so a caller
holding the role cannot widen it."""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import text
from sqlalchemy.orm import Session

from app.services.online.rules import Limit


def agencies(s: Session) -> list[tuple[str, str, str]]:
    return [(r.code, r.name, r.notice) for r in s.execute(text("SELECT * FROM dd_web_agencies()"))]


def throttle(s: Session, limit: Limit, key: str, now: datetime, count: bool) -> int:
    return s.scalar(text("SELECT dd_web_throttle(:scope, :key, :hits, :window, :base, :most, :count)"),
                    {"scope": limit.scope, "key": key, "hits": limit.hits, "window": limit.window,
                     "base": limit.base, "most": limit.most, "count": count})


def throttle_all(s: Session, pairs: list[tuple[Limit, str]], now: datetime, count: bool) -> int:
    """The longest block among several counters, in one round trip."""
    calls, params = [], {"count": count}
    for i, (limit, key) in enumerate(pairs):
        calls.append(f"dd_web_throttle(:s{i}, :k{i}, :h{i}, :w{i}, :b{i}, :m{i}, :count)")
        params.update({f"s{i}": limit.scope, f"k{i}": key, f"h{i}": limit.hits, f"w{i}": limit.window,
                       f"b{i}": limit.base, f"m{i}": limit.most})
    return s.scalar(text(f"SELECT greatest({', '.join(calls)})"), params)


def _files(files: list) -> dict:
    return {"names": [f.filename for f in files], "data": [f.data for f in files], "sums": [f.sha256 for f in files]}


def submit(s: Session, agency_code: str | None, values: dict, hashes: dict, files: list, now: datetime):
    row = s.execute(text("SELECT * FROM dd_web_submit(:agency, CAST(:values AS jsonb), CAST(:hashes AS jsonb), "
                         ":names, :data, :sums)"),
                    {"agency": agency_code or "", "values": json.dumps(values, default=str, ensure_ascii=False),
                     "hashes": json.dumps(hashes), **_files(files)}).first()
    return None if row is None or row.request_id is None else (row.request_id, row.agency_name)


def public_facts(s: Session, code_h: str, last4_h: str) -> dict | None:
    return s.scalar(text("SELECT dd_web_status(:c, :l)"), {"c": code_h, "l": last4_h})


def answer_correction(s: Session, code_h: str, last4_h: str, body: str, files: list, now: datetime) -> str:
    return s.scalar(text("SELECT dd_web_answer(:c, :l, :body, :names, :data, :sums)"),
                    {"c": code_h, "l": last4_h, "body": body, **_files(files)})


def fetch_document(s: Session, code_h: str, last4_h: str, letter_id: int, now: datetime):
    row = s.execute(text("SELECT * FROM dd_web_fetch(:c, :l, :id)"),
                    {"c": code_h, "l": last4_h, "id": letter_id}).first()
    if row.outcome != "ok":
        return row.outcome
    return row.kind, row.doc_number, bytes(row.pdf)
