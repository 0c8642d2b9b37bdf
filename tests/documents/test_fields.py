"""The field catalogue (kit.documents.fields) is the one list of what a template may use: it must say
exactly what the builders give, with the right types, and name sheets and columns the forms have."""

from __future__ import annotations

from collections import defaultdict

import pytest

from kit.app.forms import form_of
from kit.app.packs import sample_contexts, template_variables
from kit.cli import main
from kit.documents import BUILDERS
from kit.documents.fields import FIELDS, fields_of, paths, references, top_level, type_matches
from kit.documents.ho_so import PART_BUILDERS
from kit.packs import get_pack


def _builder_of(spec, template):
    if spec.kind == "dossier":
        return next(part.builder for part in spec.parts if part.template == template.id)
    return spec.builder


@pytest.fixture(scope="module")
def built_in():
    """Per builder: every (name, value) its contexts give for the samples of every built-in template,
    the forms those templates read and the Word templates it fills."""
    pack = get_pack("builtin")
    seen: dict[str, list[tuple[str, object]]] = defaultdict(list)
    forms: dict[str, list] = defaultdict(list)
    files: dict[str, set] = defaultdict(set)
    for spec in pack.templates:
        if spec.kind == "part":
            continue
        form = form_of(spec, pack)
        for template, context in sample_contexts(spec, pack).values():
            builder = _builder_of(spec, template)
            seen[builder] += list(paths(context))
            forms[builder].append(form)
            files[builder].add(template.file)
    return seen, forms, files


def test_every_builder_has_a_catalogue_and_every_catalogue_a_builder():
    assert set(FIELDS) == set(BUILDERS) | set(PART_BUILDERS)


def _differences(pairs, listed):
    """(fields given but not listed, fields listed but never given)."""
    given = {name for name, _ in pairs}
    return sorted(given - set(listed)), sorted(set(listed) - given)


def test_the_catalogue_lists_exactly_what_the_builders_give(built_in):
    seen, _, _ = built_in
    assert set(seen) == set(FIELDS)  # every builder is exercised by a built-in sample
    for builder, pairs in seen.items():
        listed = [info.name for info in fields_of(builder)]
        assert len(listed) == len(set(listed)), f"{builder}: a name listed twice"
        assert _differences(pairs, listed) == ([], []), builder


def test_the_comparison_sees_a_forgotten_and_an_invented_field(built_in):
    seen, _, _ = built_in
    listed = [info.name for info in fields_of("to_trinh")]
    assert _differences(seen["to_trinh"], listed[1:]) == ([listed[0]], [])
    assert _differences(seen["to_trinh"], [*listed, "nhom[].muc[].ngay_sinh"]) == ([], ["nhom[].muc[].ngay_sinh"])


def test_each_value_has_the_type_the_catalogue_says(built_in):
    seen, _, _ = built_in
    for builder, pairs in seen.items():
        kinds = {info.name: info.type for info in fields_of(builder)}
        wrong = sorted({name for name, value in pairs if not type_matches(kinds[name], value)})
        assert wrong == [], f"{builder}: {wrong}"


def test_sources_name_sheets_and_columns_the_forms_have(built_in):
    _, forms, _ = built_in
    for builder, used in forms.items():
        for info in fields_of(builder):
            for form in used:
                for sheet_key, key in references(info.source):
                    sheet = form.sheet(sheet_key)  # KeyError: no such sheet
                    if key is not None:
                        sheet.field(key)  # KeyError: no such field or column
            assert info.description and info.source, info.name


def test_the_built_in_templates_use_only_catalogued_names(built_in):
    _, _, files = built_in
    for builder, paths_used in files.items():
        for path in paths_used:
            assert template_variables(path) - top_level(builder) == set(), path.name


def test_kit_templates_fields_prints_names_types_examples_and_sources(capsys):
    assert main(["templates", "ho-so-khen-thuong", "--fields"]) == 0
    out = capsys.readouterr().out
    # one section per part of the dossier, in the order of pack.toml
    headings = [line for line in out.splitlines() if line.startswith("# ")]
    assert [h.split()[1] for h in headings] == [
        "to-trinh-khen-thuong",
        "bien-ban-xet-khen-thuong",
        "danh-sach-khen-thuong",
        "bao-cao-thanh-tich",
        "quyet-dinh-khen-thuong",
        "danh-sach-kem-theo-quyet-dinh",
    ]
    rows: dict[str, list[str]] = {}
    for line in out.splitlines():
        if "\t" in line:
            rows.setdefault(line.split("\t")[0], line.split("\t"))  # the first section's (Tờ trình) row
    # example from the form's sample, sheet and column labels from the form definition
    assert rows["nhom[].muc[].ten_day_du"][1] == "chữ"
    assert rows["nhom[].muc[].ten_day_du"][2].startswith("Ông Nguyễn Văn An, Trưởng phòng")
    # (the last section's: the report's unit, when given, else the proposing unit)
    report = out[out.index("# bao-cao-thanh-tich") : out.index("# quyet-dinh-khen-thuong")]
    report_rows = {line.split("\t")[0]: line.split("\t") for line in report.splitlines() if "\t" in line}
    assert report_rows["co_quan_ban_hanh"][3] == (
        "Danh sách › Đơn vị trên báo cáo (nếu khác), hoặc Hồ sơ › Đơn vị đề nghị khi để trống; in hoa"
    )
    assert rows["co_quan_ban_hanh"][3] == "Hồ sơ › Đơn vị đề nghị, in hoa"  # the Tờ trình's
    assert rows["danh_sach.dong[].tt"][1] == "chữ"
    assert rows["ca_nhan"][1:3] == ["có/không", "có / không"]


def test_kit_templates_fields_of_a_document_and_of_a_part(capsys):
    assert main(["templates", "ke-hoach-phat-dong", "--fields"]) == 0
    out = capsys.readouterr().out
    rows = {line.split("\t")[0]: line.split("\t") for line in out.splitlines() if "\t" in line}
    assert rows["so_ky_hieu"][2] == "Số: 45/KH-SNV"
    assert rows["bang.dong[].noi_dung"][1] == "danh sách chữ"
    assert main(["templates", "bao-cao-thanh-tich", "--fields"]) == 0
    out = capsys.readouterr().out
    assert "ly_lich.ho_ten\tchữ\tNguyễn Văn An\tDanh sách › Họ và tên / Tên tập thể" in out


def test_fields_without_a_template_is_a_usage_error(capsys):
    assert main(["templates", "--fields"]) == 2
    assert "kit templates ke-hoach --fields" in capsys.readouterr().err
    assert main(["templates", "khong-co", "--fields"]) == 2


def test_kit_templates_with_one_template_prints_its_line(capsys):
    assert main(["templates", "to-trinh-khen-thuong"]) == 0
    assert (
        capsys.readouterr().out
        == "to-trinh-khen-thuong\tTờ trình đề nghị khen thưởng\tTờ trình (TTr) — một phần của hồ sơ\n"
    )
