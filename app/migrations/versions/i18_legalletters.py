"""legal letters: 送达 of notices on letters, Art 32 objection assessment, Art 35 answers

Revision ID: i18_legalletters
Revises: i12_knowledgeb
"""

from alembic import op
import sqlalchemy as sa


revision = "i18_legalletters"
down_revision = "i12_knowledgeb"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("letters") as batch:
        batch.add_column(sa.Column("served_on", sa.Date(), nullable=True))
        batch.add_column(sa.Column("served_method", sa.String(length=20), nullable=False, server_default=""))
    with op.batch_alter_table("consultations") as batch:
        batch.add_column(sa.Column("objection_assessment", sa.Text(), nullable=False, server_default=""))
    op.create_table(
        "reasons_answers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("answer", sa.String(length=10), nullable=False),
        sa.Column("answered_on", sa.Date(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("recorded_by", sa.String(length=50), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["request_id"], ["requests.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("request_id"),
    )


def downgrade() -> None:
    op.drop_table("reasons_answers")
    with op.batch_alter_table("consultations") as batch:
        batch.drop_column("objection_assessment")
    with op.batch_alter_table("letters") as batch:
        batch.drop_column("served_method")
        batch.drop_column("served_on")
