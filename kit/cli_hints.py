"""The command line's words for what to do: the hint of each message as `kit` prints it. Below the adapters a
hint names no command and no option (it fits the web page too); here, by the message's code, the command
line names its own (kit/web/service.py PAGE_HINTS is the page's). Imported by kit/cli.py and the command
modules (kit/cli_register.py) alike."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .errors import KitError

# What to do, in the command line's words (the command or option to use), for the messages whose own
# hint — below the adapters, worded for the command line and the web page alike — names neither: by the
# message's code (KIT… for errors, VB… for findings). "{hint}" is the kit's hint; "{name}" one of the values
# the message carries (KitError.values; a workbook problem's sheet, cell and field).
CLI_HINTS = {
    "KIT006": "--annotate dùng với đúng một tệp .docx",
    "KIT009": "kiểm tra bằng: kit packs lint",
    "KIT010": "{hint} (kiểm tra bằng: kit packs lint)",
    "KIT012": "{hint} (kiểm tra bằng: kit packs lint)",
    "KIT013": "xem các trường của hồ sơ: kit templates <mã hồ sơ> --fields",
    "KIT015": "{hint}: kit form <mã hồ sơ>",
    "KIT017": "{hint} (kit form <mẫu> --pack <gói>)",
    "KIT018": "dùng lệnh kit dossier",
    "KIT019": "tạo biểu mẫu mới bằng: kit form <mã mẫu> -o <tệp.xlsx> rồi chép dữ liệu sang",
    "KIT020": "bỏ --sample",
    "KIT021": "cài gói bằng: kit packs install <thư mục, tệp .zip hoặc kho git của gói>",
    "KIT022": "tạo lại bằng lệnh kit form",
    "KIT024": "xem các trường: kit templates {template} --fields",
    "KIT031": "dùng mã quy tắc có trong kit rules",
    "KIT044": "xem danh sách: kit rules",
    "KIT046": "xem danh sách: kit rules",
    "KIT090": "thêm --force để ghi đè, hoặc chọn thư mục khác",
    "KIT099": "tạo biểu mẫu bằng lệnh: kit form <mẫu> -o <tệp.xlsx> rồi điền vào đó",
    "KIT114": "tạo lại biểu mẫu bằng lệnh kit form và chép dữ liệu sang",
    "KIT118": "không đổi tên các dòng ở cột A; tạo lại biểu mẫu bằng lệnh kit form nếu cần",
    "KIT120": "tạo lại biểu mẫu bằng lệnh kit form và chép dữ liệu sang",
    "KIT130": "{hint} (cài bằng: kit packs install …)",
    "KIT151": "xem mã gói: kit packs list",
    "KIT152": "xem: kit packs list",
    "KIT153": "xem các gói đã cài bằng kit packs list",
    "KIT154": "cài lại bằng kit packs install",
    "KIT155": "{hint} (kit templates --pack {pack})",
    "KIT165": "sửa các lỗi mà kit packs lint báo rồi cài lại",
    "KIT166": "thêm --force để thay",
    "KIT167": "cài lại bằng kit packs install",
    "KIT177": "{hint} (xem: kit templates)",
    "KIT210": "chỉ --font-dir tới thư mục chứa tệp phông .ttf",
    "KIT211": "kiểm tra đường dẫn (--db hoặc KIT_DATABASE_URL; sổ được lập bởi kit decision)",
    "KIT212": "cài phông Liberation 2 hoặc DejaVu, hoặc chỉ thư mục chứa tệp .ttf bằng --font-dir hay biến "
    "VANBAN_KIT_FONTS",
    "KIT216": "kiểm tra bằng: kit packs lint",
    "KIT400": "chạy kit decision trước (hoặc chỉ đúng sổ bằng --db)",
    "KIT402": "điền số khi văn thư đã cấp rồi chạy lại kit decision (thêm --force để ghi đè văn bản)",
    "KIT403": "điền ngày khi văn thư đã ban hành rồi chạy lại kit decision (thêm --force để ghi đè văn bản)",
    "KIT406": "không đổi tên hay xóa sheet '{sheet}'; tạo lại biểu mẫu bằng lệnh kit form",
    "KIT409": "sửa theo mẫu: kit packs new",
    "KIT411": "sửa theo mẫu: kit packs new",
    "KIT412": "sửa theo mẫu: kit packs new",
    "KIT424": "dùng lệnh kit fill",
    "KIT450": "nhập sổ Excel bằng: kit register import {file}; xuất ra Excel bằng: kit register export",
    "KIT455": 'nếu ngày đã được sửa, chạy: kit register correct "{number}" --issuer "{issuer}" --year {year} '
    "--date {date}",
    "KIT456": 'nếu ngày đã được sửa, chạy: kit register correct "{number}" --issuer "{issuer}" --year {year} '
    "--date {date}",
    "KIT459": "xem các quyết định bằng: kit register person hoặc kit register summary",
    "KIT460": "thêm --date, --number hoặc --new-issuer",
    "KIT462": "kiểm tra địa chỉ (KIT_DATABASE_URL hoặc --db), máy chủ và quyền truy cập",
    "KIT466": "nâng cấp bằng: kit register upgrade (sổ SQLite được sao lưu trước khi nâng cấp)",
    "KIT469": "sao lưu bằng pg_dump trước (xem README), rồi chạy lại kit register upgrade --da-sao-luu",
    "KIT479": '{hint} (kit register import --cot "Họ và tên=Tiêu đề trong tệp")',
    "KIT480": 'đặt đúng tiêu đề cột hoặc chỉ cột bằng --cot "Họ và tên=Tiêu đề trong tệp"',
    "KIT482": 'đặt tiêu đề cột hoặc chỉ cột bằng --cot "Họ và tên=Tiêu đề trong tệp"',
    "KIT483": "kit register import đọc Quyết định đã ban hành và danh sách kèm theo",
    "KIT493": "sửa tệp, hoặc chạy lại với --skip-bad để nhập các quyết định không có lỗi",
    "KIT557": "thêm --force để thay địa chỉ, hoặc đặt tên khác",
    "KIT561": "thêm bằng: kit packs registry add TÊN ĐỊA_CHỈ",
    "KIT564": "xem: kit packs list",
    "KIT568": "chọn phiên bản khác (--version)",
    "KIT573": "{hint} (thêm bằng: kit packs registry add TÊN ĐỊA_CHỈ)",
    "KIT574": "tìm bằng: kit packs search TỪ_KHÓA",
    "KIT576": "không cài; báo người quản lý gói, hoặc thêm --allow-unsigned nếu tin nguồn này",
    "KIT581": "{hint} (kit packs lint liệt kê hết các lỗi)",
    # findings (kit check): the notice of a blank number and date is for a signed document
    "VB209": "{hint} (dùng --draft để bỏ lưu ý này với bản trình ký)",
}


def cli_hint(code: str, hint: str, values: dict[str, str] | None = None) -> str:
    """The hint of a message as the command line words it."""
    from .diagnostics import worded

    return worded(CLI_HINTS, code, hint, values)


def error_lines(error: KitError) -> list[str]:
    """An error's lines, each with its hint in the command line's words."""
    from .errors import ProblemsError, WorkbookError

    if isinstance(error, WorkbookError):
        return [problem_line(problem) for problem in error.problems]
    if isinstance(error, ProblemsError):
        return [line for item in error.errors for line in error_lines(item)]
    hint = cli_hint(error.code, error.hint, error.values)
    return [error.message + (f" — {hint}" if hint else "")]


def problem_line(problem) -> str:
    """A workbook problem as one line, its hint in the command line's words."""
    hint = cli_hint(problem.code, problem.hint, problem.values)
    return f"{problem.location}: {problem.message}" + (f" — {hint}" if hint else "")
