"""The `kit` command: a thin click layer over the application layer in kit.app."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

import click

from . import cli_packs_registry
from .cli_hints import cli_hint, error_lines, problem_line
from .cli_types import PathArgument
from .errors import EXIT_FINDINGS, EXIT_USAGE, KitError, ProblemsError, UsageError
from .version import __version__

if TYPE_CHECKING:
    from pathlib import Path

EXIT_INTERNAL = 70  # a bug in the kit, not in the user's input (sysexits EX_SOFTWARE)


class _Application:
    """kit.app, imported when a command first calls it: `kit --version` and `kit --help` import only
    click (bench/run.py measures them)."""

    def __getattr__(self, name: str) -> Any:
        from . import app

        return getattr(app, name)


api = _Application()

# click's own words (usage, --help, its errors) in Vietnamese: its modules call gettext's `_` and
# `ngettext`, swapped for these while `main` runs (other click programs in the process are untouched).
CLICK_VI = {
    "Usage:": "Cách dùng:",
    "Options": "Tùy chọn",
    "Commands": "Lệnh",
    "Positional arguments": "Đối số",
    "Show this message and exit.": "Hiện hướng dẫn này rồi thoát.",
    "Show the version and exit.": "Hiện phiên bản rồi thoát.",
    "Error: {message}": "Lỗi: {message}",
    "Try '{command} {option}' for help.": "Xem hướng dẫn: {command} {option}",
    "Missing argument": "Thiếu đối số",
    "Missing option": "Thiếu tùy chọn",
    "Missing parameter": "Thiếu tham số",
    "Missing {param_type}": "Thiếu {param_type}",
    "Missing command.": "Thiếu lệnh.",
    "No such command {name!r}.": "Không có lệnh {name!r}.",
    "No such option {name!r}.": "Không có tùy chọn {name!r}.",
    "Invalid value for {param_hint}: {message}": "Giá trị không hợp lệ ở {param_hint}: {message}",
    "Invalid value: {message}": "Giá trị không hợp lệ: {message}",
    "Option {name!r} does not take a value.": "Tùy chọn {name!r} không nhận giá trị.",
    # click names the type in English ("integer range"); every number the kit asks for is a whole one.
    "{value!r} is not a valid {number_type}.": "{value!r} không phải là số nguyên.",
    "{value} is not in the range {range}.": "{value} nằm ngoài khoảng {range}.",
    "{name} {filename!r} does not exist.": "{name} {filename!r} không có.",
    "file": "Tệp",
    "directory": "Thư mục",
    "path": "Đường dẫn",
    "default: {default}": "mặc định: {default}",
    "required": "bắt buộc",
    "Aborted!": "Đã dừng.",
    "Option {name!r} requires an argument.": "Tùy chọn {name!r} cần một giá trị.",
    "Option {name!r} requires {nargs} arguments.": "Tùy chọn {name!r} cần {nargs} giá trị.",
    "Got unexpected extra argument ({args})": "Thừa đối số ({args})",
    "Got unexpected extra arguments ({args})": "Thừa đối số ({args})",
    "Did you mean {possibility}?": "Có phải {possibility}?",
    "(Did you mean one of: {possibilities}?)": "(Có phải: {possibilities}?)",
    "{value!r} is not {choice}.": "{value!r} không phải {choice}.",
    "{value!r} is not one of {choices}.": "{value!r} không thuộc {choices}.",
}
_CLICK_MODULES = ("core", "exceptions", "parser", "types", "formatting", "decorators", "termui")


class _VietnameseClick:
    """While active, click speaks Vietnamese: its gettext calls and the words 'option' and 'argument'."""

    def __enter__(self):
        import importlib

        self.saved = []
        for name in _CLICK_MODULES:
            module = importlib.import_module(f"click.{name}")
            for attribute, value in (
                ("_", lambda text: CLICK_VI.get(text, text)),
                ("ngettext", lambda one, many, n: CLICK_VI.get(one if n == 1 else many, one if n == 1 else many)),
            ):
                if hasattr(module, attribute):
                    self.saved.append((module, attribute, getattr(module, attribute)))
                    setattr(module, attribute, value)
        for cls, word in ((click.Option, "tùy chọn"), (click.Argument, "đối số")):
            self.saved.append((cls, "param_type_name", cls.param_type_name))
            cls.param_type_name = word
        return self

    def __exit__(self, *exc) -> None:
        for owner, attribute, value in reversed(self.saved):
            setattr(owner, attribute, value)


class _Group(click.Group):
    """A mistyped command gets the closest one: "không có lệnh 'fil' — có phải 'fill'?"."""

    def resolve_command(self, ctx, args):
        import difflib

        name = args[0] if args else ""
        if name and not name.startswith("-") and self.get_command(ctx, name) is None:
            close = difflib.get_close_matches(name, self.list_commands(ctx), n=1, cutoff=0.5)
            hint = f"có phải '{close[0]}'? " if close else ""
            raise click.UsageError(f"không có lệnh '{name}' — {hint}xem các lệnh: {ctx.command_path} --help", ctx)
        return super().resolve_command(ctx, args)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(
    __version__,
    "--version",
    prog_name="kit",
    message="%(prog)s (vanban-kit) %(version)s",
    help="Hiện phiên bản rồi thoát.",  # click reads its default at import, before main() swaps its words
)
@click.option("--debug", is_flag=True, help="Khi có lỗi, in cả traceback (dành cho lập trình viên).")
def cli(debug: bool) -> None:
    """vanban-kit: lập văn bản hành chính đúng Nghị định 30/2020/NĐ-CP từ biểu mẫu Excel."""


@cli.command("templates")
@click.argument("template", required=False)
@click.option(
    "--fields",
    "show_fields",
    is_flag=True,
    help="Các trường mẫu MÃ_MẪU được dùng: tên, kiểu, ví dụ, lấy từ đâu, ý nghĩa.",
)
@click.option("--pack", "pack_id", help="Gói mẫu (mặc định: gói có sẵn).")
def templates_command(template: str | None, show_fields: bool, pack_id: str | None) -> None:
    """Liệt kê các mẫu văn bản có sẵn (mã, tên, loại văn bản); với MÃ_MẪU --fields: các trường của mẫu."""
    if show_fields and not template:
        raise UsageError(
            "--fields dùng với một mã mẫu",
            hint="ví dụ: kit templates ke-hoach --fields (xem mã: kit templates)",
            code="KIT047",
        )
    if show_fields and template:
        _echo_fields(template, pack_id)
        return
    specs = api.list_templates(pack_id)
    if template:
        from .packs import get_pack

        specs = [get_pack(pack_id).template(template)]  # an unknown id: a usage error listing the known ones
    for spec in specs:
        kind = f"{spec.document_type} ({spec.type_abbreviation})" if spec.type_abbreviation else spec.document_type
        if spec.kind == "dossier":
            kind += " — lập bằng: kit dossier"
        elif spec.kind == "part":
            kind += " — một phần của hồ sơ"
        click.echo(f"{spec.id}\t{spec.title}\t{kind}")


def _echo_fields(template: str, pack_id: str | None) -> None:
    from .app.fields import template_fields

    sections = template_fields(template, pack_id)
    for number, section in enumerate(sections):
        if number or len(sections) > 1:
            click.echo(
                ("\n" if number else "") + f"# {section.template.id} ({section.template.file.name}, "
                f"builder {section.builder}) — {section.template.title}"
            )
        if section.note:
            click.echo(f"({section.note})")
        click.echo("tên\tkiểu\tví dụ\tlấy từ\tý nghĩa")
        for row in section.rows:
            click.echo(f"{row.name}\t{row.type}\t{row.example}\t{row.source}\t{row.description}")


@cli.command("form")
@click.argument("template")
@click.option("-o", "--output", required=True, type=PathArgument(), help="Tệp Excel (.xlsx) sẽ ghi ra.")
@click.option("--sample", is_flag=True, help="Điền sẵn dữ liệu ví dụ.")
@click.option("--force", is_flag=True, help="Ghi đè nếu tệp đã có.")
@click.option("--pack", "pack_id", help="Gói mẫu (mặc định: gói có sẵn; xem: kit packs list).")
def form_command(template: str, output: Path, sample: bool, force: bool, pack_id: str | None) -> None:
    """Tạo biểu mẫu Excel để điền cho mẫu MÃ_MẪU (xem: kit templates)."""
    written = api.build_form(template, output, sample=sample, force=force, pack=pack_id)
    click.echo(f"Đã ghi biểu mẫu: {written}")


@cli.command("fill")
@click.argument("workbooks", nargs=-1, required=True, type=PathArgument())
@click.option(
    "-o",
    "--output",
    "outdir",
    type=PathArgument(),
    help="Thư mục ghi các tệp Word (.docx); bỏ trống khi lập một biểu mẫu: thư mục của biểu mẫu.",
)
@click.option("--force", is_flag=True, help="Ghi đè các tệp đã có.")
@click.option("--pdf", is_flag=True, help="Xuất thêm tệp PDF (cần LibreOffice).")
@click.option("-q", "--quiet", is_flag=True, help="Không hiện thanh tiến độ.")
def fill_command(workbooks: tuple[Path, ...], outdir: Path | None, force: bool, pdf: bool, quiet: bool) -> None:
    """Lập văn bản Word từ một hay nhiều biểu mẫu Excel đã điền (.xlsx, .xlsm, .xls, .ods)."""
    outdir = _output_folder(outdir, workbooks)
    checked: list = []
    with _progress(quiet) as progress:
        _echo_written(
            lambda: api.fill(
                list(workbooks),
                outdir,
                force=force,
                pdf=pdf,
                on_warning=_warn,
                progress=progress,
                on_check=checked.extend,
            )
        )
    _echo_findings(checked)


class _progress:
    """A progress bar on stderr for a batch that takes more than a moment, only when stderr is a
    terminal and without --quiet."""

    MIN_DOCUMENTS = 20

    def __init__(self, quiet: bool):
        self.enabled = not quiet and sys.stderr.isatty()
        self.bar: Any = None  # click's progress bar, made when a batch is large enough
        self.shown = 0

    def __enter__(self):
        return self.update if self.enabled else None

    def update(self, done: int, total: int) -> None:
        if total < self.MIN_DOCUMENTS:
            return
        if self.bar is None:
            self.bar = click.progressbar(length=total, label="Đang lập văn bản", file=sys.stderr)
            self.bar.__enter__()
        self.bar.update(done - self.shown)
        self.shown = done

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.__exit__(*exc)


def _output_folder(outdir: Path | None, workbooks) -> Path:
    """-o, or for one workbook the folder it is in."""
    if outdir is not None:
        return outdir
    if len(workbooks) != 1:
        raise UsageError("lập nhiều biểu mẫu một lần thì ghi thư mục kết quả", hint="thêm -o <thư mục>", code="KIT223")
    from pathlib import Path

    return Path(workbooks[0]).parent


def _warn(problem) -> None:
    click.echo(f"Cảnh báo: {problem_line(problem)}", err=True)


def _echo_findings(results) -> None:
    """What kit check finds in the documents just written (nothing when they are clean)."""
    from .checks import report

    if any(result.findings for result in results):
        click.echo("Kiểm tra thể thức (kit check) các văn bản vừa lập:", err=True)
        # Rendered documents are checked as drafts: no option of kit check to name here (as_text without cli_hint).
        click.echo(report.as_text(results), err=True)  # the summary counts every document written


@cli.command("dossier")
@click.argument("workbook", type=PathArgument())
@click.option(
    "-o",
    "--output",
    "outdir",
    type=PathArgument(),
    help="Thư mục ghi hồ sơ (mặc định: thư mục của biểu mẫu).",
)
@click.option("--zip", "archive", is_flag=True, help="Đóng gói cả hồ sơ thành một tệp .zip.")
@click.option("--pdf", is_flag=True, help="Xuất thêm tệp PDF (cần LibreOffice).")
@click.option("--force", is_flag=True, help="Ghi đè hồ sơ đã có.")
@click.option("-q", "--quiet", is_flag=True, help="Không hiện thanh tiến độ.")
@click.option(
    "--db",
    "--register",
    "register",
    help="Đối chiếu với sổ khen thưởng (cơ sở dữ liệu, như kit decision --db): cảnh báo danh hiệu đã nhận trong năm, "
    "thành tích đã đề nghị, tiêu chuẩn cần danh hiệu các năm trước.",
)
def dossier_command(
    workbook: Path, outdir: Path | None, archive: bool, pdf: bool, force: bool, quiet: bool, register: str | None
) -> None:
    """Lập cả bộ hồ sơ khen thưởng (tờ trình, biên bản, danh sách, báo cáo thành tích; quyết định khi sheet Quyết định có ngày)."""
    outdir = _output_folder(outdir, (workbook,))
    checked: list = []

    def run() -> list[Path]:
        with _progress(quiet) as progress:
            result = api.dossier(
                workbook,
                outdir,
                force=force,
                archive=archive,
                pdf=pdf,
                progress=progress,
                register=register,
                on_check=checked.extend,
            )
        for problem in result.warnings:
            _warn(problem)
        return result.files

    _echo_written(run)
    _echo_findings(checked)


@cli.command("decision")
@click.argument("workbook", type=PathArgument())
@click.option(
    "-o",
    "--output",
    "outdir",
    required=True,
    type=PathArgument(),
    help="Thư mục ghi Quyết định.",
)
@click.option(
    "--db",
    "--register",
    "register",
    help="Sổ khen thưởng (cơ sở dữ liệu: sqlite:///…, postgresql+psycopg://…, tệp .sqlite hoặc thư mục; mặc định "
    "KIT_DATABASE_URL, rồi thư mục dữ liệu của người dùng).",
)
@click.option(
    "--certificates",
    "with_certificates",
    is_flag=True,
    help="In luôn giấy khen (trên phôi và trên giấy trắng) như lệnh kit certificates.",
)
@click.option("--zip", "archive", is_flag=True, help="Đóng gói Quyết định, sổ và giấy khen thành một tệp .zip.")
@click.option("--force", is_flag=True, help="Ghi đè Quyết định đã có (sổ không bao giờ ghi một quyết định hai lần).")
def decision_command(
    workbook: Path, outdir: Path, register: str | None, with_certificates: bool, archive: bool, force: bool
) -> None:
    """Lập Quyết định khen thưởng và danh sách kèm theo từ biểu mẫu hồ sơ (sheet Quyết định), ghi vào sổ khen thưởng."""

    def run() -> list[Path]:
        result = api.award(
            workbook, outdir, force=force, register=register, certificates=with_certificates, archive=archive
        )
        for problem in result.warnings:
            _warn(problem)
        if result.register is not None and result.already:
            click.echo(f"Sổ khen thưởng {result.register} đã có quyết định này — không ghi lại.")
        elif result.register is not None and result.registered:
            shown = f" (số vào sổ {result.numbers[0]}–{result.numbers[-1]})" if result.numbers else ""
            click.echo(f"Đã ghi {result.registered} lượt khen thưởng vào sổ khen thưởng {result.register}{shown}")
        return result.files + ([result.archive] if result.archive else [])

    _echo_written(run)


@cli.command("certificates")
@click.argument("workbook", type=PathArgument())
@click.option("-o", "--output", "outdir", required=True, type=PathArgument(), help="Thư mục ghi tệp PDF.")
@click.option("--blank", is_flag=True, help="In cả khung và chữ cố định (cho đơn vị không có phôi giấy khen in sẵn).")
@click.option(
    "--font-dir",
    type=PathArgument(),
    help="Thư mục chứa phông chữ .ttf có dấu tiếng Việt (mặc định: biến VANBAN_KIT_FONTS, rồi phông của máy).",
)
@click.option(
    "--db",
    "--register",
    "register",
    help="Sổ khen thưởng để lấy số vào sổ (như kit decision --db).",
)
@click.option(
    "--kind",
    "kinds",
    multiple=True,
    help="Chỉ in mẫu này (giay-khen, bang-khen, bang-chung-nhan; lặp lại để chọn nhiều mẫu). Mặc định: mọi mẫu.",
)
@click.option("--force", is_flag=True, help="Ghi đè tệp PDF đã có.")
def certificates_command(
    workbook: Path,
    outdir: Path,
    blank: bool,
    font_dir: Path | None,
    register: str | None,
    kinds: tuple[str, ...],
    force: bool,
) -> None:
    """In giấy khen, bằng khen, bằng chứng nhận của Quyết định (sheet Quyết định): mỗi mẫu một tệp PDF, một trang căn chỉnh và mỗi người một trang."""
    from .app.certificates import certificates

    def run() -> list[Path]:
        result = certificates(
            workbook, outdir, force=force, blank=blank, font_dir=font_dir, register=register, kinds=kinds
        )
        for problem in result.warnings:
            _warn(problem)
        counts = ", ".join(f"{count} {title.lower()}" for title, count in result.printed.items())
        click.echo(f"{result.pages} trang: {len(result.paths)} trang căn chỉnh và {counts}.")
        return result.paths

    _echo_written(run)


@cli.command("pdf")
@click.argument("documents", nargs=-1, required=True, type=PathArgument())
@click.option("-o", "--output", "outdir", required=True, type=PathArgument(), help="Thư mục ghi các tệp PDF.")
@click.option("--force", is_flag=True, help="Ghi đè các tệp đã có.")
def pdf_command(documents: tuple[Path, ...], outdir: Path, force: bool) -> None:
    """Chuyển văn bản Word (.docx) sang PDF bằng LibreOffice (một lần chạy cho cả loạt tệp)."""
    _echo_written(lambda: api.to_pdf(list(documents), outdir, force=force))


@cli.group("packs", cls=_Group)
def packs_group() -> None:
    """Gói mẫu: liệt kê, xem, tạo, cài, gỡ, cập nhật, kiểm tra."""


@packs_group.command("list")
def packs_list() -> None:
    """Các gói mẫu tìm thấy (mã, phiên bản, nơi đặt, kế thừa gói nào)."""
    from .packs.discover import all_manifests

    for where, manifest in all_manifests():
        extends = f"kế thừa {manifest.extends}" if manifest.extends else "gốc"
        click.echo(f"{manifest.id}\t{manifest.version}\t{extends}\t{where}")


@packs_group.command("show")
@click.argument("pack_id")
def packs_show(pack_id: str) -> None:
    """Nội dung một gói: mẫu, dữ liệu, giá trị mặc định và những gì gói này thay đổi so với gói gốc."""
    from .packs import get_pack

    pack = get_pack(pack_id)
    own = {spec.id for spec in pack.manifest.templates()}
    base = {spec.id for manifest in pack.chain[1:] for spec in manifest.templates()}
    click.echo(f"{pack.id} {pack.version} — {pack.title}")
    click.echo(f"Nơi đặt: {pack.root}")
    if source := cli_packs_registry.source_line(pack.root):
        click.echo(source)
    if pack.extends:
        click.echo(f"Kế thừa: {' → '.join(m.id for m in pack.chain[1:])}")
    click.echo("Mẫu:")
    for spec in pack.templates:
        mark = "thay thế" if spec.id in own and spec.id in base else "thêm mới" if spec.id in own else "kế thừa"
        click.echo(f"  {spec.id}\t{spec.version}\t{mark}\t{spec.title}")
    click.echo("Dữ liệu: " + ", ".join(sorted(pack.data())))
    own_data = sorted(pack.manifest.data_files())
    if own_data:
        click.echo("Dữ liệu gói này đổi: " + ", ".join(own_data))
    for key, value in pack.manifest.raw.get("defaults", {}).items():
        click.echo(f"Mặc định: {key} = {value}")
    rules = pack.manifest.raw.get("rules", {})
    if rules:
        click.echo(
            f"Quy tắc: tắt {', '.join(rules.get('off', [])) or '(không)'}; mức {rules.get('severity', {}) or '(không đổi)'}"
        )


@packs_group.command("new")
@click.argument("pack_id")
@click.argument("templates", nargs=-1)
@click.option("--extends", "base", default="builtin", show_default=True, help="Gói gốc để kế thừa.")
@click.option(
    "--from",
    "source",
    help="Chép các mẫu MÃ_MẪU... (mặc định: tất cả) của gói này vào gói mới để sửa bằng Word; gói mới kế thừa gói này.",
)
@click.option("-o", "--output", required=True, type=PathArgument(), help="Thư mục tạo gói.")
def packs_new(pack_id: str, templates: tuple[str, ...], base: str, source: str | None, output: Path) -> None:
    """Tạo một gói mẫu mới (pack.toml, README) kế thừa gói gốc, để đơn vị sửa; với --from, chép cả các mẫu Word."""
    from .packs.manage import new_pack

    folder = new_pack(pack_id, source or base, output, templates, copy=source is not None)
    click.echo(f"Đã tạo gói: {folder}")


@packs_group.command("remove")
@click.argument("pack_id")
def packs_remove(pack_id: str) -> None:
    """Gỡ một gói đã cài."""
    from .packs.manage import remove

    click.echo(f"Đã gỡ: {remove(pack_id)}")


@packs_group.command("lint")
@click.argument("path", required=False, type=PathArgument())
def packs_lint(path: Path | None) -> None:
    """Kiểm tra một gói mẫu (mặc định: gói có sẵn); mã thoát 1 khi có lỗi."""
    from .app.packs import lint
    from .resources import templates_dir

    problems = lint(path or templates_dir())
    for problem in problems:
        hint = cli_hint(problem.code, problem.hint, problem.values)
        click.echo(
            f"{problem.where}: {'lỗi' if problem.error else 'cảnh báo'}: {problem.message}"
            + (f" — {hint}" if hint else "")
        )
    errors = sum(1 for p in problems if p.error)
    click.echo(f"{errors} lỗi, {len(problems) - errors} cảnh báo.")
    if errors:
        raise click.exceptions.Exit(EXIT_FINDINGS)


cli_packs_registry.attach(packs_group)  # registry, search, install, update, diff, release


def _echo_written(action) -> None:
    """Print what was written, also when some files of a batch failed (their errors follow)."""
    try:
        written = action()
    except ProblemsError as error:
        for path in error.written:
            click.echo(f"Đã ghi: {path}")
        raise
    for path in written:
        click.echo(f"Đã ghi: {path}")


@cli.command("check")
@click.argument("paths", nargs=-1, required=True, type=PathArgument())
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Dạng kết quả.",
)
@click.option(
    "--select", default="", help="Chỉ dùng các quy tắc có mã bắt đầu bằng (cách nhau dấu phẩy), ví dụ VB2,VB301."
)
@click.option("--ignore", default="", help="Bỏ qua các quy tắc có mã bắt đầu bằng (cách nhau dấu phẩy).")
@click.option(
    "--annotate",
    type=PathArgument(),
    help="Ghi một bản sao có nhận xét (comment) cho từng vấn đề; dùng với một tệp.",
)
@click.option("--force", is_flag=True, help="Ghi đè bản sao có nhận xét nếu đã có.")
@click.option("--pack", "pack_id", help="Dùng cài đặt quy tắc và bảng văn bản pháp luật của gói mẫu này.")
@click.option("--draft", is_flag=True, help="Bản trình ký: không nhắc số và ngày còn để trống.")
def check_command(
    paths: tuple[Path, ...],
    output_format: str,
    select: str,
    ignore: str,
    annotate: Path | None,
    force: bool,
    pack_id: str | None,
    draft: bool,
) -> None:
    """Kiểm tra thể thức văn bản Word (.docx) theo Nghị định 30/2020/NĐ-CP; nhận tệp hoặc thư mục."""
    from .checks import report
    from .packs import get_pack

    pack = get_pack(pack_id) if pack_id else None
    results = api.check(list(paths), _codes(select), _codes(ignore), pack, draft)
    if annotate is not None:
        written = api.annotate(results, annotate, force=force)
        click.echo(f"Đã ghi bản có nhận xét: {written}", err=output_format == "json")
    if output_format == "json":
        import json

        click.echo(json.dumps(api.check_report(results), ensure_ascii=False, indent=1))
    else:
        click.echo(report.as_text(results, cli_hint))
    if report.has_errors(results):
        raise click.exceptions.Exit(EXIT_FINDINGS)


@cli.command("serve")
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Địa chỉ nghe; khác 127.0.0.1 (ví dụ 0.0.0.0 cho cả mạng nội bộ) thì phải có --token.",
)
@click.option(
    "--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Cổng (0: cổng trống bất kỳ)."
)
@click.option(
    "--token",
    help="Mã truy cập (ít nhất 20 ký tự, khó đoán) mà người dùng phải có; khi nghe ngoài máy này mà không "
    "có --token, máy chủ tự tạo một mã ngẫu nhiên và in liên kết có mã.",
)
@click.option("--no-browser", is_flag=True, help="Không tự mở trình duyệt.")
@click.option(
    "--results-dir",
    type=PathArgument(),
    help="Thư mục giữ kết quả (dùng chung khi chạy nhiều máy chủ); mặc định: một thư mục tạm riêng, xoá khi dừng.",
)
@click.option(
    "--keep-minutes",
    default=60,
    show_default=True,
    type=click.FloatRange(min=1),
    help="Giữ kết quả bao nhiêu phút rồi xoá.",
)
@click.option(
    "--max-jobs",
    default=32,
    show_default=True,
    type=click.IntRange(min=1),
    help="Số việc nhận cùng lúc; quá số này người dùng được báo “Đang bận, thử lại sau”.",
)
@click.option(
    "--workers",
    default=0,
    show_default=True,
    type=click.IntRange(min=0),
    help="Số tiến trình xử lý (0: bằng số nhân CPU).",
)
@click.option(
    "--max-file-mb",
    default=20,
    show_default=True,
    type=click.IntRange(min=1),
    help="Dung lượng tối đa mỗi tệp gửi lên.",
)
@click.option(
    "--max-files", default=20, show_default=True, type=click.IntRange(min=1), help="Số tệp tối đa mỗi lần gửi."
)
@click.option(
    "--job-seconds",
    default=120,
    show_default=True,
    type=click.FloatRange(min=1),
    help="Thời gian tối đa của một việc; quá thời gian, việc bị dừng và báo “tệp quá lớn hoặc quá phức tạp”.",
)
@click.option(
    "--job-memory-mb",
    default=2048,
    show_default=True,
    type=click.IntRange(min=256),
    help="Bộ nhớ tối đa của một việc, tính cả LibreOffice do việc đó chạy; quá mức, việc bị dừng và báo "
    "“tệp quá lớn hoặc quá phức tạp”.",
)
@click.option(
    "--pack",
    "pack_id",
    help="Gói mẫu trang web dùng khi trình duyệt chưa chọn gói nào (mặc định: gói có sẵn; xem: kit packs list).",
)
@click.option(
    "--db",
    "--register",
    "register",
    help="Sổ khen thưởng của đơn vị mà trang web ghi và đối chiếu (cơ sở dữ liệu như kit decision --db; mặc định: "
    "KIT_DATABASE_URL, rồi thư mục dữ liệu của người dùng).",
)
def serve_command(
    host: str,
    port: int,
    token: str | None,
    no_browser: bool,
    results_dir: Path | None,
    keep_minutes: float,
    max_jobs: int,
    workers: int,
    max_file_mb: int,
    max_files: int,
    job_seconds: float,
    job_memory_mb: int,
    pack_id: str | None,
    register: str | None,
) -> None:
    """Mở trang web lập và kiểm tra văn bản trên máy này (cần phần web: trong thư mục mã nguồn, pip install ".[web]")."""
    from .errors import UsageError

    try:
        from . import web
    except ImportError as missing:
        raise UsageError(
            f"kit serve cần thêm gói web ({missing.name or 'fastapi'})",
            hint='trong thư mục mã nguồn vanban-kit: pip install ".[web]" (Windows: windows\\cai-dat.bat)',
            code="KIT049",
        ) from None
    from .web.security import access_token

    if pack_id:
        from .packs import get_pack

        get_pack(pack_id)  # an unknown pack: the usage error that lists the installed ones, before listening

    token = access_token(host, token)  # beyond this machine: the one given (20+ characters) or a random one
    settings = web.Settings(
        host=host,
        port=port,
        token=token,
        results_dir=results_dir,
        keep_minutes=keep_minutes,
        max_jobs=max_jobs,
        workers=workers,
        max_file_mb=max_file_mb,
        max_files=max_files,
        job_seconds=job_seconds,
        job_memory_mb=job_memory_mb,
        pack=pack_id,
        register=register,
    )
    try:
        web.serve(settings, open_browser=not no_browser, announce=click.echo)
    except KeyboardInterrupt:  # Ctrl+C: how a server is stopped, not an error
        click.echo("Đã dừng máy chủ.")


@cli.command("rules")
@click.argument("code", required=False)
def rules_command(code: str | None) -> None:
    """Liệt kê các quy tắc kiểm tra; với một mã (kit rules VB207): giải thích, căn cứ, ví dụ sai và đúng."""
    from .checks import report

    click.echo(report.explain(code) if code else report.catalogue())


def _codes(text: str) -> list[str]:
    return [code.strip() for code in text.split(",") if code.strip()]


# What --help shows for a value: the kind of value in Vietnamese, never click's TEXT, PATH, INTEGER.
TYPE_METAVARS = {"text": "CHỮ", "path": "ĐƯỜNG_DẪN", "integer": "SỐ", "integer range": "SỐ", "float range": "SỐ"}
ARGUMENT_METAVARS = {
    "template": "MÃ_MẪU",
    "workbooks": "BIỂU_MẪU",
    "workbook": "BIỂU_MẪU",
    "paths": "TỆP_HOẶC_THƯ_MỤC",
    "documents": "VĂN_BẢN",
    "register": "SỔ_KHEN_THƯỞNG",
    "pack_id": "MÃ_GÓI",
    "templates": "MÃ_MẪU",
    "source": "NGUỒN",
    "path": "THƯ_MỤC_GÓI",
    "code": "MÃ_QUY_TẮC",
    "name": "TÊN_KHO",
    "url": "ĐỊA_CHỈ_GIT",
    "old": "BẢN_CŨ",
    "new": "BẢN_MỚI",
    "words": "TỪ_KHÓA",
    "spec": "MÃ_GÓI",
    "folder": "THƯ_MỤC_GÓI",
}


def _vietnamese_metavars(command) -> None:
    command.options_metavar = "[TÙY CHỌN]"
    for param in command.params:
        if isinstance(param, click.Argument) and param.metavar is None and param.name in ARGUMENT_METAVARS:
            shown = ARGUMENT_METAVARS[param.name]
            shown = shown if param.required else f"[{shown}]"
            param.metavar = shown + ("..." if param.nargs != 1 else "")
        elif isinstance(param, click.Option) and param.metavar is None and not param.is_flag:
            name = getattr(param.type, "name", "")
            if name in TYPE_METAVARS:
                param.metavar = TYPE_METAVARS[name]
    if isinstance(command, click.Group):
        command.subcommand_metavar = "LỆNH [THAM SỐ]..."
        for sub in command.commands.values():
            _vietnamese_metavars(sub)


from .cli_register import register_group  # noqa: E402  (kit register …: its own module)

cli.add_command(register_group)


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args
    if debug:  # accepted anywhere on the line, e.g. after the subcommand
        args = ["--debug", *(arg for arg in args if arg != "--debug")]
    _vietnamese_metavars(cli)
    try:
        # Without standalone mode click returns a command's exit code (click.exceptions.Exit) instead of exiting.
        with _VietnameseClick():
            result = cli.main(args=args, prog_name="kit", standalone_mode=False)
        if isinstance(result, int):
            return result
    except KitError as error:
        if debug:
            import traceback

            traceback.print_exc()
        for line in error_lines(error):
            click.echo(f"Lỗi: {line}", err=True)
        return error.exit_code
    except click.exceptions.Exit as done:
        return done.exit_code
    except click.Abort:
        click.echo("Đã dừng.", err=True)
        return EXIT_USAGE
    except click.ClickException as error:
        with _VietnameseClick():
            error.show()
        return error.exit_code
    except Exception as error:  # a bug: say so in one line, the traceback only with --debug
        if debug:
            raise
        click.echo(
            f"Lỗi nội bộ của vanban-kit ({type(error).__name__}: {error}) — chạy lại với --debug và báo cho nhóm phát triển",
            err=True,
        )
        return EXIT_INTERNAL
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
