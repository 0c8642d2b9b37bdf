"""Run the selected rules over documents; every rule family registers itself on import."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Iterable, Optional

from ..docmodel.document import Document, open_document
from ..errors import UsageError
from ..parallel import ordered_map
from . import citations, header, hygiene, layout, numbering, recipients, signature  # noqa: F401  (registration)
from .findings import Finding, Severity
from .registry import RULES, select_rules


@dataclass
class Result:
    path: Path
    doc_type: Optional[str]
    findings: list[Finding] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity is Severity.ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for f in self.findings if f.severity is Severity.WARNING)


_LEVELS = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


def pack_settings(rules_table: dict) -> tuple[set[str], dict[str, Severity]]:
    """A pack's [rules]: codes switched off and severities raised — never for a mandatory rule's
    disadvantage (such settings are ignored here and reported by `kit packs lint`)."""
    off = {code for code in rules_table.get("off", []) if code in RULES and not RULES[code].mandatory}
    raised = {}
    for code, level in rules_table.get("severity", {}).items():
        if code in RULES and level in ("error", "warning", "info"):
            wanted = Severity(level)
            if _LEVELS[wanted] >= _LEVELS[RULES[code].severity] or not RULES[code].mandatory:
                raised[code] = wanted
    return off, raised


def check_document(doc: Document, select: Iterable[str] = (), ignore: Iterable[str] = (), pack=None) -> list[Finding]:
    """The findings of the selected rules, with a pack's rule settings and legal texts when given."""
    off, severities = pack_settings(pack.rules) if pack is not None else (set(), {})
    if pack is not None:
        doc.legal_texts = tuple(pack.data().get("legal_texts", {}).get("texts", ()))
    findings: list[Finding] = []
    for item in select_rules(select, ignore):
        if item.code not in off:
            findings.extend(item.run(doc, severities.get(item.code)))
    return sorted(findings, key=Finding.sort_key)


def _validate_codes(codes: Iterable[str]) -> None:
    for code in codes:
        if not any(known.startswith(code.upper()) for known in RULES):
            raise UsageError(f"không có quy tắc nào có mã bắt đầu bằng '{code}' — xem danh sách: kit rules")


def expand_paths(paths: Iterable[Path]) -> list[Path]:
    """Files given, and the .docx files in folders given (Word's ~$ lock files left out)."""
    files: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*.docx") if not p.name.startswith("~$")))
        else:
            files.append(path)
    return files


def check_paths(paths: Iterable[Path], select: Iterable[str] = (), ignore: Iterable[str] = (), pack=None) -> list[Result]:
    """Check every document (a folder of many on every core); an unreadable one raises InputError
    before anything is reported."""
    select, ignore = list(select), list(ignore)
    _validate_codes(select + ignore)
    files = expand_paths(paths)
    if not files:
        raise UsageError("không có tệp .docx nào để kiểm tra")
    # The workers are forked: they inherit the function, settings and pack, nothing is pickled out.
    return list(ordered_map(partial(_check_file, select, ignore, pack), files))


def _check_file(select: list[str], ignore: list[str], pack, path: Path) -> Result:
    doc = open_document(path)
    return Result(doc.path, doc.doc_type, check_document(doc, select, ignore, pack))
