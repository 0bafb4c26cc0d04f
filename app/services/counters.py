"""Sequence counters per year and document type (文号, 申请编号): never reused, never skipped."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from app.models import DocCounter


def reserve_counter(s: Session, doc_type: str, year: int) -> None:
    """Make sure the counter row exists without racing another issuer.

    On SQLite this write is the transaction's first statement, so it takes the database's write lock
    before anything is read; on PostgreSQL a concurrent insert waits for ours instead of failing.
    """
    dialect = s.bind.dialect.name
    module = {"sqlite": sqlite, "postgresql": postgresql}.get(dialect)
    if module is None:
        return
    s.execute(module.insert(DocCounter).values(year=year, doc_type=doc_type, last_value=0)
              .on_conflict_do_nothing())


def bump_counter(session: Session, doc_type: str, year: int) -> int:
    """Take the next value inside the caller's transaction (row-locked on PostgreSQL)."""
    q = select(DocCounter).where(DocCounter.year == year, DocCounter.doc_type == doc_type)
    if session.bind.dialect.name != "sqlite":
        q = q.with_for_update()
    row = session.scalar(q)
    if row is None:
        row = DocCounter(year=year, doc_type=doc_type, last_value=0)
        session.add(row)
    row.last_value += 1
    session.flush()
    return row.last_value


def format_number(pattern: str, agency_short: str, year: int, seq: int) -> str:
    """Fill ``{机关简称}``, ``{年}``, ``{序号}`` (no leading zeros)."""
    return pattern.replace("{机关简称}", agency_short).replace("{年}", str(year)).replace("{序号}", str(seq))


def next_number(session: Session, pattern: str, agency_short: str, doc_type: str, year: int) -> str:
    return format_number(pattern, agency_short, year, bump_counter(session, doc_type, year))
