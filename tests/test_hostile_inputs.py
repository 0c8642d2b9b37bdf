"""Small crafted inputs (issue 12, parts 2–5): nothing leaks, nothing hangs or eats the machine, every
refusal is one clear line with exit code 3, and invisible characters do not make a second person."""

import copy
import html
import io
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from kit.app import load_sample, workbook_bytes
from kit.cli import main

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = load_sample(ROOT / "samples" / "ho-so-khen-thuong-so-noi-vu.toml")


def run(capsys, *args):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


# --- 5. Identity of people ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "invisible", ["\u200e", "\u00ad", "\u202e", "\u034f", "\u3164", "\U000e0041\U000e007f", "\u2066", "\u180e"]
)
def test_an_invisible_character_does_not_make_a_second_person(tmp_path, capsys, invisible):
    data = copy.deepcopy(SAMPLE)
    twin = copy.deepcopy(data["danh_sach"][0])
    assert twin["ten"] == "Nguyễn Văn An"
    twin["ten"] = f"Nguyễn Văn{invisible} An"
    data["danh_sach"].append(twin)
    workbook = tmp_path / "hs.xlsx"
    workbook.write_bytes(workbook_bytes("ho-so-khen-thuong", data))
    code, out, err = run(capsys, "dossier", workbook, "-o", tmp_path / "out")
    assert code == 3 and out == ""
    assert err.startswith("Lỗi: hs.xlsx, sheet 'Danh sách', ô B7 (Họ và tên / Tên tập thể): “Nguyễn Văn")
    assert "có hai lần trong danh sách (dòng 2)" in err
    assert not (tmp_path / "out").exists()


# --- 2. Nothing leaks: pack text never becomes a formula --------------------------------------------

LANG_SON = ROOT / "samples" / "packs" / "lang-son"


