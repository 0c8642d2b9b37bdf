"""A small shared-pack world made of real parts: two provinces' packs and a registry, each a local bare git
repository (file:// addresses), releases tagged and signed with throwaway SSH keys made by ssh-keygen.

git runs with HOME and GIT_CONFIG_GLOBAL in the test's folder: nothing of the developer's own git setup
(signing keys, hooks, default branch) is used or changed."""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import docx
import pytest

from tests.packs.conftest import LANG_SON


def need_tools() -> None:
    for tool in ("git", "ssh-keygen"):
        if shutil.which(tool) is None:
            if os.environ.get("CI"):
                pytest.fail(f"{tool} is missing in CI: .ci/run installs it")
            pytest.skip(f"{tool} is needed")


def git_env(home: Path) -> dict[str, str]:
    """Environment variables that make git independent of the user's configuration."""
    home.mkdir(parents=True, exist_ok=True)
    config = home / "gitconfig"
    config.write_text(
        "[user]\n\tname = Người thử\n\temail = thu@example.invalid\n[init]\n\tdefaultBranch = main\n"
        "[advice]\n\tdetachedHead = false\n[commit]\n\tgpgsign = false\n[tag]\n\tgpgsign = false\n",
        encoding="utf-8",
    )
    return {"HOME": str(home), "GIT_CONFIG_GLOBAL": str(config), "GIT_CONFIG_NOSYSTEM": "1"}


def run(*args: str, cwd: Path | None = None) -> str:
    done = subprocess.run(list(args), cwd=cwd, capture_output=True, text=True)
    assert done.returncode == 0, f"{' '.join(args)}: {done.stderr}"
    return done.stdout.strip()


def keygen(folder: Path, name: str, comment: str) -> Path:
    key = folder / name
    run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", comment, "-f", str(key))
    return key


def public(key: Path) -> str:
    return Path(str(key) + ".pub").read_text(encoding="utf-8").strip()


def signed_tag(repo: Path, tag: str, key: Path, target: str = "HEAD") -> None:
    run(
        "git",
        "-c",
        "gpg.format=ssh",
        "-c",
        f"user.signingkey={key}",
        "tag",
        "-s",
        "-f",
        "-m",
        tag,
        tag,
        target,
        cwd=repo,
    )


def commit_all(repo: Path, message: str) -> str:
    run("git", "add", "-A", cwd=repo)
    run("git", "commit", "-q", "-m", message, cwd=repo)
    return run("git", "rev-parse", "HEAD", cwd=repo)


def publish(repo: Path, bare: Path) -> None:
    """Push the work tree's branch and tags to its bare repository (forced: a tampering test moves tags)."""
    if not bare.exists():
        run("git", "init", "-q", "--bare", str(bare))
    run("git", "push", "-q", "--force", str(bare), "main", "--tags", cwd=repo)


def set_version(pack: Path, version: str) -> None:
    text = (pack / "pack.toml").read_text(encoding="utf-8")
    old = next(line for line in text.splitlines() if line.startswith("version = "))
    (pack / "pack.toml").write_text(text.replace(old, f'version = "{version}"', 1), encoding="utf-8")


def reword(template: Path, old: str, new: str) -> None:
    """Change fixed wording in a Word template as a maintainer would in Word (one run's text)."""
    document = docx.Document(str(template))
    for paragraph in list(document.paragraphs) + [
        p for table in document.tables for row in table.rows for cell in row.cells for p in cell.paragraphs
    ]:
        for run_ in paragraph.runs:
            if old in run_.text:
                run_.text = run_.text.replace(old, new)
                document.save(str(template))
                return
    raise AssertionError(f"{old!r} not in {template}")


