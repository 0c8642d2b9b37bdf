"""Packs: discovery order, inheritance and overrides, the version gates, provenance, defaults."""

import io
import json
import shutil

import docx
import pytest
from openpyxl import load_workbook

from kit import app as api
from kit.errors import InputError, UsageError
from kit.packs import builtin_pack, get_pack, pack_at
from kit.packs.discover import all_manifests
from kit.resources import templates_dir
from tests.conftest import data as plan_data
from tests.packs.conftest import LANG_SON, copy_pack


def _write(folder, text):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "pack.toml").write_text(text, encoding="utf-8")
    return folder


def test_builtin_pack_lists_the_plan_template():
    pack = builtin_pack()
    spec = pack.template("ke-hoach")
    assert (pack.id, spec.type_abbreviation, spec.file.is_file()) == ("builtin", "KH", True)
    with pytest.raises(UsageError, match="các mẫu có sẵn: ke-hoach"):
        pack.template("khong-co")


def test_a_pack_needing_a_newer_kit_is_refused(tmp_path):
    root = tmp_path / "pack"
    shutil.copytree(templates_dir(), root)
    manifest = root / "pack.toml"
    manifest.write_text(
        manifest.read_text(encoding="utf-8").replace('min_kit_version = "0.1.0"', 'min_kit_version = "9.0.0"'),
        encoding="utf-8",
    )
    with pytest.raises(InputError, match="cần vanban-kit 9.0.0 trở lên"):
        pack_at(root)


def test_discovery_order_project_then_user_then_kit_packs_then_builtin(isolated, monkeypatch):
    body = 'id = "tinh"\ntitle = "{title}"\nversion = "1.0.0"\nextends = "builtin"\n'
    _write(isolated / "work" / "packs" / "tinh", body.format(title="dự án"))
    _write(isolated / "data" / "packs" / "tinh", body.format(title="người dùng"))
    _write(isolated / "env" / "tinh", body.format(title="biến môi trường"))
    _write(isolated / "env" / "khac", 'id = "khac"\ntitle = "khác"\nversion = "1.0.0"\n')
    monkeypatch.setenv("KIT_PACKS", str(isolated / "env"))
    assert get_pack("tinh").title == "dự án"
    shutil.rmtree(isolated / "work" / "packs")
    assert get_pack("tinh").title == "người dùng"
    shutil.rmtree(isolated / "data" / "packs" / "tinh")
    assert get_pack("tinh").title == "biến môi trường"
    assert [m.id for _, m in all_manifests()] == ["khac", "tinh", "builtin"]  # in a folder: by name
    with pytest.raises(UsageError, match="không tìm thấy gói mẫu 'nao-do'"):
        get_pack("nao-do")


def test_extends_overrides_data_replaces_and_adds_templates(lang_son):
    pack = get_pack("lang-son")
    assert [m.id for m in pack.chain] == ["lang-son", "builtin"]
    assert pack.template("ke-hoach").file == LANG_SON / "templates" / "ke-hoach.docx"  # replaced
    assert pack.template("to-trinh-khen-thuong").file.parent.parent == templates_dir()  # inherited
    assert pack.template("chuong-trinh").form == "chuong-trinh"  # added, with its own form
    awards = {a["name"]: a for a in pack.data()["awards"]["awards"]}
    assert awards["Chiến sĩ thi đua cơ sở"]["threshold"] == 90 and awards["Chiến sĩ thi đua cơ sở"]["kind"] == "ca_nhan"
    assert awards["Cờ thi đua của Ủy ban nhân dân tỉnh"]["threshold"] == 80  # inherited entry
    assert "legal_bases" in pack.data() and pack.defaults["dia_danh"] == "Lạng Sơn"
    assert pack.rules == {"off": ["VB703"], "severity": {"VB701": "error"}}


def test_extends_cycle_and_missing_base_are_clear_errors(isolated, monkeypatch):
    _write(isolated / "env" / "a", 'id = "a"\ntitle = "A"\nversion = "1.0.0"\nextends = "b"\n')
    _write(isolated / "env" / "b", 'id = "b"\ntitle = "B"\nversion = "1.0.0"\nextends = "a"\n')
    _write(isolated / "env" / "c", 'id = "c"\ntitle = "C"\nversion = "1.0.0"\nextends = "khong-co"\n')
    monkeypatch.setenv("KIT_PACKS", str(isolated / "env"))
    with pytest.raises(InputError, match="vòng lặp kế thừa"):
        get_pack("a")
    with pytest.raises(InputError, match="kế thừa gói 'khong-co' nhưng gói này chưa được cài"):
        get_pack("c")


