"""The compiled renderer gives the document docxtpl gives, part by part."""

import copy
import io
import zipfile

import pytest
from lxml import etree

from kit.app import sample_contexts
from kit.packs import builtin_pack
from kit.render.compiled import compiled
from kit.render.docx import _render_with_docxtpl, render_template

PROVENANCE = {"identifier": "vanban-kit:test", "comments": '{"template": "test"}'}


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None  # every member's CRC checks out
        return {name: archive.read(name) for name in archive.namelist()}


def _canonical(xml: bytes) -> bytes:
    return etree.tostring(etree.fromstring(xml), method="c14n")


def _properties(xml: bytes) -> dict[str, str]:
    """The core properties as values (docxtpl writes an empty element where the template had none)."""
    return {etree.QName(e).localname: (e.text or "") for e in etree.fromstring(xml) if e.text}


def _records():
    """Every document each built-in template makes from its sample, and a variant with awkward data."""
    pack = builtin_pack()
    records = []
    for spec in pack.templates:
        if spec.kind != "part":
            records += [(name, template, context) for name, (template, context) in sample_contexts(spec, pack).items()]
    for name, template, context in records:
        yield pytest.param(template.file, context, id=name)
    name, template, context = next(r for r in records if r[1].id == "bao-cao-thanh-tich")
    awkward = copy.deepcopy(context)
    for key, value in awkward.items():
        if isinstance(value, str) and value:
            awkward[key] = value + " & <b> “{{ x }}”\tcột\nhàng mới"
    yield pytest.param(template.file, awkward, id="awkward-data")


RECORDS = list(_records())


def test_every_builtin_template_is_compiled():
    assert len(RECORDS) >= 8
    for param in RECORDS:
        path = param.values[0]
        assert compiled(str(path), path.stat().st_mtime) is not None, path.name


@pytest.mark.parametrize("template, context", RECORDS)
def test_same_parts_as_docxtpl(template, context):
    fast = _parts(render_template(template, context, PROVENANCE))
    slow = _parts(_render_with_docxtpl(template, context, PROVENANCE, None))
    assert sorted(fast) == sorted(slow)
    for name in slow:
        if name == "docProps/core.xml":
            assert _properties(fast[name]) == _properties(slow[name])
        elif name.endswith(".xml") or name.endswith(".rels"):
            assert _canonical(fast[name]) == _canonical(slow[name]), name
        else:
            assert fast[name] == slow[name], name


def test_rendering_twice_gives_the_same_bytes():
    template, context = RECORDS[0].values
    assert render_template(template, context, PROVENANCE) == render_template(template, context, PROVENANCE)


def test_a_template_with_tags_in_its_header_is_rendered_by_docxtpl(tmp_path):
    import docx

    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "{{ co_quan }}"
    document.add_paragraph("{{ ten }}")
    path = tmp_path / "mau.docx"
    document.save(path)
    assert compiled(str(path), path.stat().st_mtime) is None
    out = docx.Document(io.BytesIO(render_template(path, {"co_quan": "SỞ A", "ten": "B"})))
    assert out.sections[0].header.paragraphs[0].text == "SỞ A"
    assert out.paragraphs[0].text == "B"


def test_a_template_with_tags_in_its_properties_is_rendered_by_docxtpl(tmp_path):
    import docx

    document = docx.Document()
    document.core_properties.title = "{{ ten }}"
    document.add_paragraph("{{ ten }}")
    path = tmp_path / "mau.docx"
    document.save(path)
    assert compiled(str(path), path.stat().st_mtime) is None
    assert docx.Document(io.BytesIO(render_template(path, {"ten": "B"}))).core_properties.title == "B"
