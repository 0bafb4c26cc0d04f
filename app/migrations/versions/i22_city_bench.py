"""the city server under row-level security, fast: indexes leading with the agency, dd_agency() in PL/pgSQL

Revision ID: i22_city_bench
Revises: i22_agencies

PostgreSQL only (sql/i22_city_bench.sql; a no-op on SQLite, which has one agency). Measured with
``benches/bench_shared_office.py --agencies 40`` (README, "A shared office at city scale").
"""

from pathlib import Path

from alembic import op

revision = "i22_city_bench"
down_revision = "i22_agencies"
branch_labels = None
depends_on = None

SQL = Path(__file__).resolve().parent.parent / "sql" / "i22_city_bench.sql"

# The SQL-language definitions of i22_agencies.sql, put back by the downgrade.
_SQL_FUNCTIONS = """
CREATE OR REPLACE FUNCTION dd_agency() RETURNS integer
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $fn$
    SELECT u.agency_id FROM dd_private.sessions s JOIN public.users u ON u.id = s.user_id
    WHERE s.token_hash = encode(digest(coalesce(current_setting('dd.token', true), ''), 'sha256'), 'hex')
      AND s.ended_at IS NULL AND s.expires_at > now() AND u.active
$fn$;
CREATE OR REPLACE FUNCTION dd_default_agency() RETURNS integer
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $fn$
    SELECT coalesce(dd_agency(), (SELECT min(id) FROM public.agencies))
$fn$;
"""


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        bind.connection.driver_connection.execute(SQL.read_text(encoding="utf-8"))


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        bind.exec_driver_sql("DROP INDEX IF EXISTS ix_requests_agency_status_due")
        bind.exec_driver_sql("DROP INDEX IF EXISTS ix_requests_agency_due")
        bind.connection.driver_connection.execute(_SQL_FUNCTIONS)
