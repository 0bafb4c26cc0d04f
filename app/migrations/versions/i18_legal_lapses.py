"""lapses: a late 补正 notice's reason (Art 30), the corrected application's content

Revision ID: i18_legal_lapses
Revises: i12_knowledgeb
"""

from alembic import op
import sqlalchemy as sa


revision = "i18_legal_lapses"
down_revision = "i12_knowledgeb"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("corrections") as batch:
        batch.add_column(sa.Column("late_reason", sa.Text(), nullable=False, server_default=""))
        batch.add_column(sa.Column("corrected_content", sa.Text(), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("corrections") as batch:
        batch.drop_column("corrected_content")
        batch.drop_column("late_reason")
