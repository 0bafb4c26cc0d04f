"""拟办意见 apart from 答复理由, and the third party's 同意/不同意

Revision ID: i08_window
Revises: i13_deliveryb
"""

from alembic import op
import sqlalchemy as sa


revision = 'i08_window'
down_revision = 'i13_deliveryb'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('requests') as batch:
        batch.add_column(sa.Column('handling_opinion', sa.Text(), nullable=False, server_default=''))
    with op.batch_alter_table('consultations') as batch:
        batch.add_column(sa.Column('answer', sa.String(length=10), nullable=False, server_default=''))


def downgrade() -> None:
    with op.batch_alter_table('consultations') as batch:
        batch.drop_column('answer')
    with op.batch_alter_table('requests') as batch:
        batch.drop_column('handling_opinion')
