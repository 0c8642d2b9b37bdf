"""A template prepared once and rendered for many records.

docxtpl re-opens the template, re-patches its XML and re-compiles the Jinja template on every
render, then re-zips every part (measured in bench/run.py). Here all of that is done once per
template: the body is patched and compiled once, the parts no tag touches are compressed once and
copied into each output as they are. Per record only the body is rendered, laid out
(kit.render.postprocess) and compressed. The result is the document docxtpl would give
(tests/render/test_compiled.py compares the XML part by part).
"""

from __future__ import annotations

import re
import struct
import zipfile
import zlib
from functools import lru_cache
from pathlib import Path
from typing import Any

from docxtpl import DocxTemplate
from jinja2 import TemplateError
from lxml import etree

from ..docmodel.effective import StyleSheet
from ..errors import InputError
from ..fileio import FIXED_ZIP_TIME
from . import postprocess
from .sandbox import _environment, deadline, locate

_BODY_START = re.compile(r"<w:body\b[^>]*>")
_TAGS = re.compile(rb"\{\{|\{%|\{#")
# The fixed time every zip the kit writes carries (kit.fileio), as DOS (time, date) fields.
_YEAR, _MONTH, _DAY, _HOUR, _MINUTE, _SECOND = FIXED_ZIP_TIME
FIXED_DOS_TIME = (_HOUR << 11 | _MINUTE << 5 | _SECOND // 2, (_YEAR - 1980) << 9 | _MONTH << 5 | _DAY)


# Plain lxml elements (python-docx's element classes are not needed by the layout fixes and parse far
# slower); no entities resolved, no network, as python-docx's own parser.
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, remove_blank_text=False, huge_tree=False)


class _Entry:
    """A zip member compressed once: raw deflate data, CRC and sizes."""

    def __init__(self, name: str, data: bytes, level: int = 6):
        self.name = name.encode("utf-8")
        self.crc = zlib.crc32(data) & 0xFFFFFFFF
        self.size = len(data)
        compressor = zlib.compressobj(level, zlib.DEFLATED, -15)
        self.data = compressor.compress(data) + compressor.flush()


def _zip(entries: list[_Entry]) -> bytes:
    """A zip archive of already-compressed entries (what zipfile would write, without recompressing)."""
    out, central = bytearray(), bytearray()
    time, date = FIXED_DOS_TIME
    for entry in entries:
        offset = len(out)
        out += struct.pack(
            "<IHHHHHIIIHH",
            0x04034B50,
            20,
            0x0800,
            8,
            time,
            date,
            entry.crc,
            len(entry.data),
            entry.size,
            len(entry.name),
            0,
        )
        out += entry.name + entry.data
        central += struct.pack(
            "<IHHHHHHIIIHHHHHII",
            0x02014B50,
            20,
            20,
            0x0800,
            8,
            time,
            date,
            entry.crc,
            len(entry.data),
            entry.size,
            len(entry.name),
            0,
            0,
            0,
            0,
            0o644 << 16,
            offset,
        )
        central += entry.name
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(central), len(out), 0)
    return bytes(out + central + end)


