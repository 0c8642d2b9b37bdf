"""Text of pack data with places for values ("Số vào sổ: {so_vao_so}"), filled without evaluating it."""

from __future__ import annotations

import re

# Text with places for values ("Số vào sổ: {so_vao_so}"): a place names a field and nothing else, and
# "{{" / "}}" print a brace. Never Python's str.format, which reads attributes ({ten.__class__}),
# indexes and format specifications ({ten:>300000000} takes minutes and gigabytes).
_PLACE = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")


def pattern_problem(pattern: str, names) -> str | None:
    """What is wrong with the places of a text pattern, or None: each place must be {name} with a
    name of `names`."""
    for match in _PLACE.finditer(pattern):
        token = match.group(0)
        if token in ("{{", "}}"):
            continue
        name = match.group(1)
        if name is None:
            return f"dấu ngoặc “{token}” lẻ (ghi {{{{ hoặc }}}} để in dấu ngoặc)"
        if name not in names:
            return f"chỗ thay “{token}” không phải tên một trường"
    return None


def fill_pattern(pattern: str, values: dict[str, str]) -> str:
    """`pattern` with each {name} replaced by its value (empty when it has none): the text is never
    evaluated."""

    def one(match: re.Match) -> str:
        token = match.group(0)
        if token == "{{":
            return "{"
        if token == "}}":
            return "}"
        return str(values.get(match.group(1) or "", ""))

    return _PLACE.sub(one, pattern)
