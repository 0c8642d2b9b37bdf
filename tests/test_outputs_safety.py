"""Nothing lost (issue 12, part 1): a rerun that fails or is killed keeps the earlier dossier whole,
workers end with their parent, one run at a time per output folder, ordinary file modes, safe names."""

import copy
import errno
import hashlib
import json
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from kit import fileio
from kit.app import load_sample, workbook_bytes
from kit.cli import main

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = load_sample(ROOT / "samples" / "ho-so-khen-thuong-so-noi-vu.toml")
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ"]
GIVEN = ["An", "Bình", "Châu", "Dũng", "Giang", "Hà", "Khánh", "Lan", "Mai", "Nam"]


def dossier_data(count: int, middle: str = "Văn") -> dict:
    """The sample dossier with `count` individual candidates; `middle` changes every name (and file name)."""
    data = copy.deepcopy(SAMPLE)
    person = next(row for row in data["danh_sach"] if row["loai"] == "ca_nhan")
    votes = data["phieu"][0][1]
    data["danh_sach"], data["khen_thuong"], data["phieu"] = [], [], []
    data.pop("quyet_dinh", None)  # the dossier alone, as before the decision sheet: its documents are counted
    for number in range(count):
        name = f"{FAMILY[number % 10]} {middle} {GIVEN[number // 10 % 10]}{'' if number < 100 else number}"
        row = copy.deepcopy(person)
        row["ten"] = name
        data["danh_sach"].append(row)
        data["phieu"].append([name, votes])
    return data


def book(path: Path, count: int, middle: str = "Văn") -> Path:
    path.write_bytes(workbook_bytes("ho-so-khen-thuong", dossier_data(count, middle)))
    return path


def run(capsys, *args):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def assert_whole(folder: Path) -> list[str]:
    """The folder is one complete dossier: every file its manifest lists, with that content, and no other report."""
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    listed = sorted(entry["path"] for entry in manifest["files"])
    for entry in manifest["files"]:
        assert hashlib.sha256((folder / entry["path"]).read_bytes()).hexdigest() == entry["sha256"], entry["path"]
    present = sorted(
        p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file() and p.name != "manifest.json"
    )
    assert present == listed
    return listed


def leftovers(out: Path) -> list[str]:
    return sorted(
        p.name
        for p in out.rglob("*")
        if ".kit-staging-" in p.name or p.name.endswith(".tmp") or p.name.endswith(".kit-lock")
    )


def test_a_full_disk_during_a_rerun_keeps_the_earlier_dossier_and_names_the_file(tmp_path, capsys, monkeypatch):
    out = tmp_path / "out"
    assert run(capsys, "dossier", book(tmp_path / "hs.xlsx", 8), "-o", out)[0] == 0
    earlier = assert_whole(out / "hs")
    assert len(earlier) == 11
    writes = []
    real = fileio._write_new

    def disk_full(path, data, **options):
        writes.append(path)
        if len(writes) == 6:
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        return real(path, data, **options)

    monkeypatch.setattr(fileio, "_write_new", disk_full)
    code, out_text, err = run(capsys, "dossier", book(tmp_path / "hs.xlsx", 12, "Thị"), "-o", out, "--force")
    assert code == 3 and out_text == ""
    assert err.count("\n") == 1
    assert err.startswith(f"Lỗi: {out / 'hs'}/") and "không ghi được (No space left on device)" in err
    assert assert_whole(out / "hs") == earlier  # every earlier report is still there, as the manifest says
    assert leftovers(out) == []


@pytest.fixture
def small_disk(tmp_path):
    """A 1 MB file system (tmpfs), where the system lets this user mount one."""
    disk = tmp_path / "disk"
    disk.mkdir()
    if not sys.platform.startswith("linux") or os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root on Linux")
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(disk)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip("mounting a tmpfs is not permitted here")
    try:
        yield disk
    finally:
        subprocess.run(["umount", str(disk)], check=True)


