"""Registries of packs shared across provinces: git repositories holding one index file (registry.toml).

A registry lists, per pack, who maintains it, where it lives (a git URL), its released versions (a tag and
the commit it must point to) and the SSH public keys allowed to sign its releases. A release is a signed git
tag, verified with git itself (`git verify-tag`, gpg.format=ssh, an allowed-signers file built from the
registry's keys for that pack). Data and git only: reading Word files (the diff) lives in kit.app.

Files in the user's data folder (next to the packs folder, see discover.user_packs_dir):
- registries.toml: the registries added (name, URL, when each index was last fetched, its commit);
- registries/NAME.toml: the last fetched index of each registry (used offline).
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import os
import re
import shutil
import subprocess
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from .. import _toml
from ..errors import InputError, OutputExistsError, UsageError
from .discover import user_packs_dir
from .model import ID_PATTERN, VERSION_PATTERN, version_tuple

INDEX_FILE = "registry.toml"
NAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}\Z")
TAG_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/-]{0,99}\Z")
COMMIT_PATTERN = re.compile(r"^[0-9a-f]{40}\Z")
KEY_PATTERN = re.compile(
    r"^(ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp\d+|sk-\S+@openssh\.com) ([A-Za-z0-9+/=]+)(?: (.*))?\Z"
)
GIT_TIMEOUT = 120  # seconds for one clone of a registry or a pack
MAX_INDEX_BYTES = 2 * 2**20
MAX_PACKS = 5000  # entries read from one index


def data_dir() -> Path:
    """The user's data folder of vanban-kit (the packs folder's parent)."""
    return user_packs_dir().parent


def config_path() -> Path:
    return data_dir() / "registries.toml"


def cache_path(name: str) -> Path:
    return data_dir() / "registries" / f"{name}.toml"


# -- the index ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Key:
    """One public key allowed to sign a pack's releases."""

    text: str  # "ssh-ed25519 AAAA… comment"
    name: str  # who holds it (the index's name, else the key's comment)

    @property
    def fingerprint(self) -> str:
        """SHA256:… as ssh-keygen -l and git verify-tag print it."""
        blob = base64.b64decode(self.text.split()[1])
        return "SHA256:" + base64.b64encode(hashlib.sha256(blob).digest()).decode().rstrip("=")


@dataclass(frozen=True)
class Release:
    version: str
    tag: str
    commit: str


@dataclass(frozen=True)
class Entry:
    """One pack of an index."""

    id: str
    name: str
    province: str
    sector: str
    maintainer: str
    git: str
    keys: tuple[Key, ...]
    releases: tuple[Release, ...]
    registry: str = ""
    description: str = ""

    @property
    def latest(self) -> Release | None:
        return max(self.releases, key=lambda r: version_tuple(r.version), default=None)

    def release(self, version: str | None) -> Release:
        if version is None:
            latest = self.latest
            if latest is None:
                raise InputError(
                    f"kho '{self.registry}': gói '{self.id}' chưa có bản phát hành nào",
                    hint="hỏi người quản lý gói",
                    code="KIT571",
                )
            return latest
        for release in self.releases:
            if release.version == version:
                return release
        known = ", ".join(r.version for r in sorted(self.releases, key=lambda r: version_tuple(r.version)))
        raise UsageError(
            f"gói '{self.id}' không có phiên bản {version} trong kho '{self.registry}'",
            hint=f"các phiên bản: {known}",
            code="KIT572",
        )


@dataclass
class Index:
    registry: str
    entries: list[Entry] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # entries skipped, each a one-line message


def _clean(value: object, limit: int = 200) -> str:
    """Index text as the kit shows and records it: NFC, one line, no control characters (they cannot go
    into a Word file's properties), bounded."""
    if not isinstance(value, str):
        return ""
    text = "".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in unicodedata.normalize("NFC", value))
    return " ".join(text.split())[:limit]


def _text(raw: dict, key: str) -> str:
    return _clean(raw.get(key, ""), 1000 if key == "description" else 200)


