"""List every error message the kit can give (read from its source), with its stable code, for
docs/errors.md and kit/error_codes.tsv.

Run: `.venv/bin/python tools/error_messages.py --write` (`make errors`): a message new in the source gets
the next free code (KIT…); a code is never given to another message, and the code of a message that left
the source stays reserved (a "#" line). tests/test_error_table.py fails when a message in the code has no
code or is missing from docs/errors.md.
"""

from __future__ import annotations

import ast
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXIT_CODES = {
    "InputError": 3,
    "NewerStoreError": 3,
    "OutputExistsError": 3,
    "UsageError": 2,
    "ConversionError": 4,
    "problem": 3,
    "field_problem": 3,
    "bad": 3,
    "LintProblem": 1,
}


# What to do, for messages whose fix the code computes (a field's help text, a variable hint) or
# states in the message itself.
FIXES = {
    "…: không tìm thấy tệp": "kiểm tra lại đường dẫn và tên tệp",
    "--annotate dùng với đúng một tệp .docx": "kiểm tra từng tệp một khi ghi bản có nhận xét",
    "…: bản có nhận xét phải có đuôi .docx": "đặt tên tệp kết quả có đuôi .docx",
    "không có tệp .docx nào để kiểm tra": "chỉ ra tệp .docx hoặc thư mục có tệp .docx",
    "…: là một thư mục, không phải tệp Word": "chỉ ra tệp .docx trong thư mục",
    "…: định nghĩa biểu mẫu không hợp lệ: …": "sửa tệp định nghĩa biểu mẫu (.toml) của gói mẫu",
    "không có định nghĩa biểu mẫu '…' (…)": "kiểm tra tên biểu mẫu trong pack.toml hoặc cài lại gói mẫu",
    "…: biểu mẫu gốc '…' không có": "sửa khóa extends của biểu mẫu cho đúng một biểu mẫu có sẵn",
    "năm … nằm ngoài khoảng …–…": "nhập ngày dạng dd/mm/yyyy với năm đủ bốn chữ số",
    "chưa điền (bắt buộc)": "điền thông tin vào ô được nêu (xem cột Hướng dẫn của biểu mẫu)",
    "số … không phải một ngày (ô ngày chứa một số)": "nhập ngày dạng dd/mm/yyyy",
    "'…' không phải ngày hợp lệ": "nhập ngày có thật, dạng dd/mm/yyyy, ví dụ 05/01/2021",
    "version '…' không theo dạng X.Y.Z (semver)": "ghi phiên bản gói dạng 1.0.0",
    "min_kit_version '…' không theo dạng X.Y.Z": "ghi dạng 0.1.0",
    "id mẫu '…' không hợp lệ": "dùng chữ thường không dấu, số và dấu '-'",
    "id mẫu '…' lặp lại": "đặt id khác cho một trong hai mẫu",
    "version '…' không theo dạng X.Y.Z": "ghi phiên bản mẫu dạng 1.0.0",
    "[data] …: không có tệp …": "thêm tệp dữ liệu hoặc sửa đường dẫn trong [data]",
    "không có tệp mẫu …": "thêm tệp Word hoặc sửa khóa file của mẫu",
    "không mở được tệp mẫu Word … (…)": "mở tệp bằng Word và lưu lại dạng .docx",
    "lỗi thẻ Jinja: … (gần: “…”)": "sửa thẻ {{ … }} / {% … %} ở đoạn được nêu trong tệp mẫu Word",
    "quy tắc '…' không có (xem: kit rules)": "dùng mã quy tắc có trong kit rules",
    "severity … = '…' không hợp lệ": "dùng error, warning hoặc info cho một mã quy tắc có thật",
    "thẻ “… … …” không đóng hoặc không mở: “…”": "đóng thẻ trong cùng một đoạn của tệp mẫu Word",
    "không được tắt …: quy tắc bắt buộc của Nghị định 30/2020/NĐ-CP": "bỏ mã này khỏi [rules] off",
    "không được hạ mức của …: quy tắc bắt buộc của Nghị định 30/2020/NĐ-CP": "bỏ mã này khỏi [rules.severity] hoặc nâng mức",
    "biến '…' không có trong dữ liệu của mẫu": "sửa theo tên được gợi ý, hoặc chọn một tên trong: kit templates <mã mẫu> --fields",
    "dữ liệu '…' không được mẫu dùng": "thêm trường vào tệp mẫu Word nếu cần in ra (chỉ là cảnh báo)",
    "hồ sơ dùng mẫu '…' không có trong gói": "thêm mẫu đó vào [[templates]] hoặc sửa documents của hồ sơ",
    "… = '…' không có trong danh sách chọn": "dùng một giá trị có trong danh sách chọn của biểu mẫu",
    "…: không tải được kho git (…)": "kiểm tra địa chỉ kho git và quyền truy cập",
    "không gỡ được gói có sẵn 'builtin'": "chỉ gỡ các gói đã cài thêm (kit packs list)",
    "gói '…' không được cài trong …": "xem các gói đã cài bằng kit packs list",
    "…: không phải tệp .zip hợp lệ": "tải lại tệp .zip của gói mẫu",
    "gói '…' có lỗi, không cài: … (chạy kit packs lint để xem hết … lỗi)": "sửa các lỗi mà kit packs lint báo rồi cài lại",
    "…: không phải thư mục, tệp .zip hay địa chỉ kho git": "chỉ ra thư mục gói mẫu, tệp .zip hoặc địa chỉ kho git",
    "…: không phải gói mẫu (thiếu pack.toml)": "chỉ ra thư mục có tệp pack.toml",
    "gói '…': không có định nghĩa biểu mẫu '…'": "thêm biểu mẫu vào thư mục forms/ của gói hoặc sửa khóa form",
    "gói '…': vòng lặp kế thừa (…)": "sửa khóa extends để không gói nào kế thừa lại chính nó",
    "Quyết định cần thông tin này": "điền ô được nêu ở sheet Quyết định (hướng dẫn của từng ô nói cần ghi gì)",
}