def test_a_rerun_on_a_really_full_disk_keeps_the_earlier_dossier(tmp_path, capsys, small_disk):
    out = small_disk / "out"
    assert run(capsys, "dossier", book(tmp_path / "hs.xlsx", 40), "-o", out)[0] == 0
    earlier = assert_whole(out / "hs")
    code, out_text, err = run(capsys, "dossier", book(tmp_path / "hs.xlsx", 90, "Thị"), "-o", out, "--force")
    assert code == 3 and out_text == "" and err.count("\n") == 1
    assert err.startswith(f"Lỗi: {out / 'hs'}/") and "không ghi được (No space left on device)" in err
    assert assert_whole(out / "hs") == earlier
    assert leftovers(out) == []


def test_a_rerun_that_cannot_rename_into_a_read_only_folder_keeps_everything(tmp_path, capsys, monkeypatch):
    out = tmp_path / "out"
    assert run(capsys, "dossier", book(tmp_path / "hs.xlsx", 3), "-o", out)[0] == 0
    earlier = assert_whole(out / "hs")

    def read_only(source, target):
        raise PermissionError(errno.EACCES, "Permission denied", str(target))

    monkeypatch.setattr(fileio.os, "replace", read_only)
    code, _, err = run(capsys, "dossier", book(tmp_path / "hs.xlsx", 2, "Thị"), "-o", out, "--force")
    assert code == 3 and "không ghi được (Permission denied)" in err and err.count("\n") == 1
    assert assert_whole(out / "hs") == earlier
    assert leftovers(out) == []


def test_a_stale_report_that_cannot_be_removed_is_a_clean_error_naming_it(tmp_path, capsys, monkeypatch):
    out = tmp_path / "out"
    assert run(capsys, "dossier", book(tmp_path / "hs.xlsx", 3), "-o", out)[0] == 0

    def read_only(self, missing_ok=False):
        raise PermissionError(errno.EACCES, "Permission denied", str(self))

    monkeypatch.setattr(Path, "unlink", read_only)
    code, _, err = run(capsys, "dossier", book(tmp_path / "hs.xlsx", 2, "Thị"), "-o", out, "--force")
    assert code == 3 and err.count("\n") == 1
    assert err.startswith(f"Lỗi: {out / 'hs' / 'bao-cao-thanh-tich'}/0") and "không ghi được (Permission denied)" in err
    monkeypatch.undo()
    manifest = json.loads((out / "hs" / "manifest.json").read_text(encoding="utf-8"))
    for entry in manifest["files"]:  # the new dossier is whole; the earlier reports it could not remove are extra
        assert hashlib.sha256((out / "hs" / entry["path"]).read_bytes()).hexdigest() == entry["sha256"]
    assert len(manifest["files"]) == 5 and len(list((out / "hs" / "bao-cao-thanh-tich").iterdir())) == 5


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_output_folder_is_a_clean_error(tmp_path, capsys):
    out = tmp_path / "out"
    assert run(capsys, "dossier", book(tmp_path / "hs.xlsx", 3), "-o", out)[0] == 0
    earlier = assert_whole(out / "hs")
    for folder in (out / "hs" / "bao-cao-thanh-tich", out / "hs", out):
        folder.chmod(0o555)
    try:
        code, _, err = run(capsys, "dossier", book(tmp_path / "hs.xlsx", 2, "Thị"), "-o", out, "--force")
    finally:
        for folder in (out, out / "hs", out / "hs" / "bao-cao-thanh-tich"):
            folder.chmod(0o755)
    assert code == 3 and "không ghi được" in err
    assert assert_whole(out / "hs") == earlier


def _kit(*args) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "kit", *map(str, args)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT
    )


