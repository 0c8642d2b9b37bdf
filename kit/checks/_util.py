"""Small helpers shared by the rule families."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..docmodel.document import Document, Paragraph

DATE_NUMERIC = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b")
DATE_WORDS = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", re.IGNORECASE)


def make_date(day: str, month: str, year: str) -> dt.date | None:
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        return None


# "ngày    tháng 01 năm 2026": the day left blank for the văn thư, who dates the document at issue (Decree 30
# lets the number and day be written then); dots or an ellipsis may hold the place.
_DATE_MONTH_ONLY = re.compile(r"ngày[\s.…]*tháng\s+(\d{1,2})\s+năm\s+(\d{4})", re.IGNORECASE)


@dataclass(frozen=True)
class IssueDate:
    """When a document is issued, as precisely as its date line says: one day, or a whole month when the
    day is left blank. Rules that compare dates report only what holds for every day from `first` to
    `last` — at a month's edges they say nothing rather than guess."""

    first: dt.date
    last: dt.date

    @property
    def exact(self) -> bool:
        return self.first == self.last

    @property
    def year(self) -> int:
        return self.first.year

    def phrase(self) -> str:
        """ "ngày 15/01/2026" or "tháng 01/2026" (after "vào", "văn bản …")."""
        return f"ngày {self.first:%d/%m/%Y}" if self.exact else f"tháng {self.first:%m/%Y}"

    def __str__(self) -> str:
        return f"{self.first:%d/%m/%Y}" if self.exact else f"tháng {self.first:%m/%Y}"


def document_date(doc: Document) -> dt.date | None:
    """The document's issue date when its date line gives the day (see `issue_date` for a blank day)."""
    found = issue_date(doc)
    return found.first if found is not None and found.exact else None


def issue_date(doc: Document) -> IssueDate | None:
    """The document's issue date: one day, or its month when the day is left blank."""
    return doc._remember("issue_date", lambda: _issue_date(doc))


# A date anywhere in a line: the date line, or a Số line that holds the date too.
DATE_IN_TEXT = re.compile(r"\bngày\b.*\btháng\b.*năm\b", re.IGNORECASE)


def _issue_date(doc: Document) -> IssueDate | None:
    line = doc.date_line
    if line is None and doc.so_line is not None and DATE_IN_TEXT.search(doc.so_line.stripped):
        line = doc.so_line  # "Số: 05/KH-SNV    Lạng Sơn, ngày 05 tháng 01 năm 2025" in one paragraph
    if line is None:
        return None
    if match := DATE_WORDS.search(line.stripped):
        day = make_date(*match.groups())
        return IssueDate(day, day) if day else None
    if match := _DATE_MONTH_ONLY.search(line.stripped):
        month, year = int(match.group(1)), int(match.group(2))
        if 1 <= month <= 12 and dt.MINYEAR <= year <= dt.MAXYEAR:
            last = calendar.monthrange(year, month)[1]
            return IssueDate(dt.date(year, month, 1), dt.date(year, month, last))
    return None


def document_year(doc: Document) -> int | None:
    """The year the document is about: "năm 2021" in its trích yếu when it is within a year of its date (a
    plan dated in December for the coming year, a report in January on the last), else the year of its date — never an anniversary year
    its trích yếu names ("kỷ niệm 65 năm Ngày thành lập … năm 1961"). Without a date: the latest year named."""
    named = [int(m.group(1)) for p in doc.trich_yeu for m in re.finditer(r"\bnăm\s+(\d{4})\b", p.stripped)]
    date = issue_date(doc)
    if date is None:
        return max(named) if named else None
    return next((year for year in named if abs(year - date.year) <= 1), date.year)


def text_paragraphs(doc: Document, regions: Iterable[str] = ("body",), tables: bool = True) -> list[Paragraph]:
    """Paragraphs with text in the given regions (remembered: many rules ask for the same ones)."""
    wanted = tuple(regions)

    def compute() -> list[Paragraph]:
        chosen = set(wanted)
        return [p for p in doc.paragraphs if p.region in chosen and p.stripped and (tables or not p.in_table)]

    return doc._remember(("text", wanted, tables), compute)


def content_tables(doc: Document):
    """Tables of the body (not the header table nor the Nơi nhận / signature table)."""
    for table in doc.tables:
        paragraphs = [p for p in table.paragraphs if p.stripped]
        if paragraphs and all(p.region == "body" for p in paragraphs):
            yield table


def first_and_count(items: list[Paragraph]) -> tuple[Paragraph, int]:
    return items[0], len(items)


def format_problems(
    p: Paragraph, sizes: tuple[float, float], bold: bool | None = True, italic: bool | None = False
) -> list[str]:
    """What differs from the expected size range, boldness and slant ("không đậm", "cỡ 12"…)."""
    problems = []
    if bold is True and not p.bold:
        problems.append("không đậm")
    if italic is False and p.italic:
        problems.append("in nghiêng")
    if italic is True and not p.italic:
        problems.append("không nghiêng")
    low, high = sizes
    if any(not low <= size <= high for size in p.sizes):
        problems.append(f"cỡ {', '.join(f'{s:g}' for s in sorted(p.sizes))}")
    return problems


def report_many(report, paragraphs: list[Paragraph], message: str, hint: str) -> None:
    """One finding for a problem found in many paragraphs: at the first, `message` given the count."""
    if paragraphs:
        report(paragraphs[0], message.format(count=len(paragraphs)), hint)
