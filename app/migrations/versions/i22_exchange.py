"""the provincial exchange: imported documents per agency code, kind and period, and the import log (issue 22)

Revision ID: i22_exchange
Revises: i21_merge
"""

from alembic import op
import sqlalchemy as sa


revision = "i22_exchange"
down_revision = "i21_merge"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "exchange_documents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agency_code", sa.String(length=40), nullable=False),
        sa.Column("agency_name", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("period", sa.String(length=7), nullable=False),
        sa.Column("scope", sa.String(length=10), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("document", sa.Text(), nullable=False),
        sa.Column("exported_at", sa.DateTime(), nullable=False),
        sa.Column("source_file", sa.String(length=200), nullable=False),
        sa.Column("imported_at", sa.DateTime(), nullable=False),
        sa.Column("imported_by", sa.String(length=50), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_exchange_documents")),
        sa.UniqueConstraint("agency_code", "kind", "period", name=op.f("uq_exchange_documents_agency_code")),
    )
    with op.batch_alter_table("exchange_documents", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_exchange_documents_period"), ["period"], unique=False)
    op.create_table(
        "exchange_imports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agency_code", sa.String(length=40), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("period", sa.String(length=7), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("locked", sa.Boolean(), nullable=False),
        sa.Column("figures_digest", sa.String(length=64), nullable=False),
        sa.Column("source_file", sa.String(length=200), nullable=False),
        sa.Column("imported_at", sa.DateTime(), nullable=False),
        sa.Column("imported_by", sa.String(length=50), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_exchange_imports")),
    )
    with op.batch_alter_table("exchange_imports", schema=None) as batch_op:
        batch_op.create_index("ix_exchange_imports_key", ["agency_code", "kind", "period"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("exchange_imports", schema=None) as batch_op:
        batch_op.drop_index("ix_exchange_imports_key")
    op.drop_table("exchange_imports")
    with op.batch_alter_table("exchange_documents", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_exchange_documents_period"))
    op.drop_table("exchange_documents")