class CompiledTemplate:
    """One Word template, prepared for rendering many records."""

    def __init__(self, path: Path, environment):
        self.path = Path(path)
        with zipfile.ZipFile(self.path) as archive:
            self.names = [info.filename for info in archive.infolist()]
            raw = {name: archive.read(name) for name in self.names}
        others = [name for name in self.names if name not in ("word/document.xml", "docProps/core.xml")]
        # docxtpl also renders headers, footers, footnotes and the core properties as templates.
        tagged = [
            name
            for name in self.names
            if name.endswith(".xml") and name != "word/document.xml" and _TAGS.search(raw[name])
        ]
        if tagged:
            raise ValueError(f"tags outside the body: {tagged}")  # kit.render.docx falls back to docxtpl
        template = DocxTemplate(str(self.path))
        template.init_docx()
        source = re.sub(r"<w:p([ >])", r"\n<w:p\1", template.patch_xml(template.get_xml()))
        self._docxtpl = template
        try:
            self.body = environment.from_string(source)
        except TemplateError as exc:
            _attach_context(exc, source)
            raise
        self._source = source
        document = raw["word/document.xml"].decode("utf-8")
        body = _BODY_START.search(document)
        if body is None:
            raise InputError(
                "mẫu Word không có phần thân (w:body)", hint="mở tệp bằng Word và lưu lại dạng .docx", code="KIT196"
            )
        start = body.start()
        end = document.rindex("</w:body>") + len("</w:body>")
        self.prefix, self.suffix = document[:start], document[end:]
        self.core = raw.get("docProps/core.xml", b"").decode("utf-8")
        self.entries = {name: _Entry(name, raw[name]) for name in others}
        styles = raw.get("word/styles.xml")
        styles_root = etree.fromstring(styles) if styles else None
        self.styles = StyleSheet(styles_root)
        self.marks = postprocess.StyleMarks.of(styles_root)
        self.text_width = postprocess.text_width_of(etree.fromstring(raw["word/document.xml"], _PARSER))
        self._line_memo: dict = {}
        self._cores: dict = {}

    def _body_xml(self, context: dict[str, Any]) -> str:

        try:
            with deadline():
                xml = self.body.render(context)
        except (TemplateError, RecursionError) as exc:
            located = locate(exc)
            _attach_context(located, self._source)
            raise located from None
        xml = re.sub(r"\n<w:p([ >])", r"<w:p\1", xml)
        if "_}" in xml or "{_" in xml:  # docxtpl's escapes for braces typed in the template
            xml = xml.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%").replace("%_}", "%}")
        if "\t" in xml or "\a" in xml or "\f" in xml or "\n" in xml:
            xml = self._docxtpl.resolve_listing(xml)  # tabs, line breaks and page breaks inside values
        return _BODY_START.sub("<w:body>", xml, count=1)

    def _core_entry(self, provenance: dict[str, str] | None) -> _Entry:
        # The documents of one batch from one template share their provenance record.
        key = tuple(sorted(provenance.items())) if provenance else ()
        entry = self._cores.get(key)
        if entry is None:
            if len(self._cores) > 256:  # provenance that differs per document: do not grow without end
                self._cores.clear()
            entry = self._cores[key] = _Entry("docProps/core.xml", _core_with(self.core, provenance).encode("utf-8"))
        return entry

    def render(self, context: dict[str, Any], provenance: dict[str, str] | None = None) -> bytes:
        root = etree.fromstring((self.prefix + self._body_xml(context) + self.suffix).encode("utf-8"), _PARSER)
        postprocess.apply_to(root, self.styles, self.text_width, self._line_memo, self.marks)
        document = etree.tostring(root, encoding="UTF-8", standalone=True)
        entries = []
        for name in self.names:
            if name == "word/document.xml":
                # Level 1: the body changes per document; its few KB gain little from slower levels.
                entries.append(_Entry(name, document, level=1))
            elif name == "docProps/core.xml":
                entries.append(self._core_entry(provenance))
            else:
                entries.append(self.entries[name])
        return _zip(entries)


def _attach_context(exc: TemplateError, source: str) -> None:
    """The text of the paragraphs around the error, as docxtpl attaches it (exc.docx_context)."""
    lineno = getattr(exc, "lineno", None)
    if lineno is not None:
        start = max(lineno - 4, 0)
        lines = source.splitlines()[start : start + 7]
        exc.docx_context = [re.sub(r"<[^>]+>", "", line) for line in lines]  # type: ignore[attr-defined]


def _core_with(core: str, provenance: dict[str, str] | None) -> str:
    """The core properties with the provenance record, as python-docx writes them."""
    if not provenance:
        return core
    from docx.opc.parts.coreprops import CorePropertiesPart

    part = CorePropertiesPart.load(None, None, core.encode("utf-8"), None)  # type: ignore[arg-type]
    part.core_properties.identifier = provenance.get("identifier", "")
    part.core_properties.comments = provenance.get("comments", "")
    return etree.tostring(part.element, encoding="UTF-8", standalone=True).decode("utf-8")


@lru_cache(maxsize=32)
def compiled(path: str, mtime: float) -> CompiledTemplate | None:
    """The compiled template at `path` (None when it has tags the fast path does not handle)."""

    try:
        return CompiledTemplate(Path(path), _environment())
    except ValueError:
        return None
    except TemplateError:
        raise
    except (OSError, KeyError, zipfile.BadZipFile) as exc:
        raise InputError(
            f"mẫu {path}: không đọc được tệp mẫu Word ({exc})", hint="kiểm tra tệp mẫu", code="KIT190"
        ) from None
