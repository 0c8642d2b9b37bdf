"""What a check reports: a finding with its code, severity, message, fix hint, location and excerpt."""

from __future__ import annotations

from dataclasses import dataclass

from ..diagnostics import Diagnostic, Severity

__all__ = ["Finding", "Location", "Severity"]


@dataclass(frozen=True)
class Location:
    region: str  # header | title | kinh_gui | body | noi_nhan | signature | layout
    paragraph: int | None = None
    table: int | None = None
    row: int | None = None
    cell: int | None = None

    def describe(self) -> str:
        parts = []
        if self.table is not None:
            parts.append(f"bảng {self.table}")
            if self.row is not None:
                parts.append(f"hàng {self.row}")
            if self.cell is not None:
                parts.append(f"ô {self.cell}")
        if self.paragraph is not None:
            parts.append(f"đoạn {self.paragraph}")
        return ", ".join(parts) or {"layout": "trình bày trang"}.get(self.region, self.region)

    def as_json(self) -> dict:
        return {
            "region": self.region,
            "paragraph": self.paragraph,
            "table": self.table,
            "row": self.row,
            "cell": self.cell,
        }


@dataclass(frozen=True)
class Finding(Diagnostic):
    """A document's problem: the one diagnostic record (kit.diagnostics) with the rule's code, the
    quoted text and the legal source."""

    code: str
    severity: Severity
    message: str
    hint: str
    location: Location
    excerpt: str
    source: str

    def sort_key(self) -> tuple:
        loc = self.location
        return (loc.paragraph if loc.paragraph is not None else -1, loc.table or 0, loc.row or 0, self.code)

    def as_json(self) -> dict:
        return {**super().as_json(), "excerpt": self.excerpt}
