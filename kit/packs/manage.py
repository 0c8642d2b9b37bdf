"""Making, installing, updating and removing packs. Installing never writes outside the packs folder."""

from __future__ import annotations

import difflib
import json
import os
import shutil
import stat
import subprocess
import tempfile
import zipfile
import zlib
from collections.abc import Callable, Sequence
from pathlib import Path

from .. import _toml
from ..errors import InputError, OutputExistsError, UsageError
from ..parallel import terminate_as_interrupt
from ..version import __version__
from ..ziplimits import check_entries
from .discover import BUILTIN, get_pack, user_packs_dir
from .lint import LintProblem, lint
from .model import ID_PATTERN, read_manifest

MAX_ARCHIVE_BYTES = 50 * 1024 * 1024  # uncompressed
MAX_ARCHIVE_FILES = 2000
MAX_NAME_BYTES = 255  # one file or folder name (most file systems)
MAX_PATH_CHARS = 400  # a whole path inside the pack (Windows paths are short)
SOURCE_FILE = ".kit-source.toml"  # where an installed pack came from (for `kit packs update`)

README = """# Gói mẫu {id}

Gói mẫu văn bản của vanban-kit, kế thừa gói `{extends}`.

- `pack.toml`: tên gói, phiên bản, các giá trị mặc định (`[defaults]`: tên cơ quan, địa danh, người ký,
  nơi nhận thường dùng), cài đặt quy tắc kiểm tra (`[rules]`), các mẫu thêm hoặc thay thế (`[[templates]]`).
- `data/`: dữ liệu (ví dụ ngưỡng tỷ lệ phiếu của từng hình thức khen thưởng trong `awards.toml`); chỉ cần
  ghi các mục muốn đổi, phần còn lại lấy từ gói `{extends}`.
- Gói chỉ chứa dữ liệu và tệp Word/Excel, không chứa mã chương trình.

Kiểm tra gói: `kit packs lint {folder}` — Cài gói: `kit packs install {folder}` (hoặc từ tệp .zip, kho git).
Dùng gói: `kit form ke-hoach --pack {id} -o ke-hoach.xlsx`.
"""


# Values a new pack starts with when its base has none: the agency fields the forms read, each to be
# replaced by the unit's own (kit packs lint reports the "…" left in them).
PLACEHOLDER = "…"
PLACEHOLDER_DEFAULTS: dict[str, object] = {
    "co_quan_chu_quan": "Ủy ban nhân dân tỉnh …",
    "co_quan_ban_hanh": "Sở …",
    "viet_tat_co_quan": "S…",
    "don_vi": "Sở …",
    "viet_tat_don_vi": "S…",
    "dia_danh": "…",
    "chuc_vu_thu_truong": "Giám đốc",
    "nguoi_ky": "…",
    "luu_don_vi": "VP",
    "noi_nhan": ["Ủy ban nhân dân tỉnh …", "Các phòng, đơn vị thuộc Sở"],
}


def _toml_value(value: object) -> str:
    # JSON strings, numbers, booleans and lists of them are also TOML (quotes and backslashes escaped).
    return json.dumps(value, ensure_ascii=False, default=str)


