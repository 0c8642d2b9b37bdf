"""What a check reports: a finding with its code, severity, message, fix hint, location and excerpt."""

from __future__ import annotations

from dataclasses import dataclass

from ..diagnostics import Diagnostic, Severity

__all__ = ["Finding", "Location", "Severity", "first_words"]


FIRST_WORDS = 6  # words of a paragraph quoted in a finding's location: enough to find it with Ctrl+F
FIRST_CHARS = 40


def first_words(text: str) -> str:
    """The start of `text` as a location quotes it: a few words, with “…” when cut."""
    # Only the start is read: a long paragraph with many findings was split whole for each of them.
    head = text[:_HEAD_READ]
    words = head.split()
    shown = " ".join(words[:FIRST_WORDS])
    if len(shown) > FIRST_CHARS:
        shown = shown[:FIRST_CHARS].rsplit(" ", 1)[0] if " " in shown[:FIRST_CHARS] else shown[:FIRST_CHARS]
    cut = len(shown) < len(" ".join(words)) or bool(text[_HEAD_READ:].strip())
    return shown + ("…" if cut else "")


_HEAD_READ = 10 * FIRST_CHARS


@dataclass(frozen=True)
class Location:
    region: str  # header | title | kinh_gui | body | noi_nhan | signature | layout
    paragraph: int | None = None
    table: int | None = None
    row: int | None = None
    cell: int | None = None
    page: int | None = None  # the page in Word, when the file tells it (kit.docmodel: Paragraph.page)
    first_words: str = ""  # the paragraph's first words, as typed (found in Word with Ctrl+F)

    def counted(self) -> str:
        """Table, row, cell and paragraph numbers as the model counts them."""
        parts = []
        if self.table is not None:
            parts.append(f"bảng {self.table}")
            if self.row is not None:
                parts.append(f"hàng {self.row}")
            if self.cell is not None:
                parts.append(f"ô {self.cell}")
        if self.paragraph is not None:
            parts.append(f"đoạn {self.paragraph}")
        return ", ".join(parts)

    def describe(self) -> str:
        """Where to look in Word: "trang 2, «- Chủ tịch, các PCT…» (bảng 2, hàng 1, ô 1, đoạn 62)"."""
        counted = self.counted()
        found = [f"trang {self.page}"] if self.page is not None else []
        if self.first_words:
            found.append(f"«{self.first_words}»")
        if found:
            return ", ".join(found) + (f" ({counted})" if counted else "")
        return counted or {"layout": "trình bày trang"}.get(self.region, self.region)

    def as_json(self) -> dict:
        return {
            "region": self.region,
            "paragraph": self.paragraph,
            "table": self.table,
            "row": self.row,
            "cell": self.cell,
            "page": self.page,
            "first_words": self.first_words,
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

    def quote(self) -> str:
        """The excerpt to print under the location, or "" when the location already quotes all of it."""
        words = self.location.first_words
        if words and not words.endswith("…") and words in self.excerpt and len(self.excerpt) <= len(words) + 12:
            return ""  # the whole paragraph is in the location (after its number, if any)
        return self.excerpt

    def sort_key(self) -> tuple:
        loc = self.location
        return (loc.paragraph if loc.paragraph is not None else -1, loc.table or 0, loc.row or 0, self.code)

    def as_json(self) -> dict:
        return {**super().as_json(), "excerpt": self.excerpt}
