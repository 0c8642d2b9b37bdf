"""The table of every error message the kit can give: kit/error_codes.tsv (code → message) and
docs/errors.md (code, message, exit code, what to do).

Each raise site names its code from the table: `InputError(f"{path}: không tìm thấy tệp",
hint="kiểm tra lại đường dẫn", code="KIT001")`, `data.problem(sheet, cell, key, message, hint,
code="KIT119")`, `LintProblem(where, message, hint=..., code="KIT131")`. To add a message: add a line
`KITnnn<TAB>its words, with … where values go` to kit/error_codes.tsv (a code of your range, never one
used before, even on a '#' line), name the code at the call, run `python tools/error_messages.py --write`
(`make errors`) to rewrite docs/errors.md (and the table's words from the code). tests/test_error_table.py
fails when a call has no code, names a code the table does not have, or its words differ from the
table's for that code.
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
    "OutputLockedError": 3,
    "TrustError": 3,
    "UsageError": 2,
    "ConversionError": 4,
    "TooCostly": 3,
    "problem": 3,
    "field_problem": 3,
    "bad": 3,
    "Problem": 3,
    "_warning": 3,
    "LintProblem": 1,
}
# Where the message (and the hint, when passed by position) is among the call's positional arguments.
MESSAGE_INDEX = {"problem": 3, "field_problem": 1, "LintProblem": 1, "Problem": 4, "_warning": 2}
HINT_INDEX = {"problem": 4, "field_problem": 2, "bad": 1, "Problem": 5, "_warning": 3}

# What to do, for messages whose fix the code computes (a field's help text, a variable hint) or
# states in the message itself.
FIXES = {
    "…: … do … quyết định, không thuộc thẩm quyền của …": "đề nghị cấp có thẩm quyền quyết định bằng Tờ trình "
    "(cấp nào quyết định: dữ liệu award_law của gói)",
    "“…” đã được … năm … theo … (…)": "kiểm tra lại: danh hiệu thi đua xét mỗi năm một lần; một hình thức khen "
    "thưởng có thể tặng nhiều lần nhưng mỗi thành tích chỉ được khen một lần",
    "xuất PDF cần LibreOffice (soffice)": "cài LibreOffice (kit.office.INSTALL_HINT nói cách cài trên từng hệ điều hành)",
    "…: không tìm thấy tệp": "kiểm tra lại đường dẫn và tên tệp",
    "chỉ ghi được bản có nhận xét cho một tệp .docx mỗi lần": "kiểm tra từng tệp một khi ghi bản có nhận xét",
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
    "quy tắc '…' không có": "dùng mã quy tắc có trong kit rules",
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
    "…: không phải tệp .zip hợp lệ": "tải lại tệp .zip của gói mẫu",
    "…: không phải thư mục, tệp .zip hay địa chỉ kho git": "chỉ ra thư mục gói mẫu, tệp .zip hoặc địa chỉ kho git",
    "…: không phải gói mẫu (thiếu pack.toml)": "chỉ ra thư mục có tệp pack.toml",
    "gói '…': không có định nghĩa biểu mẫu '…'": "thêm biểu mẫu vào thư mục forms/ của gói hoặc sửa khóa form",
    "gói '…': vòng lặp kế thừa (…)": "sửa khóa extends để không gói nào kế thừa lại chính nó",
    "Quyết định cần thông tin này": "điền ô được nêu ở sheet Quyết định (hướng dẫn của từng ô nói cần ghi gì)",
}


@dataclass(frozen=True)
class Message:
    pattern: str | None  # the text with "…" where values go; None when the message is a variable
    hint: str
    exit_code: int
    where: str
    code: str | None  # the code named at the call; None when the call names none


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


def _name(node: ast.Call) -> str:
    if isinstance(node.func, ast.Name):
        return node.func.id
    return node.func.attr if isinstance(node.func, ast.Attribute) else ""


def calls() -> list[Message]:
    """Every call that raises or reports a message, with its words, hint and the code it names."""
    found = []
    for path in sorted((ROOT / "kit").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or _name(node) not in EXIT_CODES or not node.args:
                continue
            name = _name(node)
            if isinstance(node.func, ast.Attribute) and isinstance(node.func.value, ast.Name):
                if node.func.value.id == "click":
                    continue  # click's own UsageError: click prints it
            if isinstance(node.func, ast.Name) and name in ("problem", "field_problem"):
                continue  # not FormData's methods
            keywords = {k.arg: k.value for k in node.keywords}
            code_node = keywords.get("code")
            if code_node is None:
                code = None
            elif isinstance(code_node, ast.Constant) and isinstance(code_node.value, str):
                code = code_node.value
            else:
                code = "passed"  # code=error.code: the message and its code come from another call
            args = list(node.args)
            at = MESSAGE_INDEX.get(name, 0)
            if len(args) <= at:
                continue  # another function of the same name (the web page's job.problem(p))
            text = _text(args[at]) if len(args) > at else None
            hint_node = keywords.get("hint")
            if hint_node is None and name in HINT_INDEX and len(args) > HINT_INDEX[name]:
                hint_node = args[HINT_INDEX[name]]
            hint = (_text(hint_node) or "") if hint_node is not None else ""
            if text is not None and not any(ch.isalpha() for ch in text):
                text = None
            pattern = text.strip() if text else None
            found.append(
                Message(
                    pattern,
                    (hint or FIXES.get(pattern or "", "")).strip(),
                    EXIT_CODES[name],
                    f"{path.relative_to(ROOT)}:{node.lineno}",
                    code,
                )
            )
    return found


def messages() -> list[Message]:
    """The calls whose message has fixed words and a code of its own."""
    return [m for m in calls() if m.pattern is not None and m.code != "passed"]


CODES = ROOT / "kit" / "error_codes.tsv"
HEADER = (
    '# The stable code of every message the kit can give, named at each raise site (code="KIT…").\n'
    "# A new message: a new line here with a code of your range, never one used before (a '#' line is a\n"
    "# retired message whose code stays reserved); then tools/error_messages.py --write.\n"
)


def read_codes() -> tuple[dict[str, str], set[str]]:
    """code → words of the messages in use, and every code ever given (retired ones too)."""
    active, given = {}, set()
    if CODES.is_file():
        for line in CODES.read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("# "):
                continue
            code, _, pattern = line.lstrip("#").partition("\t")
            given.add(code)
            if not line.startswith("#"):
                active[code] = pattern
    return active, given


def problems() -> list[str]:
    """What is wrong between the calls and the table: a call without a code, a code not in the table,
    words that differ from the table's, a code given to two messages."""
    active, _ = read_codes()
    found, seen = [], {}
    for message in calls():
        if message.code is None:
            found.append(f"{message.where}: no code= (add one from kit/error_codes.tsv)")
        elif message.code == "passed":
            continue
        elif message.code not in active:
            found.append(f"{message.where}: {message.code} is not in kit/error_codes.tsv")
        elif message.pattern is not None:
            if seen.setdefault(message.code, message.pattern) != message.pattern:
                found.append(f"{message.where}: {message.code} already names “{seen[message.code]}”")
            elif active[message.code] != message.pattern:
                found.append(
                    f"{message.where}: {message.code} is “{active[message.code]}” in the table, "
                    f"“{message.pattern}” here (run tools/error_messages.py --write)"
                )
    return found


