"""The built wheel carries the templates, forms and samples and works outside the repository."""

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _run(args, cwd, env=None):
    done = subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True, env=env, check=False)
    assert done.returncode == 0, f"{args}: {done.stdout}\n{done.stderr}"
    return done.stdout


@pytest.mark.slow
def test_wheel_installs_into_a_fresh_venv_and_fills_a_plan(tmp_path):
    dist = tmp_path / "dist"
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", dist, ROOT], cwd=tmp_path)
    wheel = next(dist.glob("vanban_kit-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for member in (
        "kit/_data/templates/pack.toml",
        "kit/_data/templates/ke-hoach/ke-hoach.docx",
        "kit/_data/forms/ke-hoach.toml",
        "kit/_data/forms/ke-hoach.xlsx",
        "kit/_data/samples/ke-hoach-tdkt-2021-so-khdt-lang-son.toml",
    ):
        assert member in names, member

    venv = tmp_path / "venv"
    _run([sys.executable, "-m", "venv", venv], cwd=tmp_path)
    bin_dir = venv / ("Scripts" if os.name == "nt" else "bin")
    _run([bin_dir / "python", "-m", "pip", "install", "-q", wheel], cwd=tmp_path)

    work = tmp_path / "somewhere else"
    work.mkdir()
    env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "VIRTUAL_ENV")}
    kit = bin_dir / "kit"
    where = _run([bin_dir / "python", "-c", "import kit.resources as r; print(r.templates_dir())"], work, env)
    assert Path(where.strip()).is_relative_to(venv)
    _run([kit, "form", "ke-hoach", "-o", "ke-hoach.xlsx", "--sample"], work, env)
    out = _run([kit, "fill", "ke-hoach.xlsx", "-o", "ket-qua"], work, env)
    assert "ket-qua/ke-hoach.docx" in out.replace(os.sep, "/")
    text = _run(
        [
            bin_dir / "python",
            "-c",
            "import docx; print('\\n'.join(p.text for p in docx.Document('ket-qua/ke-hoach.docx').paragraphs))",
        ],
        work,
        env,
    )
    assert "Công tác thi đua, khen thưởng năm\u00a02021" in text and "I. MỤC ĐÍCH, YÊU CẦU" in text
