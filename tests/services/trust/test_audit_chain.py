"""The audit trail as evidence: append-only in the database, hash-chained, verified; no cascade."""

import hashlib
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from app.services.container import Services
from app.workflow.outcomes import Outcome
from tests.conftest import fixed_today
from tests.services.helpers import add_department, request_input

ROOT = Path(__file__).resolve().parents[3]
TODAY = date(2025, 6, 30)


@pytest.fixture
def desk(any_db, clerk, handler, chief):
    """Two cases with a few events each, one of them signed off (its reply letter frozen)."""
    s = Services.build(any_db, fixed_today(TODAY))
    dept = add_department(any_db)
    for name in ("甲", "乙"):
        d = s.requests.register(clerk, request_input(applicant_name=name))
        d = s.cases.assign(clerk, d.id, d.version, dept)
    d = s.cases.submit(handler, d.id, d.version, decision="信息不存在", outcome=Outcome.NOT_HELD)
    draft = s.letters.issue(handler, d.id)
    s.cases.sign_off(chief, d.id, d.version)
    s.letters.sign(chief, draft.id)                  # 签发: the signed letter whose hash is checked
    return s


def sql(db, statement: str, **params):
    with db.engine.begin() as conn:
        return conn.execute(text(statement), params)


def drop_guards(db) -> None:
    """What someone with the owner's rights would do first."""
    if db.dialect == "sqlite":
        sql(db, "DROP TRIGGER events_no_update")
        sql(db, "DROP TRIGGER events_no_delete")
    else:
        sql(db, "DROP TRIGGER events_no_update_delete ON events")


def cli_verify(db):
    url = db.engine.url.render_as_string(hide_password=False)
    return subprocess.run([sys.executable, "-m", "app", "--db", url, "verify-audit"], cwd=ROOT,
                          capture_output=True, text=True, encoding="utf-8")


def test_intact_chain_verifies_with_its_count(desk, any_db):
    n = sql(any_db, "SELECT count(*) FROM events").scalar()
    check = desk.audit.verify()
    assert check.ok and check.count == n and n > 10
    r = cli_verify(any_db)
    assert r.returncode == 0 and f"{n}条审计记录" in r.stdout


def test_the_database_refuses_update_and_delete_of_events(desk, any_db):
    for statement in ("UPDATE events SET reason = 'x' WHERE id = 2", "DELETE FROM events WHERE id = 2"):
        with pytest.raises(DBAPIError, match="审计记录只能追加"):
            sql(any_db, statement)
    if any_db.dialect == "postgresql":
        with pytest.raises(DBAPIError, match="审计记录只能追加"):
            sql(any_db, "TRUNCATE events CASCADE")
    assert desk.audit.verify().ok


def test_deleting_a_case_with_evidence_is_refused(desk, any_db):
    with pytest.raises(DBAPIError):
        sql(any_db, "DELETE FROM requests WHERE id = 1")
    assert sql(any_db, "SELECT count(*) FROM requests").scalar() == 2


def test_an_edited_row_is_named(desk, any_db):
    drop_guards(any_db)
    sql(any_db, "UPDATE events SET actor = 'someone' WHERE id = 3")
    check = desk.audit.verify()
    assert not check.ok and check.broken_id == 3 and check.count == 2
    r = cli_verify(any_db)
    assert r.returncode == 1 and "编号3" in r.stderr and "Traceback" not in r.stderr


def test_a_deleted_row_is_named(desk, any_db):
    drop_guards(any_db)
    sql(any_db, "DELETE FROM events WHERE id = 4")
    check = desk.audit.verify()
    assert not check.ok and check.broken_id == 5 and "编号4缺失" in check.message
    r = cli_verify(any_db)
    assert r.returncode == 1 and "编号4缺失" in r.stderr and "Traceback" not in r.stderr


def test_deleting_the_last_rows_is_noticed(desk, any_db):
    drop_guards(any_db)
    last = sql(any_db, "SELECT max(id) FROM events").scalar()
    sql(any_db, "DELETE FROM events WHERE id >= :i", i=last - 1)
    check = desk.audit.verify()
    assert not check.ok and "末尾" in check.message and check.broken_id == last - 1


def test_a_swapped_letter_and_its_stored_hash_are_noticed(desk, any_db):
    letter_id = sql(any_db, "SELECT id FROM letters WHERE state = '已签发'").scalar()
    fake = b"%PDF-1.4 a different letter"
    sql(any_db, "UPDATE letters SET pdf = :p, sha256 = :h WHERE id = :i", p=fake,
        h=hashlib.sha256(fake).hexdigest(), i=letter_id)
    check = desk.audit.verify()
    assert not check.ok and "被替换" in check.message and f"文书编号{letter_id}" in check.message
    assert cli_verify(any_db).returncode == 1


def test_events_keep_the_workstation(desk, any_db, clerk):
    host = sql(any_db, "SELECT host FROM events WHERE actor = 'clerk1' ORDER BY id DESC").scalars().first()
    assert host == clerk.origin and "@" in host
