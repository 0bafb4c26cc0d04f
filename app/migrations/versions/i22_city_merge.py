"""one head again after joining the city, the city office's board and the live city library (issue 22)

Revision ID: i22_city_merge
Revises: city_join, i22_city_library
"""

revision = "i22_city_merge"
down_revision = ("city_join", "i22_city_library")
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