def _keys(raw: object, where: str) -> tuple[Key, ...]:
    if not isinstance(raw, list) or not raw:
        raise ValueError(f'{where}: thiếu keys (khóa công khai SSH được ký) — ghi keys = ["ssh-ed25519 AAAA… tên"]')
    keys = []
    for item in raw:
        # A key is the line of its .pub file, or a table { key = "…", name = "who holds it" }.
        text, name = (item, "") if isinstance(item, str) else (None, "")
        if isinstance(item, dict):
            text, name = item.get("key"), item.get("name", "")
        match = KEY_PATTERN.match(text.strip()) if isinstance(text, str) else None
        if match is None:
            raise ValueError(
                f"{where}: khóa '{str(text)[:40]}' không phải khóa công khai SSH — chép nguyên dòng tệp .pub"
            )
        try:
            base64.b64decode(match.group(2), validate=True)
        except ValueError:
            raise ValueError(f"{where}: khóa '{str(text)[:40]}' hỏng (base64) — chép nguyên dòng tệp .pub") from None
        keys.append(Key(f"{match.group(1)} {match.group(2)}", _clean(name or match.group(3) or "")))
    return tuple(keys)


def _releases(raw: object, where: str) -> tuple[Release, ...]:
    if not isinstance(raw, list):
        raise ValueError(f"{where}: releases phải là các bảng [[packs.releases]] (version, tag, commit)")
    releases = []
    for item in raw:
        if not isinstance(item, dict):
            raise ValueError(f"{where}: releases phải là các bảng [[packs.releases]] (version, tag, commit)")
        version, tag, commit = (str(item.get(k, "")) for k in ("version", "tag", "commit"))
        if not VERSION_PATTERN.match(version):
            raise ValueError(f"{where}: phiên bản '{version}' không có dạng X.Y.Z")
        if not TAG_PATTERN.match(tag) or ".." in tag:
            raise ValueError(f"{where}: thẻ '{tag}' của bản {version} không phải tên thẻ git — ví dụ v{version}")
        if not COMMIT_PATTERN.match(commit):
            raise ValueError(f"{where}: commit '{commit}' của bản {version} không phải mã commit đủ 40 ký tự hex")
        releases.append(Release(version, tag, commit))
    return tuple(releases)


def parse_index(raw: dict, registry: str) -> Index:
    """The entries of an index; a malformed entry is skipped with a message (one bad entry of a shared
    registry must not hide the others)."""
    index = Index(registry)
    packs = raw.get("packs", [])
    if not isinstance(packs, list):
        index.problems.append(f"kho '{registry}', {INDEX_FILE}: 'packs' phải là các bảng [[packs]]")
        return index
    seen: set[str] = set()
    for number, item in enumerate(packs[:MAX_PACKS], start=1):
        where = f"kho '{registry}', {INDEX_FILE}, gói thứ {number}"
        if not isinstance(item, dict):
            index.problems.append(f"{where}: phải là một bảng [[packs]]")
            continue
        pack_id = str(item.get("id", ""))
        try:
            if not ID_PATTERN.match(pack_id):
                raise ValueError(f"{where}: id '{pack_id}' không phải mã gói (chữ thường, số, gạch ngang)")
            where = f"kho '{registry}', gói '{pack_id}'"
            if pack_id in seen:
                raise ValueError(f"{where}: có hai lần trong chỉ mục — dùng mục đầu tiên")
            git = item.get("git")
            if not isinstance(git, str) or not git or git.startswith("-"):
                raise ValueError(f"{where}: thiếu git (địa chỉ kho git của gói)")
            entry = Entry(
                id=pack_id,
                name=_text(item, "name"),
                province=_text(item, "province"),
                sector=_text(item, "sector"),
                maintainer=_text(item, "maintainer"),
                description=_text(item, "description"),
                git=git,
                keys=_keys(item.get("keys"), where),
                releases=_releases(item.get("releases", []), where),
                registry=registry,
            )
        except ValueError as error:
            index.problems.append(str(error))
            continue
        seen.add(pack_id)
        index.entries.append(entry)
    return index


