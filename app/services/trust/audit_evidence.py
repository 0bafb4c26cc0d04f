"""What the audit chain vouches for beyond itself: stored files, accounts and cases.

The chain proves its events were not edited (or, without an anchor, that whoever edited them also
recomputed every hash). These checks tie the rows that matter to their chained events:
- every attachment and 协办/会商 material: its bytes, its stored SHA-256, and the SHA-256 in the chained
  line that recorded it, all one value;
- every account: role, enabled flag, department and password hash as last recorded in a chained
  账户核验值 event (a direct UPDATE of ``users`` — a clerk made 管理员, a planted password — breaks it);
- every event of a case: the case still exists (a case deleted from a SQL shell leaves orphans).
"""

from __future__ import annotations

import hashlib
import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import Attachment, CoordinationMaterial, Event, Request, User

ACCOUNT_KIND = "账户核验值"
_FILE_KINDS = ("添加附件", "添加协办材料", "添加会商材料")
_FULL = re.compile(r"（(附件|材料)(\d+)，SHA-256 ([0-9a-f]{64})）$")
_LEGACY = re.compile(r"^(.*)（SHA-256 ([0-9a-f]{12})…）$")


def file_line(name: str, label: str, ident: int, digest: str) -> str:
    """The audit line's text for a stored file: its name, which row holds it and its full SHA-256."""
    return f"{name}（{label}{ident}，SHA-256 {digest}）"


def account_fingerprint(u: User) -> str:
    """One value for the security-relevant state of an account (never the hash itself)."""
    text = "\n".join([u.username, str(u.role), "1" if u.active else "0", str(u.department_id or ""),
                      u.password_hash or ""])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def problems(session: Session) -> str:
    """The first mismatch found, in Chinese; "" when files, accounts and cases agree with the chain."""
    return _orphans(session) or _files(session) or _accounts(session)


def _orphans(session: Session) -> str:
    known = set(session.scalars(select(Request.id)))
    for eid, rid, kind in session.execute(select(Event.id, Event.request_id, Event.kind)
                                          .where(Event.request_id.is_not(None)).order_by(Event.id)):
        if rid not in known:
            return (f"审计记录编号{eid}（{kind}）所属的申请（内部编号{rid}）已不存在："
                    "该申请被直接从数据库中删除。")
    return ""


def _audited_files(session: Session) -> tuple[dict[tuple[str, int], str], set[tuple[int | None, str, str]]]:
    from app.services.trust.audit_joins import load

    full, legacy, joined = {}, set(), load(session)
    for agency, seq, rid, new in session.execute(select(Event.agency_id, Event.seq, Event.request_id, Event.new)
                                                 .where(Event.kind.in_(_FILE_KINDS))):
        if m := _FULL.search(new or ""):
            label, ident = m.group(1), int(m.group(2))
            if agency in joined:            # a line chained on the bureau's PC names the file's old number
                ident = joined[agency].file_id(seq, label, ident)
            full[(label, ident)] = m.group(3)
        elif m := _LEGACY.match(new or ""):
            legacy.add((rid, m.group(1), m.group(2)))
    return full, legacy


def _files(session: Session) -> str:
    full, legacy = _audited_files(session)
    legacy_names = {(name, prefix) for _rid, name, prefix in legacy}
    rows = [("附件", a.id, a.filename, a.sha256, a.content) for a in
            session.execute(select(Attachment.id, Attachment.filename, Attachment.sha256, Attachment.content)
                            .execution_options(yield_per=50))]
    rows += [("材料", m.id, m.filename, m.sha256, m.content) for m in
             session.execute(select(CoordinationMaterial.id, CoordinationMaterial.filename,
                                    CoordinationMaterial.sha256, CoordinationMaterial.content)
                             .execution_options(yield_per=50))]
    for label, ident, name, stored, content in rows:
        if hashlib.sha256(content or b"").hexdigest() != stored:
            return f"{label}“{name}”（{label}编号{ident}）的文件与其校验值不符：文件被改动。"
        audited = full.get((label, ident))
        if audited is None and (name, stored[:12]) in legacy_names:
            continue                        # recorded before full checksums were kept: 12 digits agree
        if audited != stored:
            return (f"{label}“{name}”（{label}编号{ident}）的校验值与添加时审计记录中的不一致："
                    "文件及其校验值被替换，或该文件未经本程序添加。")
    return ""


def _accounts(session: Session) -> str:
    recorded: dict[str, str] = {}
    for field, new in session.execute(select(Event.field, Event.new).where(Event.kind == ACCOUNT_KIND)
                                      .order_by(Event.id)):
        recorded[field] = new
    if not recorded:
        return ""                            # a database from before account checks: nothing to compare
    for u in session.scalars(select(User).order_by(User.id)):
        expected = recorded.get(u.username)
        if expected is None:
            return f"用户“{u.username}”没有经本程序建立的审计记录：该账户被直接写入数据库。"
        if expected != account_fingerprint(u):
            return (f"用户“{u.username}”的角色、状态、处室或密码与审计记录不符："
                    "该账户被绕过本程序直接修改（例如提升为管理员或替换密码）。")
    return ""


def record_account(session: Session, actor, user: User) -> None:
    """Chain the account's fingerprint after any change to it (creation, role, password, hash upgrade).

    The first time, every existing account is baselined, so a database from before this check is
    covered from then on.
    """
    from app.services.trust.audit import record

    session.flush()
    if session.scalar(select(Event.id).where(Event.kind == ACCOUNT_KIND).limit(1)) is None:
        for other in session.scalars(select(User).where(User.id != user.id).order_by(User.id)):
            record(session, actor, ACCOUNT_KIND, None, other.username, "", account_fingerprint(other), "建立基线")
    record(session, actor, ACCOUNT_KIND, None, user.username, "", account_fingerprint(user))