@pytest.fixture
def isolated(tmp_path, monkeypatch):
    """Pack discovery confined to the test."""
    monkeypatch.setenv("KIT_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.delenv("KIT_PACKS", raising=False)
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    return tmp_path


def _formulas(xlsx: Path) -> list[str]:
    archive = zipfile.ZipFile(xlsx)
    return [
        name
        for name in archive.namelist()
        if name.startswith("xl/worksheets/") and re.search(rb"<(?:\w+:)?f[ >/]", archive.read(name))
    ]


def _all_text(xlsx: Path) -> str:
    archive = zipfile.ZipFile(xlsx)
    return html.unescape(
        "".join(archive.read(name).decode("utf-8") for name in archive.namelist() if name.endswith(".xml"))
    )


def test_pack_text_is_written_as_text_never_as_a_formula(isolated, tmp_path, capsys, monkeypatch):
    pack = tmp_path / "packs" / "p"
    shutil.copytree(LANG_SON, pack)
    toml = (pack / "pack.toml").read_text(encoding="utf-8").replace('id = "lang-son"', 'id = "p"', 1)
    (pack / "pack.toml").write_text(toml, encoding="utf-8")
    with open(pack / "data" / "awards.toml", "a", encoding="utf-8") as awards:
        awards.write(
            '\n[[awards]]\nname = "=WEBSERVICE(\\"http://203.0.113.9/x\\")"\nkind = "ca_nhan"\nthreshold = 50\n'
        )
    form = (ROOT / "forms" / "ke-hoach.toml").read_text(encoding="utf-8")
    form = form.replace('id = "ke-hoach"', 'id = "chuong-trinh"', 1).replace(
        'sample = "ke-hoach-tdkt-2021-so-khdt-lang-son.toml"', ""
    )
    form = form.replace("lines = [\n", 'lines = [\n    "=HYPERLINK(\\"http://203.0.113.9/\\",\\"Bấm\\")",\n', 1)
    form = form.replace('header = ["Thông tin", "Nội dung", "Hướng dẫn"]', 'header = ["=1+1", "Nội dung", "Hướng dẫn"]')
    form = form.replace('help = "Cơ quan cấp trên trực tiếp', 'help = "=2+2 Cơ quan cấp trên trực tiếp')
    form = form.replace('label = "Cơ quan chủ quản"', 'label = "=3+3"')
    (pack / "forms" / "chuong-trinh.toml").write_text(form, encoding="utf-8")
    monkeypatch.setenv("KIT_PACKS", str(pack.parent))
    for template in ("ho-so-khen-thuong", "chuong-trinh"):
        target = tmp_path / f"{template}.xlsx"
        code, _, err = run(capsys, "form", template, "--pack", "p", "-o", target)
        assert code == 0, err
        assert _formulas(target) == []
    text = _all_text(tmp_path / "ho-so-khen-thuong.xlsx")
    assert '<t>=WEBSERVICE("http://203.0.113.9/x")</t>' in text
    text = _all_text(tmp_path / "chuong-trinh.xlsx")
    for typed in ("=HYPERLINK(", "=1+1", "=2+2 Cơ quan", "=3+3"):
        assert typed in text


# --- 2. Nothing leaks: every path of a pack stays inside it; the built-in id is reserved -------------


def _pack(folder: Path, pack_id: str = "pk") -> Path:
    """A copy of the sample province pack under another id."""
    shutil.copytree(LANG_SON, folder)
    toml = (folder / "pack.toml").read_text(encoding="utf-8").replace('id = "lang-son"', f'id = "{pack_id}"', 1)
    (folder / "pack.toml").write_text(toml, encoding="utf-8")
    return folder


def _set_form(pack: Path, old: str, new: str) -> None:
    form = pack / "forms" / "chuong-trinh.toml"
    text = form.read_text(encoding="utf-8")
    assert old in text
    form.write_text(text.replace(old, new), encoding="utf-8")


def _outside_sample(pack: Path, tmp_path: Path) -> str:
    private = tmp_path / "elsewhere" / "private.toml"
    private.parent.mkdir()
    shutil.copy(pack / "samples" / "chuong-trinh-2026.toml", private)
    return str(private)


def _outside_base_form(pack: Path, tmp_path: Path) -> str:
    outside = pack.parent / "outside"
    outside.mkdir()
    shutil.copy(ROOT / "forms" / "ke-hoach.toml", outside / "base.toml")
    return "../../outside/base"


@pytest.mark.parametrize("key, value", [("sample", _outside_sample), ("extends", _outside_base_form)])
def test_a_form_naming_a_file_outside_its_pack_is_refused_by_lint_install_and_use(
    isolated, tmp_path, capsys, monkeypatch, key, value
):
    pack = _pack(tmp_path / "src" / "pk")
    path = value(pack, tmp_path)
    old = 'sample = "chuong-trinh-2026.toml"' if key == "sample" else 'extends = "ke-hoach"'
    _set_form(pack, old, f'{key} = "{path}"')
    code, out, _ = run(capsys, "packs", "lint", pack)
    assert code == 1 and f"{key} '{path}'" in out and "không ghi đường dẫn" in out
    code, _, err = run(capsys, "packs", "install", pack)
    assert code == 3 and f"{key} '{path}'" in err and err.count("\n") == 1
    assert not (tmp_path / "data" / "packs" / "pk").exists()
    monkeypatch.setenv("KIT_PACKS", str(pack.parent))
    code, _, err = run(capsys, "form", "chuong-trinh", "--pack", "pk", "--sample", "-o", tmp_path / "ct.xlsx")
    assert code == 3 and f"{key} '{path}'" in err
    assert not (tmp_path / "ct.xlsx").exists()


def test_a_pack_extending_a_path_is_refused(isolated, tmp_path, capsys):
    pack = _pack(tmp_path / "src" / "pk")
    text = (pack / "pack.toml").read_text(encoding="utf-8").replace('extends = "builtin"', 'extends = "../../builtin"')
    (pack / "pack.toml").write_text(text, encoding="utf-8")
    code, _, err = run(capsys, "packs", "install", pack)
    assert code == 3 and "extends '../../builtin' không phải mã gói" in err


@pytest.mark.parametrize("where", ["cwd", "KIT_PACKS"])
def test_a_pack_claiming_the_builtin_id_is_refused_and_the_others_still_load(
    isolated, tmp_path, capsys, monkeypatch, where
):
    from kit.packs import discover

    monkeypatch.setattr(discover, "_told", set())
    folder = tmp_path / "work" / "packs" if where == "cwd" else tmp_path / "env"
    fake = folder / "builtin"
    shutil.copytree(ROOT / "templates", fake)
    text = (
        (fake / "pack.toml")
        .read_text(encoding="utf-8")
        .replace('title = "Mẫu văn bản cơ bản của vanban-kit"', 'title = "GIẢ MẠO"')
    )
    (fake / "pack.toml").write_text(
        text.replace('title = "Kế hoạch công tác thi đua, khen thưởng"', 'title = "GIẢ"'), encoding="utf-8"
    )
    _pack(folder / "pk")
    if where == "KIT_PACKS":
        monkeypatch.setenv("KIT_PACKS", str(folder))
    code, out, err = run(capsys, "templates")
    assert code == 0 and "GIẢ" not in out and "ke-hoach\tKế hoạch công tác thi đua, khen thưởng\t" in out
    assert err == (
        f"Cảnh báo: {fake}: bỏ qua gói này — mã 'builtin' dành cho gói có sẵn của vanban-kit; "
        "đổi id trong pack.toml của gói\n"
    )
    code, out, _ = run(capsys, "packs", "list")
    assert code == 0 and [line.split("\t")[0] for line in out.splitlines()] == ["pk", "builtin"]
    assert "GIẢ MẠO" not in out and out.splitlines()[1].endswith("có sẵn trong vanban-kit")
    code, out, _ = run(capsys, "templates", "--pack", "pk")
    assert code == 0 and "chuong-trinh" in out


def test_a_pack_toml_that_is_not_utf8_does_not_stop_the_others(isolated, tmp_path, capsys):
    broken = tmp_path / "work" / "packs" / "broken"
    broken.mkdir(parents=True)
    (broken / "pack.toml").write_bytes('id = "broken"\ntitle = "Gói Lang Son"\nversion = "1.0.0"\n'.encode("latin-1"))
    _pack(tmp_path / "work" / "packs" / "pk")
    code, out, _ = run(capsys, "templates")
    assert code == 0 and "ke-hoach" in out
    assert run(capsys, "form", "ke-hoach", "--sample", "-o", tmp_path / "k.xlsx")[0] == 0
    code, out, err = run(capsys, "fill", tmp_path / "k.xlsx", "-o", tmp_path / "docs")
    assert code == 0 and (tmp_path / "docs" / "k.docx").exists()
    code, out, _ = run(capsys, "packs", "lint", broken)
    assert code == 1 and "không phải UTF-8" in out


def test_a_pack_id_ending_in_a_newline_is_not_installed(isolated, tmp_path, capsys):
    pack = _pack(tmp_path / "src" / "pk", "pk-x\\n")
    code, _, err = run(capsys, "packs", "install", pack)
    # The message stays one line: the newline is shown as \n.
    assert code == 3 and "id 'pk-x\\n' không hợp lệ" in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "data" / "packs").exists() or list((tmp_path / "data" / "packs").iterdir()) == []