@dataclass(frozen=True)
class Message:
    pattern: str  # the text with "…" where values go
    hint: str
    exit_code: int
    where: str


def _text(node) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(part.value if isinstance(part, ast.Constant) else "…" for part in node.values)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in ("replace", "strip"):
        return _text(node.func.value)  # f"…".replace(",", "."): the text is the f-string's
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _text(node.left), _text(node.right)
        return (left or "…") + (right or "…")
    return None


def messages() -> list[Message]:
    found = []
    for path in sorted((ROOT / "kit").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = (
                node.func.id
                if isinstance(node.func, ast.Name)
                else node.func.attr
                if isinstance(node.func, ast.Attribute)
                else ""
            )
            if name not in EXIT_CODES or not node.args:
                continue
            args = list(node.args)
            if name == "problem":  # data.problem(sheet, cell, field, message, hint)
                text, hint = (_text(args[3]) if len(args) > 3 else None), (_text(args[4]) if len(args) > 4 else "")
            elif name == "field_problem":  # data.field_problem(key, message, hint)
                text, hint = (_text(args[1]) if len(args) > 1 else None), (_text(args[2]) if len(args) > 2 else "")
            elif name == "bad":
                text, hint = _text(args[0]), (_text(args[1]) if len(args) > 1 else "")
            elif name == "LintProblem":
                text, hint = (_text(args[1]) if len(args) > 1 else None), ""
            else:
                text, hint = _text(args[0]), ""
            if text and any(ch.isalpha() for ch in text):
                if " — " in text and not hint:
                    text, hint = text.split(" — ", 1)
                    if not hint.strip(" …") and text.strip() in FIXES:
                        hint = ""  # the fix is computed (a did-you-mean): the table gives it in words
                found.append(
                    Message(
                        text.strip(),
                        (hint or FIXES.get(text.strip(), "")).strip(),
                        EXIT_CODES[name],
                        f"{path.relative_to(ROOT)}:{node.lineno}",
                    )
                )
    return found


def key(message: Message) -> str:
    """The fixed words of a message that the table must contain (the longest run between values)."""
    return max(message.pattern.split("…"), key=len).strip(" :,.()“”'")


CODES = ROOT / "kit" / "error_codes.tsv"
HEADER = (
    "# The stable code of every message the kit can give (kit.diagnostics.code_of), kept by\n"
    "# tools/error_messages.py --write: never edit a code by hand; a '#' line is a retired message whose\n"
    "# code stays reserved.\n"
)


def read_codes() -> tuple[dict[str, str], set[str]]:
    """pattern → code of the messages in use, and every code ever given (retired ones too)."""
    active, given = {}, set()
    if CODES.is_file():
        for line in CODES.read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("# "):
                continue
            code, _, pattern = line.lstrip("#").partition("\t")
            given.add(code)
            if not line.startswith("#"):
                active[pattern] = code
    return active, given


def assign_codes(found: list[Message]) -> dict[str, str]:
    """The code of each message pattern: the one it had, or the next free one."""
    active, given = read_codes()
    numbers = [int(code[3:]) for code in given if code[3:].isdigit()]
    next_number = max(numbers, default=0) + 1
    codes: dict[str, str] = {}
    for message in found:
        if message.pattern in codes:
            continue
        if message.pattern in active:
            codes[message.pattern] = active[message.pattern]
        else:
            codes[message.pattern] = f"KIT{next_number:03d}"
            next_number += 1
    retired = {pattern: code for pattern, code in active.items() if pattern not in codes}
    lines = [f"{code}\t{pattern}" for pattern, code in sorted(codes.items(), key=lambda item: item[1])]
    lines += [f"#{code}\t{pattern}" for pattern, code in sorted(retired.items(), key=lambda item: item[1])]
    lines += [f"#{code}\t" for code in sorted(given - set(codes.values()) - set(retired.values()))]
    CODES.write_text(HEADER + "\n".join(lines) + "\n", encoding="utf-8")
    return codes


def table_rows(codes: dict[str, str] | None = None) -> list[str]:
    found = messages()
    codes = codes if codes is not None else read_codes()[0]
    rows, seen = [], set()
    for message in sorted(found, key=lambda m: codes.get(m.pattern, "KIT999")):
        if message.pattern in seen:
            continue
        seen.add(message.pattern)
        rows.append(
            f"| {codes.get(message.pattern, '?')} | {message.pattern.replace('|', chr(92) + '|')} | "
            f"{message.exit_code} | {message.hint.replace('|', chr(92) + '|') or '—'} |"
        )
    return rows


def main() -> int:
    """Give new messages their codes and rewrite the table of docs/errors.md (`--write`), or print it."""
    if "--write" in sys.argv:
        rows = table_rows(assign_codes(messages()))
        path = ROOT / "docs" / "errors.md"
        text = path.read_text(encoding="utf-8")
        head = text[: text.index("| Mã |")] if "| Mã |" in text else text[: text.index("| Thông báo |")]
        path.write_text(
            head + "| Mã | Thông báo | Mã thoát | Cách xử lý |\n| --- | --- | --- | --- |\n" + "\n".join(rows) + "\n",
            encoding="utf-8",
        )
        print(f"wrote docs/errors.md and kit/error_codes.tsv ({len(rows)} messages)")
    else:
        print("\n".join(table_rows()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