def write_codes() -> dict[str, str]:
    """The table with each code's words taken from its call; a code no call names is retired."""
    active, given = read_codes()
    used = {m.code for m in calls() if m.code}
    words = {m.code: m.pattern for m in messages() if m.code in active}
    codes = {code: words.get(code, pattern) for code, pattern in active.items() if code in used}
    retired = {code: pattern for code, pattern in active.items() if code not in used}
    lines = [f"{code}\t{pattern}" for code, pattern in sorted(codes.items())]
    lines += [f"#{code}\t{pattern}" for code, pattern in sorted(retired.items())]
    lines += [f"#{code}\t" for code in sorted(given - set(active))]
    CODES.write_text(HEADER + "\n".join(lines) + "\n", encoding="utf-8")
    return codes


def cli_wording(code: str, hint: str) -> str:
    """The hint as the command line prints it (kit/cli_hints.py CLI_HINTS), with "…" for the values it quotes."""
    import re

    sys.path.insert(0, str(ROOT))
    from kit.cli_hints import CLI_HINTS

    wording = CLI_HINTS.get(code)
    return re.sub(r"\{[a-z_]+\}", "…", wording.replace("{hint}", hint)) if wording else hint


def table_rows() -> list[str]:
    active, _ = read_codes()
    by_code: dict[str, Message] = {}
    for message in calls():
        if message.code in active and (message.code not in by_code or not by_code[message.code].hint):
            by_code[message.code] = message
    rows = []
    for code in sorted(by_code):
        message = by_code[code]
        pattern, hint = active[code], cli_wording(code, message.hint or FIXES.get(active[code], ""))
        rows.append(
            f"| {code} | {pattern.replace('|', chr(92) + '|')} | "
            f"{message.exit_code} | {hint.replace('|', chr(92) + '|') or '—'} |"
        )
    return rows


def main() -> int:
    """Rewrite the table's words from the code and docs/errors.md (`--write`), or print the rows."""
    if "--write" in sys.argv:
        write_codes()
        rows = table_rows()
        path = ROOT / "docs" / "errors.md"
        text = path.read_text(encoding="utf-8")
        head = text[: text.index("| Mã |")] if "| Mã |" in text else text[: text.index("| Thông báo |")]
        path.write_text(
            head + "| Mã | Thông báo | Mã thoát | Cách xử lý |\n| --- | --- | --- | --- |\n" + "\n".join(rows) + "\n",
            encoding="utf-8",
        )
        print(f"wrote docs/errors.md and kit/error_codes.tsv ({len(rows)} messages)")
        for line in problems():
            print(line, file=sys.stderr)
    else:
        print("\n".join(table_rows()))
    return 1 if problems() else 0


if __name__ == "__main__":
    sys.exit(main())
