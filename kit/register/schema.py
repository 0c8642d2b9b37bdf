"""The register's tables (SQLAlchemy Core), as the newest migration leaves them.

The migrations (kit/register/migrations/versions) create these tables; this module is what the code
queries. A person is told apart by kind + name + birth + identifier: none of them is NULL ('' when
unknown), so the unique constraint holds the same way on SQLite and PostgreSQL (where NULLs differ).
"""

from __future__ import annotations

from sqlalchemy import (
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Numeric,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

# One decision: the same number, issuer and year are never recorded twice.
decisions = Table(
    "decisions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("number", String(80), nullable=False),
    Column("number_key", String(80), nullable=False),
    Column("issuer", String(400), nullable=False),
    Column("issuer_key", String(400), nullable=False),
    Column("year", Integer, nullable=False),
    Column("signed_on", Date, nullable=True),
    Column("authority", String(300), nullable=False, server_default=""),
    Column("kind", String(200), nullable=False, server_default=""),
    Column("campaign", String(400), nullable=False, server_default=""),
    Column("file_sha256", String(64), nullable=False, server_default=""),
    Column("source", String(400), nullable=False, server_default=""),
    Column("recorded_at", DateTime, nullable=False),
    UniqueConstraint("number_key", "issuer_key", "year", name="uq_decisions_number_issuer_year"),
)
Index("ix_decisions_year", decisions.c.year)

# A person (ca_nhan) or a collective (tap_the).
awardees = Table(
    "awardees",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("kind", String(10), nullable=False),
    Column("name", String(400), nullable=False),
    Column("name_key", String(400), nullable=False),
    Column("birth", String(10), nullable=False, server_default=""),  # "1980-05-02", "1980" or ""
    Column("identifier", String(80), nullable=False, server_default=""),
    Column("gender", String(10), nullable=False, server_default=""),
    Column("parent_unit", String(400), nullable=False, server_default=""),
    UniqueConstraint("kind", "name_key", "birth", "identifier", name="uq_awardees_identity"),
)
Index("ix_awardees_name_key", awardees.c.name_key)

# One award of one decision to one awardee; its register number is never given to another award.
awards = Table(
    "awards",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("decision_id", Integer, ForeignKey("decisions.id"), nullable=False),
    Column("awardee_id", Integer, ForeignKey("awardees.id"), nullable=False),
    Column("line", Integer, nullable=False),
    Column("award", String(400), nullable=False),
    Column("award_key", String(400), nullable=False),
    Column("category", String(20), nullable=False, server_default=""),  # danh_hieu | hinh_thuc | ""
    Column("position", String(400), nullable=False, server_default=""),
    Column("unit", String(400), nullable=False, server_default=""),
    Column("achievement", Text, nullable=False, server_default=""),
    Column("coefficient", Numeric(6, 2), nullable=True),
    Column("amount", Integer, nullable=True),  # đồng
    Column("money_text", String(200), nullable=False, server_default=""),
    Column("register_number", Integer, nullable=False),
    UniqueConstraint("register_number", name="uq_awards_register_number"),
    UniqueConstraint("decision_id", "awardee_id", "award_key", name="uq_awards_decision_awardee_award"),
)
Index("ix_awards_awardee", awards.c.awardee_id)
Index("ix_awards_decision", awards.c.decision_id)

# Counters that only go up (the register number); the row is also the writers' lock.
counters = Table(
    "counters",
    metadata,
    Column("name", String(40), primary_key=True),
    Column("value", Integer, nullable=False),
)

# What an explicit correction changed (kit register correct), for the record.
corrections = Table(
    "corrections",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("decision_id", Integer, ForeignKey("decisions.id"), nullable=False),
    Column("recorded_at", DateTime, nullable=False),
    Column("change", Text, nullable=False),
)

# Revision 0002: each dossier's proposals and what became of them.
proposals = Table(
    "proposals",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("dossier", String(400), nullable=False),
    Column("year", Integer, nullable=False),
    Column("awardee_id", Integer, ForeignKey("awardees.id"), nullable=False),
    Column("award", String(400), nullable=False),
    Column("award_key", String(400), nullable=False),
    Column("achievement_key", String(64), nullable=False, server_default=""),
    Column("status", String(20), nullable=False),  # de_nghi | da_khen
    Column("award_id", Integer, ForeignKey("awards.id"), nullable=True),
    Column("recorded_at", DateTime, nullable=False),
    UniqueConstraint("dossier", "awardee_id", "award_key", "year", name="uq_proposals_dossier_awardee_award_year"),
)
Index("ix_proposals_awardee", proposals.c.awardee_id)

REGISTER_COUNTER = "register_number"
