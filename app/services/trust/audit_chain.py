"""The audit trail as evidence: each event is chained to the one before by SHA-256.

``hash = SHA-256(previous hash + canonical content)``; each agency has its own chain (issue 22): its
events are numbered ``seq`` 1, 2, … (the "id" of the canonical content; on SQLite, one agency, equal to
the row's id) and its head (last number, last hash, count) is its row of ``audit_head``, locked by every
appending transaction, so two workstations appending at once never fork it. :func:`verify` recomputes
every chain it can see and checks every signed letter's bytes against the checksum its (chained)
sign-off event carries.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Callable, Iterable

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from app.models import Agency, AuditHead, Event, Letter
from app.services.trust import audit_joins, server_sessions

GENESIS = "0" * 64
SIGN_KIND = "签发文书"
_COLUMNS = ("id", "request_id", "at", "actor", "host", "kind", "field", "old", "new", "reason")


def canonical(row: dict) -> bytes:
    """The event's content in one fixed form (version 1): JSON list of its columns, UTF-8."""
    values = []
    for name in _COLUMNS:
        v = row.get(name)
        if isinstance(v, datetime):
            v = v.isoformat(sep=" ", timespec="microseconds")
        values.append("" if v is None and name not in ("request_id",) else v)
    return json.dumps(values, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def link(previous: str, row: dict) -> str:
    return hashlib.sha256(previous.encode("ascii") + canonical(row)).hexdigest()


def append(session: Session, rows: Iterable[dict]) -> None:
    """Append events (dicts of Event columns without id/hash, plus the session's ``token``) at the end of
    the chain. PostgreSQL: the server appends them (app/services/trust/server_sessions.py) with its own time,
    head and session user; the app's role cannot insert events itself."""
    rows = list(rows)
    if not rows:
        return
    if session.bind.dialect.name == "postgresql":
        server_sessions.append(session, rows)
        return
    head = _locked_head(session)
    last_id, last_hash, count = head
    values = []
    for r in rows:
        last_id += 1
        r = {k: v for k, v in r.items() if k != "token"}
        row = {"request_id": None, "field": "", "old": "", "new": "", "reason": "", "host": "", **r,
               "id": last_id}
        last_hash = link(last_hash, row)
        values.append({**row, "seq": last_id, "hash": last_hash})
        count += 1
    session.execute(insert(Event), values)
    session.execute(update(AuditHead).where(AuditHead.id == 1)
                    .values(last_id=last_id, last_hash=last_hash, count=count))


def lock(session: Session) -> None:
    """Take the chain's lock now, before reading what the transaction will change: writers that
    start together then run one after the other (PostgreSQL; SQLite's BEGIN IMMEDIATE already does)."""
    if session.bind.dialect.name == "postgresql":
        server_sessions.lock_chain(session)
    else:
        _locked_head(session)


def _locked_head(session: Session) -> tuple[int, str, int]:
    """The chain's head, locked until the transaction ends (SQLite: the writer already holds the lock)."""
    q = select(AuditHead.last_id, AuditHead.last_hash, AuditHead.count).where(AuditHead.id == 1)
    if session.bind.dialect.name != "sqlite":
        q = q.with_for_update()
    head = session.execute(q).first()
    if head is None:
        session.execute(insert(AuditHead).values(id=1, last_id=0, last_hash=GENESIS, count=0))
        return 0, GENESIS, 0
    return tuple(head)


@dataclass(frozen=True)
class ChainCheck:
    """The outcome of :func:`verify`: how many events were checked, and the first break if any."""

    count: int
    broken_id: int | None = None
    message: str = ""

    @property
    def ok(self) -> bool:
        return self.broken_id is None and not self.message


def verify(session: Session, progress: Callable[[int, int], None] | None = None) -> ChainCheck:
    """Recompute each chain (one per agency) from its first event; check its head and every signed letter."""
    heads = {key: (last, h, c) for key, last, h, c in session.execute(
        select(AuditHead.id, AuditHead.last_id, AuditHead.last_hash, AuditHead.count))}
    names = dict(session.execute(select(Agency.id, Agency.name)).all()) if len(heads) > 1 else {}
    total = sum(h[2] for h in heads.values())
    columns = [Event.seq.label("id")] + [getattr(Event, c) for c in _COLUMNS[1:]]
    chain = func.coalesce(Event.agency_id, 0)
    result = session.execute(select(chain.label("chain"), *columns, Event.hash).order_by(chain, Event.seq)
                             .execution_options(yield_per=5000)).mappings()
    n, key, seen = 0, None, {}          # seen: chain → (last number, last hash, count)
    joined = audit_joins.load(session)  # chains moved in by join-city: the ids they were hashed with
    for row in result:
        if row["chain"] != key:
            key, previous, previous_id, count = row["chain"], GENESIS, 0, 0
        where = _where(key, names)
        if row["id"] != previous_id + 1:
            missing = (f"编号{previous_id + 1}" if row["id"] == previous_id + 2
                       else f"编号{previous_id + 1}至{row['id'] - 1}")
            return ChainCheck(n, row["id"], f"{where}审计记录{missing}缺失（被删除），断在编号{row['id']}之前。")
        content = dict(row)
        if key in joined:
            content["request_id"] = joined[key].hashed_request_id(row["id"], row["request_id"])
        if link(previous, content) != row["hash"]:
            return ChainCheck(n, row["id"], f"{where}审计记录编号{row['id']}（{_describe(row)}）与校验链不符："
                                            "该记录被修改，或其前一条记录被替换。")
        previous, previous_id, n, count = row["hash"], row["id"], n + 1, count + 1
        seen[key] = (previous_id, previous, count)
        if progress and n % 5000 == 0:
            progress(n, total)
    for k in sorted(set(heads) | set(seen)):
        got, head = seen.get(k, (0, GENESIS, 0)), heads.get(k, (0, GENESIS, 0))
        if got != tuple(head):
            return ChainCheck(n, got[0] + 1, f"{_where(k, names)}审计链末尾的记录缺失：应有{head[2]}条（最后编号{head[0]}），"
                                             f"实有{got[2]}条（最后编号{got[0]}）。")
    from app.services.trust.audit_evidence import problems

    problem = _letters_problem(session) or problems(session)
    return ChainCheck(n, None, problem) if problem else ChainCheck(n)


def _where(key: int, names: dict) -> str:
    """Which chain, when there are several: 「某机关」; nothing on a one-agency database."""
    if not names:
        return ""
    return f"（{names.get(key, '服务器公共链')}）" if key else "（服务器公共链）"


def _describe(row) -> str:
    at = row["at"].strftime("%Y-%m-%d %H:%M") if row["at"] else ""
    return f"{at} {row['actor']} {row['kind']}".strip()


def _letters_problem(session: Session) -> str:
    """A signed letter whose bytes or stored checksum differ from what its sign-off event recorded."""
    signed = {}
    for rid, reason in session.execute(select(Event.request_id, Event.reason).where(Event.kind == SIGN_KIND)):
        if reason.startswith("SHA-256 "):
            signed.setdefault(rid, set()).add(reason[8:72])
    for x in session.execute(select(Letter.id, Letter.request_id, Letter.doc_number, Letter.kind,
                                    Letter.revision, Letter.pdf, Letter.sha256)
                             .where(Letter.state == "已签发").execution_options(yield_per=200)):
        label = f"{x.kind}{(' ' + x.doc_number) if x.doc_number else ''} 第{x.revision}版（文书编号{x.id}）"
        if hashlib.sha256(x.pdf or b"").hexdigest() != x.sha256:
            return f"已签发的{label}的文件与其校验值不符：文件被改动。"
        if x.sha256 not in signed.get(x.request_id, set()):
            return f"已签发的{label}的校验值与签发时审计记录中的不一致：文件及其校验值被替换。"
    return ""
