"""Merge the i09_ledger and i13_delivery heads; drop the bigram search indexes on PostgreSQL.

The bigram GIN indexes of i13_delivery were measured on 350,000 cases (benches/bench_shared_office.py):
counting a common 2-character word through them took ~1.7 s against ~0.2 s for a plain parallel scan,
because every matching row re-evaluates the bigram function. 2-character words now use the plain scan
(the list's first page comes from the due-date index order); the pg_trgm indexes stay for 3+ characters.

Revision ID: i13_deliveryb
Revises: i09_ledger, i13_delivery
"""

from alembic import op

revision = 'i13_deliveryb'
down_revision = ('i09_ledger', 'i13_delivery')
branch_labels = None
depends_on = None

COLUMNS = ("description", "applicant_name", "number")


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for column in COLUMNS:
        op.execute(f"DROP INDEX IF EXISTS ix_requests_{column}_bigrams")
    op.execute("DROP FUNCTION IF EXISTS dd_bigrams(text)")


def downgrade() -> None:
    pass  # the bigram indexes are not worth restoring (see the docstring)
