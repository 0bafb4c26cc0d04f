"""the city office (市政务公开办): its role, the supervision board's functions and the 督办 notices (issue 22)

Revision ID: i22_city_board
Revises: i22_agencies

Both databases: ``city_notices`` (the city's numbered 督办通知 to one agency) and an index of the open
cases by agency and due date. A city user has no agency (users.agency_id NULL). PostgreSQL also gets
sql/i22_city_board.sql: dd_is_city() and the SECURITY DEFINER functions through which alone the city
reads across agencies (aggregates and rows without personal data), plus the subject families of
app/workflow/field_terms.py as the server's own list (the city cannot pass it patterns to probe texts).
"""

from pathlib import Path

from alembic import op
import sqlalchemy as sa

revision = "i22_city_board"
down_revision = "i22_agencies"
branch_labels = None
depends_on = None

SQL = Path(__file__).resolve().parent.parent / "sql" / "i22_city_board.sql"
CLOSED = ("已答复", "已归档")


def upgrade() -> None:
    bind = op.get_bind()
    pg = bind.dialect.name == "postgresql"
    op.create_table(
        "city_notices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agency_id", sa.Integer(), server_default="1", nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=40), nullable=False),
        sa.Column("sent_on", sa.Date(), nullable=False),
        sa.Column("reply_by", sa.Date(), nullable=False),
        sa.Column("cases", sa.Text(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("sent_by", sa.String(length=50), nullable=False),
        sa.Column("sent_at", sa.DateTime(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("answered_by", sa.String(length=50), nullable=False),
        sa.Column("answered_at", sa.DateTime(), nullable=True),
        sa.Column("answer", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["agency_id"], ["agencies.id"], name=op.f("fk_city_notices_agency_id_agencies")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_city_notices")),
        sa.UniqueConstraint("year", "seq", name=op.f("uq_city_notices_year")),
    )
    if pg:
        closed = ", ".join(f"'{s}'" for s in CLOSED)
        # The board's open / due-soon / overdue counts and oldest overdue case read only these rows.
        bind.exec_driver_sql(f"CREATE INDEX ix_requests_open_agency_due ON requests (agency_id, reply_due) "
                             f"INCLUDE (number) WHERE status NOT IN ({closed})")
        # The on-time rate reads the year's replies by agency without visiting the table.
        bind.exec_driver_sql("CREATE INDEX ix_requests_agency_replied ON requests (agency_id, reply_date) "
                             "INCLUDE (reply_due) WHERE reply_date IS NOT NULL")
        script = SQL.read_text(encoding="utf-8").replace("/*SUBJECT_FAMILIES*/", _families_sql())
        bind.connection.driver_connection.execute(script)


def _families_sql() -> str:
    """VALUES rows (family, pattern) of the desk's subject phrases, the same patterns the desk groups by."""
    from app.workflow.subjects import _phrase_patterns
    quote = lambda s: "'" + s.replace("'", "''") + "'"      # noqa: E731
    return ",\n        ".join(f"({quote(family)}, {quote(pattern.pattern)})"
                              for family, _phrase, pattern in _phrase_patterns())


def downgrade() -> None:
    raise NotImplementedError("i22_city_board cannot be undone: restore the backup made before the upgrade.")
