"""Audit events appended by the PostgreSQL server itself, and the chain they make, verified in Python."""

import hashlib
import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from app.errors import PermissionDenied
from app.models import Event
from app.services.trust.audit import record
from app.services.trust.audit_chain import canonical
from app.services.container import Services
from app.services.dto import Actor
from app.services.uow import Database
from app.workflow.vocabulary import Role
from tests.conftest import _fresh_pg, login_as
from tests.services.helpers import request_input
from tests.services.trust.test_postgresql_roles import _owned_by_admin_pc, _roles

ROOT = Path(__file__).resolve().parents[3]
# Texts that JSON escapes: quotes, backslashes, line breaks, a control character, a tab, non-BMP, U+2028.
AWKWARD = ['引号"和\\反斜杠', "换行\n回车\r制表\t", "控制\x01\x1f字符", "表情😀与\u2028分隔", "", "/斜杠/"]


def test_awkward_texts_chain_alike_on_both_databases(any_db):
    """The server's SQL hashing and Python's must agree byte for byte; verify-audit recomputes in Python."""
    clerk = login_as(any_db, "clerk1", "王登记")
    with any_db.uow() as uow:
        for value in AWKWARD:
            record(uow.session, clerk, "测试", None, "字段", value, value[::-1], value)
        uow.commit()
    result = Services.build(any_db).audit.verify()
    assert result.ok, result.message
    with any_db.read() as uow:
        rows = uow.session.execute(select(Event.old, Event.actor).where(Event.kind == "测试")
                                   .order_by(Event.id)).all()
    assert [old for old, _ in rows] == AWKWARD                    # stored exactly as given
    assert {actor for _, actor in rows} == {"clerk1"}
    assert canonical({"id": 7, "request_id": None, "at": datetime(2026, 1, 2, 3, 4, 5, 6), "actor": "甲",
                      "host": "", "kind": "k", "field": "", "old": '"\n\x01', "new": "😀", "reason": ""}) == (
        '[7,null,"2026-01-02 03:04:05.000006","甲","","k","","\\"\\n\\u0001","😀",""]'.encode("utf-8"))


@pytest.fixture
def pg_db(pg_server):
    db = Database.open(_fresh_pg(pg_server))
    yield db
    db.dispose()


@pytest.mark.pg
def test_the_server_takes_the_time_the_user_and_the_workstation(pg_db):
    any_db = pg_db
    clerk = login_as(any_db, "clerk1", "王登记")
    before = datetime.now()
    with any_db.uow() as uow:               # the server decides these, not the row Python built
        record(uow.session, clerk, "测试", field="x", new="y")
        uow.commit()
    with any_db.read() as uow:
        e = uow.session.execute(select(Event.actor, Event.host, Event.at).where(Event.kind == "测试")).one()
    assert e.actor == "clerk1" and e.host == clerk.origin
    assert abs((e.at - before).total_seconds()) < 60


def _forged_event_sql(db, at: str, actor: str) -> tuple[str, dict]:
    """The probe's forgery: the next event, backdated and in another's name, correctly hashed."""
    with db.engine.connect() as conn:
        last_id, last_hash = conn.execute(text("SELECT last_id, last_hash FROM audit_head")).one()
    row = {"id": last_id + 1, "request_id": None, "at": datetime.fromisoformat(at), "actor": actor,
           "host": "zhaokz@PC-03", "kind": "签发文书", "field": "", "old": "", "new": "", "reason": "伪造"}
    digest = hashlib.sha256(last_hash.encode() + canonical(row)).hexdigest()
    sql = ("INSERT INTO events (id, request_id, at, actor, host, kind, field, old, new, reason, hash) VALUES "
           "(:id, :request_id, :at, :actor, :host, :kind, :field, :old, :new, :reason, :hash)")
    return sql, {**row, "hash": digest}


@pytest.mark.pg
def test_the_app_role_cannot_append_a_backdated_event_in_anothers_name(pg_server):
    """Issue 21 item 3: on PostgreSQL an event backdated to 2025-03-01, attributed to zhaokz, correctly
    hashed and appended by the app role — now refused, by each way in."""
    app_url, admin_url = _roles(pg_server)
    _owned_by_admin_pc(admin_url, ("wangdj", "王登记"), ("zhaokz", "赵科长"))
    db = Database.open(app_url)
    try:
        clerk = login_as(db, "wangdj", "王登记")
        sql, values = _forged_event_sql(db, "2025-03-01 09:00:00", "zhaokz")
        with pytest.raises(DBAPIError, match="permission denied for table events"):
            with db.engine.begin() as conn:
                conn.execute(text(sql), values)
        with pytest.raises(DBAPIError, match="permission denied for table audit_head"):
            with db.engine.begin() as conn:
                conn.execute(text("UPDATE audit_head SET last_hash = :h"), {"h": values["hash"]})
        with pytest.raises(DBAPIError, match="permission denied for schema dd_private"):
            with db.engine.begin() as conn:       # the internal append that takes a name
                conn.execute(text("SELECT dd_private.chain_append('zhaokz', '', NULL, '签发文书', '', '', '', '')"))
        with pytest.raises(DBAPIError, match="未登录或登录已失效"):
            with db.engine.begin() as conn:       # the public append, with a made-up session
                conn.execute(text("SELECT dd_append(:t, NULL, '签发文书', '', '', '', '伪造')"), {"t": "0" * 64})
        with db.engine.begin() as conn:           # with its own session: its own name and the server's time
            conn.execute(text("SELECT dd_append(:t, NULL, '签发文书', '', '', '', '伪造')"), {"t": clerk.token})
        with db.engine.connect() as conn:
            forged = conn.execute(text("SELECT actor, at FROM events WHERE reason = '伪造'")).all()
        assert [a for a, _ in forged] == ["wangdj"] and forged[0][1].year >= 2026
        assert _verify_audit_cli(app_url).returncode == 0      # the server-appended chain verifies
    finally:
        db.dispose()


def _verify_audit_cli(url: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "app", "--db", url, "verify-audit"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)


@pytest.mark.pg
def test_a_forged_ended_or_foreign_session_is_refused(pg_server):
    app_url, admin_url = _roles(pg_server)
    _owned_by_admin_pc(admin_url, ("wangdj", "王登记"))
    db = Database.open(app_url)
    try:
        services = Services.build(db)
        clerk = login_as(db, "wangdj", "王登记")
        services.requests.register(clerk, request_input())
        forged = Actor("admin", "管理员", Role.ADMIN, 1, None, "f" * 64, "x@PC")
        with pytest.raises(PermissionDenied, match="未登录"):
            services.requests.register(forged, request_input())
        services.office.logout(clerk)
        with pytest.raises(PermissionDenied, match="未登录"):
            services.requests.register(clerk, request_input())
        other = Database.open(app_url)          # another workstation: the server knows the session too
        try:
            again = login_as(other, "wangdj", "王登记")
            assert Services.build(db).requests.register(again, request_input()).id
        finally:
            other.dispose()
        _expire_all_sessions(pg_server, app_url)         # an expired session is refused (aged by the owner)
        with pytest.raises(PermissionDenied, match="未登录"):
            services.requests.register(again, request_input())
        assert services.audit.verify().ok
    finally:
        db.dispose()


def _expire_all_sessions(pg_server: str, app_url: str) -> None:
    import psycopg

    base = pg_server.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(f"{base}/{app_url.rsplit('/', 1)[1]}", autocommit=True) as conn:
        conn.execute("UPDATE dd_private.sessions SET expires_at = now() - interval '1 second'")