def new_pack(pack_id: str, extends: str, output: Path, templates: Sequence[str] = (), copy: bool = False) -> Path:
    """A ready-to-edit pack folder extending `extends`, with the base's defaults copied to change.

    With `copy` (kit packs new ID --from BASE [TEMPLATE…]) the chosen templates of the base — all of
    them when none is named — are copied into the pack with their Word files, forms and samples (a
    dossier with its parts), so they can be edited in Word; until edited, the pack renders as its base."""
    if not ID_PATTERN.match(pack_id):
        raise UsageError(
            f"id '{pack_id}' không hợp lệ", hint="chữ thường, số và dấu '-', ví dụ lang-son", code="KIT132"
        )
    if pack_id == BUILTIN:
        raise UsageError(
            "mã 'builtin' dành cho gói có sẵn của vanban-kit", hint="đặt id khác cho gói, ví dụ lang-son", code="KIT142"
        )
    base = get_pack(extends)
    folder = Path(output)
    if folder.exists() and not folder.is_dir():
        raise OutputExistsError(f"{folder}: đã có một tệp tên này", hint="chọn tên thư mục khác cho gói", code="KIT143")
    if folder.exists() and any(folder.iterdir()):
        raise OutputExistsError(f"{folder}: thư mục đã có nội dung", hint="chọn thư mục khác", code="KIT144")
    chosen = _chosen_templates(base, templates) if copy or templates else []
    defaults = dict(base.defaults) or dict(PLACEHOLDER_DEFAULTS)
    lines = [
        f"id = {_toml_value(pack_id)}",
        f'title = "Gói mẫu {pack_id}"',
        'version = "0.1.0"',
        f'min_kit_version = "{__version__}"',
        'maintainer = ""',
        f"extends = {_toml_value(extends)}",
        "",
        "# Giá trị điền sẵn vào biểu mẫu trống (đổi cho đơn vị của mình).",
        "[defaults]",
    ]
    lines += [f"{key} = {_toml_value(value)}" for key, value in defaults.items()]
    lines += [
        "",
        "# Cài đặt quy tắc kiểm tra văn bản: tắt quy tắc (không được tắt quy tắc bắt buộc), nâng mức.",
        "[rules]",
        "off = []",
        "",
        "[rules.severity]",
        "",
    ]
    folder.mkdir(parents=True, exist_ok=True)
    if chosen:
        lines += [
            "# Các mẫu chép từ gói " + extends + ": sửa tệp Word trong templates/ bằng Word hoặc LibreOffice Writer.",
            "",
        ]
        lines += _copy_templates(base, chosen, folder)
    (folder / "pack.toml").write_text("\n".join(lines), encoding="utf-8")
    (folder / "README.md").write_text(README.format(id=pack_id, extends=extends, folder=folder), encoding="utf-8")
    return folder


def _chosen_templates(base, ids: Sequence[str]) -> list:
    """The base's templates to copy (all when none is named), each dossier with its parts."""
    known = {spec.id: spec for spec in base.templates}
    for template_id in ids:
        if template_id not in known:
            close = difflib.get_close_matches(template_id, known, n=1)
            hint = f"có phải '{close[0]}'? " if close else ""
            raise UsageError(
                f"gói '{base.id}' không có mẫu '{template_id}'",
                hint=f"{hint}xem các mẫu của gói '{base.id}'",
                code="KIT155",
                values={"pack": base.id},
            )
    wanted = list(ids) or [spec.id for spec in base.templates if spec.kind != "part"]
    for template_id in list(wanted):
        wanted += [part for part in known[template_id].documents if part not in wanted]
    return [known[template_id] for template_id in wanted]


def _copy_templates(base, chosen: list, folder: Path) -> list[str]:
    """Copy Word files, forms (with the forms they extend) and samples; the [[templates]] entries."""
    lines: list[str] = []
    copied_files: dict[Path, str] = {}
    for spec in chosen:
        relative = ""
        if spec.file.is_file():
            relative = copied_files.get(spec.file, "")
            if not relative:
                relative = f"templates/{spec.file.name}"
                while relative in copied_files.values():
                    relative = f"templates/{spec.file.parent.name}-{spec.file.name}"
                (folder / "templates").mkdir(exist_ok=True)
                shutil.copyfile(spec.file, folder / relative)
                copied_files[spec.file] = relative
        form_id: str | None = spec.form
        while form_id and not (folder / "forms" / f"{form_id}.toml").exists():
            source = base.form_path(form_id)
            (folder / "forms").mkdir(exist_ok=True)
            shutil.copyfile(source, folder / "forms" / f"{form_id}.toml")
            raw = _toml.load(source)
            sample = raw.get("sample")
            if isinstance(sample, str):
                sample_file = next(
                    (m.root / "samples" / sample for m in base.chain if (m.root / "samples" / sample).is_file()), None
                )
                if sample_file is None:
                    from ..resources import samples_dir

                    sample_file = samples_dir() / sample
                if sample_file.is_file():
                    (folder / "samples").mkdir(exist_ok=True)
                    shutil.copyfile(sample_file, folder / "samples" / sample)
            form_id = raw.get("extends") if isinstance(raw.get("extends"), str) else None
        lines.append("[[templates]]")
        for key in ("id", "title", "version", "document_type", "type_abbreviation"):
            lines.append(f"{key} = {_toml_value(getattr(spec, key))}")
        lines.append(f"file = {_toml_value(relative)}")
        lines += [f"form = {_toml_value(spec.form)}", f"builder = {_toml_value(spec.builder)}"]
        if spec.kind != "document":
            lines.append(f"kind = {_toml_value(spec.kind)}")
        if spec.legal_basis:
            lines.append(f"legal_basis = {_toml_value(spec.legal_basis)}")
        for part in spec.parts:
            lines += [
                "",
                "[[templates.parts]]",
                f"template = {_toml_value(part.template)}",
                f"output = {_toml_value(part.output)}",
                f"builder = {_toml_value(part.builder)}",
            ]
        lines.append("")
    return lines


