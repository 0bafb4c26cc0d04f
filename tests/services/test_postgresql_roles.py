"""The README's PostgreSQL roles: the app role works the desk but cannot change or delete the audit."""

import uuid
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from app.services.container import Services
from app.services.uow import Database
from tests.conftest import login_as
from tests.services.helpers import request_input

SQL = Path(__file__).resolve().parents[2] / "docs" / "postgresql-roles.sql"
pytestmark = pytest.mark.pg


def _statements(part: str) -> list[str]:
    lines = SQL.read_text(encoding="utf-8").splitlines()
    split = next(i for i, line in enumerate(lines) if line.startswith("-- part 2"))
    chosen = lines[:split] if part == "1" else lines[split + 1:]
    body = "\n".join(line for line in chosen if not line.startswith(("--", "\\")))
    return [s.strip() for s in body.split(";") if s.strip()]


def test_app_role_cannot_touch_the_audit(pg_server):
    base = pg_server.replace("postgresql+psycopg://", "postgresql://")
    suffix = uuid.uuid4().hex[:8]
    owner, app, dbname = f"dd_owner_{suffix}", f"dd_app_{suffix}", f"disclosure_{suffix}"
    part1 = [s.replace("dd_owner", owner).replace("dd_app", app).replace("disclosure", dbname)
             for s in _statements("1")]
    with psycopg.connect(base + "/postgres", autocommit=True) as conn:
        for s in part1[:3]:
            conn.execute(s)
    with psycopg.connect(f"{base}/{dbname}", autocommit=True) as conn:
        for s in part1[3:]:
            conn.execute(s)
    host = base.split("@", 1)[1]
    as_owner = Database.open(f"postgresql+psycopg://{owner}:change-me-owner@{host}/{dbname}")  # migrates
    admin = login_as(as_owner, "admin", "管理员")
    as_owner.dispose()
    with psycopg.connect(f"{base}/{dbname}", autocommit=True) as conn:
        for s in _statements("2"):
            conn.execute(s.replace("dd_app", app))
    db = Database.open(f"postgresql+psycopg://{app}:change-me-app@{host}/{dbname}")
    try:
        clerk = login_as(db, "clerk1", "王登记")
        Services.build(db).requests.register(clerk, request_input())       # the desk works
        assert Services.build(db).audit.verify().ok
        for statement in ("UPDATE events SET reason = 'x'", "DELETE FROM events", "TRUNCATE events",
                          "DROP TRIGGER events_no_update_delete ON events", "DELETE FROM audit_head"):
            with pytest.raises(DBAPIError, match="permission denied|must be owner"):
                with db.engine.begin() as conn:
                    conn.execute(text(statement))
        assert admin.username == "admin"
    finally:
        db.dispose()
