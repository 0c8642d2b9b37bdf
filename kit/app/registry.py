"""Packs through the registries: install a signed release, update to the newest one (with what changed),
and help a maintainer publish a release (lint, raise the version, tag and sign, the index entry)."""

from __future__ import annotations

import re
import shlex
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError, UsageError
from ..packs import Pack
from ..packs import registry as reg
from ..packs.discover import get_pack, pack_at, user_packs_dir
from ..packs.model import VERSION_PATTERN, read_manifest, version_tuple
from .pack_diff import PackDiff, diff_packs
from .packs import lint


@dataclass
class Installed:
    path: Path
    record: dict[str, object]
    notes: list[str] = field(default_factory=list)
    bases: list[Installed] = field(default_factory=list)  # the packs it extends, installed with it

    @property
    def source(self) -> str:
        return reg.source_text(self.record)


MAX_BASES = 5  # packs a pack may extend through the registries, one after another


def _install_release(
    entry: reg.Entry,
    release: reg.Release,
    *,
    force: bool,
    allow_unsigned: bool,
    loaded: reg.Loaded | None = None,
    installed: list[Installed] | None = None,
) -> tuple[Path, dict]:
    from ..packs import manage

    with tempfile.TemporaryDirectory(prefix="kit-release-") as work:
        fetched = reg.fetch_release(entry, release, Path(work), allow_unsigned=allow_unsigned)
        _check_version(entry, release, fetched.folder)
        if loaded is not None and installed is not None:
            _install_base(read_manifest(fetched.folder).extends, loaded, installed, [entry.id])
        path = manage.install(str(fetched.folder), force=force, expected_id=entry.id, lint=lint, record=fetched.record)
        return path, fetched.record


def _install_base(base: str | None, loaded: reg.Loaded, installed: list[Installed], chain: list[str]) -> None:
    """The pack a release extends, when it is not installed and a registry lists it: its newest release,
    signed (--allow-unsigned is said for the pack named, not for what it brings along), installed first."""
    from ..packs.discover import BUILTIN, all_manifests

    if not base or base == BUILTIN or any(manifest.id == base for _, manifest in all_manifests()):
        return
    entry = next((e for e in loaded.entries() if e.id == base), None)
    if entry is None or base in chain or len(chain) > MAX_BASES:
        return  # told by the lint of the pack: "kế thừa gói … nhưng gói này chưa được cài"
    release = entry.release(None)
    with tempfile.TemporaryDirectory(prefix="kit-release-") as work:
        from ..packs import manage

        fetched = reg.fetch_release(entry, release, Path(work))
        _check_version(entry, release, fetched.folder)
        _install_base(read_manifest(fetched.folder).extends, loaded, installed, [*chain, base])
        path = manage.install(str(fetched.folder), expected_id=entry.id, lint=lint, record=fetched.record)
        installed.append(Installed(path, fetched.record))


def _check_version(entry: reg.Entry, release: reg.Release, folder: Path) -> None:
    manifest = read_manifest(folder)
    if manifest.version != release.version:
        raise InputError(
            f"gói '{entry.id}', thẻ {release.tag}: pack.toml ghi phiên bản {manifest.version}, chỉ mục kho '{entry.registry}' ghi {release.version}",
            hint="không cài; báo người quản lý gói sửa chỉ mục",
            code="KIT577",
        )


def install(spec: str, *, force: bool = False, allow_unsigned: bool = False, refresh: bool = True) -> Installed:
    """`kit packs install ID[@VERSION]`: the release found in the registries, verified, linted, installed."""
    pack_id, version = reg.split_spec(spec)
    loaded = reg.load(refresh=refresh)
    entry = reg.find(loaded, pack_id)
    release = entry.release(version)
    bases: list[Installed] = []
    path, record = _install_release(
        entry, release, force=force, allow_unsigned=allow_unsigned, loaded=loaded, installed=bases
    )
    return Installed(path, record, loaded.notes, bases)


def installed_records() -> list[tuple[str, str, dict[str, object]]]:
    """(id, version, source record) of each pack in the user's pack folder."""
    folder = user_packs_dir()
    found = []
    if folder.is_dir():
        for child in sorted(folder.iterdir()):
            if child.is_dir() and not child.name.startswith(".") and (child / "pack.toml").is_file():
                try:
                    manifest = read_manifest(child)
                except InputError:
                    continue
                found.append((manifest.id, manifest.version, reg.source_record(child)))
    return found


