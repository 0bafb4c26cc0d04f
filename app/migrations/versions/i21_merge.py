"""one head again after the parallel revisions of issues 18, 19 and 21

Revision ID: i21_merge
Revises: i18_knowledge, i18_legal_lapses, i18_legalletters, i21_trust
"""

revision = "i21_merge"
down_revision = ('i18_knowledge', 'i18_legal_lapses', 'i18_legalletters', 'i21_trust')
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