def _wait_for(condition, limit: float = 120.0) -> bool:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.002)
    return False


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is POSIX")
def test_a_rerun_killed_while_writing_leaves_one_whole_dossier_and_the_next_run_cleans_up(tmp_path, capsys):
    out = tmp_path / "out"
    assert run(capsys, "dossier", book(tmp_path / "hs.xlsx", 60), "-o", out)[0] == 0
    earlier = assert_whole(out / "hs")
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*")}

    def touched() -> bool:
        now = {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.exists()}
        return now != before

    rerun = _kit("dossier", book(tmp_path / "hs.xlsx", 45, "Thị"), "-o", out, "--force")
    try:
        # Killed at the first change it makes in the output folder (a file written, renamed or removed).
        started = _wait_for(lambda: touched() or rerun.poll() is not None)
        rerun.kill()
    finally:
        rerun.communicate()
    assert started
    after = assert_whole(out / "hs")  # the earlier dossier whole, or (had it finished) the new one whole
    assert after == earlier or len(after) == 48
    assert not any(p.name.startswith(".") and p.name.endswith(".tmp") for p in (out / "hs").rglob("*"))
    code, _, _ = run(capsys, "dossier", tmp_path / "hs.xlsx", "-o", out, "--force")
    assert code == 0
    assert len(assert_whole(out / "hs")) == 48
    assert leftovers(out) == []


def test_a_rerun_that_fails_while_rendering_keeps_the_earlier_dossier_and_leaves_nothing_staged(
    tmp_path, capsys, monkeypatch
):
    """The files of a dossier are staged while the others are still rendered: a document that fails
    half-way through the batch leaves the earlier dossier whole and no staging folder behind."""
    from kit.errors import InputError
    from kit.render import batch

    out = tmp_path / "out"
    assert run(capsys, "dossier", book(tmp_path / "hs.xlsx", 60), "-o", out)[0] == 0
    earlier = {p: p.read_bytes() for p in (out / "hs").rglob("*") if p.is_file()}
    render = batch._render
    rendered = []

    def fails_after_ten(job):  # in each process that renders (forked workers inherit it)
        rendered.append(job)
        if len(rendered) > 10:
            raise InputError("mẫu hỏng giữa chừng", hint="sửa mẫu", code="KIT001")
        return render(job)

    monkeypatch.setattr(batch, "_render", fails_after_ten)
    code, _, err = run(capsys, "dossier", book(tmp_path / "hs.xlsx", 45, "Thị"), "-o", out, "--force")
    assert code == 3 and "mẫu hỏng giữa chừng" in err
    assert {p: p.read_bytes() for p in (out / "hs").rglob("*") if p.is_file()} == earlier
    assert leftovers(out) == []


def test_leftovers_of_an_interrupted_run_are_removed_by_the_next(tmp_path, capsys):
    out = tmp_path / "out"
    assert run(capsys, "dossier", book(tmp_path / "hs.xlsx", 2), "-o", out)[0] == 0
    staging = out / ".hs.kit-staging-0123abcd" / "bao-cao-thanh-tich"
    staging.mkdir(parents=True)
    (staging / "01-x.docx").write_bytes(b"half")
    (out / "hs" / "bao-cao-thanh-tich" / ".01-nguyen-van-an.docx.k2j4_x9a.tmp").write_bytes(b"half")
    (out / "hs" / ".manifest.json.abcdefgh.tmp").write_bytes(b"half")
    (out / ".hs.zip.0a1b2c3d.tmp").write_bytes(b"half")
    assert run(capsys, "dossier", tmp_path / "hs.xlsx", "-o", out, "--force")[0] == 0
    assert leftovers(out) == []
    assert_whole(out / "hs")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_workers_end_when_their_parent_is_killed(tmp_path):
    marks = tmp_path / "workers"
    marks.mkdir()
    script = f"""
import os, sys, time
sys.path.insert(0, {str(ROOT)!r})
from kit.parallel import ordered_map

def slow(item):
    open(os.path.join({str(marks)!r}, str(os.getpid())), "w").close()
    time.sleep(60)
    return item

list(ordered_map(slow, list(range(80)), processes=2))
"""
    parent = subprocess.Popen([sys.executable, "-c", script])
    try:
        assert _wait_for(lambda: len(list(marks.iterdir())) >= 2, 60)
    finally:
        parent.kill()
        parent.wait()
    workers = [int(p.name) for p in marks.iterdir()]

    def gone(pid: int) -> bool:
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            return True
        return "\nState:\tZ" in status  # ended, not yet reaped by init

    ended = _wait_for(lambda: all(gone(pid) for pid in workers), 15)
    for pid in workers:
        if not gone(pid):
            os.kill(pid, signal.SIGKILL)
    assert ended


