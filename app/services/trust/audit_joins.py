"""Evidence carried into the city server by ``join-city``: the id map, chained in the join record.

A bureau's chain hashes ids it gave on its own PC: each event's ``request_id`` (part of the canonical
content) and the 附件/材料 number written in a file's audit line (audit_evidence). On the city server
the same rows get new ids. We keep every hashed byte as it was and record, instead, *how* the ids were
renumbered: the join appends one event (kind :data:`JOIN_KIND`) to the agency's chain whose ``new`` is
the id map (JSON, runs of consecutive ids). That record is itself chained, so editing the map breaks
the chain like any other edit. The verifier reads it first and, for the events numbered up to the
join (``last_seq``), hashes the request id they were chained with and reads their file lines in the
old numbering.

Why not a column with the original id beside each row: a column outside ``events`` (e.g. on
``attachments``) is not append-only, and two rows' columns could be swapped together with their files;
the map inside the chain cannot be changed without breaking it. Only the owner role can write a join
record: the workstations' ``dd_append`` refuses the kind (migration ``city_join``), and the verifier
honours a record only on PostgreSQL, only one per chain, and only right after the events it maps.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import Event

JOIN_KIND = "并入市级系统"
FORMAT = "disclosure-desk-join/1"
MAPPED = {"requests": "申请", "attachments": "附件", "coordination_materials": "材料"}


def runs(mapping: dict[int, int]) -> list[list[int]]:
    """``{old: new}`` as ``[[first old, first new, length], …]`` (consecutive ids in one run)."""
    out: list[list[int]] = []
    for old in sorted(mapping):
        new = mapping[old]
        if out and out[-1][0] + out[-1][2] == old and out[-1][1] + out[-1][2] == new:
            out[-1][2] += 1
        else:
            out.append([old, new, 1])
    return out


def expand(encoded: list) -> dict[int, int]:
    return {int(o) + i: int(n) + i for o, n, length in encoded for i in range(int(length))}


def record_text(last_seq: int, source_sha256: str, counts: dict[str, int], maps: dict[str, dict[int, int]]) -> str:
    """The join record's ``new``: canonical JSON, so the same join always writes the same bytes."""
    body = {"format": FORMAT, "last_seq": last_seq, "source_sha256": source_sha256, "counts": counts,
            "ids": {table: runs(maps.get(table, {})) for table in MAPPED}}
    return json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


@dataclass(frozen=True)
class Joined:
    """One agency's join record: events 1…``last_seq`` were chained on the bureau's PC with old ids."""

    last_seq: int
    old_request: dict[int, int] = field(default_factory=dict)      # new request id → the hashed one
    new_file: dict[tuple[str, int], int] = field(default_factory=dict)  # (附件|材料, old id) → new id

    def hashed_request_id(self, seq: int, request_id: int | None) -> int | None:
        if request_id is None or seq > self.last_seq:
            return request_id
        return self.old_request.get(request_id, request_id)

    def file_id(self, seq: int, label: str, ident: int) -> int:
        if seq > self.last_seq:
            return ident
        return self.new_file.get((label, ident), -ident)        # unmapped: matches no row (negative)


def load(session: Session) -> dict[int, Joined]:
    """The agencies whose chain holds a join record → their map; nothing on SQLite."""
    if session.bind.dialect.name != "postgresql":
        return {}
    out: dict[int, Joined] = {}
    for agency, seq, new in session.execute(select(Event.agency_id, Event.seq, Event.new)
                                            .where(Event.kind == JOIN_KIND).order_by(Event.seq)):
        try:
            body = json.loads(new)
            if body.get("format") != FORMAT or int(body["last_seq"]) != seq - 1 or agency in out:
                continue
            ids = body["ids"]
            requests = expand(ids["requests"])
            files = {(label, old): new_id for table, label in MAPPED.items() if table != "requests"
                     for old, new_id in expand(ids[table]).items()}
        except (ValueError, KeyError, TypeError):
            continue                # not a join record this program wrote: the chain check still covers it
        out[agency] = Joined(seq - 1, {n: o for o, n in requests.items()}, files)
    return out
