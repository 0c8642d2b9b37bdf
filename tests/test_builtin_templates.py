"""The Word templates shipped in the built-in and sample packs: lean, and every style they name exists."""

import posixpath
import re
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = sorted((ROOT / "templates").glob("*/*.docx")) + sorted(
    (ROOT / "samples" / "packs").glob("*/templates/*.docx")
)


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_template_is_lean_and_names_only_styles_it_defines(template):
    with zipfile.ZipFile(template) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    # Every generated document and every check parses the styles part: it must stay small.
    assert len(parts["word/styles.xml"]) < 40_000
    assert "word/stylesWithEffects.xml" not in parts and "docProps/thumbnail.jpeg" not in parts
    defined = set(re.findall(rb'<w:style [^>]*w:styleId="([^"]+)"', parts["word/styles.xml"]))
    for name, data in parts.items():
        if name.endswith(".xml") and name != "word/styles.xml":
            named = set(re.findall(rb'<w:(?:pStyle|rStyle|tblStyle) w:val="([^"]+)"', data))
            assert named <= defined, (name, named - defined)
    for base, rels in (("", "_rels/.rels"), ("word", "word/_rels/document.xml.rels")):
        for target in re.findall(r'Target="([^"]+)"', parts[rels].decode()):
            if not target.startswith("http"):
                assert posixpath.normpath(posixpath.join(base, target)) in parts, (rels, target)