def test_form_fill_and_provenance_with_the_province_pack(lang_son, tmp_path):
    blank = api.build_form("ke-hoach", tmp_path / "trong.xlsx", pack="lang-son")
    wb = load_workbook(blank)
    meta = {row[0]: row[1] for row in wb["_kit"].iter_rows(min_row=2, values_only=True)}
    assert (meta["pack"], meta["pack_version"], meta["template_version"]) == ("lang-son", "1.0.0", "1.1.0")
    assert wb["Văn bản"]["B2"].value == "UBND tỉnh Lạng Sơn" and wb["Văn bản"]["B6"].value == "Lạng Sơn"
    assert [r[0].value for r in wb["Nơi nhận"].iter_rows(min_row=2, max_row=4)] == [
        "Ban Thi đua - Khen thưởng tỉnh",
        "Lãnh đạo Sở",
        "Các phòng, đơn vị thuộc Sở",
    ]
    book = tmp_path / "k.xlsx"
    book.write_bytes(api.workbook_bytes("ke-hoach", plan_data(), get_pack("lang-son")))
    made = docx.Document(io.BytesIO(api.render_workbook(book)))
    assert [c.text for c in made.tables[1].rows[0].cells] == ["TT", "NỘI DUNG CÔNG VIỆC", "ĐƠN VỊ THỰC HIỆN"]
    spec = get_pack("lang-son").template("ke-hoach")
    assert made.core_properties.identifier == f"lang-son@1.0.0/ke-hoach@1.1.0#sha256:{spec.sha256}"
    assert "gói lang-son 1.0.0" in made.core_properties.comments


def test_dossier_with_the_province_pack_applies_its_threshold_and_records_it(lang_son, tmp_path):
    from kit.errors import WorkbookError

    # The Sở's own year-end titles (its Giám đốc decides them): Hoàng Minh Châu, Chiến sĩ thi đua cơ sở, 6/7 votes.
    own = api.load_sample(LANG_SON.parents[1] / "ho-so-thuong-xuyen-so-noi-vu.toml")
    book = tmp_path / "hs.xlsx"
    book.write_bytes(api.workbook_bytes("ho-so-khen-thuong", own, pack=get_pack("lang-son")))
    with pytest.raises(WorkbookError, match="dưới mức 90% của Chiến sĩ thi đua cơ sở"):
        api.dossier(book, tmp_path / "ra")
    builtin_book = api.build_form("ho-so-khen-thuong", tmp_path / "hs2.xlsx", sample=True)
    result = api.dossier(builtin_book, tmp_path / "ra")
    manifest = json.loads((result.folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["pack"] == {"id": "builtin", "version": "1.0.0"}
    assert all(len(entry["template_sha256"]) == 64 for entry in manifest["files"])


def test_workbook_from_another_pack_version_or_an_uninstalled_pack(lang_son, tmp_path, monkeypatch):
    book = api.build_form("ke-hoach", tmp_path / "k.xlsx", sample=True, pack="lang-son")
    newer = copy_pack(LANG_SON, tmp_path / "newer" / "lang-son")
    manifest = newer / "pack.toml"
    manifest.write_text(
        manifest.read_text(encoding="utf-8").replace('version = "1.0.0"\nmin_kit', 'version = "2.0.0"\nmin_kit'),
        encoding="utf-8",
    )
    monkeypatch.setenv("KIT_PACKS", str(newer.parent))
    with pytest.raises(InputError, match="tạo từ gói 'lang-son' phiên bản 1.0.0, gói đã cài là 2.0.0"):
        api.render_workbook(book)
    monkeypatch.delenv("KIT_PACKS")
    with pytest.raises(InputError, match="thuộc gói mẫu 'lang-son' chưa được cài"):
        api.render_workbook(book)


def test_check_uses_the_pack_rule_settings(lang_son, tmp_path):
    from kit.checks import RULES, CheckContext
    from kit.checks.runner import check_document
    from tests.checks.builder import Spec, model

    settings = CheckContext.from_settings(get_pack("lang-son").rules, RULES)
    spec = Spec(body=["Đẩy mạnh  phong trào thi đua.", "Hết."])  # a double space (VB703), no ./. (VB701)
    builtin = {(f.code, f.severity.value) for f in check_document(model(spec))}
    province = {(f.code, f.severity.value) for f in check_document(model(spec), context=settings)}
    assert ("VB703", "warning") in builtin and ("VB701", "warning") in builtin
    assert "VB703" not in {code for code, _ in province} and ("VB701", "error") in province


def test_a_pack_template_reaching_for_python_fails_naming_pack_and_template(lang_son, tmp_path, monkeypatch):
    from docx.text.paragraph import Paragraph

    from kit.docmodel.effective import W

    pack_copy = copy_pack(LANG_SON, tmp_path / "env" / "lang-son")
    template = pack_copy / "templates" / "ke-hoach.docx"
    document = docx.Document(str(template))
    run = next(
        r
        for p in document.element.body.iter(W + "p")
        for r in Paragraph(p, document).runs
        if "{{ trich_yeu }}" in r.text
    )
    run.text = "{{ cycler.__init__.__globals__ }}"
    document.save(str(template))
    monkeypatch.setenv("KIT_PACKS", str(pack_copy.parent))
    book = tmp_path / "k.xlsx"
    book.write_bytes(api.workbook_bytes("ke-hoach", plan_data(), get_pack("lang-son")))
    with pytest.raises(InputError, match=r"^gói lang-son, mẫu ke-hoach\.docx(, đoạn \d+)?: lỗi thẻ Jinja: .*unsafe"):
        api.fill([book], tmp_path / "ra")
    assert not (tmp_path / "ra").exists()
