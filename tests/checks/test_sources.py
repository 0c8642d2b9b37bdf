"""What users read cites the law, never the developers' notes (domain.md is not shipped)."""

from kit.checks.registry import RULES
from kit.packs import builtin_pack
from kit.resources import templates_dir


def test_rule_sources_and_template_bases_cite_no_developer_notes():
    assert RULES and all("domain.md" not in rule.source for rule in RULES.values())
    assert all("domain.md" not in spec.legal_basis for spec in builtin_pack().templates)


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def test_pack_data_and_shipped_pack_files_cite_no_developer_notes():
    # The sources a dossier's warnings quote (criteria, awards, rewards, legal texts) and every file a
    # new pack copies from the built-in one (its comments included) are read by users.
    pack = builtin_pack()
    values = list(_strings(pack.data()))
    assert any("Điều 94" in value for value in values)  # the legal texts' sources are read
    assert not [value for value in values if "domain.md" in value]
    shipped = [path for path in templates_dir().rglob("*") if path.suffix in (".toml", ".md", ".txt")]
    assert shipped
    assert not [path.name for path in shipped if "domain.md" in path.read_text(encoding="utf-8")]
