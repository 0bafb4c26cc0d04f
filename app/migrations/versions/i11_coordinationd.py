"""协办 and 会商 materials in their own table (coordination_materials), owned by a task or a 会商 record (issue 11)

Materials added before this revision were filed as case attachments with a name prefix ("法规科-…",
"会商材料-<number>-…"); they stay where they are: moving them would delete case attachments, and the
prefix alone cannot prove which task a file belonged to.

Revision ID: i11_coordinationd
Revises: i11_coordinationc
Create Date: 2026-11-30 03:40:00
"""

from alembic import op
import sqlalchemy as sa


revision = 'i11_coordinationd'
down_revision = 'i11_coordinationc'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('coordination_materials',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('task_id', sa.Integer(), nullable=True),
    sa.Column('deliberation_id', sa.Integer(), nullable=True),
    sa.Column('filename', sa.String(length=255), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('content', sa.LargeBinary(), nullable=False),
    sa.Column('added_at', sa.DateTime(), nullable=False),
    sa.Column('added_by', sa.String(length=50), nullable=False),
    sa.CheckConstraint('(task_id IS NULL) <> (deliberation_id IS NULL)',
                       name=op.f('ck_coordination_materials_one_owner')),
    sa.ForeignKeyConstraint(['deliberation_id'], ['deliberations.id'],
                            name=op.f('fk_coordination_materials_deliberation_id_deliberations')),
    sa.ForeignKeyConstraint(['task_id'], ['dept_tasks.id'], name=op.f('fk_coordination_materials_task_id_dept_tasks')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_coordination_materials'))
    )
    with op.batch_alter_table('coordination_materials', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_coordination_materials_deliberation_id'), ['deliberation_id'],
                              unique=False)
        batch_op.create_index(batch_op.f('ix_coordination_materials_task_id'), ['task_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('coordination_materials', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_coordination_materials_task_id'))
        batch_op.drop_index(batch_op.f('ix_coordination_materials_deliberation_id'))
    op.drop_table('coordination_materials')