@dataclass
class Available:
    """An installed pack and the newest release its registry lists."""

    id: str
    installed: str
    record: dict[str, object]
    newest: reg.Release | None
    entry: reg.Entry | None

    @property
    def update(self) -> bool:
        return self.newest is not None and version_tuple(self.newest.version) > version_tuple(self.installed)


def available(loaded: reg.Loaded) -> list[Available]:
    entries = {(e.registry, e.id): e for e in loaded.entries()}
    result = []
    for pack_id, version, record in installed_records():
        entry = entries.get((str(record.get("registry", "")), pack_id))
        result.append(Available(pack_id, version, record, entry.latest if entry else None, entry))
    return result


@dataclass
class Updated:
    id: str
    old: str
    new: str
    source: str
    changes: PackDiff | None  # old installed → new (None: a pack installed again from its git URL)


def update(
    pack_id: str | None, *, allow_unsigned: bool = False, refresh: bool = True, to_version: str | None = None
) -> tuple[list[Updated], list[str]]:
    """`kit packs update [ID]`: each pack installed from a registry (or only ID) to its newest release,
    with what changed; a pack installed from a plain git URL is installed again from it."""
    from ..packs import manage

    if pack_id is not None:
        record = reg.source_record(manage._installed(pack_id))
        if not (user_packs_dir() / pack_id / "pack.toml").is_file():
            raise UsageError(
                f"gói '{pack_id}' không được cài trong {user_packs_dir()}", hint="xem các gói đã cài", code="KIT564"
            )
        if not record.get("registry"):
            from .packs import update as update_from_git

            path = update_from_git(pack_id)
            return [
                Updated(pack_id, "", read_manifest(path).version, reg.source_text(reg.source_record(path)), None)
            ], []
    loaded = reg.load(refresh=refresh)
    done: list[Updated] = []
    notes = list(loaded.notes)
    for item in available(loaded):
        if pack_id is not None and item.id != pack_id:
            continue
        if item.entry is None:
            if item.record.get("registry"):
                notes.append(
                    f"gói '{item.id}': kho '{item.record['registry']}' không còn liệt kê gói này — giữ bản {item.installed}"
                )
            continue
        if not item.update or item.newest is None:
            notes.append(f"gói '{item.id}' {item.installed}: đã là bản mới nhất")
            continue
        if to_version is not None and item.newest.version != to_version:
            raise UsageError(
                f"gói '{item.id}': bản mới nhất trong kho nay là {item.newest.version}, không phải {to_version}",
                hint="xem lại những gì thay đổi rồi cập nhật",
                code="KIT578",
            )
        with tempfile.TemporaryDirectory(prefix="kit-old-") as work:
            old = Path(work) / item.id
            shutil.copytree(user_packs_dir() / item.id, old)
            path, record = _install_release(item.entry, item.newest, force=True, allow_unsigned=allow_unsigned)
            changes = diff_packs(pack_at(old), pack_at(path))
        done.append(Updated(item.id, item.installed, item.newest.version, reg.source_text(record), changes))
    return done, notes


def fetch_for_diff(
    spec: str, work: Path, *, allow_unsigned: bool = False, refresh: bool = True
) -> tuple[Path, str, list[str]]:
    """ID@VERSION from the registries into `work` (verified as for installing): its folder and label."""
    pack_id, version = reg.split_spec(spec)
    loaded = reg.load(refresh=refresh)
    entry = reg.find(loaded, pack_id)
    release = entry.release(version)
    fetched = reg.fetch_release(entry, release, work, allow_unsigned=allow_unsigned)
    _check_version(entry, release, fetched.folder)
    return fetched.folder, f"{pack_id} {release.version} (kho {entry.registry})", loaded.notes


# -- what changed (kit packs diff) ----------------------------------------------------------------------


def diff(old: str, new: str, *, allow_unsigned: bool = False, refresh: bool = True) -> PackDiff:
    """`kit packs diff OLD NEW`: each a pack folder, an installed pack id, or ID@VERSION of a registry."""
    with tempfile.TemporaryDirectory(prefix="kit-diff-") as work:
        notes: list[str] = []
        packs = []
        for number, spec in enumerate((old, new)):
            pack, label, told = _pack_of(spec, Path(work) / str(number), allow_unsigned, refresh)
            packs.append((pack, label))
            notes += [note for note in told if note not in notes]
        result = diff_packs(packs[0][0], packs[1][0], packs[0][1], packs[1][1])
        result.notes = notes + result.notes
        return result


