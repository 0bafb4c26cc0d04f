"""Migration i22_city_bench: the city server's reads under row-level security (issue 22, performance).

The agency-leading indexes exist and serve a search of the session's agency from the index alone; the
session's agency functions, now PL/pgSQL, answer exactly as before. The server is the one of
test_agency_isolation.py: agency B (1) with a demo year, agency A (2) with a clerk and one case.
"""

from dataclasses import replace

import pytest
from sqlalchemy import event, text
from sqlalchemy.orm import Session

from app.services.cases.query_service import RequestQuery
from app.services.trust import server_sessions
from app.services.trust.office_service import OfficeService
from tests.conftest import TEST_PASSWORD
from tests.services.trust.test_agency_isolation import A, B, city  # noqa: F401 - the module's fixture

pytestmark = pytest.mark.pg


def test_the_indexes_lead_with_the_agency(city):  # noqa: F811
    owner = city[0]
    with owner.engine.connect() as c:
        found = dict(c.execute(text("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'requests' "
                                    "AND indexname LIKE 'ix_requests_agency%'")).all())
    assert found == {
        "ix_requests_agency_due": "CREATE INDEX ix_requests_agency_due ON public.requests USING btree "
                                  "(agency_id, reply_due, id) INCLUDE (applicant_name, description, number)",
        "ix_requests_agency_status_due": "CREATE INDEX ix_requests_agency_status_due ON public.requests "
                                         "USING btree (agency_id, status, reply_due)",
        # the city board's (migration i22_city_board): this year's replies per agency, on time or not
        "ix_requests_agency_replied": "CREATE INDEX ix_requests_agency_replied ON public.requests USING btree "
                                      "(agency_id, reply_date) INCLUDE (reply_due) WHERE (reply_date IS NOT NULL)",
    }


def test_the_agency_functions_are_plpgsql_stable_and_run_as_the_owner(city):  # noqa: F811
    owner = city[0]
    with owner.engine.connect() as c:
        rows = c.execute(text("SELECT p.proname, l.lanname, p.provolatile, p.prosecdef, p.proconfig FROM pg_proc p "
                              "JOIN pg_language l ON l.oid = p.prolang WHERE p.proname IN "
                              "('dd_agency', 'dd_default_agency') ORDER BY 1")).all()
    path = ["search_path=pg_catalog, public, pg_temp"]
    assert [tuple(r) for r in rows] == [("dd_agency", "plpgsql", "s", True, path),
                                        ("dd_default_agency", "plpgsql", "s", True, path)]


def test_the_session_agency_answers_as_before(city):  # noqa: F811
    """Worked by hand: A's clerk's live session → 2; no token → NULL, default the first agency (1);
    a made-up token → NULL; the same session after log-out → NULL."""
    owner, db = city[0], city[1]
    OfficeService(db).login("jia_clerk", TEST_PASSWORD)
    token = db._token                                          # noqa: SLF001 - the session the PC presents
    ask = "SELECT dd_agency(), dd_default_agency()"
    with db.engine.connect() as c:
        assert tuple(c.execute(text(ask)).one()) == (A, A)
    with owner.engine.connect() as c:
        assert tuple(c.execute(text(ask)).one()) == (None, B)
        c.execute(text("SELECT set_config('dd.token', :t, false)"), {"t": "f" * 64})
        assert tuple(c.execute(text(ask)).one()) == (None, B)
        c.execute(text("SELECT set_config('dd.token', :t, false)"), {"t": token})
        assert tuple(c.execute(text(ask)).one()) == (A, A)
        server_sessions.log_out(Session(bind=c), token)
        c.commit()
        assert tuple(c.execute(text(ask)).one()) == (None, B)


def test_a_search_of_the_agency_is_read_from_the_agency_index(city):  # noqa: F811
    """The count the list shows for a search, as the service sends it, on the app role with A's session.
    A LIKE may not use the pg_trgm indexes under row-level security (not LEAKPROOF); the agency index
    holds the searched columns, so the count reads A's entries of it and no table row."""
    owner, db, services, _clerk = city
    OfficeService(db).login("jia_clerk", TEST_PASSWORD)
    sent: list[tuple[str, dict]] = []
    listen = lambda *a: sent.append((a[2], a[3]))                # noqa: E731 - (statement, parameters)
    event.listen(db.engine, "before_cursor_execute", listen)
    try:
        assert services.queries.count(RequestQuery(text="规划许可")) == 1      # A's one case (helpers.request_input)
    finally:
        event.remove(db.engine, "before_cursor_execute", listen)
    statement, params = next((s, p) for s, p in sent if "count" in s and "LIKE" in s)
    with owner.engine.connect() as c:
        c.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql("VACUUM ANALYZE requests")
    with db.engine.connect() as c, c.begin():
        c.exec_driver_sql("SET LOCAL enable_seqscan = off")
        c.exec_driver_sql("SET LOCAL enable_bitmapscan = off")
        plan = "\n".join(r[0] for r in c.exec_driver_sql("EXPLAIN (ANALYZE, COSTS OFF) " + statement, params))
    assert "Index Only Scan using ix_requests_agency_due on requests" in plan, plan
    assert "Index Cond: (agency_id = $0)" in plan, plan                   # the policy's (SELECT dd_agency())
    assert "~~ '%规划许可%'" in plan and "rows=1 loops=1" in plan, plan


def test_an_anchor_is_taken_and_checked_on_the_sessions_own_chain(city, tmp_path):  # noqa: F811
    """app/services/agencies.py on a server: A's clerk anchors A's chain (A's head, not B's, not the
    server's), and the check looks for the anchored event in A's chain: B's anchor, whose number A's
    short chain does not reach, is refused. Expected values read from audit_head as the owner."""
    owner, db, services, _clerk = city
    OfficeService(db).login("jia_clerk", TEST_PASSWORD)
    with owner.engine.connect() as c:
        heads = {k: (n, h, cnt) for k, n, h, cnt in c.execute(text(
            "SELECT id, last_id, last_hash, count FROM audit_head"))}
    anchor = services.audit.anchor(tmp_path / "甲.json")
    assert (anchor.last_id, anchor.last_hash, anchor.count) == heads[A]
    assert heads[A] != heads[B] and heads[B][0] > heads[A][0] + 1          # the demo year is the longer chain
    assert services.audit.verify(anchors=[anchor]).ok
    b_anchor = replace(anchor, last_id=heads[B][0], last_hash=heads[B][1], count=heads[B][2])
    check = services.audit.verify(anchors=[b_anchor])
    assert not check.ok and f"审计记录编号{heads[B][0]}已不存在" in check.message
