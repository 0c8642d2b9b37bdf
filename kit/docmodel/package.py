"""The parts of a .docx the document model is read from, taken out of the zip with zipfile and parsed by
lxml into plain elements: the body (word/document.xml), its styles, numbering and settings, its theme's
fonts, and a header only when a section's page numbers are asked for. python-docx reads the same package
into elements of its own classes and loads every part of it; the check reads only these (most of the time
of `kit check` went into building what was never read).

The parts are found as python-docx finds them (the package's relationships, [Content_Types].xml for the
main part's type), and parsed with the same parser settings (blank text between elements dropped, no
entity resolved), so the model is the same whichever opened the file (tests/docmodel/test_package.py).
The guards on what a zip unpacks to and on what its XML costs (kit.ziplimits, kit.inputcost) run on the
archive before any part is parsed (kit.docmodel.document.open_document).
"""

from __future__ import annotations

import posixpath
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from .effective import W, _theme_part

# python-docx's parser (docx.oxml.parser) without its element classes: the same tree, plain elements (and
# no table of xml:id attributes, which only XPath's id() reads).
PARSER = etree.XMLParser(remove_blank_text=True, resolve_entities=False, collect_ids=False)

_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_RELATIONSHIPS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_CONTENT_TYPES = "{http://schemas.openxmlformats.org/package/2006/content-types}"
OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
WORD_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
STYLES, NUMBERING, SETTINGS, THEME = (_R + kind for kind in ("styles", "numbering", "settings", "theme"))
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"  # r:id


class NotWordFile(ValueError):
    """The package's main part is not a Word document (a workbook, a template, a macro-enabled file)."""


def parse(data: bytes):
    """The root element of one XML part (etree.XMLSyntaxError when it is not well-formed XML)."""
    return etree.fromstring(data, PARSER)


def _first_of(relationships: dict[str, tuple[str, str]], kind: str) -> str | None:
    return next((target for rel_kind, target in relationships.values() if rel_kind == kind), None)


def _content_type(types, partname: str) -> str | None:
    """The part's content type as [Content_Types].xml (its root `types`) gives it: its override, else the
    default of its extension."""
    for override in types.iter(_CONTENT_TYPES + "Override"):
        if override.get("PartName") == partname:
            return override.get("ContentType")
    extension = posixpath.splitext(partname)[1][1:]
    for default in types.iter(_CONTENT_TYPES + "Default"):
        if default.get("Extension") == extension:
            return default.get("ContentType")
    return None


@dataclass
class WordParts:
    """The parts of one opened .docx the model reads. `blobs` holds the bytes of the parts read so far
    (entry name → bytes), for the cost guard to count without unpacking them again."""

    archive: zipfile.ZipFile = field(repr=False)
    document_part: str  # the main part's name, "/word/document.xml" in every Word file
    relationships: dict[str, tuple[str, str]]  # the main part's: rId → (type, part name)
    blobs: dict[str, bytes] = field(default_factory=dict, repr=False)
    _parsed: dict[str, object] = field(default_factory=dict, repr=False)

    @classmethod
    def open(cls, archive: zipfile.ZipFile, unpacked: dict[str, bytes] | None = None) -> WordParts:
        """The main part and its relationships (KeyError: a part the package needs is missing; NotWordFile:
        the package holds something else than a Word document). `unpacked`: parts already unpacked (entry
        name → bytes), taken from there."""
        parts = cls(archive, "", {}, unpacked if unpacked is not None else {})
        main = _first_of(parts._relationships("/"), OFFICE_DOCUMENT)
        if main is None:
            raise KeyError("no officeDocument relationship")
        content_type = _content_type(parse(parts._entry("[Content_Types].xml")), main)
        if content_type != WORD_MAIN:
            raise NotWordFile(f"the main part is {content_type!r}")
        parts.document_part, parts.relationships = main, parts._relationships(main)
        return parts

    def _entry(self, name: str) -> bytes:
        """The bytes of a zip entry (KeyError when there is none)."""
        data = self.blobs.get(name)
        if data is None:
            data = self.blobs[name] = self.archive.read(name)
        return data

    def _relationships(self, partname: str) -> dict[str, tuple[str, str]]:
        """rId → (type, absolute part name) of the internal relationships of `partname` ("/": the package's)."""
        base, name = posixpath.split(partname)
        try:
            data = self._entry(posixpath.join(base, "_rels", name + ".rels").lstrip("/"))
        except KeyError:
            return {}
        found = {}
        for rel in parse(data).iter(_RELATIONSHIPS):
            target, rid, kind = rel.get("Target"), rel.get("Id"), rel.get("Type")
            if rel.get("TargetMode") == "External" or target is None or rid is None or kind is None:
                continue
            # As python-docx's PackURI.from_rel_ref: the target taken from the source part's folder.
            found[rid] = (kind, posixpath.abspath(posixpath.join(base or "/", target)))
        return found

    def blob(self, partname: str | None) -> bytes | None:
        """The bytes of a part (None for no part, or one the package does not hold)."""
        if partname is None:
            return None
        try:
            return self._entry(partname.lstrip("/"))
        except KeyError:
            return None

    def related(self, kind: str) -> str | None:
        """The part the main part relates to by its first relationship of type `kind`."""
        return _first_of(self.relationships, kind)

    def root(self, partname: str | None):
        """The parsed part (None when there is no such part), parsed once."""
        if partname is None:
            return None
        if partname not in self._parsed:
            data = self.blob(partname)
            self._parsed[partname] = parse(data) if data is not None else None
        return self._parsed[partname]

    @property
    def document(self):
        return self.root(self.document_part)

    def header(self, rid: str):
        """The root of the header part the main part relates to by `rid`, or None."""
        found = self.relationships.get(rid)
        return self.root(found[1]) if found is not None else None


