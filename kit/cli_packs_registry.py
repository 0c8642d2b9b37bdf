"""`kit packs registry/search/install/update/diff/release`: packs shared through registries (git
repositories with an index), their signed releases and what changed. Thin click commands over kit.app."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from .cli_types import PathArgument

if TYPE_CHECKING:
    from pathlib import Path

OFFLINE_HELP = "Không tải lại chỉ mục các kho: dùng bản tải lần trước (in rõ đã tải bao lâu)."


def _notes(notes: list[str]) -> None:
    for note in notes:
        click.echo(f"Lưu ý: {note}", err=True)


@click.group("registry")
def registry_group() -> None:
    """Kho gói mẫu dùng chung (kho git có tệp registry.toml): thêm, liệt kê, bỏ."""


@registry_group.command("add")
@click.argument("name")
@click.argument("url")
@click.option("--force", is_flag=True, help="Thay địa chỉ của kho cùng tên đã thêm.")
def registry_add(name: str, url: str, force: bool) -> None:
    """Thêm kho TÊN_KHO ở địa chỉ git ĐỊA_CHỈ_GIT (tải chỉ mục ngay)."""
    from .packs.registry import add_registry

    registry, index = add_registry(name, url, force=force)
    _notes(index.problems)
    click.echo(f"Đã thêm kho {registry.name} ({registry.url}): {len(index.entries)} gói.")


@registry_group.command("list")
def registry_list() -> None:
    """Các kho đã thêm: tên, địa chỉ, lần tải chỉ mục gần nhất."""
    from .packs.registry import registries

    items = registries()
    if not items:
        click.echo("Chưa có kho nào — thêm bằng: kit packs registry add TÊN ĐỊA_CHỈ")
    for item in items:
        click.echo(f"{item.name}\t{item.url}\t{item.fetched_text()} ({item.age()})")


@registry_group.command("remove")
@click.argument("name")
def registry_remove(name: str) -> None:
    """Bỏ kho TÊN_KHO (các gói đã cài từ kho vẫn giữ)."""
    from .packs.registry import remove_registry

    click.echo(f"Đã bỏ kho: {remove_registry(name).name}")


@click.command("search")
@click.argument("words", nargs=-1)
@click.option("--offline", is_flag=True, help=OFFLINE_HELP)
def search_command(words: tuple[str, ...], offline: bool) -> None:
    """Tìm gói trong các kho theo mã, tên, tỉnh, ngành (không cần gõ dấu): mã, tên, tỉnh, bản mới nhất."""
    from .packs.registry import load, search

    loaded = load(refresh=not offline)
    _notes(loaded.notes)
    found = search(loaded, list(words))
    if not found:
        click.echo("Không tìm thấy gói nào — thử từ khóa khác, hoặc xem cả danh sách: kit packs search")
    for entry in found:
        latest = entry.latest.version if entry.latest else "(chưa phát hành)"
        where = ", ".join(part for part in (entry.province, entry.sector) if part) or "—"
        click.echo(f"{entry.id}\t{entry.name}\t{where}\t{latest}\tkho {entry.registry}")


@click.command("install")
@click.argument("source")
@click.option("--force", is_flag=True, help="Thay gói cùng mã đã cài.")
@click.option(
    "--allow-unsigned",
    is_flag=True,
    help="Cài cả khi bản phát hành không có chữ ký hợp lệ của khóa trong kho (chỉ khi tin nguồn này).",
)
@click.option("--offline", is_flag=True, help=OFFLINE_HELP)
def install_command(source: str, force: bool, allow_unsigned: bool, offline: bool) -> None:
    """Cài gói mẫu: MÃ[@PHIÊN_BẢN] từ các kho (kiểm tra chữ ký), hoặc thư mục, tệp .zip, kho git."""
    from .packs.registry import looks_like_id

    if looks_like_id(source):
        from .app.registry import install

        done = install(source, force=force, allow_unsigned=allow_unsigned, refresh=not offline)
        _notes(done.notes)
        for base in done.bases:
            click.echo(f"Đã cài gói gốc {base.path.name} (gói này kế thừa): {base.path} — {base.source}")
        click.echo(f"Đã cài gói vào: {done.path}")
        click.echo(f"Nguồn: {done.source}")
        return
    from .app.packs import install as install_source

    click.echo(f"Đã cài gói vào: {install_source(source, force=force)}")


@click.command("update")
@click.argument("pack_id", required=False)
@click.option("--allow-unsigned", is_flag=True, help="Cập nhật cả khi bản mới không có chữ ký hợp lệ.")
@click.option("--offline", is_flag=True, help=OFFLINE_HELP)
def update_command(pack_id: str | None, allow_unsigned: bool, offline: bool) -> None:
    """Cập nhật gói đã cài (mặc định: mọi gói cài từ kho) lên bản mới nhất, in những gì thay đổi."""
    from .app.registry import update

    done, notes = update(pack_id, allow_unsigned=allow_unsigned, refresh=not offline)
    _notes(notes)
    for item in done:
        if item.old:
            click.echo(f"Đã cập nhật {item.id}: {item.old} → {item.new} ({item.source})")
        else:
            click.echo(f"Đã cập nhật {item.id} {item.new} từ {item.source}")
        if item.changes is not None:
            for line in item.changes.lines():
                click.echo(f"  {line}")


@click.command("diff")
@click.argument("old")
@click.argument("new")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--allow-unsigned", is_flag=True, help="Xem cả bản phát hành không có chữ ký hợp lệ.")
@click.option("--offline", is_flag=True, help=OFFLINE_HELP)
def diff_command(old: str, new: str, output_format: str, allow_unsigned: bool, offline: bool) -> None:
    """Những gì thay đổi giữa hai bản của gói (thư mục, mã gói đã cài, hoặc MÃ@PHIÊN_BẢN trong kho):
    câu chữ từng mẫu Word, trường biểu mẫu, mục dữ liệu, giá trị điền sẵn."""
    from .app.registry import diff

    result = diff(old, new, allow_unsigned=allow_unsigned, refresh=not offline)
    _notes(result.notes)
    if output_format == "json":
        import json

        click.echo(json.dumps(result.as_json(), ensure_ascii=False, indent=2))
        return
    for line in result.lines():
        click.echo(line)


@click.command("release")
@click.argument("folder", required=False, type=PathArgument(), default=".")
@click.option("--bump", type=click.Choice(["patch", "minor", "major"]), default="patch", show_default=True)
@click.option("--version", "version", help="Phiên bản mới (X.Y.Z) thay cho --bump.")
@click.option("--key", type=PathArgument(exists=True), help="Khóa SSH riêng để ký thẻ.")
@click.option("--git-url", help="Địa chỉ kho git của gói ghi vào chỉ mục (mặc định: remote origin).")
@click.option("--province", default="", help="Tỉnh ghi vào chỉ mục.")
@click.option("--sector", default="", help="Ngành, lĩnh vực ghi vào chỉ mục.")
def release_command(
    folder: Path, bump: str, version: str | None, key: Path | None, git_url: str | None, province: str, sector: str
) -> None:
    """Phát hành gói (người quản lý gói): kiểm tra lỗi, nâng phiên bản, commit, gắn thẻ có ký; in các lệnh
    git đã chạy và mục chỉ mục để gửi người quản lý kho."""
    from .app.registry import release

    done = release(
        folder,
        bump=bump,
        version=version,
        key=key,
        git_url=git_url,
        province=province,
        sector=sector,
        run=lambda line: click.echo(f"$ {line}"),
    )
    click.echo(f"Đã phát hành {done.version}: thẻ {done.tag}, commit {done.commit}")
    click.echo(f"Đẩy lên kho git: git push origin HEAD {done.tag}")
    click.echo("Mục gửi người quản lý kho (thêm vào registry.toml; gói đã có thì chỉ thêm [[packs.releases]]):")
    click.echo(done.entry)


def source_line(pack_root: Path) -> str | None:
    """'Nguồn: …' for kit packs show: registry, tag, commit, signer (None when nothing was recorded)."""
    from .packs.registry import source_record, source_text

    text = source_text(source_record(pack_root))
    return f"Nguồn: {text}" if text else None


def attach(packs: click.Group) -> None:
    """The commands on the `kit packs` group (install and update replace the folder/zip/git-only ones)."""
    for command in (registry_group, search_command, install_command, update_command, diff_command, release_command):
        packs.add_command(command)