def _safe_extract(archive: Path, target: Path) -> None:
    try:
        bundle = zipfile.ZipFile(archive)
    except zipfile.BadZipFile:
        raise InputError(f"{archive.name}: không phải tệp .zip hợp lệ", code="KIT156") from None
    entries = bundle.infolist()
    check_entries(entries, archive.name, "gói mẫu", max_bytes=MAX_ARCHIVE_BYTES, max_entries=MAX_ARCHIVE_FILES)
    for entry in entries:
        name = entry.filename
        mode = entry.external_attr >> 16
        if name.startswith(("/", "\\")) or ":" in name.split("/")[0] or ".." in Path(name).parts or "\\" in name:
            raise InputError(f"{archive.name}: đường dẫn không an toàn '{name}'", hint="không cài", code="KIT157")
        if stat.S_ISLNK(mode):
            raise InputError(f"{archive.name}: có liên kết tượng trưng '{name}'", hint="không cài", code="KIT158")
        if len(name) > MAX_PATH_CHARS or any(len(part.encode("utf-8")) > MAX_NAME_BYTES for part in name.split("/")):
            raise InputError(
                f"{archive.name}: tên tệp quá dài '{name[:80]}…'",
                hint="đặt tên ngắn hơn rồi nén lại gói",
                code="KIT159",
            )
    _refuse_clashes(archive, entries)
    written = 0
    for entry in entries:
        destination = (target / entry.filename).resolve()
        if target.resolve() not in destination.parents and destination != target.resolve():
            raise InputError(
                f"{archive.name}: đường dẫn không an toàn '{entry.filename}'", hint="không cài", code="KIT157"
            )
        if entry.is_dir():
            destination.mkdir(parents=True, exist_ok=True)
            continue
        destination.parent.mkdir(parents=True, exist_ok=True)
        try:
            with bundle.open(entry) as source, open(destination, "wb") as sink:
                # Counted as written: the sizes in a zip's directory can lie.
                while chunk := source.read(1 << 16):
                    written += len(chunk)
                    if written > MAX_ARCHIVE_BYTES:
                        raise InputError(
                            f"{archive.name}: dung lượng giải nén quá lớn (trên {MAX_ARCHIVE_BYTES // 2**20} MB)",
                            hint="không cài",
                            code="KIT146",
                        )
                    sink.write(chunk)
        except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
            raise InputError(
                f"{archive.name}: tệp .zip bị hỏng ở '{entry.filename}' ({exc})",
                hint="tải hoặc nén lại gói",
                code="KIT168",
            ) from None
        except (RuntimeError, NotImplementedError) as exc:  # encrypted, or a compression zipfile cannot read
            raise InputError(
                f"{archive.name}: không giải nén được '{entry.filename}' ({exc})",
                hint="nén lại gói bằng zip thường, không mật khẩu",
                code="KIT169",
            ) from None
        except OSError as exc:
            raise InputError(
                f"{archive.name}: không giải nén được '{entry.filename}' ({exc.strerror or exc})",
                hint="kiểm tra tên các tệp trong gói rồi nén lại",
                code="KIT169",
            ) from None


def _refuse_clashes(archive: Path, entries: list[zipfile.ZipInfo]) -> None:
    """Two entries for one file (a second pack.toml would replace the one linted), or a file where
    another entry needs a folder: refused before anything is extracted. Compared without case, as
    on Windows and macOS."""
    files: dict[str, str] = {}
    folders: set[str] = set()
    for entry in entries:
        key = entry.filename.rstrip("/").casefold()
        parts = key.split("/")
        folders.update("/".join(parts[:end]) for end in range(1, len(parts)))
        if entry.is_dir():
            folders.add(key)
            continue
        if key in files:
            raise InputError(
                f"{archive.name}: tệp '{entry.filename}' có hai lần trong tệp .zip",
                hint="nén lại gói, mỗi tệp một lần",
                code="KIT160",
            )
        files[key] = entry.filename
    for key in sorted(set(files) & folders):
        raise InputError(
            f"{archive.name}: '{files[key]}' vừa là tệp vừa là thư mục trong tệp .zip",
            hint="nén lại gói",
            code="KIT147",
        )


