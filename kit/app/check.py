"""kit check: documents against the Decree 30 rules, and a copy with the findings as Word comments."""

from __future__ import annotations

from pathlib import Path

from .. import fileio
from ..errors import UsageError


def check(paths, select=(), ignore=(), pack=None, draft=False):
    """Check .docx files or folders against the Decree 30 rules: one result (path, type, findings) per file,
    with a pack's rule settings and legal texts when given; `draft`: blank number and date are expected."""
    from ..checks import RULES, CheckContext
    from ..checks.runner import check_paths

    texts = tuple(pack.data().get("legal_texts", {}).get("texts", ())) if pack is not None else None
    award_law = pack.data().get("award_law") if pack is not None else None  # who decides each award (VB901)
    context = CheckContext.from_settings(pack.rules if pack is not None else {}, RULES, texts, draft, award_law)
    return check_paths(
        [Path(p) for p in ([paths] if isinstance(paths, (str, Path)) else paths)], select, ignore, context
    )


def annotate(results, output: Path, *, force: bool = False) -> Path:
    """Write a copy of the one checked document with a Word comment per finding (the original is untouched)."""
    from ..checks.annotate import annotated_copy

    if len(results) != 1:
        raise UsageError("--annotate dùng với đúng một tệp .docx", code="KIT006")
    source = Path(results[0].path)
    output = Path(output)
    if output.suffix.lower() != ".docx":
        raise UsageError(f"{output}: bản có nhận xét phải có đuôi .docx", code="KIT007")
    if output.exists() and output.resolve() == source.resolve():
        raise UsageError(f"{output}: không ghi đè lên chính tệp được kiểm tra", hint="chọn tên khác", code="KIT008")
    fileio.write_all({output: annotated_copy(source, results[0].findings)}, force)
    return output
