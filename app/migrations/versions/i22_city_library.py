"""全市案例库 and the city's annual summary from the server: city_library_cases and the city's readers (issue 22)

Revision ID: i22_city_library
Revises: i22_city_board (its dd_is_city() is used here)

Both databases: ``city_library_cases`` (on SQLite the one agency's own). PostgreSQL also gets
sql/i22_city_library.sql: who reads, publishes and withdraws a published case (row-level security and a
guard trigger), and the SECURITY DEFINER functions through which the city office reads the agencies'
annual reports for its summary.
"""

from pathlib import Path

from alembic import op
import sqlalchemy as sa

revision = "i22_city_library"
down_revision = "i22_city_board"
branch_labels = None
depends_on = None

SQL = Path(__file__).resolve().parent.parent / "sql" / "i22_city_library.sql"


def upgrade() -> None:
    op.create_table(
        "city_library_cases",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agency_id", sa.Integer(), nullable=False, server_default="1"),
        sa.Column("source_uid", sa.String(length=64), nullable=False),
        sa.Column("source_name", sa.String(length=200), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("legal_points", sa.Text(), nullable=False),
        sa.Column("tags", sa.String(length=500), nullable=False),
        sa.Column("articles", sa.String(length=500), nullable=False),
        sa.Column("outcome", sa.String(length=100), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("text_json", sa.Text(), nullable=False),
        sa.Column("published_at", sa.DateTime(), nullable=False),
        sa.Column("published_by", sa.String(length=50), nullable=False),
        sa.Column("withdrawn_at", sa.DateTime(), nullable=True),
        sa.Column("withdrawn_by", sa.String(length=50), nullable=False),
        sa.Column("withdraw_reason", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["agency_id"], ["agencies.id"], name=op.f("fk_city_library_cases_agency_id_agencies")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_city_library_cases")),
    )
    op.create_index("ix_city_library_cases_source_uid", "city_library_cases", ["source_uid"])
    op.create_index("ix_city_library_cases_outcome", "city_library_cases", ["outcome"])
    op.create_index("ix_city_library_cases_year", "city_library_cases", ["year"])
    # One live publication of a library entry; after a withdrawal it may be published again.
    op.create_index("uq_city_library_cases_live", "city_library_cases", ["agency_id", "source_uid"], unique=True,
                    sqlite_where=sa.text("withdrawn_at IS NULL"), postgresql_where=sa.text("withdrawn_at IS NULL"))
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        bind.connection.driver_connection.execute(SQL.read_text(encoding="utf-8"))


def downgrade() -> None:
    raise NotImplementedError("i22_city_library cannot be undone: restore the backup made before the upgrade.")
