"""Run the selected rules over documents; every rule family registers itself on import."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from ..docmodel.document import Document, open_document
from ..errors import InputError, UsageError
from ..gcfreeze import frozen_for_batch
from ..parallel import ordered_map, workers
from . import authority, citations, header, hygiene, layout, numbering, recipients, signature, spelling  # noqa: F401  (registration)
from .context import _LEVELS, DEFAULT, CheckContext
from .findings import Finding, Severity
from .registry import RULES, select_rules

__all__ = ["Result", "check_document", "check_paths", "expand_paths", "CheckContext", "_LEVELS"]


@dataclass
class Result:
    path: Path
    doc_type: str | None
    findings: list[Finding] = field(default_factory=list)
    recognised: bool = True  # False: no Quốc hiệu and no tên loại — the document-specific checks could not run
    outside: str | None = None  # a kind Decree 30 does not govern (kit.docmodel.scope): only text rules ran
    attached: bool = False  # a text attached to another, sent as its own file: no header or closing of its own

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity is Severity.ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for f in self.findings if f.severity is Severity.WARNING)


def check_document(
    doc: Document, select: Iterable[str] = (), ignore: Iterable[str] = (), context: CheckContext | None = None
) -> list[Finding]:
    """The findings of the selected rules, with the caller's settings (rules off, severities, legal texts)."""
    context = context or DEFAULT
    findings: list[Finding] = []
    for item in select_rules(select, ignore):
        if doc.outside is not None and not item.any_text and doc.outside not in item.outside_kinds:
            continue  # a Party document, a petition, a contract: only its spelling and typing are checked
        if item.code not in context.rules_off:
            findings.extend(item.run(doc, context.severities.get(item.code), context))
    return sorted(findings, key=Finding.sort_key)


def _validate_codes(codes: Iterable[str]) -> None:
    for code in codes:
        if not any(known.startswith(code.upper()) for known in RULES):
            raise UsageError(
                f"không có quy tắc nào có mã bắt đầu bằng '{code}'",
                hint="xem danh sách các quy tắc kiểm tra",
                code="KIT046",
            )


def expand_paths(paths: Iterable[Path]) -> list[Path]:
    """Files given, and the .docx files in folders given (Word's ~$ lock files left out)."""
    files: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*.docx") if not p.name.startswith("~$")))
        else:
            files.append(path)
    return files


def check_paths(
    paths: Iterable[Path], select: Iterable[str] = (), ignore: Iterable[str] = (), context: CheckContext | None = None
) -> list[Result]:
    """Check every document (a folder of many on every core); an unreadable one raises InputError
    before anything is reported."""
    select, ignore = list(select), list(ignore)
    _validate_codes(select + ignore)
    files = expand_paths(paths)
    if not files:
        raise UsageError("không có tệp .docx nào để kiểm tra", code="KIT045")
    # The workers are forked: they inherit the function and settings, nothing is pickled out. They take the
    # largest files first and a few at a time, so that both end together: handed out in the folder's order,
    # in large shares, one worker was left with the last long documents while the other waited.
    order = sorted(range(len(files)), key=lambda index: -_size(files[index]))
    share = max(1, min(8, len(files) // (workers() * 8)))
    with frozen_for_batch():
        outcomes = list(
            ordered_map(partial(_checked, select, ignore, context or DEFAULT), [files[i] for i in order], share=share)
        )
    results: list = [None] * len(files)
    for index, outcome in zip(order, outcomes):
        results[index] = outcome
    # The first unreadable file in the order given is reported, as if they had been read in that order.
    for outcome in results:
        if isinstance(outcome, InputError):
            raise outcome
    return results


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # reported when it is read


def _checked(select: list[str], ignore: list[str], context: CheckContext, path: Path) -> Result | InputError:
    """_check_file, or the InputError that says why the file could not be read."""
    try:
        return _check_file(select, ignore, context, path)
    except InputError as error:
        return error


def _check_file(select: list[str], ignore: list[str], context: CheckContext, path: Path) -> Result:
    doc = open_document(path)
    findings = check_document(doc, select, ignore, context)
    return Result(doc.path, doc.doc_type, findings, doc.recognised, doc.outside, doc.attached)
