"""Findings as text (one line each, grouped by file, with a summary); the JSON is kit.app.check.report."""

from __future__ import annotations

from collections.abc import Callable

from ..docmodel.scope import DESCRIPTIONS
from ..errors import UsageError
from .findings import Severity
from .registry import REDIRECTS, RULES
from .runner import Result

# The JSON of a check (kit check --format json, the web page, the API) is made in one place:
# kit.app.check.report (docs/check-json.md).


# What cannot be checked in a document that is not recognised as an administrative one.
NOT_RECOGNISED = (
    "không nhận ra là văn bản hành chính (không thấy Quốc hiệu, tên loại hay “V/v”): "
    "không kiểm tra được phần đầu (Quốc hiệu, Tiêu ngữ, cơ quan, số, ngày), tên loại, chữ ký, "
    "nơi nhận và dấu kết thúc; chỉ kiểm tra trình bày trang, phông chữ, đánh số và chính tả"
)


# What is checked in a text attached to another and sent as its own file.
ATTACHED = (
    "phụ lục hoặc văn bản kèm theo văn bản khác (“Kèm theo …” ở đầu): số, ngày, chữ ký và nơi nhận là của văn bản "
    "chính, không kiểm tra ở đây; đã kiểm tra trình bày trang, nội dung, đánh số và chính tả"
)


def outside_line(kind: str) -> str:
    """The one line saying a document is outside Decree 30, and what was still checked."""
    shared = sorted(code for code, item in RULES.items() if kind in item.outside_kinds)
    also = f", và {', '.join(shared)} (quy tắc chung với loại văn bản này)" if shared else ""
    return (
        f"{DESCRIPTIONS.get(kind, kind)}: ngoài phạm vi Nghị định 30/2020/NĐ-CP — không kiểm tra phần đầu, "
        f"số, chữ ký, nơi nhận và trình bày; chỉ kiểm tra chính tả, dấu câu, dấu cách, từ gõ lặp và phông cũ{also}"
    )


def as_text(results: list[Result], hint: Callable[[str, str], str] | None = None) -> str:
    """The findings as lines of text; `hint(code, hint)` words a finding's hint for the adapter that shows
    them (the command line names its options: kit/cli_hints.py CLI_HINTS), the finding's own hint otherwise."""
    lines = []
    for result in results:
        if result.outside is not None:
            lines.append(f"{result.path}: {outside_line(result.outside)}")
        elif result.attached:
            lines.append(f"{result.path}: {ATTACHED}")
        elif not result.recognised:
            lines.append(f"{result.path}: {NOT_RECOGNISED}")
        for f in result.findings:
            lines.append(f"{result.path}:{f.location.describe()}: {f.code} [{f.severity.vietnamese}] {f.message}")
            if quote := f.quote():
                lines.append(f"    « {quote if len(quote) <= 160 else quote[:157] + '…'} »")
            if f.hint:
                lines.append(f"    → {hint(f.code, f.hint) if hint else f.hint} (căn cứ: {f.source})")
    errors = sum(r.errors for r in results)
    warnings = sum(r.warnings for r in results)
    notices = sum(len(r.findings) - r.errors - r.warnings for r in results)
    clean = sum(1 for r in results if r.recognised and r.outside is None and not r.errors and not r.warnings)
    unknown = sum(1 for r in results if not r.recognised and r.outside is None)
    outside = sum(1 for r in results if r.outside is not None)
    summary = f"Đã kiểm tra {len(results)} tệp: {errors} lỗi, {warnings} cảnh báo"
    summary += f", {notices} lưu ý" if notices else ""
    summary += f"; {clean} tệp không có vấn đề"
    summary += f"; {outside} tệp ngoài phạm vi Nghị định 30" if outside else ""
    summary += f"; {unknown} tệp không nhận ra là văn bản hành chính." if unknown else "."
    lines.append(summary)
    return "\n".join(lines)


def catalogue() -> str:
    """`kit rules`: code, name, severity, source and one-line description of every rule."""
    lines = []
    for code, item in sorted(RULES.items()):
        scope = "  (mọi văn bản)" if item.any_text else ""
        lines.append(f"{code}  {item.name}  [{item.severity.vietnamese}]{scope}  {item.summary}")
        lines.append(f"       căn cứ: {item.source}")
    return "\n".join(lines)


def explain(code: str) -> str:
    """`kit rules CODE`: what the rule checks, why (its source), and a wrong and a right example."""
    code = REDIRECTS.get(code.upper(), code.upper())
    item = RULES.get(code)
    if item is None:
        raise UsageError(f"không có quy tắc {code}", hint="xem danh sách các quy tắc kiểm tra", code="KIT044")
    # The docstring's first line is the Vietnamese description; its other lines are notes for developers.
    lines = [
        f"{item.code}  {item.name}  [{item.severity.vietnamese}]",
        f"Kiểm tra: {item.summary}",
        f"Vì sao: {item.why}",
        f"Căn cứ: {item.source}",
        f"Sai: {item.wrong}",
        f"Đúng: {item.right}",
    ]
    if item.any_text:
        lines.append(
            "Áp dụng cho mọi văn bản, cả văn bản ngoài phạm vi Nghị định 30 (văn bản của Đảng, đơn, hợp đồng)."
        )
    elif item.outside_kinds:
        kinds = "; ".join(DESCRIPTIONS.get(kind, kind) for kind in sorted(item.outside_kinds))
        lines.append(f"Áp dụng cả cho: {kinds}.")
    return "\n".join(lines)


def has_errors(results: list[Result]) -> bool:
    return any(f.severity is Severity.ERROR for r in results for f in r.findings)
