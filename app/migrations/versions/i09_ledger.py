"""ledger v2: imported 答复文号 and saved import mappings

Revision ID: i09_ledger
Revises: i11_coordination
"""

from alembic import op
import sqlalchemy as sa


revision = 'i09_ledger'
down_revision = 'i11_coordination'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('requests') as batch:
        batch.add_column(sa.Column('reply_doc_number', sa.String(length=60), nullable=False, server_default=''))
    op.create_table('ledger_mappings',
    sa.Column('name', sa.String(length=60), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('saved_at', sa.DateTime(), nullable=False),
    sa.Column('saved_by', sa.String(length=50), nullable=False),
    sa.PrimaryKeyConstraint('name', name=op.f('pk_ledger_mappings'))
    )


def downgrade() -> None:
    op.drop_table('ledger_mappings')
    with op.batch_alter_table('requests') as batch:
        batch.drop_column('reply_doc_number')
