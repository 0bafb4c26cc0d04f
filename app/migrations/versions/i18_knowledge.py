"""Art 44 candidates keep the requests they were made from; consultations carry their 征求意见事项 (issue 18)

Revision ID: i18_knowledge
Revises: i12_knowledgeb
"""

from alembic import op
import sqlalchemy as sa


revision = "i18_knowledge"
down_revision = "i12_knowledgeb"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("proactive_candidates", schema=None) as batch_op:
        batch_op.add_column(sa.Column("request_ids", sa.Text(), server_default="", nullable=False))
    with op.batch_alter_table("consultations", schema=None) as batch_op:
        batch_op.add_column(sa.Column("matter", sa.Text(), server_default="", nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("consultations", schema=None) as batch_op:
        batch_op.drop_column("matter")
    with op.batch_alter_table("proactive_candidates", schema=None) as batch_op:
        batch_op.drop_column("request_ids")