@dataclass
class Source:
    """What the model is read from, whoever opened the package: the root elements of the parts, the
    identities that name them for the memos of a batch (kit.docmodel.effective.held), and the header of
    a relationship id."""

    document: Any  # the w:document element
    styles: object | None
    numbering: object | None
    default_tab_stop: str | None  # w:val of w:defaultTabStop in the settings, if set
    theme_blob: bytes | None
    header: Callable[[str], object | None]
    # For the memos of parts read again in a batch: the styles' bytes (plain reader), or the python-docx
    # objects that stay the same while a package is reused (kit.app.check).
    styles_key: bytes | None = None
    styles_owner: object | None = None
    theme_owner: object | None = None
    package_owner: object | None = None


_DEFAULT_TAB_STOP = W + "defaultTabStop"
_FEED = 4096


def _default_tab_stop(settings: bytes | None) -> str | None:
    """w:val of the settings' w:defaultTabStop. The settings part is mostly revision ids, after the few
    settings read here: it is parsed only as far as the default tab stop (XMLSyntaxError for what is not
    well-formed before it)."""
    if settings is None:
        return None
    parser = etree.XMLPullParser(events=("start",), tag=_DEFAULT_TAB_STOP, resolve_entities=False)
    for start in range(0, len(settings), _FEED):
        parser.feed(settings[start : start + _FEED])
        for _, element in parser.read_events():
            parent = element.getparent()
            if parent is not None and parent.getparent() is None:  # a child of w:settings, as Word writes it
                return element.get(W + "val")
    return None


_LATENT_START, _LATENT_END = b"<w:latentStyles", b"</w:latentStyles>"


def without_latent_styles(data: bytes) -> bytes:
    """A styles part's bytes without its w:latentStyles: half its bytes, a third of its elements (the built-in
    styles Word lists, shown or hidden in its gallery) that no format reads (kit.docmodel.effective reads the
    root's w:style and w:docDefaults children only), cut out before parsing. Only as Word writes it: one
    w:latentStyles element with an end tag, and no comment, CDATA section or processing instruction (which could
    hold the same bytes as text); otherwise the part is returned whole."""
    start = data.find(_LATENT_START)
    if start < 0 or data[start + len(_LATENT_START) : start + len(_LATENT_START) + 1] not in (b" ", b">"):
        return data
    end = data.find(_LATENT_END, start)
    if (
        end < 0
        or data.find(_LATENT_START, start + 1) >= 0
        or b"<!" in data
        or data.find(b"<?", 1) >= 0  # a processing instruction after the XML declaration
    ):
        return data
    return data[:start] + data[end + len(_LATENT_END) :]


def source_of_parts(parts: WordParts) -> Source:
    """The parts of a package opened here (KeyError when its main part is missing)."""
    document = parts.document
    if document is None:
        raise KeyError(f"no part {parts.document_part}")
    styles = parts.blob(parts.related(STYLES))
    return Source(
        document=document,
        styles=parse(without_latent_styles(styles)) if styles is not None else None,
        numbering=parts.root(parts.related(NUMBERING)),
        default_tab_stop=_default_tab_stop(parts.blob(parts.related(SETTINGS))),
        theme_blob=parts.blob(parts.related(THEME)),
        header=parts.header,
        styles_key=styles,
    )


def source_of_docx(document) -> Source:
    """The parts of a python-docx Document (one the kit has just rendered, a template of a pack)."""
    try:
        styles = document.part.styles.element  # python-docx makes default styles when the package has none
    except (AttributeError, KeyError, NotImplementedError):
        styles = None
    try:
        numbering = document.part.numbering_part.element
    except (NotImplementedError, KeyError, AttributeError):
        numbering = None
    try:
        found = document.settings.element.find(_DEFAULT_TAB_STOP)
    except (KeyError, ValueError, AttributeError):
        found = None
    theme = _theme_part(document)

    def header(rid: str):
        return document.part.related_parts[rid].element

    return Source(
        document=document.element,
        styles=styles,
        numbering=numbering,
        default_tab_stop=found.get(W + "val") if found is not None else None,
        theme_blob=theme.blob if theme is not None else None,
        header=header,
        styles_owner=styles,
        theme_owner=theme,
        package_owner=document.part,
    )


__all__ = ["PARSER", "WordParts", "Source", "NotWordFile", "parse", "source_of_parts", "source_of_docx", "W"]