def entry_toml(
    entry_id: str, name: str, province: str, sector: str, maintainer: str, git: str, keys: list[str], release: Release
) -> str:
    """The [[packs]] entry a maintainer submits to a registry (kit packs release prints it)."""
    q = lambda value: json.dumps(value, ensure_ascii=False)  # noqa: E731 - a JSON string is a TOML string
    return "\n".join(
        [
            "[[packs]]",
            f"id = {q(entry_id)}",
            f"name = {q(name)}",
            f"province = {q(province)}",
            f"sector = {q(sector)}",
            f"maintainer = {q(maintainer)}",
            f"git = {q(git)}",
            "keys = [" + ", ".join(q(key) for key in keys) + "]",
            "",
            "[[packs.releases]]",
            f"version = {q(release.version)}",
            f"tag = {q(release.tag)}",
            f"commit = {q(release.commit)}",
            "",
        ]
    )


# -- git --------------------------------------------------------------------------------------------


def git(
    *args: str, cwd: Path | None = None, timeout: int = GIT_TIMEOUT, config: dict[str, str] | None = None
) -> subprocess.CompletedProcess:
    """git with no prompt for a password (a registry needing one fails instead of waiting)."""
    if shutil.which("git") is None:
        raise InputError("cần lệnh git để dùng kho gói mẫu", hint="cài git rồi chạy lại", code="KIT550")
    options = [item for key, value in (config or {}).items() for item in ("-c", f"{key}={value}")]
    try:
        return subprocess.run(
            ["git", *options, *args],
            cwd=cwd,
            capture_output=True,
            text=True,
            timeout=timeout,
            env=dict(os.environ, GIT_TERMINAL_PROMPT="0", GIT_ASKPASS="", SSH_ASKPASS="", LC_ALL="C"),
        )
    except subprocess.TimeoutExpired:
        raise InputError(
            f"git {args[0]} quá {timeout} giây", hint="kiểm tra mạng rồi chạy lại", code="KIT551"
        ) from None
    except OSError as exc:
        raise InputError(
            f"không chạy được git ({exc.strerror or exc})", hint="cài git rồi chạy lại", code="KIT552"
        ) from None


def _last_line(done: subprocess.CompletedProcess) -> str:
    lines = [line for line in (done.stderr or done.stdout).strip().splitlines() if line.strip()]
    return lines[-1].removeprefix("fatal: ").removeprefix("error: ") if lines else "?"


def clone(url: str, target: Path, tag: str | None = None) -> None:
    """A shallow clone of `url` (at `tag` when given) into `target`."""
    branch = ["--branch", tag] if tag else []
    done = git("-c", "advice.detachedHead=false", "clone", "--quiet", "--depth", "1", *branch, "--", url, str(target))
    if done.returncode != 0:
        raise InputError(
            f"{url}: không tải được kho git ({_last_line(done)})", hint="kiểm tra địa chỉ và mạng", code="KIT553"
        )


# -- registries ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Registry:
    name: str
    url: str
    fetched: dt.datetime | None = None
    commit: str = ""

    def age(self, now: dt.datetime | None = None) -> str:
        """How old the last fetched index is, in words."""
        if self.fetched is None:
            return "chưa tải lần nào"
        seconds = max(0, int(((now or _now()) - self.fetched).total_seconds()))
        if seconds < 120:
            return "vừa tải"
        if seconds < 7200:
            return f"tải {seconds // 60} phút trước"
        if seconds < 2 * 86400:
            return f"tải {seconds // 3600} giờ trước"
        return f"tải {seconds // 86400} ngày trước"

    def fetched_text(self) -> str:
        return self.fetched.astimezone().strftime("%d/%m/%Y %H:%M") if self.fetched else "chưa tải"


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0)


def registries() -> list[Registry]:
    path = config_path()
    if not path.is_file():
        return []
    try:
        raw = _toml.load(path)
    except (ValueError, OSError) as exc:
        raise InputError(
            f"{path}: không đọc được danh sách kho ({exc})", hint="sửa hoặc xóa tệp rồi thêm lại kho", code="KIT554"
        ) from None
    found = []
    for item in raw.get("registries", []):
        if (
            isinstance(item, dict)
            and NAME_PATTERN.match(str(item.get("name", "")))
            and isinstance(item.get("url"), str)
        ):
            fetched = item.get("fetched")
            found.append(
                Registry(
                    item["name"],
                    item["url"],
                    fetched if isinstance(fetched, dt.datetime) else None,
                    str(item.get("commit", "")),
                )
            )
    return found


