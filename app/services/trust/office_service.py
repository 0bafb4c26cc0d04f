"""Users, roles, log-in, and departments (承办处室)."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime
from typing import Callable

from sqlalchemy import select

from app.errors import NotFound, PermissionDenied, ValidationError
from app.models import Department, User
from app.services.trust.audit import record
from app.services.trust.audit_evidence import record_account
from app.services.dto import Actor
from app.services.trust import login_failures, server_sessions
from app.services.trust.credentials import store_password
from app.services.trust.login_policy import failure_delay
from app.services.trust.passwords import burn_time, hash_password, needs_upgrade, prehash, verify_password
from app.services.trust.sessions import INSTALLER_NAME, ActingService, allows_no_actor, workstation
from app.services.uow import Database
from app.workflow.vocabulary import Role


@dataclass(frozen=True)
class UserView:
    id: int
    username: str
    display_name: str
    role: str
    department_id: int | None
    active: bool


@dataclass(frozen=True)
class DepartmentView:
    id: int
    name: str
    active: bool


def _actor(u: User, token: str = "", origin: str = "") -> Actor:
    return Actor(u.username, u.display_name, Role(u.role), u.id, u.department_id, token, origin)


def _user_view(u: User) -> UserView:
    return UserView(u.id, u.username, u.display_name, u.role, u.department_id, u.active)


class OfficeService(ActingService):
    def __init__(self, db: Database, now: Callable[[], datetime] = datetime.now,
                 sleep: Callable[[float], None] = time.sleep):
        self._db = db
        self._now = now
        self._sleep = sleep

    # -- users ------------------------------------------------------------------------------
    def has_users(self) -> bool:
        with self._db.read() as uow:
            return server_sessions.has_users(uow.session)

    def login(self, username: str, password: str, origin: str | None = None) -> Actor:
        """Check the password; the Actor returned carries the session the services will honour.

        Failures are audited; the fifth in a row locks the account for 15 minutes and every further
        one is answered later (1, 2, 4 … s). An unknown name costs the same scrypt as a wrong password.
        """
        origin = origin or workstation()
        name = username.strip()
        now = self._now()
        if server_sessions.on_server(self._db):
            return self._server_login(name, password, origin, now)
        with self._db.read() as uow:
            u = uow.session.execute(select(User.id, User.password_hash, User.active)
                                    .where(User.username == name)).first()
            locked = login_failures.locked_until(uow.session, name, origin, now) is not None
        if u is None:
            burn_time(password)
            ok = False
        else:
            ok = verify_password(password, u.password_hash) and u.active and not locked
        if not ok:
            self._refuse(name, u is not None, locked, origin, now)
        with self._db.uow() as uow:
            s = uow.session
            u = s.get(User, u.id)
            login_failures.clear(s, name, origin)
            u.failed_logins, u.locked_until = 0, None
            # a workstation's server role may not write users: the upgrade waits for the admin's PC
            upgraded = needs_upgrade(u.password_hash) and self._db.may_write("users")
            if upgraded:
                u.password_hash = hash_password(password)
            actor = _actor(u, self._db.sessions.mint(u.id, origin), origin)
            record(s, actor, "登录", reason="密码散列已升级" if upgraded else "")
            if upgraded:
                record_account(s, actor, u)
            uow.commit()
            return actor

    def _server_login(self, name: str, password: str, origin: str, now: datetime) -> Actor:
        """PostgreSQL: the server checks the password, counts and audits failures, and opens the session."""
        with self._db.uow() as uow:
            answer = server_sessions.log_in(uow.session, name, password, origin, now)
            uow.commit()
        if answer.token is None:
            self._answer_failure(answer.failures, answer.locked_until)
        self._db.present(answer.token)
        with self._db.uow() as uow:
            s = uow.session
            u = s.get(User, server_sessions.session_user(s, answer.token).user_id)
            actor = _actor(u, answer.token, origin)
            if needs_upgrade(answer.params):       # a cheaper scrypt than new passwords get
                store_password(s, u, password, answer.token, current=prehash(password, answer.params))
                record(s, actor, "修改用户", None, f"{u.username}.密码", "", "密码散列已升级")
                record_account(s, actor, u)
            uow.commit()
        return actor

    def _refuse(self, name: str, known: bool, locked: bool, origin: str, now: datetime) -> None:
        """Count and audit a failed log-in, wait as the count says, then raise the message to show.

        Known and unknown names are answered alike (message, delay, lockout); only the audit says which.
        """
        with self._db.uow() as uow:
            s = uow.session
            failures, until = login_failures.count_failure(s, name, origin, now)
            why = "账户锁定期间尝试登录" if locked else ("密码不正确" if known else "用户名不存在")
            record(s, Actor(name[:50] or "（空）", "", Role.CLERK, origin=origin), "登录失败",
                   field="用户名", new=name[:50], reason=f"{why}；本工作站连续失败{failures}次")
            uow.commit()
        self._answer_failure(failures, until)

    def _answer_failure(self, failures: int, until: datetime | None) -> None:
        """Wait as the count says, then raise the message to show (the same for every name)."""
        self._sleep(failure_delay(failures))
        if until is not None:
            raise ValidationError(f"连续登录失败次数过多，该用户名在本工作站已锁定至{until:%H:%M}（15分钟）。"
                                  "请稍后再试，或请管理员重置密码。", "password")
        raise ValidationError("用户名或密码不正确，请重新输入。", "password")

    def installer_session(self, origin: str | None = None) -> Actor:
        """The command line's session on a database that has no users yet (the installer)."""
        if self.has_users():
            raise PermissionDenied("数据库中已有用户，请以用户身份登录（--user 用户名）。")
        origin = origin or workstation()
        return Actor(INSTALLER_NAME, "安装程序", Role.ADMIN, None, None,
                     self._db.sessions.mint(None, origin), origin)

    def logout(self, actor: Actor) -> None:
        """End the session: its Actor is refused from now on."""
        self._db.sessions.end(actor.token)
        if server_sessions.on_server(self._db) and actor.token:
            with self._db.uow() as uow:
                server_sessions.log_out(uow.session, actor.token)
                uow.commit()
            self._db.present("")

    def users(self) -> list[UserView]:
        with self._db.read() as uow:
            return [_user_view(u) for u in uow.session.scalars(select(User).order_by(User.id))]

    @allows_no_actor
    def create_user(self, actor: Actor | None, username: str, display_name: str, role: Role,
                    password: str, department_id: int | None = None) -> UserView:
        """Create a user; ``actor`` None only for the first administrator on a fresh database."""
        username, display_name = username.strip(), display_name.strip()
        if not username:
            raise ValidationError("用户名不能为空。", "username")
        if not display_name:
            raise ValidationError("姓名不能为空。", "display_name")
        if len(password) < 6:
            raise ValidationError("密码至少6位，请重新设置。", "password")
        with self._db.uow() as uow:
            s = uow.session
            if actor is None and server_sessions.has_users(s):
                raise ValidationError("已存在用户，请由管理员创建新用户。")
            if actor is not None and actor.role is not Role.ADMIN:
                raise ValidationError("只有管理员可以管理用户。")
            if s.scalar(select(User.id).where(User.username == username)):
                raise ValidationError(f"用户名“{username}”已被使用，请换一个。", "username")
            u = User(username=username, display_name=display_name, role=Role(role).value,
                     password_hash="", department_id=department_id)
            s.add(u)
            s.flush()
            store_password(s, u, password, actor.token if actor else "")
            if actor is None:
                actor = self._first_session(s, u, password)
            record(s, actor, "新建用户", None, "用户", "", f"{display_name}（{role}）")
            record_account(s, actor, u)
            uow.commit()
            return _user_view(u)

    def _first_session(self, s, u: User, password: str) -> Actor:
        """The first administrator acts as itself. PostgreSQL: a server session (the events need one)."""
        if not server_sessions.on_server(s):
            return _actor(u)
        origin = workstation()
        answer = server_sessions.log_in(s, u.username, password, origin, self._now())
        # Its verifier exists now, so row-level security shows the account only to its own session.
        server_sessions.present(s, answer.token or "")
        self._db.present(answer.token)
        s.refresh(u)
        return _actor(u, answer.token or "", origin)

    def update_user(self, actor: Actor, user_id: int, display_name: str, role: Role,
                    department_id: int | None, active: bool, password: str = "") -> UserView:
        if actor.role is not Role.ADMIN:
            raise ValidationError("只有管理员可以管理用户。")
        with self._db.uow() as uow:
            s = uow.session
            u = s.get(User, user_id)
            if u is None:
                raise NotFound("用户不存在。")
            for label, attr, new in (("姓名", "display_name", display_name), ("角色", "role", Role(role).value),
                                     ("处室", "department_id", department_id), ("启用", "active", active)):
                if getattr(u, attr) != new:
                    record(s, actor, "修改用户", None, f"{u.username}.{label}", getattr(u, attr), new)
                    setattr(u, attr, new)
            if password:
                if len(password) < 6:
                    raise ValidationError("密码至少6位，请重新设置。", "password")
                store_password(s, u, password, actor.token)
                u.failed_logins, u.locked_until = 0, None
                login_failures.clear(s, u.username)              # a reset lifts its lockouts everywhere
                record(s, actor, "重置密码", None, u.username)
            record_account(s, actor, u)
            uow.commit()
            return _user_view(u)

    # -- departments ------------------------------------------------------------------------
    def departments(self, include_inactive: bool = False) -> list[DepartmentView]:
        with self._db.read() as uow:
            q = select(Department).order_by(Department.id)
            if not include_inactive:
                q = q.where(Department.active)
            return [DepartmentView(d.id, d.name, d.active) for d in uow.session.scalars(q)]

    def save_department(self, actor: Actor, name: str, dept_id: int | None = None,
                        active: bool = True) -> DepartmentView:
        if actor.role is not Role.ADMIN:
            raise ValidationError("只有管理员可以管理承办处室。")
        name = name.strip()
        if not name:
            raise ValidationError("处室名称不能为空。", "name")
        with self._db.uow() as uow:
            s = uow.session
            clash = s.scalar(select(Department.id).where(Department.name == name))
            if clash and clash != dept_id:
                raise ValidationError(f"处室“{name}”已存在。", "name")
            d = s.get(Department, dept_id) if dept_id else Department(name=name)
            if dept_id and d is None:
                raise NotFound("处室不存在。")
            if not dept_id or d.name != name:
                record(s, actor, "修改处室" if dept_id else "新建处室", None, "处室",
                       d.name if dept_id else "", name)
            if dept_id and d.active != active:
                record(s, actor, "修改处室", None, f"{d.name}.启用", d.active, active)
            d.name, d.active = name, active
            s.add(d)
            uow.commit()
            return DepartmentView(d.id, d.name, d.active)
