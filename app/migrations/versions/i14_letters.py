"""letters: 补正 service date, Art 32 disclosure reasons, reply facts (withheld ground, query law, collection)

Revision ID: i14_letters
Revises: i10_trust
"""

from alembic import op
import sqlalchemy as sa


revision = "i14_letters"
down_revision = "i10_trust"
branch_labels = None
depends_on = None

_REQUEST_COLUMNS = (
    ("withheld_ground", sa.String(length=10)),
    ("query_law", sa.Text()),
    ("access_route", sa.Text()),
    ("collection_place", sa.String(length=200)),
    ("collection_hours", sa.String(length=200)),
)


def upgrade() -> None:
    with op.batch_alter_table("corrections") as batch:
        batch.add_column(sa.Column("notice_served_on", sa.Date(), nullable=True))
    with op.batch_alter_table("consultations") as batch:
        batch.add_column(sa.Column("disclosure_reasons", sa.Text(), nullable=False, server_default=""))
    with op.batch_alter_table("requests") as batch:
        for name, type_ in _REQUEST_COLUMNS:
            batch.add_column(sa.Column(name, type_, nullable=False, server_default=""))
    # The server defaults stay: removing them would make SQLite's batch mode rebuild ``requests``, and
    # dropping the old table there cascades to letters, corrections and attachments (foreign keys on).


def downgrade() -> None:
    with op.batch_alter_table("requests") as batch:
        for name, _ in _REQUEST_COLUMNS:
            batch.drop_column(name)
    with op.batch_alter_table("consultations") as batch:
        batch.drop_column("disclosure_reasons")
    with op.batch_alter_table("corrections") as batch:
        batch.drop_column("notice_served_on")
