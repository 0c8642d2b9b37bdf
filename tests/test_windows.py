"""The Windows installer (windows/cai-dat.bat → windows/cai-dat.ps1): what can be checked on this machine.
The scripts themselves run only on Windows; here: the files they use exist where they look for them, the
pip command they run installs the kit from this folder, and they never name a package that is not
published."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
WINDOWS = ROOT / "windows"


def script() -> str:
    return (WINDOWS / "cai-dat.ps1").read_bytes().decode("utf-8-sig")


def test_the_double_click_file_runs_the_powershell_script_beside_it():
    batch = (WINDOWS / "cai-dat.bat").read_bytes()
    assert b"\r\n" in batch and not batch.startswith(b"\xef\xbb\xbf")  # cmd.exe: CRLF, no byte-order mark
    called = re.search(r'-File "%~dp0([^"]+)"', batch.decode("utf-8"))
    assert called and (WINDOWS / called.group(1)).is_file()
    assert "-ExecutionPolicy Bypass" in batch.decode("utf-8")


def test_the_powershell_script_is_read_as_utf8_by_windows_powershell():
    assert (WINDOWS / "cai-dat.ps1").read_bytes().startswith(b"\xef\xbb\xbf")
    assert "Đã cài xong" in script()


def test_the_script_installs_from_the_unzipped_repository_never_a_package_name():
    text = script()
    assert "$Repository = Split-Path -Parent $PSScriptRoot" in text
    assert (WINDOWS.parent / "pyproject.toml").is_file()  # what $Repository points at
    installs = re.findall(r"pip install[^\n]*", text)
    assert installs and all("vanban-kit[" not in line for line in installs)
    assert any('"$Repository[web]"' in line for line in installs)
    assert "kit.exe" in text and '""$KitExe"" serve' in text and "vanban-kit.lnk" in text
    assert "(3, 10)" in text  # the Python the kit needs (pyproject's requires-python)
    assert 'requires-python = ">=3.10"' in (ROOT / "pyproject.toml").read_text(encoding="utf-8")


def test_the_readme_names_no_unpublished_package():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert 'pip install "vanban-kit[web]"' not in readme
    assert "windows/cai-dat.bat" in readme


@pytest.mark.slow
def test_the_pip_command_of_the_script_resolves_here_in_a_fresh_venv(tmp_path):
    """pip install "<repository>[web]" as the script runs it (a dry run: the requirement, the web extra
    and every dependency resolved, without installing them)."""
    subprocess.run([sys.executable, "-m", "venv", str(tmp_path / "venv")], check=True)
    python = tmp_path / "venv" / ("Scripts" if sys.platform == "win32" else "bin") / "python"
    done = subprocess.run(
        [str(python), "-m", "pip", "install", "--dry-run", "--quiet", "--report", "-", f"{ROOT}[web]"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    names = {item["metadata"]["name"].lower() for item in __import__("json").loads(done.stdout)["install"]}
    assert {"vanban-kit", "fastapi", "uvicorn", "python-multipart"} <= names
