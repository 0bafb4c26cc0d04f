"""one head again after joining the city, the city office's board, the live city library, the city's indexes (issue 22) and the
online service (issue 23)

Revision ID: i22_city_merge
Revises: city_join, i22_city_library, online_core, i22_city_bench
"""

revision = "i22_city_merge"
down_revision = ("city_join", "i22_city_library", "online_core", "i22_city_bench")
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
