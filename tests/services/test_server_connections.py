"""A shared PostgreSQL server: a connection the server dropped while it sat idle in the pool (a night-time
restart) is replaced before the next action instead of failing it; clashes are the conflict message."""

from datetime import date

import psycopg
import pytest
from sqlalchemy import text

from app.services import database
from app.services.query_service import QueryService, RequestQuery
from app.services.request_service import RequestService
from tests.conftest import fixed_today
from tests.services.helpers import request_input


@pytest.fixture
def pg(any_db):
    if any_db.dialect != "postgresql":
        pytest.skip("PostgreSQL only")
    return any_db


def _backend_pids(db) -> set[int]:
    with db.engine.connect() as conn:
        return {conn.execute(text("SELECT pg_backend_pid()")).scalar()}


@pytest.mark.pg
def test_a_connection_dropped_while_idle_is_replaced(pg, clerk, monkeypatch):
    requests = RequestService(pg, fixed_today(date(2025, 6, 30)))
    requests.register(clerk, request_input())
    [pid] = _backend_pids(pg)                   # the pooled connection the next action will get
    plain = pg.engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(plain, autocommit=True) as admin:      # the server ends it, as a restart would
        admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
    monkeypatch.setattr(database, "IDLE_PING_SECONDS", 0)   # "idle long enough" without waiting 30 s
    assert QueryService(pg, fixed_today(date(2025, 6, 30))).count(RequestQuery()) == 1
    assert requests.register(clerk, request_input(applicant_name="王五")).applicant_name == "王五"


@pytest.mark.pg
def test_a_clash_found_while_flushing_is_the_chinese_conflict_message(pg, clerk):
    """Two clerks on the shared server: the second one's change is flushed by a query (autoflush), not
    by the commit. (SQLite writers take the lock up front, so this clash cannot arise there.)"""
    any_db = pg
    from sqlalchemy import select

    from app.errors import ConflictError
    from app.models import Request

    d = RequestService(any_db, fixed_today(date(2025, 6, 30))).register(clerk, request_input())
    with pytest.raises(ConflictError) as e:
        with any_db.uow() as mine:
            req = mine.session.get(Request, d.id)
            with any_db.uow() as theirs:              # another clerk saves first
                theirs.session.get(Request, d.id).notes = "对方先保存"
                theirs.commit()
            req.notes = "我后保存"
            mine.session.scalar(select(Request.id).where(Request.id == d.id))   # autoflush: UPDATE … version
    assert e.value.message == "该申请已被其他用户修改，请刷新后重新操作。"
