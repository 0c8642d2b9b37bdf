"""What a check reports: a finding with its code, severity, message, fix hint, location and excerpt."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Optional


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def vietnamese(self) -> str:
        return {"error": "lỗi", "warning": "cảnh báo", "info": "lưu ý"}[self.value]


@dataclass(frozen=True)
class Location:
    region: str  # header | title | kinh_gui | body | noi_nhan | signature | layout
    paragraph: Optional[int] = None
    table: Optional[int] = None
    row: Optional[int] = None
    cell: Optional[int] = None

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
        return {"region": self.region, "paragraph": self.paragraph, "table": self.table, "row": self.row,
                "cell": self.cell}


@dataclass(frozen=True)
class Finding:
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
        return {"code": self.code, "severity": self.severity.value, "message": self.message, "hint": self.hint,
                "location": self.location.as_json(), "excerpt": self.excerpt}
