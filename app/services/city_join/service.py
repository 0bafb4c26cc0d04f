"""``join-city``: one transaction that adds the agency, copies the bureau in, proves it and commits.

Refused with nothing written (ValidationError / ConflictError / PermissionDenied, in Chinese) when: the
connection is not the server's owner; the server's schema is not this release's; the code or name is
taken; the same file was joined before; an account name already exists on the server (names are
global); the two calendars disagree on a day; the source's chain does not verify; or the proof after
the copy finds any difference (the transaction is rolled back).
"""

from __future__ import annotations

import json
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import insert, select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from app.errors import ConflictError, ValidationError
from app.models import CalendarDayRow, Event, User
from app.services.agency_admin import append_owner_event, check_new, create_agency, operator, require_owner
from app.services.city_join import rows as copier
from app.services.city_join.proof import Proof, agency_session, prove
from app.services.city_join.source import open_source
from app.services.database import head_revision
from app.services.trust.audit_evidence import ACCOUNT_KIND, account_fingerprint
from app.services.trust.audit_joins import JOIN_KIND, record_text
from app.services.uow import Database


@dataclass(frozen=True)
class JoinResult:
    agency_id: int
    code: str
    name: str
    source_sha256: str
    counts: dict[str, int]
    proof: Proof
    passwords_unset: tuple[str, ...]
    calendar_days_added: int


def join_city(server: Database, source_path: str | Path, name: str, code: str = "",
              today: date | None = None, actor: str | None = None) -> JoinResult:
    today = today or date.today()
    actor = actor or operator()
    with tempfile.TemporaryDirectory(prefix="join-city-") as tmp:
        work = Path(tmp)
        _check_server_schema(server)
        source = open_source(source_path, work)
        try:
            with source.db.read() as src, server.uow() as uow:
                result = _join(uow.session, src.session, source, name, code or f"org-{source.sha256[:8]}", today, actor, work)
                uow.commit()
                return result
        finally:
            source.dispose()


def _check_server_schema(server: Database) -> None:
    if server.dialect != "postgresql":
        raise ValidationError("并入的目标须是市级 PostgreSQL 服务器（--db postgresql+psycopg://所有者@服务器/库名）。", "db")
    try:
        with server.engine.connect() as conn:
            have = set(conn.execute(text("SELECT version_num FROM alembic_version")).scalars())
    except DBAPIError as e:
        raise ValidationError(f"无法读取服务器的数据库版本（{e.orig}）：请确认 --db 指向已建好的市级数据库，"
                              "并以所有者身份连接。", "db") from e
    want = {head_revision()}
    if have != want:
        raise ValidationError(f"服务器的数据库版本（{'、'.join(sorted(have)) or '无'}）与本程序（{head_revision()}）不同："
                              "请先用本版本程序以所有者身份连接服务器完成升级，再并入。", "db")


def _join(s: Session, src: Session, source, name: str, code: str, today: date, actor: str, work: Path) -> JoinResult:
    require_owner(s)
    s.execute(text("LOCK TABLE agencies IN SHARE ROW EXCLUSIVE MODE"))     # two joins run one after the other
    code, name = check_new(s, code, name)
    _refuse_second_join(s, source.sha256)
    _refuse_taken_usernames(s, src)
    conn = src.connection()
    missing, differ = copier.calendar_gaps(conn, s)
    if differ:
        raise ConflictError(f"原数据库与服务器的节假日日历在{'、'.join(differ[:5])}{'等' if len(differ) > 5 else ''}"
                            f"{len(differ)}天不一致，未并入：请先核对两边的节假日设置并改为一致。")
    if missing:
        s.execute(insert(CalendarDayRow.__table__), missing)
    agency = create_agency(s, code, name, actor, start_chain=False)
    copied = copier.copy_all(conn, s, agency.id)
    last_seq = source.events
    counts = {k: v for k, v in copied.counts.items() if v}
    maps = {t: copied.maps.get(t, {}) for t in ("requests", "attachments", "coordination_materials")}
    summary = (f"由单机版数据库“{source.path.name}”（SHA-256 {source.sha256}）并入：申请{counts.get('requests', 0)}件，"
               f"文书{counts.get('letters', 0)}份，附件{counts.get('attachments', 0)}个，"
               f"审计记录{last_seq}条，用户{counts.get('users', 0)}个")
    append_owner_event(s, agency.id, actor, JOIN_KIND, "机关", "", record_text(last_seq, source.sha256, counts, maps),
                       summary)
    s.flush()
    users = s.scalars(select(User).where(User.agency_id == agency.id).order_by(User.id)).all()
    for u in users:           # 处室 and password moved: the accounts' fingerprints are chained again
        s.refresh(u)
        append_owner_event(s, agency.id, actor, ACCOUNT_KIND, u.username, "", account_fingerprint(u), "并入市级系统")
    scoped = agency_session(s, agency.id)
    try:
        proof = prove(src, scoped, copied.maps, today, work, last_seq + 1 + len(users))
    finally:
        scoped.close()
    if not proof.ok:
        raise ConflictError(f"并入后的核对未通过，已撤销，服务器未写入任何数据：{proof.problem}")
    return JoinResult(agency.id, code, name, source.sha256, counts, proof, tuple(copied.passwords_unset),
                      len(missing))


def _refuse_second_join(s: Session, sha256: str) -> None:
    for agency_id, new in s.execute(select(Event.agency_id, Event.new).where(Event.kind == JOIN_KIND)):
        try:
            joined = json.loads(new).get("source_sha256")
        except ValueError:
            continue
        if joined == sha256:
            code = s.scalar(text("SELECT code || ' ' || name FROM agencies WHERE id = :a"), {"a": agency_id})
            raise ConflictError(f"该文件已并入过服务器（机关 {code}），不能重复并入。")


def _refuse_taken_usernames(s: Session, src: Session) -> None:
    names = list(src.scalars(select(User.username).order_by(User.username)))
    if not names:
        return
    taken = list(s.scalars(select(User.username).where(User.username.in_(names)).order_by(User.username)))
    if taken:
        listed = "、".join(taken[:10]) + ("等" if len(taken) > 10 else "")
        raise ConflictError(f"服务器上已有同名用户：{listed}（共{len(taken)}个；用户名全市通用，不能重名）。"
                            "未并入任何数据。请在原单机版中为这些用户改名（管理 → 用户，如加机关前缀），"
                            "或确认该机关是否已经并入过，然后再并入。")