def test_a_second_run_on_the_same_folder_stops_with_a_clear_message(tmp_path, capsys):
    out = tmp_path / "out"
    assert run(capsys, "dossier", book(tmp_path / "hs.xlsx", 2), "-o", out)[0] == 0
    earlier = assert_whole(out / "hs")
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        (out / ".hs.kit-lock").write_text(f"{other.pid}@{__import__('socket').gethostname()}\n")
        code, out_text, err = run(capsys, "dossier", book(tmp_path / "hs.xlsx", 3, "Thị"), "-o", out, "--force")
    finally:
        other.kill()
        other.wait()
    assert code == 3 and out_text == ""
    assert err == (
        f"Lỗi: {out / 'hs'}: một lần chạy kit khác (tiến trình {other.pid}) đang ghi vào thư mục này — chờ lần "
        f"chạy đó xong rồi chạy lại (nếu không còn lần chạy nào, xóa tệp {out / '.hs.kit-lock'})\n"
    )
    assert assert_whole(out / "hs") == earlier
    # The lock of a run that is gone (its process ended) is taken over.
    code, _, _ = run(capsys, "dossier", tmp_path / "hs.xlsx", "-o", out, "--force")
    assert code == 0 and len(assert_whole(out / "hs")) == 6
    assert leftovers(out) == []


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_outputs_get_the_mode_of_a_normal_write_and_keep_theirs_on_force(tmp_path, capsys):
    previous = os.umask(0o022)
    try:
        out = tmp_path / "out"
        assert run(capsys, "dossier", book(tmp_path / "hs.xlsx", 2), "-o", out, "--zip")[0] == 0
        modes = {p.relative_to(out).as_posix(): oct(p.stat().st_mode & 0o777) for p in out.rglob("*") if p.is_file()}
        assert set(modes.values()) == {"0o644"}, modes
        shared = out / "hs" / "01-to-trinh.docx"
        shared.chmod(0o664)
        assert run(capsys, "dossier", tmp_path / "hs.xlsx", "-o", out, "--force")[0] == 0
        assert oct(shared.stat().st_mode & 0o777) == "0o664"
        assert oct((out / "hs" / "02-bien-ban.docx").stat().st_mode & 0o777) == "0o644"
        form = tmp_path / "k.xlsx"
        assert run(capsys, "form", "ke-hoach", "-o", form, "--sample")[0] == 0
        assert oct(form.stat().st_mode & 0o777) == "0o644"
        assert run(capsys, "fill", form, "-o", tmp_path / "docs")[0] == 0
        assert oct((tmp_path / "docs" / "k.docx").stat().st_mode & 0o777) == "0o644"
    finally:
        os.umask(previous)


@pytest.mark.parametrize("name", ["...xlsx", "..xlsx", ". .xlsx"])
def test_a_workbook_named_dots_writes_inside_the_output_folder(tmp_path, capsys, name):
    out = tmp_path / "a" / "out"
    workbook = tmp_path / name
    workbook.write_bytes(workbook_bytes("ho-so-khen-thuong", SAMPLE))
    code, out_text, _ = run(capsys, "dossier", workbook, "-o", out, "--zip")
    assert code == 0
    assert sorted(p.name for p in out.iterdir()) == ["ho-so", "ho-so.zip"]
    assert sorted(p.name for p in (tmp_path / "a").iterdir()) == ["out"]
    names = zipfile.ZipFile(out / "ho-so.zip").namelist()
    assert names and all(n.startswith("ho-so/") and ".." not in n.split("/") for n in names)


@pytest.mark.skipif(os.name != "posix", reason="such names cannot exist on Windows")
def test_control_characters_and_bidi_in_a_workbook_name_do_not_reach_the_output_names(tmp_path, capsys):
    workbook = tmp_path / "k\n\u202egnp.xlsx"
    assert run(capsys, "form", "ke-hoach", "-o", workbook, "--sample")[0] == 0
    code, out_text, _ = run(capsys, "fill", workbook, "-o", tmp_path / "docs")
    assert code == 0
    assert [p.name for p in (tmp_path / "docs").iterdir()] == ["kgnp.docx"]
