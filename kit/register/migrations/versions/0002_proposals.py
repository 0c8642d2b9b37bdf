"""Each dossier's proposals and what became of them (the same achievement proposed twice is warned).

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "proposals",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("dossier", sa.String(400), nullable=False),
        sa.Column("year", sa.Integer, nullable=False),
        sa.Column("awardee_id", sa.Integer, sa.ForeignKey("awardees.id"), nullable=False),
        sa.Column("award", sa.String(400), nullable=False),
        sa.Column("award_key", sa.String(400), nullable=False),
        sa.Column("achievement_key", sa.String(64), nullable=False, server_default=""),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("award_id", sa.Integer, sa.ForeignKey("awards.id"), nullable=True),
        sa.Column("recorded_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint(
            "dossier", "awardee_id", "award_key", "year", name="uq_proposals_dossier_awardee_award_year"
        ),
    )
    op.create_index("ix_proposals_awardee", "proposals", ["awardee_id"])


def downgrade() -> None:
    op.drop_table("proposals")
