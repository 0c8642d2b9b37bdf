"""The one record of everything the kit reports: a workbook problem (kit.errors.Problem), a pack lint
problem (kit.packs.lint.LintProblem), a document finding (kit.checks.findings.Finding) and a tool error
(kit.errors.KitError) all have a stable code, a severity, a location, a message and a hint.

Codes of findings are the rule codes (VB…, kit rules). Every other message the kit can give has a code
in kit/error_codes.tsv (KIT001…), assigned once by `python tools/error_messages.py --write` and never
reused; docs/errors.md lists them. A message is matched to its code by its fixed words, so the code of a
message stays the same whatever values (file, cell, name) it carries.
"""

from __future__ import annotations

import re
from enum import Enum
from functools import lru_cache
from pathlib import Path
from typing import Any

UNKNOWN_CODE = "KIT000"  # a message not (yet) in the table: tools/error_messages.py --write adds it
CODES_FILE = Path(__file__).with_name("error_codes.tsv")


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


@lru_cache(maxsize=1)
def _table() -> list[tuple[re.Pattern[str], int, str]]:
    """(pattern, fixed characters, code) from the codes file, the most specific patterns first."""
    rows = []
    if CODES_FILE.is_file():
        for line in CODES_FILE.read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            code, _, pattern = line.partition("\t")
            pieces = pattern.split("…")
            if sum(len(piece.strip(" :,.()“”'")) for piece in pieces) < 3:
                continue  # nothing fixed to recognise it by
            regex = re.compile("^" + "(?:.|\\n)*?".join(re.escape(piece) for piece in pieces) + "$")
            rows.append((regex, sum(len(piece) for piece in pieces), code))
    return sorted(rows, key=lambda row: -row[1])


def code_of(message: str) -> str:
    """The stable code of a message (its text before the " — " that starts the hint)."""
    text = message.split(" — ", 1)[0].strip()
    for regex, _, code in _table():
        if regex.match(text):
            return code
    return UNKNOWN_CODE
