"""The register: decisions, awardees, awards, the register-number counter, corrections.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "decisions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("number", sa.String(80), nullable=False),
        sa.Column("number_key", sa.String(80), nullable=False),
        sa.Column("issuer", sa.String(400), nullable=False),
        sa.Column("issuer_key", sa.String(400), nullable=False),
        sa.Column("year", sa.Integer, nullable=False),
        sa.Column("signed_on", sa.Date, nullable=True),
        sa.Column("authority", sa.String(300), nullable=False, server_default=""),
        sa.Column("kind", sa.String(200), nullable=False, server_default=""),
        sa.Column("campaign", sa.String(400), nullable=False, server_default=""),
        sa.Column("file_sha256", sa.String(64), nullable=False, server_default=""),
        sa.Column("source", sa.String(400), nullable=False, server_default=""),
        sa.Column("recorded_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("number_key", "issuer_key", "year", name="uq_decisions_number_issuer_year"),
    )
    op.create_index("ix_decisions_year", "decisions", ["year"])
    op.create_table(
        "awardees",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("name", sa.String(400), nullable=False),
        sa.Column("name_key", sa.String(400), nullable=False),
        sa.Column("birth", sa.String(10), nullable=False, server_default=""),
        sa.Column("identifier", sa.String(80), nullable=False, server_default=""),
        sa.Column("gender", sa.String(10), nullable=False, server_default=""),
        sa.Column("parent_unit", sa.String(400), nullable=False, server_default=""),
        sa.UniqueConstraint("kind", "name_key", "birth", "identifier", name="uq_awardees_identity"),
    )
    op.create_index("ix_awardees_name_key", "awardees", ["name_key"])
    op.create_table(
        "awards",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("decision_id", sa.Integer, sa.ForeignKey("decisions.id"), nullable=False),
        sa.Column("awardee_id", sa.Integer, sa.ForeignKey("awardees.id"), nullable=False),
        sa.Column("line", sa.Integer, nullable=False),
        sa.Column("award", sa.String(400), nullable=False),
        sa.Column("award_key", sa.String(400), nullable=False),
        sa.Column("category", sa.String(20), nullable=False, server_default=""),
        sa.Column("position", sa.String(400), nullable=False, server_default=""),
        sa.Column("unit", sa.String(400), nullable=False, server_default=""),
        sa.Column("achievement", sa.Text, nullable=False, server_default=""),
        sa.Column("coefficient", sa.Numeric(6, 2), nullable=True),
        sa.Column("amount", sa.Integer, nullable=True),
        sa.Column("money_text", sa.String(200), nullable=False, server_default=""),
        sa.Column("register_number", sa.Integer, nullable=False),
        sa.UniqueConstraint("register_number", name="uq_awards_register_number"),
        sa.UniqueConstraint("decision_id", "awardee_id", "award_key", name="uq_awards_decision_awardee_award"),
    )
    op.create_index("ix_awards_awardee", "awards", ["awardee_id"])
    op.create_index("ix_awards_decision", "awards", ["decision_id"])
    counters = op.create_table(
        "counters",
        sa.Column("name", sa.String(40), primary_key=True),
        sa.Column("value", sa.Integer, nullable=False),
    )
    op.bulk_insert(counters, [{"name": "register_number", "value": 0}])
    op.create_table(
        "corrections",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("decision_id", sa.Integer, sa.ForeignKey("decisions.id"), nullable=False),
        sa.Column("recorded_at", sa.DateTime, nullable=False),
        sa.Column("change", sa.Text, nullable=False),
    )


def downgrade() -> None:
    for table in ("corrections", "counters", "awards", "awardees", "decisions"):
        op.drop_table(table)
