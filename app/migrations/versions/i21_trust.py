"""log-in failures counted per typed name and workstation (issue 21 item 6)

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


def downgrade() -> None:
    op.drop_table("login_failures")
