"""Write docs/fields/: one page per built-in template listing the fields its Word template may use.

The pages come from the field catalogue (kit/documents/fields.py) and from rendering each form's
sample, exactly what `kit templates TEMPLATE --fields` prints. Run
`.venv/bin/python tools/field_docs.py --write` (`make fields`) after changing a builder, the
catalogue, a form or a sample; tests/test_field_docs.py fails when a page is stale.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FOLDER = ROOT / "docs" / "fields"

HOW_TO_USE = """\
Cách dùng trong tệp Word (xem thêm: [hướng dẫn gói mẫu](../huong-dan-goi-mau.md)):

- **chữ**: `{{ ten_truong }}`.
- **danh sách chữ**: mỗi phần tử một đoạn — `{%p for doan in ten_truong %}` / `{{ doan }}` / `{%p endfor %}`
  (mỗi thẻ `{%p … %}` nằm riêng một đoạn).
- **có/không**: `{%p if ten_truong %}` … `{%p else %}` … `{%p endif %}`.
- **nhóm**: các khóa ghi sau dấu chấm, `{{ nhom.khoa }}`; nhóm có thể trống (`{%p if nhom %}`).
- **danh sách dòng**: `{%tr for d in ten_truong %}` trong một dòng bảng (hoặc `{%p for … %}`), rồi `{{ d.khoa }}`;
  `ten_truong[].khoa` là khóa của mỗi dòng.
"""


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _page(spec, sections, form_id: str, sample: str) -> str:
    lines = [
        f"# Trường của mẫu `{spec.id}` — {spec.title}",
        "",
        "<!-- Tệp sinh tự động: python tools/field_docs.py --write (make fields). Đừng sửa tay. -->",
        "",
        f"Các tên mà tệp Word của mẫu này được dùng trong thẻ `{{{{ … }}}}` và `{{% … %}}`, cùng kiểu, ví dụ lấy từ dữ liệu "
        f"mẫu ({sample or 'không có'}) của biểu mẫu `{form_id}` và ô của biểu mẫu Excel mà giá trị được lấy ra. "
        f"Cùng nội dung trong dòng lệnh: `kit templates {spec.id} --fields`. `kit packs lint` báo lỗi khi tệp Word dùng "
        "một tên không có ở đây.",
        "",
        HOW_TO_USE,
    ]
    for section in sections:
        template = section.template
        if spec.kind == "dossier":
            lines += [f"## `{template.id}` — {template.title}", ""]
        relative = template.file.relative_to(ROOT).as_posix() if ROOT in template.file.parents else template.file.name
        lines += [f"Tệp Word: `{relative}` · builder: `{section.builder}`", ""]
        if section.note:
            lines += [f"({section.note})", ""]
        lines += ["| Tên | Kiểu | Ý nghĩa | Ví dụ | Lấy từ |", "| --- | --- | --- | --- | --- |"]
        for row in section.rows:
            example = f"{_cell(row.example)}" if row.example else ""
            lines.append(f"| `{row.name}` | {row.type} | {_cell(row.description)} | {example} | {_cell(row.source)} |")
        lines.append("")
    return "\n".join(lines)


def pages() -> dict[Path, str]:
    """Every page of docs/fields/, keyed by its path, as it should read now."""
    from kit.app.fields import template_fields
    from kit.app.forms import form_of
    from kit.packs import get_pack

    pack = get_pack("builtin")
    result: dict[Path, str] = {}
    index = [
        "# Trường của các mẫu có sẵn",
        "",
        "<!-- Tệp sinh tự động: python tools/field_docs.py --write (make fields). Đừng sửa tay. -->",
        "",
        "Mỗi trang liệt kê các tên một mẫu Word được dùng (xem: [hướng dẫn gói mẫu](../huong-dan-goi-mau.md)).",
        "",
        "| Mẫu | Tên | Trang |",
        "| --- | --- | --- |",
    ]
    for spec in pack.templates:
        if spec.kind == "part":
            continue
        form = form_of(spec, pack)
        sections = template_fields(spec.id, pack.id)
        name = f"{spec.id}.md"
        result[FOLDER / name] = _page(spec, sections, form.id, form.sample or "")
        index.append(f"| `{spec.id}` | {spec.title} | [{name}]({name}) |")
        if spec.kind == "dossier":
            for section in sections:
                index.append(
                    f"| `{section.template.id}` | {section.template.title} (một phần của hồ sơ) | [{name}]({name}) |"
                )
    result[FOLDER / "README.md"] = "\n".join(index) + "\n"
    return result


def stale() -> list[Path]:
    """Pages that differ from what they should read, and files in docs/fields/ no template makes."""
    expected = pages()
    wrong = [path for path, text in expected.items() if not path.is_file() or path.read_text(encoding="utf-8") != text]
    extra = [path for path in FOLDER.glob("*.md") if path not in expected] if FOLDER.is_dir() else []
    return sorted(wrong + extra)


def main() -> int:
    if "--write" in sys.argv:
        FOLDER.mkdir(parents=True, exist_ok=True)
        expected = pages()
        for path in FOLDER.glob("*.md"):
            if path not in expected:
                path.unlink()
        for path, text in expected.items():
            path.write_text(text, encoding="utf-8")
        print(f"wrote {len(expected)} pages in {FOLDER.relative_to(ROOT)}")
        return 0
    out_of_date = stale()
    for path in out_of_date:
        print(f"stale: {path.relative_to(ROOT)}")
    return 1 if out_of_date else 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
