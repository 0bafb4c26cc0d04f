"""The README's PostgreSQL roles: the app role works the desk but cannot change or delete the audit."""

import re
import uuid
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from app.errors import PermissionDenied
from app.services.container import Services
from app.services.uow import Database
from tests.conftest import login_as
from tests.services.helpers import request_input

SQL = Path(__file__).resolve().parents[3] / "docs" / "postgresql-roles.sql"
pytestmark = pytest.mark.pg


def _statements(part: str) -> list[str]:
    lines = SQL.read_text(encoding="utf-8").splitlines()
    split = next(i for i, line in enumerate(lines) if line.startswith("-- part 2"))
    chosen = lines[:split] if part == "1" else lines[split + 1:]
    body = "\n".join(line for line in chosen if not line.startswith(("--", "\\")))
    return [s.strip() for s in body.split(";") if s.strip()]


# What the workstation's role (dd_app) may do, table by table, written out by hand from the README's table.
# I = INSERT, U = UPDATE, D = DELETE; TRUNCATE is refused on every table (never granted).
CASE_WORK = "IUD"
APP_ROLE = {
    "annual_reports": CASE_WORK, "attachments": CASE_WORK, "consultations": CASE_WORK,
    "coordination_materials": CASE_WORK, "corrections": CASE_WORK, "deliberation_cases": CASE_WORK,
    "deliberations": CASE_WORK, "dept_tasks": CASE_WORK, "doc_counters": CASE_WORK, "extensions": CASE_WORK,
    "fee_notices": CASE_WORK, "ledger_mappings": CASE_WORK, "legal_reviews": CASE_WORK, "letters": CASE_WORK,
    "library_cases": CASE_WORK, "proactive_candidates": CASE_WORK,
    "reasons_answers": CASE_WORK,
    "exchange_documents": CASE_WORK, "exchange_imports": CASE_WORK,    # the exchange's imports (issue 22)
    "requests": CASE_WORK, "review_cases": CASE_WORK, "urge_notices": CASE_WORK,
    "events": "",               # the audit: appended only by the server's dd_append / dd_login
    "audit_head": "",           # the chain's head: moved only by those functions
    "login_failures": "",       # counted by the server's dd_login
    "departments": "I",         # a ledger import may add one; only 管理 (dd_admin) renames or retires
    "users": "",                # accounts, roles, passwords: dd_admin only
    "settings": "",             # the office's names and rules: dd_admin only
    "calendar_days": "",        # the holiday calendar: dd_admin only
    "alembic_version": "",      # the schema version: the owner's
    "agencies": "",             # the agencies on the server: the owner's (issue 22)
    # issue 23: the web's functions insert these; the desk refuses / accepts / records a mail notice
    "online_submissions": "U", "online_answers": "U", "online_fetches": "", "online_mails": "I",
    "online_throttle": "",
}
STATEMENTS = {"I": "INSERT INTO {t} DEFAULT VALUES", "U": "UPDATE {t} SET {c} = {c} WHERE false",
              "D": "DELETE FROM {t} WHERE false", "T": "TRUNCATE {t}"}


def _roles(pg_server):
    """Owner, app and admin roles made by the README's script on a fresh database; the owner migrates."""
    base = pg_server.replace("postgresql+psycopg://", "postgresql://")
    suffix = uuid.uuid4().hex[:8]
    names = {"dd_owner": f"dd_owner_{suffix}", "dd_app": f"dd_app_{suffix}", "dd_admin": f"dd_admin_{suffix}",
             "dd_web": f"dd_web_{suffix}", "disclosure": f"disclosure_{suffix}"}

    def named(s):
        for k, v in names.items():
            s = re.sub(rf"\b{k}\b", v, s)          # dd_app, not the dd_app… of dd_append
        return s
    part1 = [named(s) for s in _statements("1")]
    creates = [s for s in part1 if s.startswith("CREATE")]
    with psycopg.connect(base + "/postgres", autocommit=True) as conn:
        for s in creates:
            conn.execute(s)
    with psycopg.connect(f"{base}/{names['disclosure']}", autocommit=True) as conn:
        for s in part1[len(creates):]:
            conn.execute(s)
    host = base.split("@", 1)[1]
    url = lambda role, pw: f"postgresql+psycopg://{names[role]}:{pw}@{host}/{names['disclosure']}"  # noqa: E731
    Database.open(url("dd_owner", "change-me-owner")).dispose()                        # migrates
    with psycopg.connect(f"{base}/{names['disclosure']}", autocommit=True) as conn:
        for s in _statements("2"):
            conn.execute(named(s))
    return url("dd_app", "change-me-app"), url("dd_admin", "change-me-admin")


def _owned_by_admin_pc(admin_url: str, *users: tuple[str, str]) -> None:
    """The administrator's PC (dd_admin) creates the accounts, as the README says."""
    as_admin = Database.open(admin_url)
    try:
        for username, name in users:
            login_as(as_admin, username, name)
    finally:
        as_admin.dispose()


