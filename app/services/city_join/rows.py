"""Every agency row of the bureau's copy into the server, under new ids, in one transaction.

Tables are copied parent first (the models' foreign keys give the order). Each table with its own id
gets a block of new ids from its sequence, the old → new map of every table is kept, and every
foreign key (and the id list of 主动公开 candidates) is rewritten through it. The audit chain keeps its
numbers (``seq``), times and hashes byte for byte; only ``events.id`` (the server's row number) and
``request_id`` change, and the join record maps them back (app/services/trust/audit_joins.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sqlalchemy import Table, insert, select, text, update
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from app.errors import ConflictError
from app.models import AuditHead, Base, CalendarDayRow

# Not the agency's: the national calendar (compared, see calendar_gaps), log-in throttling, the agencies.
SKIPPED = {"agencies", "calendar_days", "login_failures", "audit_head"}
# Columns that hold a list of request ids as text.
ID_LISTS = {("proactive_candidates", "request_ids"): "requests"}


@dataclass
class Copied:
    maps: dict[str, dict[int, int]] = field(default_factory=dict)       # table → {old id: new id}
    counts: dict[str, int] = field(default_factory=dict)
    passwords_kept: list[str] = field(default_factory=list)
    passwords_unset: list[str] = field(default_factory=list)


def tables() -> list[Table]:
    return [t for t in Base.metadata.sorted_tables if t.name not in SKIPPED and "agency_id" in t.c]


def calendar_gaps(source: Connection, server: Session) -> tuple[list[dict], list[str]]:
    """The source's calendar days the server lacks (to add), and the days the two disagree on."""
    table = CalendarDayRow.__table__
    theirs = {r["day"]: dict(r) for r in server.execute(select(table)).mappings()}
    missing, differ = [], []
    for r in source.execute(select(table)).mappings():
        mine = theirs.get(r["day"])
        if mine is None:
            missing.append(dict(r))
        elif mine != dict(r):
            differ.append(r["day"].isoformat())
    return missing, differ


def copy_all(source: Connection, server: Session, agency: int) -> Copied:
    out = Copied()
    for table in tables():
        rows = [dict(r) for r in source.execute(select(table).order_by(*table.primary_key.columns)).mappings()]
        out.counts[table.name] = len(rows)
        if rows:
            _copy_table(server, table, rows, agency, out.maps)
    head = source.execute(select(AuditHead.last_id, AuditHead.last_hash, AuditHead.count)
                          .where(AuditHead.id == 1)).first()
    if head is not None:
        server.execute(insert(AuditHead).values(id=agency, agency_id=agency, last_id=head.last_id,
                                                last_hash=head.last_hash, count=head.count))
    _move_passwords(server, out)
    return out


def _copy_table(server: Session, table: Table, rows: list[dict], agency: int, maps: dict) -> None:
    own_id = "id" in table.c and table.c.id.primary_key and table.c.id.autoincrement is not False \
        and table.name not in ("audit_head",)
    if own_id:
        new_ids = sorted(server.scalars(text("SELECT nextval(pg_get_serial_sequence(:t, 'id')) "
                                             "FROM generate_series(1, :n)"), {"t": table.name, "n": len(rows)}))
        maps[table.name] = {r["id"]: n for r, n in zip(rows, new_ids)}
    later: list[tuple[int, str, int]] = []          # self references, set once every row exists
    for r in rows:
        if own_id:
            r["id"] = maps[table.name][r["id"]]
        r["agency_id"] = agency
        for fk in table.foreign_keys:
            column, target = fk.parent.name, fk.column.table.name
            if column == "agency_id" or r.get(column) is None:
                continue
            new = maps.get(target, {}).get(r[column])
            if new is None:
                raise ConflictError(f"原数据库的{table.name}.{column}指向不存在的{target}记录（{r[column]}），"
                                    "未并入任何数据：请先用本程序修复原数据库。")
            if target == table.name:
                later.append((r["id"], column, new))
                r[column] = None
            else:
                r[column] = new
        for (name, column), target in ID_LISTS.items():
            if name == table.name and r.get(column):
                r[column] = " ".join(str(maps[target][int(x)]) for x in r[column].split())
    server.execute(insert(table), rows)
    for ident, column, new in later:
        server.execute(update(table).where(table.c.id == ident).values({column: new}))


def _move_passwords(server: Session, out: Copied) -> None:
    """Each scrypt hash becomes a server verifier, as migration i21_pg_sessions does: every account
    logs in with the password it had; an account without one waits for its administrator."""
    ids = list(out.maps.get("users", {}).values())
    if not ids:
        return
    pattern = r"^scrypt[$][0-9]+[$][0-9]+[$][0-9]+[$][0-9a-f]{32}[$][0-9a-f]{64}$"
    for uid, name, stored in server.execute(text("SELECT id, username, password_hash FROM users "
                                                 "WHERE id = ANY(:ids) ORDER BY id"), {"ids": ids}).all():
        if stored and re.match(pattern, stored):
            params, digest = stored.rsplit("$", 1)
            server.execute(text("SELECT dd_private.store_credential(:u, :p, :d)"), {"u": uid, "p": params, "d": digest})
            out.passwords_kept.append(name)
        else:
            out.passwords_unset.append(name)