def _pack_of(spec: str, work: Path, allow_unsigned: bool, refresh: bool) -> tuple[Pack, str, list[str]]:
    path = Path(spec)
    if (path / "pack.toml").is_file():
        pack = pack_at(path)
        return pack, f"{pack.id} {pack.version} (thư mục {path})", []
    if "@" in spec:
        work.mkdir(parents=True)
        folder, label, notes = fetch_for_diff(spec, work, allow_unsigned=allow_unsigned, refresh=refresh)
        return pack_at(folder), label, notes
    if path.exists():
        raise UsageError(
            f"{spec}: không phải thư mục gói mẫu (thiếu pack.toml)",
            hint="ghi thư mục gói, mã gói đã cài hoặc MÃ@PHIÊN_BẢN",
            code="KIT582",
        )
    pack = get_pack(spec)
    return pack, f"{pack.id} {pack.version} (đã cài)", []


# -- publishing a release (maintainers) ------------------------------------------------------------------


@dataclass
class Released:
    version: str
    tag: str
    commit: str
    commands: list[str]
    entry: str


def _bumped(version: str, part: str) -> str:
    major, minor, patch = (list(version_tuple(version)) + [0, 0, 0])[:3]
    if part == "major":
        return f"{major + 1}.0.0"
    if part == "minor":
        return f"{major}.{minor + 1}.0"
    return f"{major}.{minor}.{patch + 1}"


def release(
    folder: Path,
    *,
    bump: str = "patch",
    version: str | None = None,
    key: Path | None = None,
    git_url: str | None = None,
    province: str = "",
    sector: str = "",
    run=None,
) -> Released:
    """Lint the pack in `folder` (a git work tree), raise its version in pack.toml, commit, make a signed
    tag (SSH key `key`, else git's user.signingkey) and give the [[packs]] entry to submit to a registry.
    `run(command_line)` is told each git command before it runs."""
    folder = Path(folder)
    manifest = read_manifest(folder)
    top = reg.git("rev-parse", "--show-toplevel", cwd=folder)
    if top.returncode != 0 or Path(top.stdout.strip()).resolve() != folder.resolve():
        raise UsageError(
            f"{folder}: không phải gốc một kho git",
            hint="chạy git init trong thư mục gói rồi commit các tệp",
            code="KIT565",
        )
    status = reg.git("status", "--porcelain", cwd=folder).stdout
    if status.strip():
        first = status.strip().splitlines()[0]
        raise UsageError(
            f"{folder}: còn thay đổi chưa commit ({first.strip()})",
            hint="commit hoặc bỏ chúng trước khi phát hành",
            code="KIT579",
        )
    errors = [problem for problem in lint(folder) if problem.error]
    if errors:
        raise InputError(
            f"gói '{manifest.id}' có lỗi, không phát hành: {errors[0]}",
            hint=f"sửa {len(errors)} lỗi của gói rồi phát hành lại",
            code="KIT581",
        )
    new = version or _bumped(manifest.version, bump)
    if not VERSION_PATTERN.match(new):
        raise UsageError(f"phiên bản '{new}' không có dạng X.Y.Z", hint="ví dụ 1.2.0", code="KIT566")
    if version_tuple(new) <= version_tuple(manifest.version):
        raise UsageError(
            f"phiên bản {new} không mới hơn {manifest.version}", hint="ghi phiên bản lớn hơn", code="KIT567"
        )
    tag = f"v{new}"
    if reg.git("rev-parse", "-q", "--verify", f"refs/tags/{tag}", cwd=folder).returncode == 0:
        raise UsageError(f"đã có thẻ {tag} trong kho", hint="chọn phiên bản khác", code="KIT568")
    text = (folder / "pack.toml").read_text(encoding="utf-8")
    updated, count = re.subn(r'(?m)^version\s*=\s*"[^"]*"', f'version = "{new}"', text, count=1)
    if count != 1:
        raise InputError(
            f'{folder / "pack.toml"}: không thấy dòng version = "…" ở đầu tệp', hint="thêm dòng đó", code="KIT580"
        )
    (folder / "pack.toml").write_text(updated, encoding="utf-8")
    signing = {"gpg.format": "ssh"}
    if key is not None:
        signing["user.signingkey"] = str(Path(key).resolve())
    commands: list[str] = []

    def step(*args: str, config: dict[str, str] | None = None) -> str:
        options = [item for k, v in (config or {}).items() for item in ("-c", f"{k}={v}")]
        line = shlex.join(["git", *options, *args])  # as typed in a shell: the maintainer can run it again
        commands.append(line)
        if run is not None:
            run(line)
        done = reg.git(*args, cwd=folder, config=config)
        if done.returncode != 0:
            raise InputError(f"{line}: lỗi ({reg._last_line(done)})", hint="sửa rồi chạy lại", code="KIT569")
        return done.stdout.strip()

    step("add", "pack.toml")
    step("commit", "-q", "-m", f"Phát hành gói {manifest.id} {new}")
    step("tag", "-s", "-m", f"Gói mẫu {manifest.id} {new}", tag, config=signing)
    if key is not None and Path(str(key) + ".pub").is_file():
        with tempfile.TemporaryDirectory(prefix="kit-signers-") as work:
            step(
                "verify-tag", tag, config={"gpg.format": "ssh", "gpg.ssh.allowedSignersFile": _allowed(key, Path(work))}
            )
    commit = step("rev-parse", f"{tag}^{{commit}}")
    public = (
        [Path(str(key) + ".pub").read_text(encoding="utf-8").strip()]
        if key and Path(str(key) + ".pub").is_file()
        else ["ssh-ed25519 AAAA… (dòng trong tệp .pub của khóa ký)"]
    )
    remote = git_url or reg.git("remote", "get-url", "origin", cwd=folder).stdout.strip() or "(địa chỉ kho git của gói)"
    entry = reg.entry_toml(
        manifest.id,
        str(manifest.raw.get("title", "")),
        province,
        sector,
        str(manifest.raw.get("maintainer", "")),
        remote,
        public,
        reg.Release(new, tag, commit),
    )
    return Released(new, tag, commit, commands, entry)


