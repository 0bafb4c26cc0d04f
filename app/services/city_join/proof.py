"""What join-city proves before it commits: the agency on the server is the bureau's file, unchanged.

The proof reads the server inside the join's own (uncommitted) transaction, through a session limited
to the new agency: every ORM statement gets ``agency_id = new agency`` on every agency table (the
owner's connection is not limited by row-level security, so the limit is put on the statements).
"""

from __future__ import annotations

import hashlib
import zipfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import event, select
from sqlalchemy.orm import Session, with_loader_criteria

from app.exports.ledger_xlsx import write_ledger
from app.models import Attachment, Base, CoordinationMaterial, Letter
from app.services.ledger.ledger_export import export_columns, export_rows
from app.services.trust.audit_chain import verify

# The workbook's properties: the time openpyxl wrote the file, nothing of the ledger.
TIMESTAMP_PART = "docProps/core.xml"


def agency_session(server: Session, agency: int) -> Session:
    """A session on the join's connection (same transaction) that sees only ``agency``'s rows."""
    scoped = Session(bind=server.connection())
    owned = [m.class_ for m in Base.registry.mappers if "agency_id" in m.columns]

    @event.listens_for(scoped, "do_orm_execute")
    def _only_agency(state):
        if state.is_select:
            state.statement = state.statement.options(*(
                with_loader_criteria(cls, lambda c: c.agency_id == agency, include_aliases=True)
                for cls in owned))
    return scoped


@dataclass(frozen=True)
class Proof:
    ledger_rows: int
    ledger_sha256: str
    letters: int
    files: int
    chain_events: int
    problem: str = ""

    @property
    def ok(self) -> bool:
        return not self.problem


def ledger_bytes(session: Session, today: date, path: Path) -> tuple[list[dict], dict[str, bytes]]:
    """The ledger export (domain §6, the export service's rows and writer): its rows and zip members."""
    rows = export_rows(session, None, today)
    write_ledger(rows, path, export_columns(rows, False))
    with zipfile.ZipFile(path) as z:
        return rows, {n: z.read(n) for n in sorted(z.namelist())}


def _first_difference(mine: list[dict], theirs: list[dict]) -> str:
    columns = export_columns(mine, False)
    for a, b in zip(mine, theirs):
        for c in columns:
            if a.get(c) != b.get(c):
                return f"申请{a.get('申请编号')}的“{c}”：原为“{a.get(c)}”，服务器上为“{b.get(c)}”"
    return "文件内容不同"


def _digest(members: dict[str, bytes]) -> str:
    h = hashlib.sha256()
    for name, data in members.items():
        if name != TIMESTAMP_PART:
            h.update(name.encode() + b"\0" + hashlib.sha256(data).digest())
    return h.hexdigest()


def _stored_files(session: Session) -> dict[str, dict[int, tuple[str, str]]]:
    """Each letter, attachment and material: id → (stored SHA-256, SHA-256 of its bytes)."""
    out = {}
    for label, model, content in (("文书", Letter, Letter.pdf), ("附件", Attachment, Attachment.content),
                                  ("材料", CoordinationMaterial, CoordinationMaterial.content)):
        out[label] = {i: (stored or "", hashlib.sha256(data or b"").hexdigest())
                      for i, stored, data in session.execute(select(model.id, model.sha256, content))}
    return out


def prove(source: Session, server: Session, maps: dict[str, dict[int, int]], today: date, workdir: Path,
          expected_events: int) -> Proof:
    """Compare the source and the new agency: ledger export, every stored file's hash, the chain."""
    src_rows, src_members = ledger_bytes(source, today, workdir / "ledger-source.xlsx")
    dst_rows, dst_members = ledger_bytes(server, today, workdir / "ledger-server.xlsx")
    n_src, n_dst = len(src_rows), len(dst_rows)
    digest = _digest(src_members)
    parts = {k: v for k, v in src_members.items() if k != TIMESTAMP_PART}
    if n_src != n_dst or parts != {k: v for k, v in dst_members.items() if k != TIMESTAMP_PART}:
        return Proof(n_src, digest, 0, 0, 0, f"台账导出不一致：原数据库{n_src}行，服务器上{n_dst}行，"
                                         f"{_first_difference(src_rows, dst_rows)}。")
    mine, theirs = _stored_files(source), _stored_files(server)
    table = {"文书": "letters", "附件": "attachments", "材料": "coordination_materials"}
    for label, rows in mine.items():
        ids = maps.get(table[label], {})
        if len(rows) != len(theirs[label]):
            return Proof(n_src, digest, 0, 0, 0, f"{label}数量不一致：原数据库{len(rows)}份，服务器上{len(theirs[label])}份。")
        for old, hashes in rows.items():
            if theirs[label].get(ids.get(old)) != hashes:
                return Proof(n_src, digest, 0, 0, 0, f"{label}（原编号{old}）的校验值在服务器上不一致。")
    check = verify(server)
    if not check.ok:
        return Proof(n_src, digest, 0, 0, check.count, f"服务器上该机关的审计链未通过核验：{check.message}")
    if check.count != expected_events:
        return Proof(n_src, digest, 0, 0, check.count,
                     f"服务器上该机关的审计记录有{check.count}条，应为{expected_events}条。")
    return Proof(n_src, digest, len(mine["文书"]), len(mine["附件"]) + len(mine["材料"]), check.count)