def _save(items: list[Registry]) -> None:
    lines = []
    for item in items:
        lines += [
            "[[registries]]",
            f"name = {json.dumps(item.name)}",
            f"url = {json.dumps(item.url, ensure_ascii=False)}",
        ]
        if item.fetched is not None:
            lines.append(f"fetched = {item.fetched.isoformat()}")
        if item.commit:
            lines.append(f"commit = {json.dumps(item.commit)}")
        lines.append("")
    _write_atomic(config_path(), "\n".join(lines).encode("utf-8"))


def _write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def get_registry(name: str) -> Registry:
    for item in registries():
        if item.name == name:
            return item
    known = ", ".join(r.name for r in registries()) or "(chưa có)"
    raise UsageError(
        f"không có kho '{name}'",
        hint=f"các kho đã thêm: {known}",
        code="KIT573",
    )


def add_registry(name: str, url: str, force: bool = False) -> tuple[Registry, Index]:
    """Add a registry and fetch its index at once (a wrong address is told now, not at the first search)."""
    if not NAME_PATTERN.match(name):
        raise UsageError(
            f"tên kho '{name}' không hợp lệ", hint="chữ thường không dấu, số và '-', ví dụ kho-tinh", code="KIT555"
        )
    if url.startswith("-") or not url.strip():
        raise UsageError(
            f"'{url}' không phải địa chỉ kho git",
            hint="ví dụ https://git.tinh.gov.vn/vanban/goi-mau.git",
            code="KIT556",
        )
    path = Path(url)
    if path.is_dir():
        url = str(path.resolve())
    existing = registries()
    if any(item.name == name for item in existing) and not force:
        raise OutputExistsError(f"đã có kho '{name}'", hint="đặt tên khác, hoặc cho phép thay địa chỉ", code="KIT557")
    registry = Registry(name, url)
    fetched, index = _fetch(registry)
    _save([item for item in existing if item.name != name] + [fetched])
    return fetched, index


def remove_registry(name: str) -> Registry:
    registry = get_registry(name)
    _save([item for item in registries() if item.name != name])
    cache_path(name).unlink(missing_ok=True)
    return registry


def _fetch(registry: Registry) -> tuple[Registry, Index]:
    """Clone the registry, keep its index file (the cache used offline); InputError when it cannot."""
    with tempfile.TemporaryDirectory(prefix="kit-registry-") as work:
        clone(registry.url, Path(work) / "r")
        index_file = Path(work) / "r" / INDEX_FILE
        if not index_file.is_file() or index_file.is_symlink():
            raise InputError(
                f"{registry.url}: kho không có tệp {INDEX_FILE} ở gốc", hint="đây không phải kho gói mẫu", code="KIT558"
            )
        data = index_file.read_bytes()
        if len(data) > MAX_INDEX_BYTES:
            raise InputError(
                f"{registry.url}: {INDEX_FILE} quá lớn (trên 2 MB)", hint="không dùng kho này", code="KIT559"
            )
        try:
            raw = _toml.tomllib.loads(data.decode("utf-8"))
        except (ValueError, UnicodeDecodeError) as exc:
            raise InputError(
                f"{registry.url}: {INDEX_FILE} không đọc được ({exc})", hint="báo người quản lý kho", code="KIT560"
            ) from None
        commit = git("rev-parse", "HEAD", cwd=Path(work) / "r").stdout.strip()
    _write_atomic(cache_path(registry.name), data)
    fetched = Registry(registry.name, registry.url, _now(), commit)
    return fetched, parse_index(raw, registry.name)


@dataclass
class Loaded:
    """The indexes of all registries, and what the user must be told about them (offline, age)."""

    indexes: list[Index]
    registries: list[Registry]
    notes: list[str]

    def entries(self) -> list[Entry]:
        return [entry for index in self.indexes for entry in index.entries]