@dataclass
class World:
    root: Path
    env: dict[str, str]
    keys: dict[str, Path] = field(default_factory=dict)
    sources: dict[str, Path] = field(default_factory=dict)  # work trees of the packs
    bares: dict[str, Path] = field(default_factory=dict)  # their bare repositories
    commits: dict[str, str] = field(default_factory=dict)  # "lang-son@1.0.0" → commit
    registry_src: Path | None = None
    registry_bare: Path | None = None

    def url(self, name: str) -> str:
        return self.bares[name].as_uri()

    def write_index(self, releases: dict[str, list[str]] | None = None) -> None:
        """The registry's registry.toml listing both packs and the given releases, committed and pushed."""
        releases = releases or {"lang-son": ["1.0.0"], "cao-bang": ["1.0.0"]}
        about = {
            "lang-son": ("Gói mẫu Sở Nội vụ tỉnh Lạng Sơn", "Lạng Sơn", "Nội vụ", "Sở Nội vụ tỉnh Lạng Sơn", "ls"),
            "cao-bang": (
                "Gói mẫu Ban Thi đua - Khen thưởng tỉnh Cao Bằng",
                "Cao Bằng",
                "Thi đua - Khen thưởng",
                "Sở Nội vụ tỉnh Cao Bằng",
                "cb",
            ),
        }
        lines = ["# Kho gói mẫu dùng chung (thử)", ""]
        for pack_id, (name, province, sector, maintainer, key) in about.items():
            lines += [
                "[[packs]]",
                f'id = "{pack_id}"',
                f'name = "{name}"',
                f'province = "{province}"',
                f'sector = "{sector}"',
                f'maintainer = "{maintainer}"',
                f'git = "{self.url(pack_id)}"',
                f'keys = [{{ key = "{public(self.keys[key])}", name = "{maintainer}" }}]',
                "",
            ]
            for version in releases.get(pack_id, []):
                lines += [
                    "[[packs.releases]]",
                    f'version = "{version}"',
                    f'tag = "v{version}"',
                    f'commit = "{self.commits[f"{pack_id}@{version}"]}"',
                    "",
                ]
        assert self.registry_src is not None and self.registry_bare is not None
        (self.registry_src / "registry.toml").write_text("\n".join(lines), encoding="utf-8")
        commit_all(self.registry_src, "Chỉ mục")
        publish(self.registry_src, self.registry_bare)


def build(root: Path, setenv) -> World:
    """Two provinces' packs at 1.0.0 (signed tags), lang-son's 1.1.0 made but not yet in the index.
    `setenv(name, value)` (pytest's monkeypatch.setenv) isolates git from the user's configuration."""
    world = World(root, git_env(root / "home"))
    for name, value in world.env.items():
        setenv(name, value)
    keys = root / "keys"
    keys.mkdir()
    world.keys = {
        "ls": keygen(keys, "ls", "vanphong@langson.example"),
        "cb": keygen(keys, "cb", "ttkt@caobang.example"),
        "evil": keygen(keys, "evil", "ke-gia-mao@example"),
    }
    for pack_id, key in (("lang-son", "ls"), ("cao-bang", "cb")):
        source = root / "src" / pack_id
        shutil.copytree(LANG_SON, source)
        if pack_id == "cao-bang":
            text = (source / "pack.toml").read_text(encoding="utf-8")
            text = text.replace('id = "lang-son"', 'id = "cao-bang"').replace("Lạng Sơn", "Cao Bằng")
            (source / "pack.toml").write_text(text, encoding="utf-8")
        run("git", "init", "-q", cwd=source)
        world.commits[f"{pack_id}@1.0.0"] = commit_all(source, "Bản đầu")
        signed_tag(source, "v1.0.0", world.keys[key])
        world.sources[pack_id] = source
        world.bares[pack_id] = root / "bare" / f"{pack_id}.git"
        world.bares[pack_id].parent.mkdir(exist_ok=True)
        publish(source, world.bares[pack_id])
    world.registry_src = root / "src" / "registry"
    world.registry_src.mkdir()
    run("git", "init", "-q", cwd=world.registry_src)
    world.registry_bare = root / "bare" / "registry.git"
    world.write_index()
    return world


def make_lang_son_1_1(world: World) -> None:
    """Lạng Sơn's 1.1.0: a reworded plan template, a stricter threshold, one more award; tagged, signed."""
    source = world.sources["lang-son"]
    reword(source / "templates" / "ke-hoach.docx", "NỘI DUNG CÔNG VIỆC", "NỘI DUNG NHIỆM VỤ")
    awards = source / "data" / "awards.toml"
    text = awards.read_text(encoding="utf-8")
    awards.write_text(
        text.replace("threshold = 90", "threshold = 95")
        + '\n[[awards]]\nname = "Giấy khen của Giám đốc Sở"\nkind = "ca_hai"\nthreshold = 60\n',
        encoding="utf-8",
    )
    set_version(source, "1.1.0")
    world.commits["lang-son@1.1.0"] = commit_all(source, "Bản 1.1.0")
    signed_tag(source, "v1.1.0", world.keys["ls"])
    publish(source, world.bares["lang-son"])
