"""Passwords on PostgreSQL: an upgraded office keeps every password; only the server sets a verifier."""

from datetime import datetime
from types import SimpleNamespace

import pytest
from alembic import command
from sqlalchemy import insert, select, text, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from app.errors import ValidationError
from app.models import AuditHead, Event, User
from app.services.trust.audit_chain import GENESIS, link
from app.services.trust.audit_evidence import ACCOUNT_KIND, account_fingerprint
from app.services.container import Services
from app.services.database import alembic_config, make_engine
from app.services.trust.office_service import OfficeService
from app.services.trust import server_sessions
from app.services.trust.passwords import hash_password, prehash
from app.services.uow import Database
from tests.conftest import TEST_PASSWORD, _fresh_pg, login_as
from tests.services.trust.test_postgresql_roles import _owned_by_admin_pc, _roles

pytestmark = pytest.mark.pg
PASSWORDS = {"admin": ("管理员", "old-pass-1"), "wangdj": ("登记员", "old-pass-2")}


def _office_before_server_sessions(url: str) -> None:
    """An office at the revision before this one: scrypt hashes in users, accounts baselined in the chain."""
    engine = make_engine(url)
    try:
        command.upgrade(alembic_config(engine), "i21_merge")
        previous, rows = GENESIS, []
        with engine.begin() as conn:
            for i, (name, (role, password)) in enumerate(PASSWORDS.items(), 1):
                u = SimpleNamespace(username=name, role=role, active=True, department_id=None,
                                    password_hash=hash_password(password))
                conn.execute(insert(User).values(id=i, username=name, display_name=name, role=role,
                                                 password_hash=u.password_hash, active=True, failed_logins=0))
                row = {"id": i, "request_id": None, "at": datetime(2026, 1, 5, 9, 0, 0, 123456), "actor": "admin",
                       "host": "a@PC-1", "kind": ACCOUNT_KIND, "field": name, "old": "",
                       "new": account_fingerprint(u), "reason": "建立基线"}
                previous = link(previous, row)
                rows.append({**row, "hash": previous})
            conn.execute(insert(Event), rows)
            conn.execute(update(AuditHead).where(AuditHead.id == 1)
                         .values(last_id=len(rows), last_hash=previous, count=len(rows)))
    finally:
        engine.dispose()


def test_existing_accounts_keep_their_passwords_and_the_chain_verifies(pg_server):
    url = _fresh_pg(pg_server)
    _office_before_server_sessions(url)
    db = Database.open(url)                               # migrates to the head
    try:
        with db.read() as uow:
            shown = uow.session.scalars(select(User.password_hash)).all()
            moved = uow.session.scalar(text("SELECT count(*) FROM dd_private.credentials"))
        assert moved == 2 and all(h.startswith("server$") for h in shown)     # no scrypt hash left in users
        assert Services.build(db).audit.verify().ok       # the moved accounts' fingerprints are chained
        office = OfficeService(db, sleep=lambda _s: None)
        for name, (_role, password) in PASSWORDS.items():
            assert office.login(name, password).username == name
        with pytest.raises(ValidationError, match="用户名或密码不正确"):
            office.login("wangdj", "old-pass-1")         # another account's password does not open it
        assert Services.build(db).audit.verify().ok
    finally:
        db.dispose()


def test_a_session_alone_cannot_set_a_password(pg_server):
    """dd_set_password: a clerk's session may set the clerk's own password only with the current one's
    digest, and never a colleague's; so a stolen token alone cannot take an account."""
    app_url, admin_url = _roles(pg_server)
    _owned_by_admin_pc(admin_url, ("wangdj", "王登记"), ("zhaokz", "赵科长"))
    db = Database.open(app_url)
    try:
        clerk = login_as(db, "wangdj", "王登记")
        colleague = next(u.id for u in OfficeService(db).users() if u.username == "zhaokz")
        with Session(db.engine) as s:
            current = prehash(TEST_PASSWORD, server_sessions.login_params(s, "wangdj"))
        for target, digest in ((clerk.user_id, ""), (clerk.user_id, "0" * 64), (colleague, current)):
            with pytest.raises(DBAPIError, match="只有管理员或知道原密码的本人可以设置密码"):
                with Session(db.engine) as s:
                    server_sessions.set_password(s, target, "new-pass-9", clerk.token, current=digest)
        with Session(db.engine) as s:
            server_sessions.set_password(s, clerk.user_id, "new-pass-9", clerk.token, current=current)
            s.commit()
        assert OfficeService(db).login("wangdj", "new-pass-9").username == "wangdj"
    finally:
        db.dispose()