def test_a_deeply_nested_toml_array_in_pack_data_is_a_clear_error(isolated, tmp_path, capsys, monkeypatch):
    pack = _pack(tmp_path / "src" / "pk")
    with open(pack / "data" / "awards.toml", "a", encoding="utf-8") as awards:
        awards.write("\n[deep]\nx = " + "[" * 100_000 + "]" * 100_000 + "\n")
    code, out, _ = run(capsys, "packs", "lint", pack)
    assert code == 1 and "lồng nhau quá sâu" in out
    monkeypatch.setenv("KIT_PACKS", str(pack.parent))
    code, _, err = run(capsys, "form", "ho-so-khen-thuong", "--pack", "pk", "-o", tmp_path / "hs.xlsx")
    assert code == 3 and "awards.toml: tệp TOML lồng nhau quá sâu" in err


def _zip(path: Path, entries: list[tuple[str, bytes]]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in entries:
            archive.writestr(name, data)
    return path


def _pack_entries(tmp_path: Path) -> list[tuple[str, bytes]]:
    pack = _pack(tmp_path / "zsrc" / "pk")
    return [(p.relative_to(pack).as_posix(), p.read_bytes()) for p in sorted(pack.rglob("*")) if p.is_file()]


@pytest.mark.parametrize(
    "case, extra, message",
    [
        ("clash", [("templates/ke-hoach.docx/x", b"x")], "vừa là tệp vừa là thư mục"),
        ("long", [("data/" + "a" * 300 + ".toml", b"")], "tên tệp quá dài"),
        ("deep", [("/".join(["d"] * 250) + "/x.toml", b"")], "tên tệp quá dài"),
        (
            "second pack.toml",
            [("pack.toml", b'id = "pk"\ntitle = "x"\nversion = "1.0.0"\nextends = "builtin"\n')],
            "tệp 'pack.toml' có hai lần",
        ),
        ("case twin", [("PACK.toml", b"")], "có hai lần"),
    ],
)
def test_a_crafted_pack_zip_is_refused_in_one_line(isolated, tmp_path, capsys, case, extra, message):
    with pytest.warns(UserWarning) if "pack.toml" in case else _nothing():
        archive = _zip(tmp_path / "pk.zip", _pack_entries(tmp_path) + extra)
    code, out, err = run(capsys, "packs", "install", archive)
    assert code == 3 and message in err and err.count("\n") == 1, err
    assert not (tmp_path / "data" / "packs" / "pk").exists()


class _nothing:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def test_a_local_bare_repository_installs_through_git(isolated, tmp_path, capsys):
    if shutil.which("git") is None:
        pytest.skip("needs git")
    source = _pack(tmp_path / "src" / "pk")
    env = dict(
        os.environ,
        GIT_AUTHOR_NAME="t",
        GIT_AUTHOR_EMAIL="t@example.org",
        GIT_COMMITTER_NAME="t",
        GIT_COMMITTER_EMAIL="t@example.org",
    )
    for command in (["git", "init", "-q"], ["git", "add", "-A"], ["git", "commit", "-qm", "p"]):
        subprocess.run(command, cwd=source, check=True, env=env)
    subprocess.run(["git", "clone", "-q", "--bare", str(source), str(tmp_path / "pk.git")], check=True, env=env)
    code, out, err = run(capsys, "packs", "install", tmp_path / "pk.git")
    assert code == 0, err
    installed = tmp_path / "data" / "packs" / "pk"
    assert out == f"Đã cài gói vào: {installed}\n" and (installed / "pack.toml").is_file()
    assert run(capsys, "packs", "update", "pk")[0] == 0


# --- 2. Nothing leaks: a document cannot pull local files into its PDF ------------------------------


def _png(width: int, height: int, rgb: tuple[int, int, int]) -> bytes:
    import struct
    import zlib

    raw = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


IMAGE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"


def _leaky_docx(tmp_path: Path) -> tuple[Path, Path, Path]:
    """A .docx whose picture is a link to a local file (r:link, TargetMode="External"), whose body has an
    INCLUDETEXT field (w:fldSimple) and whose header an INCLUDEPICTURE field (complex field, split
    over two runs) and a linked VML picture — each pointing at a private file."""
    import docx
    from docx.shared import Inches

    secret_png, secret_txt = tmp_path / "private" / "seal.png", tmp_path / "private" / "note.txt"
    secret_png.parent.mkdir()
    secret_png.write_bytes(_png(120, 80, (200, 0, 0)))
    secret_txt.write_text("BIMATNOIBO4242\n", encoding="utf-8")
    document = docx.Document()
    document.add_paragraph("Văn bản gửi ra ngoài.")
    document.add_picture(io.BytesIO(_png(8, 8, (0, 0, 200))), width=Inches(1.5))
    document.sections[0].header.add_paragraph("Đầu trang")
    buffer = io.BytesIO()
    document.save(buffer)
    source = zipfile.ZipFile(buffer)
    target = tmp_path / "leaky.docx"
    uri_png, uri_txt = secret_png.as_uri(), str(secret_txt)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            data = source.read(item.filename).decode("utf-8") if item.filename.endswith((".xml", ".rels")) else None
            if item.filename == "word/_rels/document.xml.rels":
                data = data.replace(
                    "</Relationships>",
                    f'<Relationship Id="rId99" Type="{IMAGE_REL}" Target="{uri_png}" '
                    'TargetMode="External"/></Relationships>',
                )
            elif item.filename == "word/document.xml":
                data = re.sub(r'<a:blip r:embed="rId\d+"', '<a:blip r:link="rId99"', data)
                data = data.replace(
                    "<w:t>Văn bản gửi ra ngoài.</w:t></w:r>",
                    f'<w:t>Văn bản gửi ra ngoài.</w:t></w:r><w:fldSimple w:instr=" INCLUDETEXT &quot;{uri_txt}&quot; ">'
                    "<w:r><w:t>[tệp]</w:t></w:r></w:fldSimple>",
                )
            elif item.filename == "word/header1.xml":
                data = data.replace(
                    "<w:r><w:t>Đầu trang</w:t></w:r>",
                    '<w:r><w:t>Đầu trang</w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
                    '<w:r><w:instrText xml:space="preserve"> INCLUDE</w:instrText></w:r>'
                    f'<w:r><w:instrText xml:space="preserve">PICTURE "{uri_png}" \\d </w:instrText></w:r>'
                    '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>[ảnh]</w:t></w:r>'
                    '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
                    '<w:r><w:pict><v:shape style="width:90pt;height:60pt"><v:imagedata r:id="rId98"/>'
                    "</v:shape></w:pict></w:r>",
                )
            out.writestr(item, data.encode("utf-8") if data is not None else source.read(item.filename))
        out.writestr(
            "word/_rels/header1.xml.rels",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.'
            f'openxmlformats.org/package/2006/relationships"><Relationship Id="rId98" Type="{IMAGE_REL}" '
            f'Target="{uri_png}" TargetMode="External"/></Relationships>',
        )
    return target, secret_png, secret_txt


def test_external_links_and_file_fields_are_removed_before_pdf_conversion(tmp_path, capsys):
    from kit.office import find_soffice

    if find_soffice() is None or shutil.which("pdfimages") is None:
        pytest.skip("LibreOffice and pdfimages are needed")
    document, secret_png, _ = _leaky_docx(tmp_path)
    code, out, err = run(capsys, "pdf", document, "-o", tmp_path / "pdf")
    assert code == 0, err
    assert out == f"Đã ghi: {tmp_path / 'pdf' / 'leaky.pdf'}\n"
    assert err == (
        "Cảnh báo: leaky.docx: đã bỏ 4 liên kết tới tệp bên ngoài (ảnh liên kết, trường INCLUDETEXT, "
        "trường INCLUDEPICTURE) trước khi chuyển đổi — nội dung của chúng không có trong bản chuyển đổi\n"
    )
    images = subprocess.run(
        ["pdfimages", "-list", str(tmp_path / "pdf" / "leaky.pdf")], capture_output=True, text=True
    ).stdout
    sizes = [tuple(line.split()[3:5]) for line in images.splitlines()[2:]]
    assert ("120", "80") not in sizes  # the private seal is not in the PDF
    text = subprocess.run(
        ["pdftotext", str(tmp_path / "pdf" / "leaky.pdf"), "-"], capture_output=True, text=True
    ).stdout
    assert "Văn bản gửi ra ngoài." in text and "BIMATNOIBO4242" not in text


# --- 3. Workbooks that would eat the machine --------------------------------------------------------


def _plan_workbook(path: Path, edit=None) -> Path:
    from openpyxl import load_workbook

    from tests.conftest import data

    path.write_bytes(workbook_bytes("ke-hoach", data()))
    if edit:
        wb = load_workbook(path)
        edit(wb)
        wb.save(path)
    return path


def _styled(coordinate: str):
    def edit(wb):
        from openpyxl.styles import Font

        wb["Văn bản"][coordinate].font = Font(bold=True)  # a styled, empty cell far away
        wb["Nơi nhận"][coordinate].font = Font(bold=True)

    return edit


@pytest.mark.parametrize("coordinate", ["XFD2000", "D1048576"])
def test_a_styled_empty_cell_far_away_creates_no_cells(tmp_path, capsys, coordinate):
    from kit.app.forms import read_filled
    from kit.form.read import open_workbook

    book = _plan_workbook(tmp_path / "k.xlsx", _styled(coordinate))
    wb = open_workbook(book)
    _, _, found = read_filled(wb, book, "document")
    assert found.problems == [] and found.values["trich_yeu"] == "Công tác thi đua, khen thưởng năm 2021"
    assert max(len(ws._cells) for ws in wb.worksheets) < 2000  # only the cells the file holds
    code, out, err = run(capsys, "fill", book, "-o", tmp_path / "docs")
    assert code == 0, err
    assert out == f"Đã ghi: {tmp_path / 'docs' / 'k.docx'}\n"


def test_a_workbook_that_unpacks_to_gigabytes_is_refused(tmp_path, capsys):
    book = _plan_workbook(tmp_path / "k.xlsx")
    with zipfile.ZipFile(book, "a", zipfile.ZIP_DEFLATED) as archive:
        with archive.open("xl/media/pad.bin", "w", force_zip64=True) as pad:
            chunk = b"\0" * (1 << 20)
            for _ in range(210):
                pad.write(chunk)
    assert book.stat().st_size < 2 * 2**20
    code, out, err = run(capsys, "fill", book, "-o", tmp_path / "docs")
    assert code == 3 and out == ""
    assert err == (
        "Lỗi: k.xlsx: tệp giải nén ra quá lớn (210 MB, 16 phần) — không phải một bảng tính bình thường; "
        "kiểm tra nguồn của tệp\n"
    )
    assert not (tmp_path / "docs").exists()


BOMB = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{n} "{("&lol" + str(n - 1) + ";") * 10 if n > 1 else "&lol;" * 10}">' for n in range(1, 10))
    + "]>\n"
)
XXE = '<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY secret SYSTEM "file:///etc/hostname">]>\n'


