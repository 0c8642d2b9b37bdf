"""What a check run needs besides the document: built by the caller (the application layer), never
looked up by the rules themselves, so the checks depend on nothing above the document model."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from types import MappingProxyType
from typing import Any

from .. import _toml
from ..errors import InputError
from ..resources import templates_dir
from .findings import Severity

_LEVELS = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


@dataclass(frozen=True)
class CheckContext:
    """Settings of one `kit check` run.

    legal_texts: the table of legal texts and their periods of force (VB604); None means the kit's own.
    rules_off: codes switched off; severities: code → severity chosen by a pack.
    draft: the document is a copy made for signing — blank number and date are expected (VB209 silent).
    academic_titles: ranks and degrees before the signer's name are allowed (Phụ lục I, II.7.c: armed
    forces, education, health and science bodies where the sector head allows) — VB405 silent.
    """

    legal_texts: tuple[Mapping[str, Any], ...] | None = None
    rules_off: frozenset[str] = frozenset()
    severities: Mapping[str, Severity] = field(default_factory=lambda: MappingProxyType({}))
    draft: bool = False
    academic_titles: bool = False
    # The award law (pack data award_law: who decides each award, VB901); None means the kit's own.
    award_law: Mapping[str, Any] | None = None

    def texts(self) -> tuple[Mapping[str, Any], ...]:
        return self.legal_texts if self.legal_texts is not None else builtin_legal_texts()

    def awards_law(self) -> Mapping[str, Any]:
        return self.award_law if self.award_law is not None else builtin_award_law()

    @classmethod
    def from_settings(
        cls,
        rules_table: Mapping[str, Any],
        known: Mapping[str, object],
        legal_texts: tuple[Mapping[str, Any], ...] | None = None,
        draft: bool = False,
        award_law: Mapping[str, Any] | None = None,
    ) -> CheckContext:
        """A context from a pack's [rules] table: codes switched off and severities — never to a mandatory
        rule's disadvantage (such settings are ignored here and reported by `kit packs lint`).
        `known` is the rule registry (code → Rule)."""
        off = frozenset(code for code in rules_table.get("off", []) if code in known and not known[code].mandatory)  # type: ignore[attr-defined]
        raised: dict[str, Severity] = {}
        for code, level in rules_table.get("severity", {}).items():
            if code in known and level in ("error", "warning", "info"):
                wanted, rule = Severity(level), known[code]
                if _LEVELS[wanted] >= _LEVELS[rule.severity] or not rule.mandatory:  # type: ignore[attr-defined]
                    raised[code] = wanted
        return cls(
            legal_texts=legal_texts,
            rules_off=off,
            severities=MappingProxyType(raised),
            draft=draft,
            academic_titles=bool(rules_table.get("academic_titles", False)),
            award_law=award_law,
        )


@lru_cache(maxsize=1)
def builtin_legal_texts() -> tuple[Mapping[str, Any], ...]:
    """The kit's own table of legal texts (templates/data/legal-texts.toml), read as plain data."""
    path = templates_dir() / "data" / "legal-texts.toml"
    try:
        table = _toml.load(path)
    except InputError:
        return ()
    texts = []
    for entry in table.get("texts", ()):
        if isinstance(entry, dict) and isinstance(entry.get("symbol"), str):
            texts.append(
                {
                    key: value
                    for key, value in entry.items()
                    if key not in ("in_force_from", "in_force_until") or isinstance(value, dt.date)
                }
            )
    return tuple(texts)


@lru_cache(maxsize=1)
def builtin_award_law() -> Mapping[str, Any]:
    """The kit's own award law (templates/data/award-law.toml), read as plain data."""
    try:
        return MappingProxyType(_toml.load(templates_dir() / "data" / "award-law.toml"))
    except InputError:
        return MappingProxyType({})


DEFAULT = CheckContext()
