"""the public online service (issue 23): submissions by hashed 查询码, online 补正 answers, documents fetched
online, e-mail notices, shared throttle counters

Revision ID: online_core
Revises: i22_agencies

PostgreSQL also gets sql/online_core.sql: the SECURITY DEFINER functions the web role dd_web may call
(and nothing else), and row-level security on the agency-owned online tables like every other.
"""

from pathlib import Path

from alembic import op
import sqlalchemy as sa

revision = "online_core"
down_revision = "i22_agencies"
branch_labels = None
depends_on = None

SQL = Path(__file__).resolve().parent.parent / "sql" / "online_core.sql"
OWNED = ("online_submissions", "online_answers", "online_fetches", "online_mails")


def _agency() -> sa.Column:
    return sa.Column("agency_id", sa.Integer(), sa.ForeignKey("agencies.id", name=None), nullable=False,
                     server_default="1")


def upgrade() -> None:
    op.create_table(
        "online_submissions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("code_hash", sa.String(length=64), nullable=False),
        sa.Column("phone4_hash", sa.String(length=64), nullable=False),
        sa.Column("id4_hash", sa.String(length=64), nullable=False),
        sa.Column("client_hash", sa.String(length=32), nullable=False),
        sa.Column("text_hash", sa.String(length=64), nullable=False),
        sa.Column("submitted_at", sa.DateTime(), nullable=False),
        sa.Column("refused_at", sa.DateTime(), nullable=True),
        sa.Column("refused_reason", sa.Text(), nullable=False),
        _agency(),
        sa.ForeignKeyConstraint(["request_id"], ["requests.id"], name=op.f("fk_online_submissions_request_id_requests"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_online_submissions")),
        sa.UniqueConstraint("request_id", name=op.f("uq_online_submissions_request_id")),
        sa.UniqueConstraint("code_hash", name=op.f("uq_online_submissions_code_hash")),
    )
    op.create_index(op.f("ix_online_submissions_client_hash"), "online_submissions", ["client_hash"])
    op.create_index(op.f("ix_online_submissions_text_hash"), "online_submissions", ["text_hash"])
    op.create_index(op.f("ix_online_submissions_submitted_at"), "online_submissions", ["submitted_at"])
    op.create_table(
        "online_answers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("correction_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("answered_at", sa.DateTime(), nullable=False),
        sa.Column("accepted_at", sa.DateTime(), nullable=True),
        sa.Column("accepted_by", sa.String(length=50), nullable=False),
        _agency(),
        sa.ForeignKeyConstraint(["request_id"], ["requests.id"], name=op.f("fk_online_answers_request_id_requests"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["correction_id"], ["corrections.id"],
                                name=op.f("fk_online_answers_correction_id_corrections"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_online_answers")),
        sa.UniqueConstraint("correction_id", name=op.f("uq_online_answers_correction_id")),
    )
    op.create_index(op.f("ix_online_answers_request_id"), "online_answers", ["request_id"])
    op.create_table(
        "online_fetches",
        sa.Column("letter_id", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("fetched_at", sa.DateTime(), nullable=False),
        _agency(),
        sa.ForeignKeyConstraint(["letter_id"], ["letters.id"], name=op.f("fk_online_fetches_letter_id_letters")),
        sa.ForeignKeyConstraint(["request_id"], ["requests.id"], name=op.f("fk_online_fetches_request_id_requests"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("letter_id", name=op.f("pk_online_fetches")),
    )
    op.create_index(op.f("ix_online_fetches_request_id"), "online_fetches", ["request_id"])
    op.create_table(
        "online_mails",
        sa.Column("letter_id", sa.Integer(), nullable=False),
        sa.Column("sent_at", sa.DateTime(), nullable=False),
        _agency(),
        sa.ForeignKeyConstraint(["letter_id"], ["letters.id"], name=op.f("fk_online_mails_letter_id_letters")),
        sa.PrimaryKeyConstraint("letter_id", name=op.f("pk_online_mails")),
    )
    op.create_table(
        "online_throttle",
        sa.Column("scope", sa.String(length=10), nullable=False),
        sa.Column("key_hash", sa.String(length=64), nullable=False),
        sa.Column("hits", sa.Integer(), nullable=False),
        sa.Column("window_start", sa.DateTime(), nullable=False),
        sa.Column("strikes", sa.Integer(), nullable=False),
        sa.Column("blocked_until", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("scope", "key_hash", name=op.f("pk_online_throttle")),
    )
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        for table in OWNED:
            bind.exec_driver_sql(f"ALTER TABLE {table} ALTER COLUMN agency_id SET DEFAULT dd_default_agency()")
            bind.exec_driver_sql(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
            rule = "agency_id = (SELECT dd_agency())"
            bind.exec_driver_sql(f"CREATE POLICY agency_rows ON {table} USING ({rule}) WITH CHECK ({rule})")
        bind.connection.driver_connection.execute(SQL.read_text(encoding="utf-8"))


def downgrade() -> None:
    for table in ("online_throttle", "online_mails", "online_fetches", "online_answers", "online_submissions"):
        op.drop_table(table)