@pytest.mark.parametrize("part", ["xl/worksheets/sheet2.xml", "xl/workbook.xml"])
@pytest.mark.parametrize("prolog, entity", [(BOMB, "&lol9;"), (XXE, "&secret;")], ids=["bomb", "xxe"])
def test_entities_in_a_workbook_part_are_refused(tmp_path, capsys, part, prolog, entity):
    import openpyxl.xml

    assert openpyxl.xml.DEFUSEDXML  # the dependency is installed and openpyxl uses it
    book = _plan_workbook(tmp_path / "k.xlsx")
    source = zipfile.ZipFile(io.BytesIO(book.read_bytes()))
    with zipfile.ZipFile(book, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == part:
                text = re.sub(r"^<\?xml[^>]*\?>\s*", "", data.decode("utf-8"))
                if "sheet" in part:
                    text = re.sub(r"<is><t>[^<]*</t></is>", f"<is><t>{entity}</t></is>", text, count=1)
                else:
                    text = text.replace('name="Văn bản"', f'name="{entity}"')
                assert entity in text
                data = (prolog + text).encode("utf-8")
            out.writestr(item, data)
    code, out, err = run(capsys, "fill", book, "-o", tmp_path / "docs")
    assert code == 3 and out == ""
    # Sheets are read through defusedxml (entities forbidden), the workbook part by lxml without entities.
    assert err == (
        "Lỗi: k.xlsx: tệp có khai báo thực thể XML (DOCTYPE/ENTITY), thứ Excel không bao giờ ghi — không đọc "
        "tệp này; kiểm tra nguồn của tệp, hoặc mở bằng Excel và lưu lại dạng .xlsx\n"
    )


# --- 3. Templates that would never end or eat the memory ---------------------------------------------


def _pack_with_tag(folder: Path, tag: str) -> Path:
    """The sample province pack (id pk) whose plan template ends with a paragraph holding `tag`."""
    import docx

    pack = _pack(folder)
    template = pack / "templates" / "ke-hoach.docx"
    document = docx.Document(str(template))
    document.add_paragraph(tag)
    document.save(str(template))
    return pack


HOSTILE_TAGS = {
    "string": ("{{ ('x' * 20000000000)|length }}", "chuỗi hoặc danh sách nhân lên quá lớn"),
    "join": ("{{ (['x' * 1000000] * 1000)|join }}", "chuỗi nối bằng join quá lớn"),
    "power": ("{{ 7 ** 100000000 }}", "số 7 ** 100000000 quá lớn"),
    "format": ("{{ '{:>2000000000}'.format(1) }}", "chuỗi định dạng quá lớn"),
    "percent": ("{{ '%0999999999d' % 1 }}", "chuỗi định dạng quá lớn"),
    "tilde": ("{% set s = 'x' * 9000000 %}{{ (s ~ s ~ s ~ s)|length }}", "chuỗi nối bằng ~ quá lớn"),
    "ljust": ("{{ 'x'.ljust(2000000000) }}", "chuỗi tạo bởi .ljust() quá lớn"),
    "loops": (
        "{% for a in 'x' * 9000000 %}{% for b in 'x' * 9000000 %}{% endfor %}{% endfor %}",
        "mẫu chạy quá 1 giây",
    ),
    "recursion": ("{% macro f(n) %}{{ f(n) }}{% endmacro %}{{ f(1) }}", "macro gọi lồng nhau quá 100 tầng"),
    "include": ("{% include 'header.xml' %}", "không dùng được {% include %}"),
    "import": ("{% import 'x.html' as x %}{{ x }}", "không dùng được {% include %}, {% import %}"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE_TAGS))
def test_a_hostile_template_is_stopped_with_pack_template_and_paragraph(isolated, tmp_path, capsys, monkeypatch, case):
    from kit.render import sandbox as render_docx

    monkeypatch.setattr(render_docx, "RENDER_SECONDS", 1.0)
    tag, message = HOSTILE_TAGS[case]
    pack = _pack_with_tag(tmp_path / "src" / "pk", tag)
    monkeypatch.setenv("KIT_PACKS", str(pack.parent))
    book = tmp_path / "k.xlsx"
    assert run(capsys, "form", "ke-hoach", "--pack", "pk", "--sample", "-o", book)[0] == 0
    code, out, err = run(capsys, "fill", book, "-o", tmp_path / "docs")
    assert code == 3 and out == "" and err.count("\n") == 1, err
    assert re.match(r"Lỗi: gói pk, mẫu ke-hoach\.docx, đoạn \d+: lỗi thẻ Jinja: ", err), err
    assert message in err and err.endswith(f"(gần: “{tag}”) — sửa thẻ trong tệp mẫu Word\n"), err
    assert not (tmp_path / "docs").exists()
    monkeypatch.delenv("KIT_PACKS")
    code, _, err = run(capsys, "packs", "install", pack)  # lint renders the sample under the same bounds
    assert code == 3 and "gói 'pk' có lỗi, không cài" in err and message in err, err


# --- 3. kit pdf can be stopped ---------------------------------------------------------------------


def _processes_mentioning(text: str) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if text.encode() in (entry / "cmdline").read_bytes():
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize("office", ["libreoffice", "hung"])
@pytest.mark.parametrize("signal_name", ["SIGINT", "SIGTERM"])
def test_kit_pdf_stops_on_ctrl_c_or_sigterm_and_leaves_no_libreoffice_or_folder(tmp_path, signal_name, office):
    """With the real LibreOffice, and with one that hangs (it never ends by itself: only the kit's
    handling of the signal can stop the conversion)."""
    from kit.office import find_soffice

    temporary = tmp_path / "tmp"
    temporary.mkdir()
    env = dict(os.environ, TMPDIR=str(temporary))
    if office == "hung":
        hung = tmp_path / "soffice"
        hung.write_text(f"#!{sys.executable}\nimport time\ntime.sleep(600)\n")
        hung.chmod(0o755)
        env["KIT_SOFFICE"] = str(hung)
    elif find_soffice() is None:
        pytest.skip("LibreOffice is needed")
    documents = []
    for number in range(8):
        documents.append(_plan_workbook(tmp_path / f"k{number}.xlsx"))
    subprocess.run(
        [sys.executable, "-m", "kit", "fill", *map(str, documents), "-o", str(tmp_path / "docs")],
        check=True,
        cwd=ROOT,
        capture_output=True,
    )
    kit = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "kit",
            "pdf",
            *map(str, sorted((tmp_path / "docs").iterdir())),
            "-o",
            str(tmp_path / "pdf"),
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and kit.poll() is None and not _processes_mentioning(str(temporary)):
        time.sleep(0.05)
    try:
        assert kit.poll() is None and _processes_mentioning(str(temporary)), "LibreOffice did not start"
        kit.send_signal(getattr(signal, signal_name))
        _, err = kit.communicate(timeout=60)
    finally:
        if kit.poll() is None:
            kit.kill()
        for pid in _processes_mentioning(str(temporary)):
            os.kill(pid, signal.SIGKILL)
    assert kit.returncode == 2 and err.decode().endswith("Đã dừng.\n")
    assert _processes_mentioning(str(temporary)) == []
    assert list(temporary.iterdir()) == []  # no kit-office-* folder left
    assert not (tmp_path / "pdf").exists() or list((tmp_path / "pdf").iterdir()) == []


def test_a_merged_range_of_billions_of_cells_is_refused(tmp_path, capsys):
    book = _plan_workbook(tmp_path / "k.xlsx")
    source = zipfile.ZipFile(io.BytesIO(book.read_bytes()))
    with zipfile.ZipFile(book, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet2.xml":
                data = data.replace(
                    b"</sheetData>",
                    b'</sheetData><mergeCells count="1"><mergeCell ref="D1:XFD1048576"/></mergeCells>',
                    1,
                )
            out.writestr(item, data)
    code, out, err = run(capsys, "fill", book, "-o", tmp_path / "docs")
    assert code == 3 and out == ""
    assert err == (
        "Lỗi: k.xlsx, sheet 'Văn bản': vùng ô gộp (merge) quá lớn (trên 1.000.000 ô) — bỏ gộp ô (Unmerge) rồi lưu lại\n"
    )
