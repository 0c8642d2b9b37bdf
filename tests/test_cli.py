"""The `kit` command as staff use it: output, exit codes, no overwriting, nothing written on error."""

import io
import subprocess
import sys
from pathlib import Path

import docx
import pytest

from kit import __version__
from kit.cli import main
from tests.conftest import data, edit_workbook, write_workbook


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_version(capsys):
    assert run(capsys, "--version") == (0, f"kit (vanban-kit) {__version__}\n", "")


def test_templates(capsys):
    code, out, _ = run(capsys, "templates")
    lines = out.splitlines()
    assert code == 0 and lines[0] == "ke-hoach\tKế hoạch công tác thi đua, khen thưởng\tKế hoạch (KH)"
    assert (
        "ho-so-khen-thuong\tHồ sơ đề nghị khen thưởng (tờ trình, biên bản, danh sách, báo cáo thành tích)\t"
        "Hồ sơ khen thưởng — lập bằng: kit dossier" in lines
    )
    assert "to-trinh-khen-thuong\tTờ trình đề nghị khen thưởng\tTờ trình (TTr) — một phần của hồ sơ" in lines


def test_form_then_fill_the_sample(tmp_path, capsys):
    book = tmp_path / "ke-hoach.xlsx"
    assert run(capsys, "form", "ke-hoach", "-o", str(book), "--sample") == (0, f"Đã ghi biểu mẫu: {book}\n", "")
    out_dir = tmp_path / "ket-qua"
    code, out, err = run(capsys, "fill", str(book), "-o", str(out_dir))
    assert (code, err) == (0, "")
    assert out == f"Đã ghi: {out_dir / 'ke-hoach.docx'}\n"
    text = [p.text for p in docx.Document(out_dir / "ke-hoach.docx").paragraphs]
    assert "Công tác thi đua, khen thưởng năm\u00a02021" in text  # the title's last two words held together


def test_existing_outputs_are_not_overwritten_without_force(tmp_path, capsys):
    book = write_workbook(tmp_path / "k.xlsx")
    target = tmp_path / "out" / "k.docx"
    target.parent.mkdir()
    target.write_bytes(b"earlier output")
    code, out, err = run(capsys, "fill", str(book), "-o", str(target.parent))
    assert (code, out) == (3, "")
    assert err == f"Lỗi: {target}: tệp đã có — thêm --force để ghi đè, hoặc chọn thư mục khác\n"
    assert target.read_bytes() == b"earlier output"
    assert run(capsys, "fill", str(book), "-o", str(target.parent), "--force")[0] == 0
    assert target.read_bytes().startswith(b"PK")
    code, _, err = run(capsys, "form", "ke-hoach", "-o", str(book))
    assert code == 3 and "--force" in err


def test_bad_workbook_exit_3_one_line_per_problem_nothing_written(tmp_path, capsys):
    good = write_workbook(tmp_path / "a.xlsx")
    bad = write_workbook(tmp_path / "b.xlsx", data(van_ban={"dia_danh": None, "nguoi_ky": None}))

    def level(wb):
        wb["Đề mục"]["A2"] = "Chương"

    edit_workbook(bad, level)
    out_dir = tmp_path / "out"
    code, out, err = run(capsys, "fill", str(good), str(bad), "-o", str(out_dir))
    assert (code, out) == (3, "")
    lines = err.splitlines()
    assert lines == [
        "Lỗi: b.xlsx, sheet 'Văn bản', ô B6 (Địa danh): chưa điền (bắt buộc)"
        " — Tên tỉnh hoặc đơn vị hành chính nơi cơ quan đóng trụ sở, ví dụ: Lạng Sơn.",
        "Lỗi: b.xlsx, sheet 'Văn bản', ô B14 (Họ tên người ký): chưa điền (bắt buộc)"
        " — Họ và tên đầy đủ, không ghi học hàm, học vị (TS., ThS.…).",
        "Lỗi: b.xlsx, sheet 'Đề mục', ô A2 (Cấp): 'Chương' không có trong danh sách chọn"
        " — chọn một trong: Mục (I, II…), Khoản (1, 2…), Điểm (a, b…), Đoạn văn, Gạch đầu dòng, [Bảng kế hoạch]",
    ]
    assert "Traceback" not in err
    assert not out_dir.exists()  # the good workbook was not written either


def test_missing_workbook_and_not_a_workbook(tmp_path, capsys):
    code, _, err = run(capsys, "fill", str(tmp_path / "khong-co.xlsx"), "-o", str(tmp_path))
    assert code == 3 and "không tìm thấy tệp" in err
    fake = tmp_path / "gia.xlsx"
    fake.write_bytes(b"%PDF-1.4 not a workbook")
    code, _, err = run(capsys, "fill", str(fake), "-o", str(tmp_path / "o"))
    assert code == 3 and err.count("\n") == 1 and "không đọc được tệp Excel" in err


