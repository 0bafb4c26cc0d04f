"""A shared PostgreSQL server: the list's page and count are one round trip each (autocommit), other reads
and writes keep their transaction; a connection the server dropped while it sat idle in the pool (a
night-time restart) is replaced before the next action instead of failing it; clashes are the conflict
message."""

from datetime import date

import psycopg
import pytest
from sqlalchemy import text

from app.services import database
from app.services.cases.query_service import QueryService, RequestQuery
from app.services.cases.request_service import RequestService
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
def test_the_list_reads_in_one_round_trip_and_everything_else_in_a_transaction(pg, clerk):
    from sqlalchemy import event

    RequestService(pg, fixed_today(date(2025, 6, 30))).register(clerk, request_input(description="规划许可"))
    sent: list[str] = []
    listen = lambda conn, cursor, statement, *args: sent.append(statement.split()[0])  # noqa: E731
    event.listen(pg.engine, "before_cursor_execute", listen)
    try:
        queries = QueryService(pg, fixed_today(date(2025, 6, 30)))
        assert [r.description for r in queries.page(RequestQuery(text="规划"), 0, 100)] == ["规划许可"]
        assert queries.count(RequestQuery(text="规划")) == 1
    finally:
        event.remove(pg.engine, "before_cursor_execute", listen)
    assert sent == ["SELECT", "SELECT"]
    with pg.list_read() as uow:
        uow.session.execute(text("SELECT 1"))
        assert uow.session.connection().connection.dbapi_connection.autocommit is True
        # no transaction was opened on the server for it
        assert uow.session.connection().connection.dbapi_connection.info.transaction_status == 0   # IDLE
    for unit in (pg.read(), pg.uow()):          # the audit verifier's server-side cursor needs one
        with unit as uow:
            uow.session.execute(text("SELECT 1"))
            assert uow.session.connection().connection.dbapi_connection.autocommit is False


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
