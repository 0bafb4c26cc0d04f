"""Anchors: checkpoints of the audit chain's head kept outside the database.

Whoever can write the database file (or owns the PostgreSQL schema) can edit events and recompute
every hash after them; the chain alone cannot tell. An anchor — the head's event number, hash and
count at a moment — is kept where that writer cannot reach (a file the administrator keeps on other
media, or printed). Later, ``verify-audit --anchor FILE`` proves the chain still passes through the
anchored event with the same hash, so nothing up to that event changed since. Events after the newest
anchor are protected only by the chain itself.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import ValidationError
from app.models import AuditHead, Event
from app.services.agencies import current_agency

FORMAT = "disclosure-desk-audit-anchor/1"


@dataclass(frozen=True)
class Anchor:
    last_id: int
    last_hash: str
    count: int
    taken_at: str
    note: str = ""

    def describe(self) -> str:
        return f"锚点（{self.taken_at[:16].replace('T', ' ')}，第{self.last_id}条）"


def take(session: Session, note: str = "", now: datetime | None = None) -> Anchor:
    """The head of this session's agency's chain now."""
    head = session.execute(select(AuditHead.last_id, AuditHead.last_hash, AuditHead.count)
                           .where(AuditHead.id == current_agency(session))).first()
    last_id, last_hash, count = head if head else (0, "0" * 64, 0)
    return Anchor(last_id, last_hash, count, (now or datetime.now()).isoformat(timespec="seconds"), note)


def dumps(anchor: Anchor) -> bytes:
    return (json.dumps({"format": FORMAT, **asdict(anchor)}, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def load(path: str | Path) -> Anchor:
    """An anchor file, or ValidationError naming what is wrong with it."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
        raise ValidationError(f"无法读取审计锚点文件“{path.name}”：{e}", "anchor") from e
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValidationError(f"“{path.name}”不是本程序的审计锚点文件（格式应为 {FORMAT}）。", "anchor")
    try:
        anchor = Anchor(int(data["last_id"]), str(data["last_hash"]), int(data["count"]),
                        str(data["taken_at"]), str(data.get("note", "")))
    except (KeyError, TypeError, ValueError) as e:
        raise ValidationError(f"审计锚点文件“{path.name}”内容不完整（{e}）。", "anchor") from e
    if len(anchor.last_hash) != 64 or anchor.last_id < 0 or anchor.count < 0:
        raise ValidationError(f"审计锚点文件“{path.name}”的校验值格式不对。", "anchor")
    return anchor


def check(session: Session, anchor: Anchor) -> str:
    """"" when the chain still passes through the anchored event unchanged; else what is wrong.

    Run after the chain itself verified: then one matching hash at the anchored event vouches for
    every event up to it.
    """
    if anchor.last_id == 0:
        return ""
    chain = current_agency(session)
    stored = session.scalar(select(Event.hash).where(Event.agency_id == chain, Event.seq == anchor.last_id))
    if stored is None:
        return f"{anchor.describe()}记录的审计记录编号{anchor.last_id}已不存在：审计记录被删除后重建。"
    if stored != anchor.last_hash:
        return (f"审计记录编号{anchor.last_id}的校验值与{anchor.describe()}不符："
                "锚点之前的审计记录被改写，并重算了校验链。")
    head_count = session.scalar(select(AuditHead.count).where(AuditHead.id == chain)) or 0
    if head_count < anchor.count:
        return f"审计记录只有{head_count}条，少于{anchor.describe()}时的{anchor.count}条。"
    return ""