@pytest.mark.parametrize(
    "args",
    [
        ("form", "khong-co-mau", "-o", "x.xlsx"),
        ("form", "ke-hoach", "-o", "x.txt"),
        ("fill", "x.xlsx", "y.xlsx"),
        ("nope",),
    ],
    ids=["unknown template", "not .xlsx", "several workbooks without -o", "unknown command"],
)
def test_usage_errors_exit_2(tmp_path, capsys, monkeypatch, args):
    monkeypatch.chdir(tmp_path)
    code, _, err = run(capsys, *args)
    assert code == 2 and err and "Traceback" not in err
    assert not (tmp_path / "x.xlsx").exists()


def test_debug_shows_the_traceback(tmp_path, capsys):
    code, _, err = run(capsys, "--debug", "fill", str(tmp_path / "khong-co.xlsx"), "-o", str(tmp_path))
    assert code == 3 and "Traceback" in err


def test_console_entry_point_runs_as_a_module():
    done = subprocess.run([sys.executable, "-m", "kit", "--version"], capture_output=True, text=True, check=False)
    assert (done.returncode, done.stdout.strip()) == (0, f"kit (vanban-kit) {__version__}")


def test_output_folder_that_is_a_file(tmp_path, capsys):
    book = write_workbook(tmp_path / "k.xlsx")
    (tmp_path / "out").write_text("a file")
    code, _, err = run(capsys, "fill", str(book), "-o", str(tmp_path / "out"))
    assert code == 3 and "chọn thư mục khác" in err and err.count("\n") == 1


@pytest.mark.parametrize("breakage", ["bad date", "missing sheet"])
def test_bad_date_or_missing_sheet_exit_3_and_write_nothing(tmp_path, capsys, breakage):
    book = write_workbook(tmp_path / "k.xlsx")

    def edit(wb):
        if breakage == "bad date":
            ws = wb["Văn bản"]
            ws["B7"] = "31/02/2021"
        else:
            wb.remove(wb["Đề mục"])

    edit_workbook(book, edit)
    code, out, err = run(capsys, "fill", str(book), "-o", str(tmp_path / "out"))
    assert (code, out) == (3, "") and err.count("\n") == 1
    assert ("ô B7 (Ngày ban hành)" if breakage == "bad date" else "sheet 'Đề mục': thiếu sheet này") in err
    assert not (tmp_path / "out").exists()


def test_debug_may_follow_the_subcommand(tmp_path, capsys):
    code, _, err = run(capsys, "fill", str(tmp_path / "khong-co.xlsx"), "-o", str(tmp_path), "--debug")
    assert code == 3 and "Traceback" in err


class _Terminal(io.StringIO):
    def isatty(self):
        return True


def test_progress_bar_only_on_a_terminal_without_quiet_and_for_a_batch(monkeypatch):
    from kit import cli as cli_module

    terminal = _Terminal()
    monkeypatch.setattr(cli_module.sys, "stderr", terminal)
    with cli_module._progress(quiet=False) as progress:
        for done in range(1, 51):
            progress(done, 50)
    assert "Đang lập văn bản" in terminal.getvalue() and "100%" in terminal.getvalue()
    for quiet, total in ((True, 50), (False, 3)):
        terminal = _Terminal()
        monkeypatch.setattr(cli_module.sys, "stderr", terminal)
        with cli_module._progress(quiet=quiet) as progress:
            if progress:
                progress(total, total)
        assert terminal.getvalue() == ""
    monkeypatch.setattr(cli_module.sys, "stderr", io.StringIO())  # not a terminal
    with cli_module._progress(quiet=False) as progress:
        assert progress is None


