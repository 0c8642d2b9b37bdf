"""Guards by cost, not by file size: what a workbook or a Word document will cost once read, judged
from its content (whatever its name says) before any library builds it in memory.

A zip's size says little: a 124 KB .xlsx can hold 4 million cells, a 617 KB .docx millions of runs,
each of which openpyxl or python-docx turns into objects of a few hundred bytes. The parts are read
as a stream (1 MB at a time, never whole) and their elements counted; a DTD, which neither Word nor
Excel ever writes, is refused outright. Limits measured on this kit (2 cores, README "Giới hạn"):
a .docx of 850,000 elements took 24 s and 363 MB in kit check, a workbook of 500,000 cells 14 s and
274 MB in kit dossier; real documents have under 50,000 elements, a 1,000-candidate dossier 20,000 cells.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from pathlib import Path
from typing import IO, Union

from .errors import InputError

MAX_DOCUMENT_ELEMENTS = 600_000  # XML elements of all parts of a .docx (the largest real one: 92,000, 138 pages)
MAX_SHEET_CELLS = 500_000  # cells a workbook's sheets hold (present in the file, whatever the dimension says)
MAX_WORKBOOK_ELEMENTS = 2_000_000  # XML elements of all parts of a workbook (cells, shared strings, styles)
CHUNK = 1 << 20

Source = Union[Path, str, bytes, IO[bytes]]  # noqa: UP007 - a runtime alias, for Python 3.10

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"
_CELL = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?c[\s>/]")
_DOCTYPE = b"<!DOCTYPE"
_NOT_A_START = re.compile(rb"<[?!]")


def kind_of(source: Source) -> str:
    """What a file is by its first bytes: "zip" (.docx, .xlsx, .ods), "ole" (.xls, .doc, or an
    Office file with a password), or "other"."""
    head = _head(source)
    if head.startswith(ZIP_MAGIC):
        return "zip"
    if head.startswith(OLE_MAGIC):
        return "ole"
    return "other"


def _head(source: Source) -> bytes:
    if isinstance(source, bytes):
        return source[:8]
    if isinstance(source, (str, Path)):
        with open(source, "rb") as stream:
            return stream.read(8)
    position = source.tell()
    head = source.read(8)
    source.seek(position)
    return head


def _open(source: Source):
    if isinstance(source, bytes):
        return zipfile.ZipFile(io.BytesIO(source))
    if hasattr(source, "seek"):
        source.seek(0)
    return zipfile.ZipFile(source)


class _Count:
    """Elements (start tags) and cells of a stream of XML, and whether it declares a DTD."""

    def __init__(self):
        self.elements = 0
        self.cells = 0
        self.doctype = False
        self.counting = True  # False: the parts are too small to pass the limits, only a DTD is looked for

    def feed(self, stream, cells: bool, stop: int) -> None:
        carry = b""
        while chunk := stream.read(CHUNK):
            data = carry + chunk
            # Cut before the last "<" near the end: every pattern counted starts with "<", so none is
            # split between two reads (and none is counted twice).
            cut = data.rfind(b"<", max(0, len(data) - 64))
            cut = len(data) if cut <= 0 else cut
            self._count(data[:cut], cells)
            carry = data[cut:]
            if self.doctype or self.elements > stop:
                return
        self._count(carry, cells)

    def count_whole(self, data: bytes, cells: bool) -> None:
        """Count a whole part held in memory (the same counts as feeding it as a stream)."""
        self._count(data, cells)

    def _count(self, data: bytes, cells: bool) -> None:
        if _DOCTYPE in data:
            self.doctype = True
        if not self.counting:
            return
        # Start tags: every "<" but those of end tags, processing instructions and comments (or CDATA, DTD).
        self.elements += data.count(b"<") - data.count(b"</") - len(_NOT_A_START.findall(data))
        if cells:
            self.cells += len(_CELL.findall(data))


def scan_package(source: Source, parts: str) -> _Count | None:
    """Count the XML parts of the zip at `source` (None when it is not a readable zip: its reader
    says what is wrong). `parts` is "word" or "workbook"."""
    try:
        with _open(source) as archive:
            return scan_archive(archive, parts)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, KeyError, EOFError, zlib.error, NotImplementedError):
        return None
    finally:
        if hasattr(source, "seek"):
            source.seek(0)


def scan_archive(
    archive: zipfile.ZipFile, parts: str, unpacked: dict[str, bytes] | None = None, keep: frozenset[str] = frozenset()
) -> _Count:
    """Count the XML parts of an open zip (`parts`: "word" or "workbook"). The parts named in `keep` are
    unpacked whole into `unpacked` (entry name → bytes) and counted there, for a reader that parses them
    next (their size is bounded by kit.ziplimits.check_entries); the others are counted as a stream.
    Raises what zipfile raises for a damaged archive."""
    count = _Count()
    stop = MAX_DOCUMENT_ELEMENTS if parts == "word" else MAX_WORKBOOK_ELEMENTS
    entries = [entry for entry in archive.infolist() if entry.filename.endswith((".xml", ".rels", ".vml"))]
    if unpacked is not None and sum(entry.file_size for entry in entries) <= min(stop, MAX_SHEET_CELLS):
        # Every element or cell counted takes at least one byte ("<"), and zipfile never unpacks more of an
        # entry than its declared size: parts this small cannot pass the limits, and are not counted (their
        # elements are left at 0). A reader of the parts (`unpacked`) still has them searched for a DTD.
        count.counting = False
    for entry in entries:
        worksheet = entry.filename.startswith("xl/worksheets/")
        if unpacked is not None and entry.filename in keep:
            data = unpacked[entry.filename] = archive.read(entry)
            count.count_whole(data, worksheet)
        else:
            with archive.open(entry) as stream:
                count.feed(stream, worksheet, stop)
        if count.doctype or count.elements > stop or count.cells > MAX_SHEET_CELLS:
            break
    return count


def _thousands(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def check_document_cost(source: Source, name: str) -> None:
    """Raise InputError for a .docx with a DTD, or more elements than a document of any real length."""
    count = scan_package(source, "word")
    if count is not None:
        judge_document_cost(count, name)


def judge_document_cost(count: _Count, name: str) -> None:
    """Raise InputError when the counts of a .docx's parts show a DTD, or more elements than a document of
    any real length."""
    if count.doctype:
        raise InputError(
            f"{name}: tệp có khai báo DTD (DOCTYPE) nên không phải tệp Word",
            hint="Word không bao giờ ghi DTD và không mở tệp này; kiểm tra nguồn của tệp, hoặc mở bản gốc bằng "
            "Word và lưu lại dạng .docx",
            code="KIT504",
        )
    if count.elements > MAX_DOCUMENT_ELEMENTS:
        limit = _thousands(MAX_DOCUMENT_ELEMENTS)
        raise InputError(
            f"{name}: tệp quá lớn hoặc quá phức tạp (hơn {limit} phần tử)",
            hint="không phải một văn bản hành chính bình thường; chia văn bản thành nhiều tệp, hoặc kiểm tra "
            "nguồn của tệp",
            code="KIT505",
        )


def check_workbook_cost(source: Source, name: str) -> None:
    """Raise InputError for a workbook (.xlsx, or the .xlsx LibreOffice made of an .xls or .ods)
    holding more cells or elements than a form ever needs, or a DTD."""
    count = scan_package(source, "workbook")
    if count is None:
        return
    if count.doctype:
        raise InputError(
            f"{name}: tệp có khai báo thực thể XML (DOCTYPE/ENTITY), thứ Excel không bao giờ ghi",
            hint="không đọc tệp này; kiểm tra nguồn của tệp, hoặc mở bằng Excel và lưu lại dạng .xlsx",
            code="KIT115",
        )
    if count.cells > MAX_SHEET_CELLS or count.elements > MAX_WORKBOOK_ELEMENTS:
        limit = _thousands(MAX_SHEET_CELLS)
        raise InputError(
            f"{name}: tệp quá lớn hoặc quá phức tạp (hơn {limit} ô)",
            hint="xóa các ô và dòng thừa (chọn vùng trống, Delete rồi lưu lại), hoặc chia thành nhiều tệp",
            code="KIT506",
        )


def is_opendocument(source: Source) -> bool:
    """Whether a zip is an OpenDocument spreadsheet (its first entry, mimetype, says so)."""
    try:
        with _open(source) as archive:
            return archive.read("mimetype")[:80].startswith(b"application/vnd.oasis.opendocument")
    except (zipfile.BadZipFile, OSError, KeyError, EOFError, zlib.error, NotImplementedError):
        return False
    finally:
        if hasattr(source, "seek"):
            source.seek(0)
