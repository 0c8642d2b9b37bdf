"""The one record of everything the kit reports: a workbook problem (kit.errors.Problem), a pack lint
problem (kit.packs.lint.LintProblem), a document finding (kit.checks.findings.Finding) and a tool error
(kit.errors.KitError) all have a stable code, a severity, a location, a message and a hint.

Codes of findings are the rule codes (VB…, kit rules). Every other message the kit can give has a code
from the table kit/error_codes.tsv (KIT001…), named where it is raised or reported
(`InputError(..., code="KIT001")`, `data.problem(..., code="KIT119")`), never reused;
tools/error_messages.py checks each call site against the table and writes docs/errors.md.
"""

from __future__ import annotations

import re
from enum import Enum
from typing import Any


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def vietnamese(self) -> str:
        return {"error": "lỗi", "warning": "cảnh báo", "info": "lưu ý"}[self.value]


class Diagnostic:
    """What every reported item offers — code, severity, location, message, hint — whatever it is about;
    subclasses hold their own fields and provide these (a property or a field of the same name). The
    location is a one-line text (a file, sheet and cell; a pack.toml table), or for a document finding
    a structured place in the document (kit.checks.findings.Location, with describe())."""

    code: str
    severity: Severity
    location: Any
    message: str
    hint: str

    def place(self) -> str:
        """The location as one line of text."""
        describe = getattr(self.location, "describe", None)
        return describe() if callable(describe) else str(self.location)

    def as_json(self) -> dict[str, Any]:
        location = self.location.as_json() if hasattr(self.location, "as_json") else self.location
        return {
            "code": self.code,
            "severity": Severity(self.severity).value,
            "location": location,
            "message": self.message,
            "hint": self.hint,
        }


def worded(table: dict[str, str], code: str, hint: str, values: dict[str, str] | None = None) -> str:
    """`hint` as an adapter words it (kit/cli_hints.py CLI_HINTS, kit/web/service.py PAGE_HINTS): the table's
    wording for `code` with "{hint}" and each "{name}" of `values` put in; the hint itself when the table
    has no wording for the code or the wording quotes a value the message does not carry."""
    wording = table.get(code)
    given = {**(values or {}), "hint": hint}
    if wording is None or not set(re.findall(r"\{([a-z_]+)\}", wording)) <= set(given):
        return hint
    return re.sub(r"\{([a-z_]+)\}", lambda found: given[found.group(1)], wording)  # what is put in stays as is