def load(refresh: bool = True) -> Loaded:
    """Every registry's index: fetched anew when `refresh`, else (or when it cannot be fetched) the last
    fetched copy, with a note saying how old it is."""
    items = registries()
    if not items:
        raise UsageError("chưa có kho gói mẫu nào", hint="thêm một kho gói mẫu (tên và địa chỉ kho git)", code="KIT561")
    indexes, notes, updated = [], [], []
    for registry in items:
        if refresh:
            try:
                registry, index = _fetch(registry)
                indexes.append(index)
                updated.append(registry)
                notes += index.problems
                continue
            except InputError as error:
                reason = error.message
            updated.append(registry)
        else:
            reason = ""
            updated.append(registry)
        cached = cache_path(registry.name)
        if not cached.is_file():
            notes.append(f"kho '{registry.name}': không tải được ({reason}) và chưa có bản tải trước — bỏ qua kho này")
            continue
        index = parse_index(_toml.load(cached), registry.name)
        indexes.append(index)
        notes += index.problems
        when = f"bản tải lúc {registry.fetched_text()} ({registry.age()})"
        notes.append(
            f"kho '{registry.name}': không tải được ({reason}) — dùng {when}"
            if reason
            else f"kho '{registry.name}': dùng {when}"
        )
    if refresh:
        _save(updated)
    return Loaded(indexes, updated, notes)


def _folded(text: str) -> str:
    """Lower case without Vietnamese marks: 'Lạng Sơn' is found by 'lang son'."""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()


def search(loaded: Loaded, words: list[str]) -> list[Entry]:
    """Entries whose id, name, province, sector, maintainer or description hold every word."""
    wanted = [_folded(word) for word in words if word.strip()]
    found = []
    for entry in loaded.entries():
        text = _folded(
            " ".join([entry.id, entry.name, entry.province, entry.sector, entry.maintainer, entry.description])
        )
        if all(word in text for word in wanted):
            found.append(entry)
    return sorted(found, key=lambda e: (e.id, e.registry))


def find(loaded: Loaded, pack_id: str) -> Entry:
    """The entry of `pack_id` (the first registry listing it wins, in the order they were added)."""
    for entry in loaded.entries():
        if entry.id == pack_id:
            return entry
    raise UsageError(
        f"không có gói '{pack_id}' trong các kho ({', '.join(r.name for r in loaded.registries)})",
        hint="tìm gói theo từ khóa trong các kho",
        code="KIT574",
    )


def split_spec(spec: str) -> tuple[str, str | None]:
    """'lang-son@1.1.0' → ('lang-son', '1.1.0'); 'lang-son' → ('lang-son', None)."""
    pack_id, _, version = spec.partition("@")
    if version and not VERSION_PATTERN.match(version):
        raise UsageError(
            f"'{spec}': phiên bản '{version}' không có dạng X.Y.Z", hint=f"ví dụ {pack_id}@1.2.0", code="KIT562"
        )
    return pack_id, version or None


def looks_like_id(spec: str) -> bool:
    """Whether `kit packs install SPEC` names a pack of the registries rather than a folder, zip or URL."""
    pack_id, _, version = spec.partition("@")
    return (
        bool(ID_PATTERN.match(pack_id))
        and not Path(spec).exists()
        and (not version or bool(VERSION_PATTERN.match(version)))
    )


# -- trust ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Fetched:
    """A release cloned at its tag and checked: the folder, and what the installed pack records."""

    folder: Path
    record: dict[str, object]