def _pack_root(folder: Path) -> Path:
    if (folder / "pack.toml").is_file():
        return folder
    children = [child for child in folder.iterdir() if child.is_dir() and not child.name.startswith(".")]
    if len(children) == 1 and (children[0] / "pack.toml").is_file():
        return children[0]
    raise InputError(f"{folder}: không thấy pack.toml ở gốc", hint="gói mẫu phải có tệp pack.toml", code="KIT141")


def _is_git(source: str) -> bool:
    return source.endswith(".git") or source.startswith(("git@", "https://", "http://", "ssh://", "git://", "file://"))


def _is_bare_repository(folder: Path) -> bool:
    """A bare git repository (/path/repo.git): installed through git, like a remote one."""
    return (
        not (folder / "pack.toml").exists()
        and (folder / "HEAD").is_file()
        and (folder / "objects").is_dir()
        and (folder / "refs").is_dir()
    )


def _clone(url: str, target: Path) -> None:
    if shutil.which("git") is None:
        raise InputError("cần lệnh git để cài gói từ kho git", hint="cài git rồi chạy lại", code="KIT148")
    try:
        done = subprocess.run(
            ["git", "clone", "--quiet", "--depth", "1", "--", url, str(target)],
            capture_output=True,
            text=True,
            timeout=300,
            env=dict(os.environ, GIT_TERMINAL_PROMPT="0"),
        )
    except subprocess.TimeoutExpired:
        raise InputError(f"{url}: tải kho git quá 300 giây", hint="kiểm tra mạng rồi chạy lại", code="KIT161") from None
    except OSError as exc:
        raise InputError(
            f"không chạy được git ({exc.strerror or exc})", hint="cài git rồi chạy lại", code="KIT162"
        ) from None
    if done.returncode != 0:
        detail = (done.stderr.strip().splitlines() or ["?"])[-1]
        raise InputError(f"{url}: không tải được kho git ({detail})", code="KIT149")


def _same_tree(a: Path, b: Path) -> bool:
    def files(root: Path) -> dict[str, bytes]:
        return {
            p.relative_to(root).as_posix(): p.read_bytes()
            for p in root.rglob("*")
            if p.is_file() and ".git" not in p.parts and p.name != SOURCE_FILE
        }

    return files(a) == files(b)


def install(
    source: str,
    *,
    force: bool = False,
    expected_id: str | None = None,
    lint: Callable[[Path], list[LintProblem]] = lint,
    record: dict[str, object] | None = None,
) -> Path:
    """Install a pack from a folder, a .zip or a git URL into the user's pack folder, after linting it.
    `record` (a release from a registry: registry, tag, commit, signer) is kept as its source."""
    with terminate_as_interrupt():  # SIGTERM, like Ctrl+C, removes the kit-pack-* folder on its way out
        return _install(source, force=force, expected_id=expected_id, lint=lint, record=record)


def _record_toml(record: dict[str, object]) -> str:
    """The source record as TOML: strings, booleans and date-times."""
    lines = []
    for key, value in record.items():
        if isinstance(value, bool):
            lines.append(f"{key} = {'true' if value else 'false'}")
        elif hasattr(value, "isoformat"):
            lines.append(f"{key} = {value.isoformat()}")
        else:
            lines.append(f"{key} = {json.dumps(str(value), ensure_ascii=False)}")
    return "\n".join(lines) + "\n"


