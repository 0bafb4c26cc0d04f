"""Agencies (机关) on the city server: add one, list them (issue 22).

Only the server's owner role writes ``agencies`` (the workstation and administrator roles may not, see
docs/postgresql-roles.sql), so these run on the owner's connection, which row-level security does not
limit. A new agency's chain starts with its creation (who, where, code, name). A one-PC SQLite
database has exactly one agency and gets no other.
"""

from __future__ import annotations

import getpass
import re
import socket
from dataclasses import dataclass

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from app.errors import ConflictError, PermissionDenied, ValidationError
from app.models import Agency, Request, User

CREATE_KIND = "新建机关"
_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$")


@dataclass(frozen=True)
class AgencyInfo:
    id: int
    code: str
    name: str
    users: int = 0
    cases: int = 0


def operator() -> str:
    """Who runs an owner's command: the OS account and the machine (there is no app user for it)."""
    try:
        who = getpass.getuser()
    except (KeyError, OSError):
        who = "unknown"
    return f"{who}@{socket.gethostname()}"[:50]


def require_owner(session: Session) -> None:
    """Refuse, in Chinese, anything but the server's owner role (SQLite: one agency, no city)."""
    if session.bind.dialect.name != "postgresql":
        raise ValidationError("单机版数据库只有一个机关；新建机关、并入市级系统须连接市级服务器（--db 服务器地址）。",
                              "db")
    if not session.scalar(text("SELECT has_table_privilege(current_user, 'agencies', 'INSERT')")):
        raise PermissionDenied("只有服务器的数据库所有者（dd_owner）可以新建机关或并入机关：请以所有者账户连接（--db）。")


def check_new(session: Session, code: str, name: str) -> tuple[str, str]:
    """The cleaned code and name, or ValidationError / ConflictError naming the field and the fix."""
    code, name = (code or "").strip(), (name or "").strip()
    if not _CODE.match(code):
        raise ValidationError(f"机关代码“{code}”不符合要求：应为1至40位字母、数字、“-”或“_”，以字母或数字开头。", "code")
    if not name or len(name) > 200:
        raise ValidationError("机关名称不能为空，且不超过200字。", "name")
    taken = session.execute(select(Agency.code, Agency.name).where(
        (func.lower(Agency.code) == code.lower()) | (Agency.name == name))).first()
    if taken is not None:
        which = f"代码“{taken.code}”" if taken.code.lower() == code.lower() else f"名称“{taken.name}”"
        raise ConflictError(f"服务器上已有{which}的机关（{taken.name}）：请换一个机关代码或名称；"
                            "同一机关不能并入两次。")
    return code, name


def create_agency(session: Session, code: str, name: str, actor: str | None = None, note: str = "",
                  start_chain: bool = True) -> AgencyInfo:
    """Add an agency and start its audit chain with the creation; the caller commits. ``start_chain``
    False: join-city, whose chain starts with the bureau's own events."""
    require_owner(session)
    code, name = check_new(session, code, name)
    agency = Agency(code=code, name=name)
    session.add(agency)
    session.flush()
    if start_chain:
        append_owner_event(session, agency.id, actor or operator(), CREATE_KIND, "机关", "", f"{code} {name}",
                           note)
    return AgencyInfo(agency.id, code, name)


def append_owner_event(session: Session, agency_id: int | None, actor: str, kind: str, field: str, old: str, new: str,
                       reason: str, request_id: int | None = None) -> int:
    """Append to ``agency_id``'s chain (None: the server's own) as the owner (the server's clock, head and
    hash); its number."""
    return session.scalar(text("SELECT dd_private.chain_append_to(:a, :actor, :host, :rid, :kind, :field, :old, "
                               ":new, :reason)"),
                          {"a": agency_id, "actor": actor[:50], "host": socket.gethostname()[:120], "rid": request_id,
                           "kind": kind, "field": field, "old": old, "new": new, "reason": reason})


def list_agencies(session: Session) -> list[AgencyInfo]:
    """Every agency with its number of accounts and cases (the owner sees all)."""
    require_owner(session)
    users = dict(session.execute(select(User.agency_id, func.count()).group_by(User.agency_id)).all())
    cases = dict(session.execute(select(Request.agency_id, func.count()).group_by(Request.agency_id)).all())
    return [AgencyInfo(a.id, a.code, a.name, users.get(a.id, 0), cases.get(a.id, 0))
            for a in session.scalars(select(Agency).order_by(Agency.id))]


ACCOUNT_CREATED = "新建用户"
MIN_PASSWORD = 8


def create_account(session: Session, agency_id: int | None, username: str, display_name: str, role,
                   password: str, actor: str | None = None) -> int:
    """An agency's first 管理员 (who then adds its staff in 管理 → 用户), or (``agency_id`` None) an account
    of the city office (市政务公开办, no agency). The owner writes it, stores its password as a server
    verifier and chains the creation and the account's fingerprint: in the agency's chain, or the
    server's own for the city. The caller commits; the new user's id."""
    from app.services.trust import server_sessions
    from app.services.trust.audit_evidence import ACCOUNT_KIND, account_fingerprint
    from app.workflow.vocabulary import Role

    require_owner(session)
    username, display_name, role = (username or "").strip(), (display_name or "").strip(), Role(role)
    if not re.match(r"^[A-Za-z0-9_.-]{2,50}$", username):
        raise ValidationError(f"用户名“{username}”不符合要求：应为2至50位字母、数字、“.”、“-”或“_”。", "username")
    if not display_name:
        raise ValidationError("姓名不能为空：请用 --admin-name 或 --name 写明使用人姓名。", "display_name")
    if len(password) < MIN_PASSWORD:
        raise ValidationError(f"初始密码至少{MIN_PASSWORD}位，请重新设置。", "password")
    if (agency_id is None) != (role is Role.CITY):
        raise ValidationError("市政务公开办的账户不属于任何机关；机关的账户不能是市政务公开办角色。", "role")
    if session.scalar(select(User.id).where(func.lower(User.username) == username.lower())):
        raise ConflictError(f"服务器上已有用户名“{username}”（用户名全市通用）：请换一个。")
    user = User(username=username, display_name=display_name, role=role.value, password_hash="",
                agency_id=agency_id)
    session.add(user)
    session.flush()
    if agency_id is None:         # the column's default is the first agency: the city office has none
        session.execute(text("UPDATE users SET agency_id = NULL WHERE id = :u"), {"u": user.id})
    server_sessions.set_password(session, user.id, password, unattended=True)
    session.flush()
    session.refresh(user)
    who = actor or operator()
    append_owner_event(session, agency_id, who, ACCOUNT_CREATED, "用户", "", f"{display_name}（{role.value}）", "")
    append_owner_event(session, agency_id, who, ACCOUNT_KIND, username, "", account_fingerprint(user), "")
    return user.id
