"""the city office (市政务公开办): its role, the supervision board's functions and the 督办 notices (issue 22)

Revision ID: i22_city_board
Revises: i22_agencies

A city user has no agency (users.agency_id NULL). PostgreSQL gets sql/i22_city_board.sql: dd_is_city()
and the SECURITY DEFINER functions through which alone the city reads across agencies.
"""

from pathlib import Path

revision = "i22_city_board"
down_revision = "i22_agencies"
branch_labels = None
depends_on = None

SQL = Path(__file__).resolve().parent.parent / "sql" / "i22_city_board.sql"


def upgrade() -> None:
    from alembic import op
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        bind.connection.driver_connection.execute(SQL.read_text(encoding="utf-8"))


def downgrade() -> None:
    raise NotImplementedError("i22_city_board cannot be undone: restore the backup made before the upgrade.")
