"""Alembic migrations build exactly the schema the models describe, and re-running is harmless."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text

from app.models import Base
from app.models.request import PG_AGENCY_INDEXES, PG_SEARCH_INDEXES

PG_ONLY = PG_SEARCH_INDEXES | PG_AGENCY_INDEXES
from app.services.database import alembic_config, upgrade


def _declared(obj, name, type_, reflected, compare_to) -> bool:
    """Everything but the PostgreSQL-only search indexes, which the models list by name instead."""
    return not (type_ == "index" and name in PG_ONLY)


def test_migrated_schema_matches_models(any_db):
    with any_db.engine.connect() as conn:
        opts = {"compare_type": True, "include_object": _declared}
        diff = compare_metadata(MigrationContext.configure(conn, opts=opts), Base.metadata)
    assert diff == []
    indexes = {i["name"] for i in inspect(any_db.engine).get_indexes("requests")}
    if any_db.dialect == "postgresql":
        assert PG_ONLY <= indexes
    else:
        assert not PG_ONLY & indexes


def test_upgrade_is_idempotent_and_versioned(any_db):
    upgrade(any_db.engine)
    with any_db.engine.connect() as conn:
        current = conn.execute(text("select version_num from alembic_version")).scalar()
    assert current == ScriptDirectory.from_config(alembic_config(any_db.engine)).get_current_head()
    assert "requests" in inspect(any_db.engine).get_table_names()


def test_sqlite_pragmas(sqlite_db):
    with sqlite_db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 30000
