"""`kit register …`: the award register's commands (a thin click layer over kit.app.register)."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

import click

from .cli_types import PathArgument

if TYPE_CHECKING:
    from pathlib import Path

DB_HELP = (
    "Sổ khen thưởng: địa chỉ cơ sở dữ liệu (sqlite:///… hoặc postgresql+psycopg://…), một tệp .sqlite hoặc một thư "
    "mục để giữ sổ bên cạnh các biểu mẫu (mặc định: biến KIT_DATABASE_URL, rồi thư mục dữ liệu của người dùng)."
)


def db_option(function):
    return click.option("--db", "db", default=None, help=DB_HELP)(function)


def _date(value: str | None, option: str) -> dt.date | None:
    from .errors import UsageError

    if value is None:
        return None
    match = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", value.strip())
    try:
        if match is None:
            raise ValueError
        day, month, year = (int(group) for group in match.groups())
        return dt.date(year, month, day)
    except ValueError:
        raise UsageError(
            f"{option} '{value}': không phải ngày", hint="ghi dạng dd/mm/yyyy, ví dụ 26/09/2025", code="KIT498"
        ) from None


def _born(value: str | None) -> str:
    from .app.register import birth_text

    if not value:
        return ""
    if re.fullmatch(r"\d{4}", value.strip()):
        return value.strip()
    return birth_text(_date(value, "--born"))


@click.group("register")
def register_group() -> None:
    """Sổ khen thưởng (cơ sở dữ liệu): nhập, xuất Excel, tra cứu, tổng hợp, sửa, sao lưu, nâng cấp."""


@register_group.command("import")
@click.argument("files", nargs=-1, required=True, type=PathArgument())
@db_option
@click.option("--skip-bad", is_flag=True, help="Nhập các quyết định không có lỗi, bỏ qua quyết định có dòng lỗi.")
@click.option(
    "--cot",
    "columns",
    multiple=True,
    help='Chỉ cột khi tiêu đề khác: "Họ và tên=Tiêu đề trong tệp" (dùng nhiều lần).',
)
def import_command(files: tuple[Path, ...], db: str | None, skip_bad: bool, columns: tuple[str, ...]) -> None:
    """Nhập sổ khen thưởng Excel (của kit hoặc của đơn vị) và Quyết định đã ban hành (.docx) vào sổ."""
    from .app import register as award_register
    from .cli_hints import error_lines  # each left-out line with its hint in the command line's words
    from .errors import UsageError

    mapping = {}
    for item in columns:
        if "=" not in item:
            raise UsageError(
                f"--cot '{item}': thiếu dấu '='", hint='ghi dạng "Họ và tên=Tiêu đề trong tệp"', code="KIT499"
            )
        wanted, given = item.split("=", 1)
        mapping[wanted.strip()] = given.strip()
    with award_register.open_register(db) as store:
        for path in files:
            result = award_register.import_file(store, path, skip_bad=skip_bad, mapping=mapping)
            for problem in result.skipped:
                for line in error_lines(problem):
                    click.echo(f"Bỏ qua: {line}", err=True)
            click.echo(
                f"{path.name}: đã nhập {result.decisions} quyết định ({result.awards} lượt khen thưởng)"
                + (f"; {result.already} quyết định đã có trong sổ — không ghi lại" if result.already else "")
                + f" vào sổ {store.shown}"
            )


@register_group.command("export")
@click.argument("target", type=PathArgument())
@db_option
@click.option("--year", type=int, default=None, help="Chỉ xuất một năm.")
@click.option("--force", is_flag=True, help="Ghi đè tệp đã có.")
def export_command(target: Path, db: str | None, year: int | None, force: bool) -> None:
    """Xuất sổ khen thưởng ra một tệp Excel mới (một dòng mỗi lượt khen thưởng, sheet Tổng hợp)."""
    from .app import register as award_register

    with award_register.open_register(db, create=False) as store:
        written = award_register.export(store, target, year=year, force=force)
    click.echo(f"Đã ghi: {written}")


@register_group.command("person")
@click.argument("name")
@db_option
@click.option("--born", default=None, help="Ngày sinh (dd/mm/yyyy) hoặc năm sinh, để phân biệt người trùng tên.")
@click.option(
    "--dinh-danh", "identifier", default=None, help="Số định danh, khi hai người trùng cả họ tên và ngày sinh."
)
def person_command(name: str, db: str | None, born: str | None, identifier: str | None) -> None:
    """Quá trình khen thưởng của một người (hoặc một tập thể) theo tên."""
    from .app import register as award_register

    with award_register.open_register(db, create=False) as store:
        rows = store.history(name, _born(born), identifier=(identifier or "").strip())
    if not rows:
        click.echo(f"Sổ khen thưởng chưa có “{name}”" + (f" sinh {born}" if born else "") + ".")
        return
    people: dict[int, list] = {}
    for row in rows:
        people.setdefault(row.awardee_id, []).append(row)
    for awardee_rows in people.values():
        first = awardee_rows[0]
        born_text = f", sinh {award_register.birth_shown(first.birth)}" if first.birth else ""
        ident = f", số định danh {first.identifier}" if first.identifier else ""
        click.echo(f"{first.name}{born_text}{ident}: {len(awardee_rows)} lượt khen thưởng")
        for row in awardee_rows:
            click.echo(f"  {row.year}\t{row.award}\t{row.decision_label}\t{row.unit}")


@register_group.command("summary")
@db_option
@click.option("--year", type=int, required=True, help="Năm cần tổng hợp.")
@click.option(
    "--by",
    "by",
    type=click.Choice(["unit", "award"]),
    default="award",
    show_default=True,
    help="Theo đơn vị (unit) hay theo hình thức, danh hiệu (award).",
)
def summary_command(db: str | None, year: int, by: str) -> None:
    """Số lượt khen thưởng của một năm theo đơn vị hoặc theo hình thức — số liệu cho báo cáo thi đua."""
    from .app import register as award_register

    with award_register.open_register(db, create=False) as store:
        entries = store.summary(year, by)
    heading = "Đơn vị" if by == "unit" else "Hình thức khen thưởng"
    total = sum(people + groups for _, people, groups in entries)
    click.echo(f"Năm {year}: {total} lượt khen thưởng.")
    click.echo(f"{heading}\tCá nhân\tTập thể\tCộng")
    for label, people, groups in entries:
        click.echo(f"{label}\t{people}\t{groups}\t{people + groups}")


@register_group.command("correct")
@click.argument("number")
@db_option
@click.option("--issuer", required=True, help="Cơ quan ban hành như đã ghi trong sổ.")
@click.option("--year", type=int, required=True, help="Năm của quyết định như đã ghi trong sổ.")
@click.option("--date", "new_date", default=None, help="Ngày đúng (dd/mm/yyyy).")
@click.option("--number", "new_number", default=None, help="Số đúng, ví dụ 1521/QĐ-UBND.")
@click.option("--new-issuer", default=None, help="Tên cơ quan ban hành đúng.")
def correct_command(
    number: str,
    db: str | None,
    issuer: str,
    year: int,
    new_date: str | None,
    new_number: str | None,
    new_issuer: str | None,
) -> None:
    """Sửa một quyết định đã ghi (ngày, số, cơ quan) — các lượt khen và số vào sổ giữ nguyên."""
    from .app import register as award_register

    with award_register.open_register(db, create=False) as store:
        fixed = store.correct(
            number, issuer, year, new_date=_date(new_date, "--date"), new_number=new_number, new_issuer=new_issuer
        )
    click.echo(f"Đã sửa trong sổ: {fixed.label}")


@register_group.command("backup")
@click.argument("target", type=PathArgument())
@db_option
@click.option("--force", is_flag=True, help="Ghi đè tệp sao lưu đã có.")
def backup_command(target: Path, db: str | None, force: bool) -> None:
    """Sao lưu sổ SQLite đang dùng (sao lưu trực tuyến của SQLite); sổ PostgreSQL sao lưu bằng pg_dump."""
    from .app import register as award_register

    click.echo(f"Đã ghi: {award_register.backup(db, target, force=force)}")


@register_group.command("upgrade")
@db_option
@click.option("--da-sao-luu", "backed_up", is_flag=True, help="PostgreSQL: đã sao lưu bằng pg_dump.")
def upgrade_command(db: str | None, backed_up: bool) -> None:
    """Nâng cấp sổ của phiên bản kit cũ lên lược đồ hiện tại, sau khi sao lưu."""
    from .app import register as award_register

    result = award_register.upgrade(db, backed_up=backed_up)
    if result.before == result.after:
        click.echo(f"Sổ đã ở lược đồ mới nhất ({result.after}).")
        return
    if result.backup:
        click.echo(f"Đã sao lưu: {result.backup}")
    click.echo(f"Đã nâng cấp sổ từ lược đồ {result.before or '(trống)'} lên {result.after}.")
