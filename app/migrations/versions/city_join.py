"""join-city: only the owner writes a join record (issue 22); nothing on SQLite

Revision ID: city_join
Revises: i22_agencies

PostgreSQL: ``dd_append`` (a workstation's only way into the audit) refuses the kind 并入市级系统, whose
event carries the id map the verifier trusts for a chain moved in by join-city (sql/city_join.sql).
"""

from pathlib import Path

from alembic import op

revision = "city_join"
down_revision = "i22_agencies"
branch_labels = None
depends_on = None

SQL = Path(__file__).resolve().parent.parent / "sql" / "city_join.sql"


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    bind.connection.driver_connection.execute(SQL.read_text(encoding="utf-8"))


def downgrade() -> None:
    """The previous dd_append takes any kind; nothing else changed."""
