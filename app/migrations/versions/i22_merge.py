"""one head again after the server-side sessions (issue 21) and the exchange tables (issue 22)

Revision ID: i22_merge
Revises: i21_pg_sessions, i22_exchange
"""

revision = "i22_merge"
down_revision = ("i21_pg_sessions", "i22_exchange")
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
