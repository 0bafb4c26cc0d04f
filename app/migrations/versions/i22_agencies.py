"""many agencies, one server: the agencies table and every case-related row in one agency (issue 22)

Revision ID: i22_agencies
Revises: i22_merge

Both databases: ``agencies`` with agency 1 (named as the office's settings name it), ``agency_id`` on
every agency-owned table with every existing row in agency 1, the per-agency keys (申请编号, 处室名称,
settings, 文号 counters, annual reports, import mappings, library and exchange entries), and the audit
chain numbered per agency (``events.seq``, equal to ``id`` for every existing event, so no hash changes;
``audit_head`` one row per chain). PostgreSQL also gets sql/i22_agencies.sql: the session's agency and
row-level security on every agency-owned table, and each column default taken from the session.
"""

import json
import warnings
from pathlib import Path

from alembic import op
import sqlalchemy as sa

revision = "i22_agencies"
down_revision = "i22_merge"
branch_labels = None
depends_on = None

SQL = Path(__file__).resolve().parent.parent / "sql" / "i22_agencies.sql"

# Rows of one agency (NOT NULL). users, events and audit_head may be NULL (the city office, the server's chain).
OWNED = ("requests", "attachments", "consultations", "corrections", "extensions", "fee_notices", "letters",
         "dept_tasks", "deliberations", "deliberation_cases", "coordination_materials", "urge_notices",
         "legal_reviews", "reasons_answers", "review_cases", "proactive_candidates", "library_cases",
         "departments", "exchange_documents", "exchange_imports")
KEYED = {"settings": ("key",), "doc_counters": ("year", "doc_type"), "annual_reports": ("year",),
         "ledger_mappings": ("name",)}
NULLABLE = ("users", "events", "audit_head")
UNIQUES = {"requests": ("uq_requests_number", ("number",)), "departments": ("uq_departments_name", ("name",)),
           "library_cases": ("uq_library_cases_source", ("source", "uid")),
           "exchange_documents": ("uq_exchange_documents_agency_code", ("agency_code", "kind", "period"))}
SQLITE_EVENT_TRIGGERS = tuple(
    f"CREATE TRIGGER events_no_{verb.lower()} BEFORE {verb} ON events "
    f"BEGIN SELECT RAISE(ABORT, '审计记录只能追加，不能修改或删除'); END" for verb in ("UPDATE", "DELETE"))


def _agency_column(nullable: bool = False, primary_key: bool = False) -> sa.Column:
    return sa.Column("agency_id", sa.Integer(), nullable=nullable, server_default="1", primary_key=primary_key)


def _office_name(bind) -> str:
    raw = bind.execute(sa.text("SELECT value FROM settings WHERE key = 'agency_name'")).scalar()
    try:
        name = json.loads(raw) if raw else ""
    except ValueError:
        name = ""
    return (name if isinstance(name, str) and name.strip() else "本机关")[:200]


def upgrade() -> None:
    bind = op.get_bind()
    pg = bind.dialect.name == "postgresql"
    op.create_table("agencies",
                    sa.Column("id", sa.Integer(), nullable=False),
                    sa.Column("code", sa.String(length=40), nullable=False),
                    sa.Column("name", sa.String(length=200), nullable=False),
                    sa.PrimaryKeyConstraint("id", name=op.f("pk_agencies")),
                    sa.UniqueConstraint("code", name=op.f("uq_agencies_code")))
    bind.execute(sa.text("INSERT INTO agencies (id, code, name) VALUES (1, 'local', :n)"), {"n": _office_name(bind)})
    if pg:
        bind.exec_driver_sql("SELECT setval(pg_get_serial_sequence('agencies', 'id'), 1)")
    for table in OWNED + tuple(KEYED) + NULLABLE:
        _add_agency(table, pg)
    if pg:
        bind.exec_driver_sql("ALTER TABLE events DISABLE TRIGGER events_no_update_delete")
        bind.exec_driver_sql("UPDATE events SET seq = id")
        bind.exec_driver_sql("ALTER TABLE events ENABLE TRIGGER events_no_update_delete")
        op.alter_column("events", "seq", nullable=False)
        bind.exec_driver_sql("SELECT setval(pg_get_serial_sequence('events', 'id'), coalesce(max(id), 0) + 1, false) "
                             "FROM events")
        _server_side(bind)


def _add_agency(table: str, pg: bool) -> None:
    """The column, its foreign key, and the per-agency key or unique constraint of ``table``."""
    fk = op.f(f"fk_{table}_agency_id_agencies")
    with warnings.catch_warnings():
        # SQLite's copy gets the new composite key; SQLAlchemy warns that the reflected key differed.
        warnings.filterwarnings("ignore", "Table '_alembic_tmp_", sa.exc.SAWarning)
        _batch(table, pg, fk)
    _batch_end(table, pg)


def _batch(table: str, pg: bool, fk: str) -> None:
    with op.batch_alter_table(table, recreate="always" if table == "events" and not pg else "auto") as batch:
        batch.add_column(_agency_column(nullable=table in NULLABLE))
        if table == "events":
            batch.add_column(sa.Column("seq", sa.Integer(), nullable=True))     # filled below
        batch.create_foreign_key(fk, "agencies", ["agency_id"], ["id"])
        if table in UNIQUES:
            old, columns = UNIQUES[table]
            batch.drop_constraint(old, type_="unique")
            batch.create_unique_constraint(op.f(f"uq_{table}_agency_id"), ["agency_id", *columns])
        if table in KEYED and not pg:
            batch.create_primary_key(f"pk_{table}", ["agency_id", *KEYED[table]])


def _batch_end(table: str, pg: bool) -> None:
    """PostgreSQL changes a key in place; SQLite's rebuilt events table is numbered and guarded again."""
    if table in KEYED and pg:
        op.drop_constraint(f"pk_{table}", table, type_="primary")
        op.create_primary_key(f"pk_{table}", table, ["agency_id", *KEYED[table]])
    if table == "events" and not pg:
        op.execute("UPDATE events SET seq = id")          # no trigger yet: batch mode rebuilt the table
        with op.batch_alter_table("events") as batch:
            batch.alter_column("seq", existing_type=sa.Integer(), nullable=False)
        for statement in SQLITE_EVENT_TRIGGERS:
            op.execute(statement)


def _server_side(bind) -> None:
    """PostgreSQL: the session's agency, defaults from it, and row-level security on every agency table."""
    bind.connection.driver_connection.execute(SQL.read_text(encoding="utf-8"))
    mine = "agency_id = (SELECT dd_agency())"
    for table in OWNED + tuple(KEYED) + NULLABLE:
        bind.exec_driver_sql(f"ALTER TABLE {table} ALTER COLUMN agency_id SET DEFAULT dd_default_agency()")
        bind.exec_driver_sql(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        rule = f"{mine} OR (SELECT dd_open_office())" if table == "users" else mine
        bind.exec_driver_sql(f"CREATE POLICY agency_rows ON {table} USING ({rule}) WITH CHECK ({rule})")
    bind.exec_driver_sql("ALTER TABLE agencies ENABLE ROW LEVEL SECURITY")
    bind.exec_driver_sql("CREATE POLICY agency_rows ON agencies USING (id = (SELECT dd_agency()) "
                         "OR (SELECT dd_open_office()))")


def downgrade() -> None:
    raise NotImplementedError("i22_agencies cannot be undone: restore the backup made before the upgrade.")