def fetch_release(entry: Entry, release: Release, work: Path, allow_unsigned: bool = False) -> Fetched:
    """Clone `entry` at the release's tag into `work` and check it: the tag is annotated, points to the
    index's commit, and carries an SSH signature by one of the index's keys for this pack (verified by
    `git verify-tag`). With `allow_unsigned`, a missing or unverified signature is accepted (recorded as
    such); a tag that moved to another commit never is."""
    target = work / "pack"
    clone(entry.git, target, release.tag)
    where = f"gói '{entry.id}' {release.version} (kho '{entry.registry}', thẻ {release.tag})"
    kind = git("cat-file", "-t", f"refs/tags/{release.tag}", cwd=target).stdout.strip()
    commit = git("rev-parse", f"refs/tags/{release.tag}^{{commit}}", cwd=target).stdout.strip()
    if commit != release.commit:
        raise InputError(
            f"{where}: thẻ trỏ tới commit {commit[:12] or '?'}, chỉ mục ghi {release.commit[:12]}",
            hint="thẻ đã bị đổi sau khi phát hành; không cài, báo người quản lý gói và người quản lý kho",
            code="KIT575",
        )
    signer, problem = "", ""
    if kind != "tag":
        problem = "thẻ không ký (thẻ nhẹ, không có chữ ký)"
    else:
        signer, problem = _verify(entry, release.tag, target, work)
    if problem and not allow_unsigned:
        raise InputError(
            f"{where}: bản phát hành không tin được ({problem})",
            hint="không cài; báo người quản lý gói, hoặc cài không cần chữ ký nếu tin nguồn này",
            code="KIT576",
        )
    record: dict[str, object] = {
        "git": entry.git,
        "registry": entry.registry,
        "version": release.version,
        "tag": release.tag,
        "commit": release.commit,
        "signer": signer,
        "signed": not problem,
        "installed": _now(),
    }
    if problem:
        record["unsigned_reason"] = problem
    return Fetched(target, record)


def _verify(entry: Entry, tag: str, repository: Path, work: Path) -> tuple[str, str]:
    """(signer, '') when the tag's SSH signature is by one of the entry's keys, else ('', why not)."""
    if shutil.which("ssh-keygen") is None:
        raise InputError(
            "cần lệnh ssh-keygen (gói openssh-client) để kiểm tra chữ ký bản phát hành",
            hint="cài rồi chạy lại",
            code="KIT563",
        )
    principals = {f"key{number}@{entry.id}": key for number, key in enumerate(entry.keys, start=1)}
    allowed = work / "allowed_signers"
    allowed.write_text(
        "".join(f'{principal} namespaces="git" {key.text}\n' for principal, key in principals.items()), encoding="utf-8"
    )
    done = git(
        "verify-tag",
        tag,
        cwd=repository,
        config={"gpg.format": "ssh", "gpg.ssh.allowedSignersFile": str(allowed), "gpg.ssh.revocationFile": ""},
    )
    output = done.stderr + done.stdout
    match = re.search(r'Good "git" signature for (\S+) with (\S+) key (SHA256:\S+)', output)
    if done.returncode == 0 and match and match.group(1) in principals:
        key = principals[match.group(1)]
        return f"{key.name or entry.id} ({match.group(3)})", ""
    if "no signature found" in output:
        return "", "thẻ không có chữ ký"
    if "No principal matched" in output:
        fingerprint = re.search(r"(SHA256:\S+)", output)
        return (
            "",
            f"thẻ được ký bằng khóa {fingerprint.group(1) if fingerprint else '?'} không có trong kho cho gói này",
        )
    return "", f"chữ ký của thẻ không hợp lệ ({_last_line(done)})"


def source_record(root: Path) -> dict[str, object]:
    """What an installed pack recorded about where it came from ({} when nothing was recorded)."""
    from .manage import SOURCE_FILE

    path = Path(root) / SOURCE_FILE
    if not path.is_file():
        return {}
    try:
        return _toml.load(path)
    except (ValueError, OSError):
        return {}


def source_text(record: dict[str, object]) -> str:
    """One line naming a pack's source: registry, tag, commit and signer (kit packs show, provenance)."""
    if not record.get("registry"):
        return f"kho git {record['git']}" if record.get("git") else ""
    signer = (
        f"ký bởi {record['signer']}" if record.get("signed") else "KHÔNG có chữ ký hợp lệ (được cài dù không có chữ ký)"
    )
    return f"kho {record['registry']}, thẻ {record.get('tag')}, commit {str(record.get('commit'))[:12]}, {signer}"


def compact_source_text(record: dict[str, object]) -> str:
    """The source in few characters (a document property holds 255): registry, tag, commit, signing key."""
    key = re.search(r"SHA256:[A-Za-z0-9+/]{8}", str(record.get("signer", "")))
    signed = f"khóa {key.group(0)}…" if record.get("signed") and key else "không ký"
    return f"kho {record.get('registry')} {record.get('tag')} {str(record.get('commit'))[:12]}, {signed}"
