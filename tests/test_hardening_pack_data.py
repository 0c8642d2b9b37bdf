"""Pack data that cannot crash or stall the kit (issue 24 §4): certificate text names fields only and is
never evaluated, every number of pack data is finite and within its bounds, pack files have a size
limit and are parsed once per process — each refusal a one-line error of `kit packs lint` first."""

from __future__ import annotations

from pathlib import Path

import pytest

from kit.app import workbook_bytes
from kit.cli import main

ROOT = Path(__file__).resolve().parents[1]
LANG_SON = ROOT / "samples" / "packs" / "lang-son"
SAMPLE = ROOT / "samples" / "ho-so-khen-thuong-so-noi-vu.toml"


@pytest.fixture
def isolated(tmp_path, monkeypatch):
    monkeypatch.setenv("KIT_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.delenv("KIT_PACKS", raising=False)
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    return tmp_path


def _pack_with(tmp_path: Path, files: dict[str, str]) -> Path:
    """A pack extending the built-in one with data files of its own (name → TOML text)."""
    pack = tmp_path / "packs" / "tinh-x"
    (pack / "data").mkdir(parents=True)
    data = "".join(f'{name.replace("-", "_")} = "data/{name}.toml"\n' for name in files)
    (pack / "pack.toml").write_text(
        f'id = "tinh-x"\ntitle = "X"\nversion = "1.0.0"\nextends = "builtin"\n[data]\n{data}', encoding="utf-8"
    )
    for name, text in files.items():
        (pack / "data" / f"{name}.toml").write_text(text, encoding="utf-8")
    return pack


def _certificate(text: str = "", field: str = 'key = "ten"\nbox = [40, 78, 217, 12]\nsize = 22\n') -> str:
    builtin = (ROOT / "templates" / "data" / "certificate.toml").read_text(encoding="utf-8")
    head = builtin.split("[[fields]]", 1)[0]
    return head + "[[fields]]\n" + field + (f"text = {text}\n" if text else "")


def _run(capsys, *args) -> tuple[int, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out + err


def _dossier_book(tmp_path: Path) -> Path:
    from kit.app import load_sample

    path = tmp_path / "hs.xlsx"
    path.write_bytes(workbook_bytes("ho-so-khen-thuong", load_sample(SAMPLE)))
    return path


@pytest.mark.parametrize(
    "text, shown",
    [
        ('"{ten.__class__}"', "chỗ thay “{ten.__class__}” không phải tên một trường"),
        ('"{ten.x}"', "chỗ thay “{ten.x}” không phải tên một trường"),
        ('"{ten:>300000000}"', "chỗ thay “{ten:>300000000}” không phải tên một trường"),
        ('"{0}"', "chỗ thay “{0}” không phải tên một trường"),
        ('"{ho_ten}"', "chỗ thay “{ho_ten}” không phải tên một trường"),
        ('"Ông {ten"', "dấu ngoặc “{” lẻ"),
        ('"ten}"', "dấu ngoặc “}” lẻ"),
    ],
)
def test_certificate_text_names_fields_only_lint_says_so_and_certificates_exit_3(
    isolated, tmp_path, capsys, monkeypatch, text, shown
):
    pack = _pack_with(tmp_path, {"certificate": _certificate(text)})
    code, out = _run(capsys, "packs", "lint", pack)
    assert code == 1 and shown in out, out
    assert "chỉ dùng {tên} với tên trong: tham_quyen, hinh_thuc, ten" in out
    # The same text in an installed pack: the command refuses it in the same words (never exit 70,
    # never minutes of formatting).
    monkeypatch.setenv("KIT_PACKS", str(pack.parent))
    book = _dossier_book(tmp_path)
    book.write_bytes(_with_pack(book, "tinh-x"))
    code, out = _run(capsys, "certificates", book, "-o", tmp_path / "out")
    assert code == 3 and shown in out and "Traceback" not in out, out
    assert len(out.strip().splitlines()) == 1


def _with_pack(book: Path, pack_id: str) -> bytes:
    """The workbook as if made from `pack_id` (its hidden record names the pack)."""
    import io

    from openpyxl import load_workbook

    wb = load_workbook(book)
    meta = wb["_kit"] if "_kit" in wb.sheetnames else wb[wb.sheetnames[-1]]
    for row in meta.iter_rows(min_row=2):
        if row[0].value == "pack":
            row[1].value = pack_id
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_braces_doubled_print_a_brace_and_a_field_is_replaced():
    from kit.textpattern import fill_pattern, pattern_problem

    assert pattern_problem("{{ten}} = {ten}", ("ten",)) is None
    assert fill_pattern("{{ten}} = {ten}", {"ten": "Nguyễn Văn A {x}"}) == "{ten} = Nguyễn Văn A {x}"
    # A value holding braces is printed as it is, never read as a place.
    assert fill_pattern("{ten}", {"ten": "{ten.__class__}"}) == "{ten.__class__}"


@pytest.mark.parametrize(
    "field, shown",
    [
        ('key = "ten"\nbox = [nan, 78, 217, 12]\n', "có số nan (không hữu hạn) — ghi một số thật"),
        ('key = "ten"\nbox = [40, 78, inf, 12]\n', "có số inf (không hữu hạn)"),
        ('key = "ten"\nbox = [40, 78, 217, 12]\nsize = nan\n', "có số nan (không hữu hạn)"),
        ('key = "ten"\nbox = [40, 78, 217, 12]\nsize = 22\nmin_size = -inf\n', "có số -inf (không hữu hạn)"),
    ],
)
def test_nan_and_infinite_boxes_and_sizes_are_lint_errors_and_exit_3(
    isolated, tmp_path, capsys, monkeypatch, field, shown
):
    pack = _pack_with(tmp_path, {"certificate": _certificate(field=field)})
    code, out = _run(capsys, "packs", "lint", pack)
    assert code == 1 and shown in out, out
    monkeypatch.setenv("KIT_PACKS", str(pack.parent))
    book = _dossier_book(tmp_path)
    book.write_bytes(_with_pack(book, "tinh-x"))
    code, out = _run(capsys, "certificates", book, "-o", tmp_path / "out")
    assert code == 3 and shown in out and "Traceback" not in out, out


def test_layout_refuses_nan_even_when_given_directly():
    from types import SimpleNamespace

    from kit.app.certificates import layout_of
    from kit.errors import InputError
    from kit.packs import get_pack

    raw = get_pack("builtin").data()["certificate"]
    raw["fields"][0]["box"] = [float("nan"), 1, 1, 1]
    with pytest.raises(InputError, match="box không phải 4 số"):
        layout_of(SimpleNamespace(id="x", data=lambda: {"certificate": raw}))


def test_an_infinite_or_huge_frame_is_refused(isolated, tmp_path, capsys):
    pack = _pack_with(tmp_path / "a", {"certificate": _certificate() + "\n[blank]\nframe = 1e300\n"})
    code, out = _run(capsys, "packs", "lint", pack)
    assert code == 1 and "[blank]: frame '1e+300' không hợp lệ — ghi lề khung tính bằng mm, từ 0 đến 52.5" in out, out
    text = _certificate() + "\n[blank]\nframe = inf\n"
    pack = _pack_with(tmp_path / "b", {"certificate": text})
    code, out = _run(capsys, "packs", "lint", pack)
    assert code == 1 and "có số inf (không hữu hạn)" in out, out


@pytest.mark.parametrize(
    "name, text, shown",
    [
        (
            "criteria",
            '[[criteria]]\naward = "A"\nrequires = "B"\nconsecutive_years = inf\n',
            "consecutive_years = inf không hợp lệ — ghi số nguyên từ 1 đến 50",
        ),
        (
            "criteria",
            '[[criteria]]\naward = "A"\nrequires = "B"\nconsecutive_years = 1000000000000\n',
            "consecutive_years = 1000000000000 không hợp lệ",
        ),
        (
            "criteria",
            '[[criteria]]\naward = "A"\nrequires = "B"\nconsecutive_years = "ba"\n',
            'consecutive_years = "ba" không hợp lệ',
        ),
        ("rewards", '[[rewards]]\nname = "A"\nca_nhan = nan\n', "ca_nhan = nan không hợp lệ"),
        (
            "rewards",
            '[[rewards]]\nname = "A"\nca_nhan = 1\nextra = -inf\n',
            "có số -inf (không hữu hạn)",
        ),
        (
            "legal-bases",
            '[[periods]]\nfrom = 5\nlaw = "x"\ndecree = "y"\n',
            "from = 5 không hợp lệ — ghi ngày không có dấu nháy",
        ),
        ("criteria", "criteria = 5\n", "[[criteria]] phải là danh sách các bảng"),
    ],
)
def test_numbers_and_types_of_pack_data_are_checked_by_lint_and_by_every_command(
    isolated, tmp_path, capsys, monkeypatch, name, text, shown
):
    pack = _pack_with(tmp_path, {name: text})
    code, out = _run(capsys, "packs", "lint", pack)
    assert code == 1 and shown in out, out
    monkeypatch.setenv("KIT_PACKS", str(pack.parent))
    book = _dossier_book(tmp_path)
    book.write_bytes(_with_pack(book, "tinh-x"))
    code, out = _run(capsys, "dossier", book, "-o", tmp_path / "hs")
    assert code == 3 and shown in out and "Traceback" not in out, out


def test_a_12_mb_pack_toml_is_refused_by_its_size_and_does_not_stop_the_others(isolated, tmp_path, capsys, monkeypatch):
    pack = tmp_path / "packs" / "to"
    pack.mkdir(parents=True)
    with open(pack / "pack.toml", "w", encoding="utf-8") as out:
        out.write('id = "to"\ntitle = "X"\nversion = "1.0.0"\n')
        out.write("description = '" + "x" * (12 * 2**20) + "'\n")
    code, text = _run(capsys, "packs", "lint", pack)
    assert code == 1 and "tệp TOML quá lớn (trên 1024 KB)" in text, text
    monkeypatch.setenv("KIT_PACKS", str(pack.parent))
    code, text = _run(capsys, "templates")
    assert code == 0 and "ke-hoach" in text


def test_pack_files_are_parsed_once_per_process(isolated, monkeypatch):
    import kit._toml as toml_module
    from kit.packs import get_pack

    parsed: list[int] = []
    real = toml_module.tomllib.loads

    def counting(text, *args, **kwargs):
        parsed.append(len(text))
        return real(text, *args, **kwargs)

    toml_module._parsed.clear()
    monkeypatch.setattr(toml_module.tomllib, "loads", counting)
    get_pack("builtin").data()
    first = len(parsed)
    assert first >= 5  # the manifest and the data files
    for _ in range(3):
        get_pack("builtin").data()
    assert len(parsed) == first
    # A copy each time: what one caller changes, the next does not see.
    get_pack("builtin").data()["awards"]["awards"].clear()
    assert get_pack("builtin").data()["awards"]["awards"]
