"""Many agencies, one server (issue 22): a clerk of agency A reads and writes nothing of agency B.

Agency B (id 1) is a demo year made by the owner; agency A (id 2) is added by the owner with its own
accounts. A's clerk logs in on the workstation role (dd_app) and tries every agency-owned table with raw
SQL, then the services. The expected outcomes are written out by hand (README, "Many agencies").
"""

import json
from datetime import date

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from app.errors import NotFound
from app.models import User
from app.services.container import Services
from app.services.demos.demo import DEMO_PASSWORD, fill_demo
from app.services.trust import server_sessions
from app.services.trust.audit_chain import verify
from app.services.trust.office_service import OfficeService
from app.services.uow import Database
from app.workflow.vocabulary import Role
from tests.conftest import TEST_PASSWORD
from tests.services.helpers import request_input
from tests.services.trust.test_postgresql_roles import _roles

pytestmark = pytest.mark.pg
B, A = 1, 2

# role dd_app, session of A's clerk, on B's rows. none = the statement runs and touches none of B's
# rows (row-level security); refused = the server refuses it (a missing grant, or a row that would
# belong to B: the policy's WITH CHECK).
CASE = {"SELECT": "none", "INSERT": "refused", "UPDATE": "none", "DELETE": "none"}
READ_ONLY = {"SELECT": "none", "INSERT": "refused", "UPDATE": "refused", "DELETE": "refused"}
EXPECTED = {
    "requests": CASE, "attachments": CASE, "consultations": CASE, "corrections": CASE, "extensions": CASE,
    "fee_notices": CASE, "letters": CASE, "dept_tasks": CASE, "deliberations": CASE,
    "deliberation_cases": CASE, "coordination_materials": CASE, "urge_notices": CASE, "legal_reviews": CASE,
    "reasons_answers": CASE, "review_cases": CASE, "proactive_candidates": CASE, "library_cases": CASE,
    "exchange_documents": CASE, "exchange_imports": CASE, "doc_counters": CASE, "annual_reports": CASE,
    "ledger_mappings": CASE,
    "departments": {"SELECT": "none", "INSERT": "refused", "UPDATE": "refused", "DELETE": "refused"},
    "events": READ_ONLY, "audit_head": READ_ONLY, "users": READ_ONLY, "settings": READ_ONLY,
    "agencies": READ_ONLY,
    # issue 23: the web's functions write these; a workstation refuses/accepts (UPDATE) or notes a mail (INSERT)
    "online_submissions": {"SELECT": "none", "INSERT": "refused", "UPDATE": "none", "DELETE": "refused"},
    "online_answers": {"SELECT": "none", "INSERT": "refused", "UPDATE": "none", "DELETE": "refused"},
    "online_fetches": READ_ONLY,
    "online_mails": {"SELECT": "none", "INSERT": "refused", "UPDATE": "refused", "DELETE": "refused"},
}


@pytest.fixture(scope="module")
def city(pg_server):
    """The server with B's demo year and agency A with a clerk and one case of its own."""
    app_url, _admin_url = _roles(pg_server)
    owner = Database.open(app_url.replace("dd_app_", "dd_owner_").replace("change-me-app", "change-me-owner"))
    fill_demo(owner, cases=20, today=date(2026, 6, 30), admin_password=TEST_PASSWORD)
    with Session(owner.engine) as s:
        s.execute(text("INSERT INTO agencies (id, code, name) VALUES (:a, 'A', '甲区政务服务数据管理局')"), {"a": A})
        for name, role in (("jia_admin", Role.ADMIN), ("jia_clerk", Role.CLERK)):
            u = User(username=name, display_name=name, role=role.value, password_hash="", agency_id=A)
            s.add(u)
            s.flush()
            server_sessions.set_password(s, u.id, TEST_PASSWORD, unattended=True)
        s.commit()
    db = Database.open(app_url)
    services = Services.build(db)
    clerk = OfficeService(db).login("jia_clerk", TEST_PASSWORD)
    services.requests.register(clerk, request_input())
    b_pc = Database.open(app_url)          # a workstation of B registers one too, after A
    b_clerk = OfficeService(b_pc).login("wangdj", DEMO_PASSWORD)
    Services.build(b_pc).requests.register(b_clerk, request_input())
    b_pc.dispose()
    yield owner, db, services, clerk
    db.dispose()
    owner.dispose()


def _tables(owner: Database) -> list[str]:
    with owner.engine.connect() as c:
        return sorted(c.execute(text("SELECT table_name FROM information_schema.columns WHERE "
                                     "column_name = 'agency_id' AND table_schema = 'public'")).scalars()) + ["agencies"]


def _outcome(db: Database, sql: str, values: dict | None = None) -> str:
    """What the statement did to B's rows: none (0 rows), refused (SQLSTATE 42501), or the row count."""
    try:
        with db.engine.connect() as c, c.begin() as tx:
            result = c.execute(text(sql), values or {})
            n = result.rowcount if not result.returns_rows else result.scalar()
            tx.rollback()
    except DBAPIError as e:
        assert getattr(e.orig, "sqlstate", "") == "42501", f"{sql}: refused for another reason: {e.orig}"
        return "refused"
    return "none" if n == 0 else f"{n} rows"


def _b_row(owner: Database, table: str) -> tuple[list[str], str]:
    """One of B's rows (without its id) as JSON, to insert again as A; the columns to insert."""
    key = "id" if table == "agencies" else "agency_id"
    with owner.engine.connect() as c:
        columns = [x for x in c.execute(text("SELECT column_name FROM information_schema.columns WHERE table_name = :t "
                                              "AND table_schema = 'public' ORDER BY ordinal_position"), {"t": table}
                                         ).scalars() if x != "id"]
        row = c.execute(text(f"SELECT to_jsonb(t) FROM {table} t WHERE {key} = :b LIMIT 1"), {"b": B}).scalar()
    row = dict(row or {}, agency_id=B)
    if table == "agencies":
        row.update(code="B2", name="冒充")
    return columns, json.dumps(row, ensure_ascii=False)


