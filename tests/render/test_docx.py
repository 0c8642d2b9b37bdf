"""Rendering a template: sandboxed, escaping data, errors that name the template and paragraph."""

import io

import docx
import pytest

from kit.errors import InputError
from kit.render import render_template


def _template(tmp_path, *paragraphs):
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    path = tmp_path / "mau.docx"
    document.save(path)
    return path


def _text(data: bytes):
    return [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]


def test_data_is_escaped_and_printed_as_typed(tmp_path):
    path = _template(tmp_path, "{{ ten }}")
    assert _text(render_template(path, {"ten": 'A & B <c> "d" {{ e }}'})) == ['A & B <c> "d" {{ e }}']


def test_syntax_error_names_template_and_paragraph(tmp_path):
    path = _template(tmp_path, "Đoạn một", "Đoạn hai", "{% if %}")
    with pytest.raises(
        InputError,
        match=r"^mẫu mau\.docx, đoạn 3: lỗi thẻ Jinja: .* \(gần: “\{% if %\}”\) — sửa thẻ trong tệp mẫu Word$",
    ):
        render_template(path, {})


def test_unknown_field_is_an_error_not_a_blank(tmp_path):
    path = _template(tmp_path, "{{ khong_co }}")
    with pytest.raises(InputError, match="'khong_co' is undefined"):
        render_template(path, {})


def test_sandbox_refuses_reaching_into_python(tmp_path):
    path = _template(tmp_path, "{{ ten.__class__.__mro__[1].__subclasses__() }}")
    with pytest.raises(InputError, match="lỗi thẻ Jinja"):
        render_template(path, {"ten": "x"})


def test_not_a_docx_template(tmp_path):
    path = tmp_path / "hong.docx"
    path.write_bytes(b"not a zip")
    with pytest.raises(InputError, match="không đọc được tệp mẫu Word"):
        render_template(path, {})


@pytest.mark.parametrize(
    "tag",
    [
        "{{ cycler.__init__.__globals__ }}",
        "{{ ''.__class__.__mro__ }}",
        "{{ ten|attr('__class__') }}",
        "{{ range(10) }}",
    ],
)
def test_escapes_and_unvetted_helpers_are_refused(tmp_path, tag):
    path = _template(tmp_path, tag)
    with pytest.raises(InputError, match="lỗi thẻ Jinja"):
        render_template(path, {"ten": "x"})
