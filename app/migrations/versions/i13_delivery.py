"""Chinese substring search at city scale on PostgreSQL: pg_trgm GIN indexes (3+ characters) and a
bigram GIN index (2-character words such as 规划, which pg_trgm cannot serve). No-op on SQLite.

Revision ID: i13_delivery
Revises: i11_coordination
"""

from alembic import op

revision = 'i13_delivery'
down_revision = 'i11_coordination'
branch_labels = None
depends_on = None

# Every 2-character substring of a text, as an array a GIN index can hold (immutable: index-safe).
BIGRAMS_FUNCTION = """
CREATE OR REPLACE FUNCTION dd_bigrams(t text) RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
    SELECT coalesce(array_agg(DISTINCT substr(t, i, 2)), '{}')
    FROM generate_series(1, char_length(t) - 1) AS i
$$
"""
TRGM_COLUMNS = ("description", "applicant_name", "number")


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for column in TRGM_COLUMNS:
        op.execute(f"CREATE INDEX IF NOT EXISTS ix_requests_{column}_trgm ON requests "
                   f"USING gin ({column} gin_trgm_ops)")
    op.execute(BIGRAMS_FUNCTION)
    for column in TRGM_COLUMNS:
        op.execute(f"CREATE INDEX IF NOT EXISTS ix_requests_{column}_bigrams ON requests "
                   f"USING gin (dd_bigrams({column}))")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for column in TRGM_COLUMNS:
        op.execute(f"DROP INDEX IF EXISTS ix_requests_{column}_bigrams")
    op.execute("DROP FUNCTION IF EXISTS dd_bigrams(text)")
    for column in TRGM_COLUMNS:
        op.execute(f"DROP INDEX IF EXISTS ix_requests_{column}_trgm")
