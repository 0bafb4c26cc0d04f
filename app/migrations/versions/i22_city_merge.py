"""one head again after joining the city, the city office's board, the live city library (issue 22) and the
online service (issue 23)

Revision ID: i22_city_merge
Revises: city_join, i22_city_library, online_core
"""

revision = "i22_city_merge"
down_revision = ("city_join", "i22_city_library", "online_core")
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
