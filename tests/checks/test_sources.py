"""What users read cites the law, never the developers' notes (domain.md is not shipped)."""

from kit.checks.registry import RULES
from kit.packs import builtin_pack


def test_rule_sources_and_template_bases_cite_no_developer_notes():
    assert RULES and all("domain.md" not in rule.source for rule in RULES.values())
    assert all("domain.md" not in spec.legal_basis for spec in builtin_pack().templates)