def test_a_clerk_of_agency_a_reaches_nothing_of_agency_b_in_any_table(city):
    owner, db, _services, _clerk = city
    tables = _tables(owner)
    assert set(tables) == set(EXPECTED), "a new agency-owned table: add its row here and to the README"
    found = {}
    for table in tables:
        key = "id" if table == "agencies" else "agency_id"
        with owner.engine.connect() as c:
            assert c.execute(text(f"SELECT count(*) FROM {table} WHERE {key} = :b"), {"b": B}).scalar() >= 0
        columns, row = _b_row(owner, table)
        cols = ", ".join(columns)
        found[table] = {
            "SELECT": _outcome(db, f"SELECT count(*) FROM {table} WHERE {key} = {B}"),
            "INSERT": _outcome(db, f"INSERT INTO {table} ({cols}) SELECT {cols} FROM "
                                   f"jsonb_populate_record(NULL::{table}, CAST(:r AS jsonb))", {"r": row}),
            "UPDATE": _outcome(db, f"UPDATE {table} SET {key} = {key} WHERE {key} = {B}"),
            "DELETE": _outcome(db, f"DELETE FROM {table} WHERE {key} = {B}"),
        }
    assert found == EXPECTED


def test_b_has_rows_in_the_case_tables_so_the_check_is_not_empty(city):
    """The demo year gives B rows in these tables; the rest are held by the same policy (next test)."""
    owner = city[0]
    with owner.engine.connect() as c:
        empty = {t for t in _tables(owner) if t != "agencies" and not
                 c.execute(text(f"SELECT count(*) FROM {t} WHERE agency_id = {B}")).scalar()}
    assert not empty & {"requests", "letters", "events", "audit_head", "doc_counters", "settings", "users",
                        "departments", "consultations", "corrections", "extensions", "review_cases",
                        "annual_reports"}


def test_every_agency_table_has_the_session_policy_and_no_workstation_role_owns_one(city):
    owner, db = city[0], city[1]
    with owner.engine.connect() as c:
        rows = c.execute(text("SELECT c.relname, c.relrowsecurity, pg_get_userbyid(c.relowner), p.qual, p.with_check "
                              "FROM pg_class c LEFT JOIN pg_policies p ON p.tablename = c.relname "
                              "AND p.policyname = 'agency_rows' WHERE c.relname = ANY(:t) AND c.relkind = 'r'"),
                         {"t": list(EXPECTED)}).all()
    assert {r.relname for r in rows} == set(EXPECTED)
    app_role = db.engine.url.username
    for r in rows:
        assert r.relrowsecurity and r[2] != app_role, r.relname
        assert "dd_agency()" in r.qual, r.relname
        assert r.relname == "agencies" or "dd_agency()" in r.with_check, r.relname


def test_settings_of_the_connection_do_not_widen_what_a_sees(city):
    _owner, db, _services, _clerk = city
    with db.engine.connect() as c, c.begin():
        own = c.execute(text("SELECT count(*) FROM requests")).scalar()
        assert own == 1
        c.execute(text("SET dd.agency = '1'"))
        c.execute(text("SET app.agency_id = '1'"))
        assert c.execute(text("SELECT count(*) FROM requests")).scalar() == own
        c.execute(text("SELECT set_config('dd.token', 'f' || repeat('0', 63), true)"))
        assert c.execute(text("SELECT count(*) FROM requests")).scalar() == 0        # a made-up session: nothing
        assert c.execute(text("SELECT dd_agency()")).scalar() is None


def test_a_cannot_move_its_own_rows_into_b(city):
    _owner, db, _services, _clerk = city
    assert _outcome(db, f"UPDATE requests SET agency_id = {B} WHERE agency_id = {A}") == "refused"
    assert _outcome(db, f"UPDATE requests SET number = number WHERE agency_id = {A}") == "1 rows"


def test_through_the_services_b_does_not_exist_for_a(city):
    owner, db, services, clerk = city
    with owner.engine.connect() as c:
        b_case, b_number = c.execute(text(f"SELECT id, number FROM requests WHERE agency_id = {B} LIMIT 1")).one()
    with pytest.raises(NotFound):
        services.requests.detail(b_case)
    with pytest.raises(NotFound):
        services.requests.find_id(b_number)
    assert services.requests.events(b_case) == []
    assert {name for _id, name in services.requests.departments()} == set()      # B's 处室 are B's


def test_numbering_and_the_audit_chain_are_per_agency(city):
    owner, db, services, _clerk = city
    with owner.engine.connect() as c:
        counters = dict(c.execute(text("SELECT agency_id, last_value FROM doc_counters "
                                       "WHERE doc_type = '申请编号' AND year = 2025")).all())
        a_events = c.execute(text(f"SELECT count(*) FROM events WHERE agency_id = {A}")).scalar()
        a_first = c.execute(text(f"SELECT min(seq) FROM events WHERE agency_id = {A}")).scalar()
    assert counters == {A: 1, B: 1}             # registered one after the other: a series each
    assert a_first == 1                                     # A's chain starts at number 1
    mine = services.audit.verify()
    assert mine.ok and mine.count == a_events               # A verifies A's chain, and sees only it
    with Session(owner.engine) as s:
        everything = verify(s)
        assert everything.ok and everything.count > a_events  # the owner verifies each agency's chain