def test_fill_and_dossier_print_what_kit_check_finds_in_what_they_wrote(tmp_path, capsys):
    import copy
    import datetime as dt

    from kit.app import load_sample, workbook_bytes

    root = Path(__file__).resolve().parent.parent
    data = copy.deepcopy(load_sample(root / "samples" / "ke-hoach-tdkt-2021-so-khdt-lang-son.toml"))
    # A plan dated 2025 citing NĐ 91/2017, which lapsed on 31/12/2023: written, and the finding printed.
    data["van_ban"]["ngay_ban_hanh"] = dt.date(2025, 1, 6)
    data["van_ban"]["mo_dau"] = (
        "Căn cứ Nghị định số 91/2017/NĐ-CP ngày 31/7/2017 của Chính phủ; Sở xây dựng Kế hoạch như sau:"
    )
    book = tmp_path / "kh.xlsx"
    book.write_bytes(workbook_bytes("ke-hoach", data))
    code = main(["fill", str(book), "-o", str(tmp_path / "ra")])
    out, err = capsys.readouterr()
    assert code == 0 and "Đã ghi:" in out
    assert "Kiểm tra thể thức (kit check) các văn bản vừa lập:" in err and "VB604" in err and "91/2017" in err
    # A dossier of 2025 whose launching plan is cited with NĐ 91/2017 in it: the Tờ trình's căn cứ is reported.
    dossier_data = copy.deepcopy(load_sample(root / "samples" / "ho-so-khen-thuong-so-noi-vu.toml"))
    dossier_data["ho_so"]["ke_hoach_phat_dong"] = "Nghị định số 91/2017/NĐ-CP ngày 31/7/2017 của Chính phủ"
    dossier_book = tmp_path / "hs.xlsx"
    dossier_book.write_bytes(workbook_bytes("ho-so-khen-thuong", dossier_data))
    code = main(["dossier", str(dossier_book), "-o", str(tmp_path / "hs")])
    out, err = capsys.readouterr()
    assert code == 0 and out.count("Đã ghi:") == 11
    assert "01-to-trinh.docx" in err and "VB604" in err and "91/2017" in err
    # The summary counts every document written, not only those with findings.
    assert "Đã kiểm tra 10 tệp:" in err and "9 tệp không có vấn đề" in err


def test_click_speaks_vietnamese_and_suggests_a_mistyped_command(capsys):
    assert main(["fil", "x.xlsx"]) == 2
    err = capsys.readouterr().err
    assert "Lỗi: không có lệnh 'fil' — có phải 'fill'?" in err and "Cách dùng: kit" in err and "Usage" not in err
    assert main(["packs", "lnt"]) == 2
    assert "không có lệnh 'lnt' — có phải 'lint'? xem các lệnh: kit packs --help" in capsys.readouterr().err
    assert main(["fill"]) == 2
    assert "Lỗi: Thiếu đối số 'BIỂU_MẪU...'." in capsys.readouterr().err
    assert main(["check", "--format", "xml", "a.docx"]) == 2
    assert "Giá trị không hợp lệ ở '--format': 'xml' không thuộc 'text', 'json'." in capsys.readouterr().err
    assert main(["dossier", "--help"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Cách dùng: kit dossier [TÙY CHỌN] BIỂU_MẪU") and "Tùy chọn:" in out
    assert "Hiện hướng dẫn này rồi thoát." in out and "Show this message" not in out


def test_every_help_page_and_number_error_is_in_vietnamese(capsys):
    """No English word of click's left on any --help page (its defaults are read at import time)."""
    import click

    from kit.cli import cli

    def commands(group: click.Group, path: list[str]):
        for name, command in group.commands.items():
            yield [*path, name]
            if isinstance(command, click.Group):
                yield from commands(command, [*path, name])

    english = ("Show ", "Usage", "Options", "Commands", "integer", "and exit", "[default")
    for path in [[], *commands(cli, [])]:
        assert main([*path, "--help"]) == 0
        out = capsys.readouterr().out
        assert not [word for word in english if word in out], (path, out)
    assert main(["serve", "--port", "abc"]) == 2
    assert "Lỗi: Giá trị không hợp lệ ở '--port': 'abc' không phải là số nguyên." in capsys.readouterr().err


def test_output_folder_defaults_to_the_workbooks_folder_for_one_workbook(tmp_path, capsys):
    import shutil

    root = Path(__file__).resolve().parent.parent
    book = tmp_path / "kh.xlsx"
    shutil.copy(root / "samples" / "ke-hoach-tdkt-2021-so-khdt-lang-son.xlsx", book)
    assert main(["fill", str(book)]) == 0
    assert (tmp_path / "kh.docx").is_file() and f"Đã ghi: {tmp_path / 'kh.docx'}" in capsys.readouterr().out
    assert main(["fill", str(book), str(book)]) == 2
    assert "lập nhiều biểu mẫu một lần thì ghi thư mục kết quả — thêm -o <thư mục>" in capsys.readouterr().err
    dossier_book = tmp_path / "hs.xlsx"
    shutil.copy(root / "samples" / "ho-so-khen-thuong-so-noi-vu.xlsx", dossier_book)
    assert main(["dossier", str(dossier_book)]) == 0
    assert (tmp_path / "hs" / "01-to-trinh.docx").is_file()
