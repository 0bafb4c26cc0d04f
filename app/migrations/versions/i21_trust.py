"""log-in failures per typed name and workstation (issue 21 item 6); library cases keyed by source + uid (item 4)

Revision ID: i21_trust
Revises: i12_knowledgeb
"""

from alembic import op
import sqlalchemy as sa


revision = "i21_trust"
down_revision = "i12_knowledgeb"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "login_failures",
        sa.Column("name", sa.String(length=50), nullable=False),
        sa.Column("origin", sa.String(length=200), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("locked_until", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("name", "origin", name=op.f("pk_login_failures")),
    )
    with op.batch_alter_table("library_cases", schema=None) as batch_op:
        batch_op.drop_constraint("uq_library_cases_uid", type_="unique")
        batch_op.create_unique_constraint(batch_op.f("uq_library_cases_source"), ["source", "uid"])


def downgrade() -> None:
    with op.batch_alter_table("library_cases", schema=None) as batch_op:
        batch_op.drop_constraint("uq_library_cases_source", type_="unique")
        batch_op.create_unique_constraint("uq_library_cases_uid", ["uid"])
    op.drop_table("login_failures")