def _allowed(key: Path, work: Path) -> str:
    """An allowed-signers file with the maintainer's own public key: the new tag is verified before it is
    published, as installing it will verify it."""
    kind, blob = Path(str(key) + ".pub").read_text(encoding="utf-8").split()[:2]
    path = work / "allowed_signers"
    path.write_text(f'maintainer namespaces="git" {kind} {blob}\n', encoding="utf-8")
    return str(path)


# -- the web page "Gói mẫu" -------------------------------------------------------------------------------


def overview(refresh: bool = False) -> dict[str, object]:
    """What the "Gói mẫu" page shows: every pack found (its source and signer), the registries with the
    age of their index, and for each pack installed from a registry its newest release when newer."""
    from ..packs.discover import all_manifests

    notes: list[str] = []
    newest: dict[str, Available] = {}
    items: list[reg.Registry] = reg.registries()
    if items:
        loaded = reg.load(refresh=refresh)
        # The age of each index is shown with its registry; a registry that could not be fetched is told.
        notes = [note for note in loaded.notes if "không tải được" in note or ": dùng bản tải lúc" not in note]
        items = loaded.registries
        newest = {item.id: item for item in available(loaded)}
    packs = []
    for where, manifest in all_manifests():
        record = reg.source_record(manifest.root) if manifest.id != "builtin" else {}
        item = newest.get(manifest.id)
        packs.append(
            {
                "id": manifest.id,
                "title": str(manifest.raw.get("title", "")),
                "version": manifest.version,
                "where": where,
                "registry": str(record.get("registry", "")),
                "tag": str(record.get("tag", "")),
                "commit": str(record.get("commit", ""))[:12],
                "signer": str(record.get("signer", "")),
                "signed": bool(record.get("signed")),
                "git": str(record.get("git", "")),
                "newer": item.newest.version if item is not None and item.update and item.newest else "",
            }
        )
    registries = [{"name": r.name, "url": r.url, "fetched": r.fetched_text(), "age": r.age()} for r in items]
    return {"packs": packs, "registries": registries, "notes": notes}
