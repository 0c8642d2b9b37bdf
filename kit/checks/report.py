"""Findings as text (one line each, grouped by file, with a summary) or as the versioned JSON schema."""

from __future__ import annotations

import json

from .findings import Severity
from .registry import RULES
from .runner import Result

JSON_SCHEMA_VERSION = 1


def as_text(results: list[Result]) -> str:
    lines = []
    for result in results:
        for f in result.findings:
            lines.append(f"{result.path}:{f.location.describe()}: {f.code} [{f.severity.vietnamese}] {f.message}")
            if f.excerpt:
                lines.append(f"    « {f.excerpt if len(f.excerpt) <= 160 else f.excerpt[:157] + '…'} »")
            if f.hint:
                lines.append(f"    → {f.hint} (căn cứ: {f.source})")
    errors = sum(r.errors for r in results)
    warnings = sum(r.warnings for r in results)
    clean = sum(1 for r in results if not r.findings)
    lines.append(f"Đã kiểm tra {len(results)} tệp: {errors} lỗi, {warnings} cảnh báo; {clean} tệp không có vấn đề.")
    return "\n".join(lines)


def as_json(results: list[Result]) -> str:
    return json.dumps(
        {
            "schema": JSON_SCHEMA_VERSION,
            "documents": [
                {"path": str(r.path), "type": r.doc_type, "findings": [f.as_json() for f in r.findings]}
                for r in results
            ],
        },
        ensure_ascii=False,
        indent=1,
    )


def catalogue() -> str:
    """`kit rules`: code, name, severity, source and one-line description of every rule."""
    lines = []
    for code, item in sorted(RULES.items()):
        lines.append(f"{code}  {item.name}  [{item.severity.vietnamese}]  {item.summary}")
        lines.append(f"       căn cứ: {item.source}")
    return "\n".join(lines)


def has_errors(results: list[Result]) -> bool:
    return any(f.severity is Severity.ERROR for r in results for f in r.findings)