def _install(
    source: str,
    *,
    force: bool,
    expected_id: str | None,
    lint: Callable[[Path], list[LintProblem]],
    record: dict[str, object] | None = None,
) -> Path:
    with tempfile.TemporaryDirectory(prefix="kit-pack-") as work:
        staging = Path(work) / "src"
        path = Path(source)
        from_git = False
        if path.is_dir() and _is_bare_repository(path):
            _clone(str(path.resolve()), staging)
            root = _pack_root(staging)
            from_git = True
        elif path.is_dir():
            root = _pack_root(path)
        elif path.suffix.lower() == ".zip" and path.is_file():
            staging.mkdir()
            _safe_extract(path, staging)
            root = _pack_root(staging)
        elif _is_git(source):
            _clone(source, staging)
            root = _pack_root(staging)
            from_git = True
        else:
            raise UsageError(f"{source}: không phải thư mục, tệp .zip hay địa chỉ kho git", code="KIT171")
        for item in root.rglob("*"):
            if item.is_symlink():
                raise InputError(f"{item}: gói có liên kết tượng trưng", hint="không cài", code="KIT170")
        manifest = read_manifest(root)
        if expected_id is not None and manifest.id != expected_id:
            raise InputError(
                f"{source}: kho git nay chứa gói '{manifest.id}', không phải '{expected_id}'",
                hint="không cập nhật; gỡ gói rồi cài lại nếu đúng là gói mới",
                code="KIT163",
            )
        if manifest.id == BUILTIN:
            raise UsageError("không cài đè gói có sẵn 'builtin'", hint="đặt id khác cho gói", code="KIT164")
        errors = [problem for problem in lint(root) if problem.error]
        if errors:
            raise InputError(
                f"gói '{manifest.id}' có lỗi, không cài: {errors[0]} (gói có {len(errors)} lỗi)",
                hint="sửa các lỗi của gói rồi cài lại",
                code="KIT165",
            )
        target = user_packs_dir() / manifest.id
        if target.exists() and not force and not _same_tree(target, root):
            raise OutputExistsError(
                f"{target}: đã cài một gói '{manifest.id}' khác",
                hint="gỡ gói đã cài, hoặc cho phép thay",
                code="KIT166",
            )
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = Path(tempfile.mkdtemp(prefix=f".{manifest.id}.", dir=target.parent))
        try:
            # A pack's own .kit-source.toml is never kept: only a git install records where it came from.
            shutil.copytree(root, temporary / "pack", ignore=shutil.ignore_patterns(".git", SOURCE_FILE))
            if record is not None:
                (temporary / "pack" / SOURCE_FILE).write_text(_record_toml(record), encoding="utf-8")
            elif from_git:
                (temporary / "pack" / SOURCE_FILE).write_text(f"git = {json.dumps(source)}\n", encoding="utf-8")
            if target.exists():
                shutil.rmtree(target)
            os.replace(temporary / "pack", target)
        finally:
            shutil.rmtree(temporary, ignore_errors=True)
        return target


def _installed(pack_id: str) -> Path:
    """The folder of an installed pack: an id only, never a path that leads out of the pack folder."""
    from .model import ID_PATTERN

    if pack_id == BUILTIN:
        raise UsageError(
            "gói có sẵn 'builtin' không gỡ hay cập nhật riêng được",
            hint="nó đi cùng vanban-kit; cập nhật vanban-kit để có bản mới",
            code="KIT150",
        )
    if not ID_PATTERN.match(pack_id):
        raise UsageError(
            f"'{pack_id}' không phải mã gói (chữ thường, số, gạch ngang)",
            hint="xem mã của các gói đã cài",
            code="KIT151",
        )
    target = user_packs_dir() / pack_id
    if target.resolve().parent != user_packs_dir().resolve():
        raise UsageError(
            f"'{pack_id}' không phải một gói trong {user_packs_dir()}", hint="xem mã của các gói đã cài", code="KIT152"
        )
    return target


def remove(pack_id: str) -> Path:
    target = _installed(pack_id)
    if not (target / "pack.toml").is_file():
        raise UsageError(
            f"gói '{pack_id}' không được cài trong {user_packs_dir()}", hint="xem các gói đã cài", code="KIT153"
        )
    shutil.rmtree(target)
    return target


def update(pack_id: str, lint: Callable[[Path], list[LintProblem]] = lint) -> Path:
    """Install a git-installed pack again from where it came from (only that pack: a repository
    that now holds another pack is refused)."""
    target = _installed(pack_id)
    source_file = target / SOURCE_FILE
    if not source_file.is_file():
        raise UsageError(f"gói '{pack_id}' không được cài từ kho git", hint="cài lại gói", code="KIT154")
    try:
        url = _toml.load(source_file)["git"]
    except (KeyError, ValueError, OSError):
        raise InputError(f"{source_file}: không đọc được địa chỉ kho git", hint="cài lại gói", code="KIT167") from None
    return install(url, force=True, expected_id=pack_id, lint=lint)