def _answers(db, table: str, column: str, statements: dict[str, str]) -> str:
    """The letters of the statements the database let this role run on ``table`` (rolled back)."""
    allowed = ""
    for letter, sql in statements.items():
        try:
            with db.engine.connect() as conn:
                with conn.begin() as tx:
                    conn.execute(text(sql.format(t=table, c=column)))
                    tx.rollback()
            allowed += letter
        except DBAPIError as e:
            # not-null etc., or the agency's row-level security (no session here): the right was there
            if getattr(e.orig, "sqlstate", "") != "42501" or "row-level security" in str(e.orig):
                allowed += letter
    return allowed


def test_every_table_answers_the_app_role_as_the_readme_says(pg_server):
    app_url, admin_url = _roles(pg_server)
    _owned_by_admin_pc(admin_url, ("clerk1", "王登记"))
    db = Database.open(app_url)
    try:
        tables = set(db.engine.dialect.get_table_names(db.engine.connect()))
        assert tables == set(APP_ROLE), "a new table: add its row to APP_ROLE (and the README) by hand"
        found = {}
        for table in sorted(tables):
            with db.engine.connect() as conn:
                column = conn.execute(text("SELECT column_name FROM information_schema.columns "
                                           "WHERE table_name = :t ORDER BY ordinal_position LIMIT 1"),
                                      {"t": table}).scalar()
            found[table] = _answers(db, table, column, STATEMENTS)
        assert found == APP_ROLE
    finally:
        db.dispose()


# The server's private tables: not even SELECT (S) for either workstation role.
PRIVATE = {"dd_private.credentials": "user_id", "dd_private.sessions": "user_id", "dd_private.secret": "id"}


@pytest.mark.parametrize("role", ["app", "admin"])
def test_neither_role_can_read_or_write_verifiers_or_sessions(pg_server, role):
    app_url, admin_url = _roles(pg_server)
    _owned_by_admin_pc(admin_url, ("clerk1", "王登记"))
    db = Database.open(app_url if role == "app" else admin_url)
    try:
        login_as(db, "clerk1")                              # a session and a verifier exist now
        with_select = {"S": "SELECT {c} FROM {t} LIMIT 1", **STATEMENTS}
        assert {t: _answers(db, t, c, with_select) for t, c in PRIVATE.items()} == dict.fromkeys(PRIVATE, "")
        with db.engine.connect() as conn:                   # what users.password_hash still shows
            shown = conn.execute(text("SELECT password_hash FROM users")).scalars().all()
        assert shown and all(h.startswith("server$") and len(h) == 39 for h in shown)   # a fingerprint only
        with pytest.raises(DBAPIError, match="permission denied"):
            with db.engine.begin() as conn:
                conn.execute(text("SELECT dd_private.store_credential(1, 'scrypt$1024$8$1$' || repeat('0', 32), "
                                  "repeat('0', 64))"))
    finally:
        db.dispose()


def test_the_app_role_cannot_make_a_clerk_admin_or_plant_a_password(pg_server):
    """The probe's attack: dd_app made wangdj 管理员 and replaced the admin's hash, with no audit line."""
    app_url, admin_url = _roles(pg_server)
    as_admin = Database.open(admin_url)
    login_as(as_admin, "wangdj", "王登记")
    as_admin.dispose()
    db = Database.open(app_url)
    try:
        clerk = login_as(db, "wangdj", "王登记")            # logs in (and counts failures) as before
        for sql in ("UPDATE users SET role = '管理员' WHERE username = 'wangdj'",
                    "UPDATE users SET password_hash = 'x' WHERE username = 'admin'",
                    "INSERT INTO users (username, display_name, role, password_hash, active, failed_logins) "
                    "VALUES ('evil', 'evil', '管理员', 'x', true, 0)",
                    "UPDATE settings SET value = '\"某某\"'"):
            with pytest.raises(DBAPIError, match="permission denied"):
                with db.engine.begin() as conn:
                    conn.execute(text(sql))
        office = Services.build(db).office
        with pytest.raises(PermissionDenied, match="管理账户"):       # the program says it in Chinese
            office.update_user(login_as(db, "admin", "管理员"), clerk.user_id, "王登记", "管理员", None, True)
        assert Services.build(db).audit.verify().ok
    finally:
        db.dispose()


def test_app_role_cannot_touch_the_audit(pg_server):
    app_url, admin_url = _roles(pg_server)
    as_admin = Database.open(admin_url)
    admin = login_as(as_admin, "clerk1", "王登记")
    as_admin.dispose()
    db = Database.open(app_url)
    try:
        clerk = login_as(db, "clerk1", "王登记")
        Services.build(db).requests.register(clerk, request_input())       # the desk works
        assert Services.build(db).audit.verify().ok
        for statement in ("UPDATE events SET reason = 'x'", "DELETE FROM events", "TRUNCATE events",
                          "DROP TRIGGER events_no_update_delete ON events", "DELETE FROM audit_head"):
            with pytest.raises(DBAPIError, match="permission denied|must be owner"):
                with db.engine.begin() as conn:
                    conn.execute(text(statement))
        assert admin.username == "clerk1"
    finally:
        db.dispose()
