"""The Giấy khen / Bằng khen of a decision printed on the unit's certificate paper.

The paper is pack data (templates/data/certificate.toml): page size, and for each field a box in
millimetres, font style, size and alignment; text too long for its box is made smaller (down to its
min_size) and wrapped. One PDF: a calibration page (every box drawn and named, to print on plain
paper and lay over the certificate paper), then one page per awardee. `blank` prints the frame and
the fixed text too, for units without pre-printed paper.

The font is a TrueType file with Vietnamese glyphs, embedded in the PDF (reportlab subsets it): no
font ships with the kit; it is looked for in --font-dir, in the folders of VANBAN_KIT_FONTS, then in
the system's font folders.
"""

from __future__ import annotations

import hashlib
import io
import math
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..textpattern import fill_pattern, pattern_problem
from ..vn import nfc

STYLES = ("regular", "bold", "italic", "bold_italic")
ALIGNS = ("left", "center", "right")
# The fields a certificate can print. A field prints its value, or the pack's `text` pattern with
# {name} replaced by the value of that name (fixed words belong to the pack's data, not to the kit).
FIELD_KEYS = (
    "tham_quyen",
    "hinh_thuc",
    "ten",
    "chuc_vu_don_vi",
    "thanh_tich",
    "quyet_dinh",
    "so_vao_so",
    "dia_danh_ngay",
    "chuc_vu_ky",
    "nguoi_ky",
)
# What the calibration page calls each field, style and alignment (the user reads it, not the data's keys).
FIELD_LABELS = {
    "tham_quyen": "Thẩm quyền",
    "hinh_thuc": "Danh hiệu, hình thức khen thưởng",
    "ten": "Họ và tên, tên tập thể",
    "chuc_vu_don_vi": "Chức vụ, đơn vị",
    "thanh_tich": "Thành tích",
    "quyet_dinh": "Số, ngày Quyết định",
    "so_vao_so": "Số vào sổ",
    "dia_danh_ngay": "Địa danh, ngày",
    "chuc_vu_ky": "Chức vụ người ký",
    "nguoi_ky": "Người ký",
}
STYLE_TEXT = {"regular": "thường", "bold": "đậm", "italic": "nghiêng", "bold_italic": "đậm nghiêng"}
ALIGN_TEXT = {"left": "căn trái", "center": "căn giữa", "right": "căn phải"}
# What "Số vào sổ" / "Số sổ vàng" counts on a layout (its `number`).
NUMBERINGS = ("so_khen_thuong", "danh_sach")
# The names a field's text may hold in braces: the fields, and the parts of the decision's number and date.
TEXT_NAMES = (*FIELD_KEYS, "dot", "so_quyet_dinh", "ngay_quyet_dinh", "so_hieu")  # so_hieu: the number_label
MAX_BOXES = 60  # fields, and fixed texts of blank paper: a certificate has about ten
MAX_TEXT = 2000  # characters of a field's text
FONT_ENV = "VANBAN_KIT_FONTS"
MAX_FONT_FILES = 50_000  # files looked at while searching the font folders (bounded)
MM = 72 / 25.4


@dataclass(frozen=True)
class Box:
    key: str
    x: float
    y: float
    width: float
    height: float
    size: float
    min_size: float
    style: str
    align: str
    text: str = ""


@dataclass
class Layout:
    width: float
    height: float
    fonts: dict[str, list[str]]
    fields: list[Box]
    frame: float
    fixed: list[Box]
    # The layout of one certificate (data certificate [layouts.<id>]): its name, what its number counts and
    # the label printed before it, and where the layout is prescribed (certainty U: "chưa xác minh").
    id: str = ""
    title: str = "Giấy khen"
    number: str = "so_khen_thuong"
    number_label: str = "Số vào sổ"
    source: str = ""
    certainty: str = "U"


def _number(value: Any) -> float | None:
    # NaN and infinities are no measure (NaN passes every comparison as false).
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        return None
    return float(value)


def _box(entry: Any, where: str, page: tuple[float, float], keys: tuple[str, ...] | None) -> Box:
    if not isinstance(entry, dict):
        raise InputError(f"{where}: phải là một bảng", hint="sửa tệp dữ liệu certificate của gói", code="KIT197")
    key = entry.get("key", "")
    if keys is not None and key not in keys:
        raise InputError(f"{where}: key '{key}' không có", hint=f"dùng một trong: {', '.join(keys)}", code="KIT198")
    box = entry.get("box")
    numbers = [_number(v) for v in box] if isinstance(box, list) and len(box) == 4 else None
    if numbers is None or any(n is None for n in numbers):
        raise InputError(
            f"{where}: box không phải 4 số",
            hint="ghi [x, y, rộng, cao] tính bằng mm, ví dụ box = [40, 56, 217, 16]",
            code="KIT199",
        )
    x, y, w, h = (float(n) for n in numbers if n is not None)
    if w <= 0 or h <= 0 or x < 0 or y < 0 or x + w > page[0] + 0.01 or y + h > page[1] + 0.01:
        raise InputError(
            f"{where}: box {box} nằm ngoài trang {page[0]:g} × {page[1]:g} mm hoặc có cạnh không dương",
            hint="sửa lại số đo",
            code="KIT200",
        )
    size = _number(entry.get("size", 14))
    if size is None or not 4 <= size <= 200:
        raise InputError(
            f"{where}: size '{entry.get('size')}' không hợp lệ",
            hint="ghi cỡ chữ (điểm) từ 4 đến 200, ví dụ size = 14",
            code="KIT201",
        )
    min_size = _number(entry.get("min_size", max(6.0, round(size * 0.6, 1))))
    if min_size is None or not 4 <= min_size <= size:
        raise InputError(
            f"{where}: min_size '{entry.get('min_size')}' không hợp lệ",
            hint=f"ghi một số từ 4 đến size ({size:g})",
            code="KIT202",
        )
    style, align = entry.get("style", "regular"), entry.get("align", "center")
    if style not in STYLES:
        raise InputError(
            f"{where}: style '{style}' không có", hint=f"dùng một trong: {', '.join(STYLES)}", code="KIT203"
        )
    if align not in ALIGNS:
        raise InputError(
            f"{where}: align '{align}' không có", hint=f"dùng một trong: {', '.join(ALIGNS)}", code="KIT204"
        )
    text = entry.get("text", "")
    if not isinstance(text, str) or len(text) > MAX_TEXT:
        raise InputError(
            f"{where}: text không phải chuỗi",
            hint='ghi trong dấu nháy, ví dụ text = "Số vào sổ: {so_vao_so}"',
            code="KIT205",
        )
    wrong = pattern_problem(text, TEXT_NAMES) if keys is not None else None
    if wrong:
        raise InputError(
            f"{where}: text “{text[:80]}”: {wrong}",
            hint=f"chỉ dùng {{tên}} với tên trong: {', '.join(TEXT_NAMES)}",
            code="KIT501",
        )
    return Box(key, x, y, w, h, size, min_size, style, align, nfc(text))


def layout_ids(pack) -> list[str]:
    """The certificate layouts of a pack's data ([layouts.<id>]), in their order."""
    layouts = (pack.data().get("certificate") or {}).get("layouts")
    return list(layouts) if isinstance(layouts, dict) else []


def layout_of(pack, layout_id: str | None = None) -> Layout:
    """The certificate paper of a pack — of one of its layouts ([layouts.<id>], whose page, font, fields and
    blank paper replace the shared ones it gives) — checked; InputError (one line) on a mistake in its data."""
    raw = pack.data().get("certificate")
    where = f"gói {pack.id}, dữ liệu certificate"
    own: dict = {}
    if raw and layout_id is not None:
        found = (raw.get("layouts") or {}).get(layout_id)
        if not isinstance(found, dict):
            raise InputError(
                f"{where}: không có mẫu in '{layout_id}'",
                hint=f"thêm bảng [layouts.{layout_id}] (title, number, source) vào dữ liệu certificate của gói",
                code="KIT319",
            )
        own = found
        raw = {**raw, **{key: own[key] for key in ("page", "font", "fields", "blank") if key in own}}
        where = f"{where} [layouts.{layout_id}]"
        if own.get("number", "so_khen_thuong") not in NUMBERINGS:
            raise InputError(
                f"{where}: number '{own.get('number')}' không có",
                hint="dùng so_khen_thuong (số dòng trong sổ khen thưởng) hoặc danh_sach (số thứ tự trong danh sách "
                "kèm theo Quyết định)",
                code="KIT320",
            )
    if not raw:
        raise InputError(
            f'gói {pack.id}: chưa khai báo giấy khen ([data] certificate = "data/certificate.toml")',
            hint="thêm tệp mô tả khổ giấy và các ô",
            code="KIT206",
        )
    page = raw.get("page") if isinstance(raw.get("page"), dict) else {}
    width, height = _number(page.get("width")), _number(page.get("height"))
    if width is None or height is None or not (50 <= width <= 1200 and 50 <= height <= 1200):
        raise InputError(
            f"{where} [page]: thiếu hoặc sai khổ giấy",
            hint="ghi width và height tính bằng mm, ví dụ width = 297, height = 210",
            code="KIT207",
        )
    fonts = raw.get("font", {})
    if not isinstance(fonts, dict) or not all(isinstance(fonts.get(s), list) and fonts[s] for s in STYLES):
        raise InputError(
            f"{where} [font]: thiếu danh sách tệp phông",
            hint=f'ghi cho {", ".join(STYLES)}, ví dụ regular = ["LiberationSerif-Regular.ttf", "DejaVuSerif.ttf"]',
            code="KIT208",
        )
    entries = raw.get("fields", [])
    if not isinstance(entries, list) or not entries:
        raise InputError(
            f"{where}: chưa có ô nào", hint="thêm các bảng [[fields]] (key, box, size, style, align)", code="KIT209"
        )
    texts = blank_texts(raw)
    if len(entries) > MAX_BOXES or len(texts) > MAX_BOXES:
        raise InputError(
            f"{where}: quá nhiều ô (tối đa {MAX_BOXES} ô [[fields]] và {MAX_BOXES} ô [[blank.text]])",
            hint="bỏ bớt ô",
            code="KIT502",
        )
    fields = [
        _box(e, f"{where} [[fields]] thứ {i}", (width, height), FIELD_KEYS) for i, e in enumerate(entries, start=1)
    ]
    blank = raw.get("blank", {}) if isinstance(raw.get("blank", {}), dict) else {}
    frame = _number(blank.get("frame", 10))
    if frame is None or not 0 <= frame <= min(width, height) / 4:
        raise InputError(
            f"{where} [blank]: frame '{blank.get('frame')}' không hợp lệ",
            hint=f"ghi lề khung tính bằng mm, từ 0 đến {min(width, height) / 4:g}, ví dụ frame = 10",
            code="KIT503",
        )
    fixed = [
        _box({**e, "key": ""} if isinstance(e, dict) else e, f"{where} [[blank.text]] thứ {i}", (width, height), None)
        for i, e in enumerate(texts, start=1)
    ]
    return Layout(
        width,
        height,
        {s: [str(n) for n in fonts[s]] for s in STYLES},
        fields,
        frame,
        fixed,
        id=layout_id or "",
        title=str(own.get("title") or "Giấy khen"),
        number=str(own.get("number") or "so_khen_thuong"),
        number_label=str(own.get("number_label") or "Số vào sổ"),
        source=str(own.get("source") or ""),
        certainty=str(own.get("certainty") or "U"),
    )


def _font_folders(font_dir: Path | None) -> list[Path]:
    folders = [font_dir] if font_dir is not None else []
    folders += [Path(p) for p in os.environ.get(FONT_ENV, "").split(os.pathsep) if p]
    home = Path.home()
    if sys.platform == "win32":
        folders += [
            Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts",
            home / "AppData" / "Local" / "Microsoft" / "Windows" / "Fonts",
        ]
    elif sys.platform == "darwin":
        folders += [home / "Library" / "Fonts", Path("/Library/Fonts"), Path("/System/Library/Fonts/Supplemental")]
    else:
        folders += [
            home / ".local" / "share" / "fonts",
            home / ".fonts",
            Path("/usr/local/share/fonts"),
            Path("/usr/share/fonts"),
        ]
    return folders


# Letters a font must have to print Vietnamese (older Liberation 1.x files lack some of them).
VIETNAMESE_PROBE = "ăâđêôơưĂÂĐÊÔƠƯạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ"


def _covers(path: Path) -> bool:
    from reportlab.pdfbase.ttfonts import TTFError, TTFontFile

    try:
        face = TTFontFile(str(path))
    except (TTFError, OSError, ValueError):
        return False
    return all(ord(ch) in face.charToGlyph for ch in VIETNAMESE_PROBE)


def find_fonts(names: dict[str, list[str]], font_dir: Path | None = None) -> dict[str, Path]:
    """The font file of each style: the first of its names, in the folders' order, that has every
    Vietnamese letter."""
    if font_dir is not None and not Path(font_dir).is_dir():
        raise InputError(
            f"{font_dir}: không phải một thư mục phông chữ",
            hint="chỉ tới thư mục chứa tệp phông .ttf",
            code="KIT210",
        )
    wanted = {name.casefold() for files in names.values() for name in files}
    found: dict[str, list[Path]] = {}
    seen = 0
    for folder in _font_folders(Path(font_dir) if font_dir else None):
        if not folder.is_dir():
            continue
        for root, _, files in os.walk(folder):
            for file in sorted(files):
                seen += 1
                if file.casefold() in wanted:
                    found.setdefault(file.casefold(), []).append(Path(root) / file)
            if seen > MAX_FONT_FILES:
                break
    result = {}
    for style, files in names.items():
        path = next((p for n in files for p in found.get(n.casefold(), []) if _covers(p)), None)
        if path is None:
            raise InputError(
                f"không tìm thấy phông chữ có đủ dấu tiếng Việt cho kiểu {style} ({', '.join(files)})",
                hint="cài phông Liberation 2 hoặc DejaVu, hoặc chỉ ra thư mục chứa tệp phông .ttf",
                code="KIT212",
            )
        result[style] = path
    return result


def _register_fonts(paths: dict[str, Path]) -> dict[str, str]:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    names = {}
    for style, path in paths.items():
        name = "kit-" + hashlib.sha256(str(path).encode("utf-8")).hexdigest()[:12]
        if name not in pdfmetrics.getRegisteredFontNames():
            try:
                pdfmetrics.registerFont(TTFont(name, str(path)))
            except (TTFError, OSError) as exc:
                raise InputError(
                    f"{path}: không đọc được tệp phông TrueType ({exc})", hint="chọn tệp .ttf khác", code="KIT214"
                ) from None
        names[style] = name
    return names


def fit(
    text: str, font: str, size: float, min_size: float, width: float, height: float
) -> tuple[float, list[str], bool]:
    """How `text` is set in a box (points): (size, lines, fits).

    A text a little too long is made smaller (down to 85 % of its size) to stay on one line; a longer
    one is wrapped at words (and at its own line breaks) at the largest size, down to `min_size`, at
    which the lines fit the box's height. Sizes go down by half points.
    """
    from reportlab.lib.utils import simpleSplit
    from reportlab.pdfbase.pdfmetrics import stringWidth

    parts = text.split("\n")
    leading = 1.2
    current = size
    while current >= max(min_size, size * 0.85):
        if (
            all(stringWidth(part, font, current) <= width for part in parts)
            and len(parts) * current * leading <= height + 0.01
        ):
            return current, parts, True
        current -= 0.5
    current = size
    while True:
        lines = [line for part in parts for line in (simpleSplit(part, font, current, width) or [""])]
        fits = len(lines) * current * leading <= height + 0.01
        if fits or current <= min_size:
            return current, lines, fits
        current = max(min_size, current - 0.5)


def _draw_box(canvas, box: Box, text: str, fonts: dict[str, str], page_height: float) -> bool:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    font = fonts[box.style]
    x, width, height = box.x * MM, box.width * MM, box.height * MM
    top = page_height - box.y * MM
    size, lines, fits = fit(text, font, box.size, box.min_size, width, height)
    leading = size * 1.2
    # Lines centred vertically in the box; the baseline sits 0.8 of the size below a line's top.
    y = top - (height - len(lines) * leading) / 2 - size * 0.95
    canvas.setFont(font, size)
    for line in lines:
        if box.align == "left":
            canvas.drawString(x, y, line)
        elif box.align == "right":
            canvas.drawRightString(x + width, y, line)
        else:
            canvas.drawString(x + (width - stringWidth(line, font, size)) / 2, y, line)
        y -= leading
    return fits


def _text(box: Box, values: dict[str, str]) -> str:
    if not box.text:
        return values.get(box.key, "")
    return fill_pattern(box.text, values)  # checked by layout_of: {name} places only


def blank_texts(raw: dict) -> list:
    blank = raw.get("blank", {})
    texts = blank.get("text", []) if isinstance(blank, dict) else []
    return texts if isinstance(texts, list) else [texts]


def render(
    layout: Layout,
    pages: list[dict[str, str]],
    font_paths: dict[str, Path],
    *,
    blank: bool = False,
    names: list[str] | None = None,
) -> tuple[bytes, list[str]]:
    """The PDF: the calibration page, then one page per item of `pages`; and the fields that did not fit."""
    from reportlab.pdfgen.canvas import Canvas

    fonts = _register_fonts(font_paths)
    size = (layout.width * MM, layout.height * MM)
    buffer = io.BytesIO()
    # The initial font is an embedded one: otherwise every page would reference a non-embedded Helvetica.
    canvas = Canvas(buffer, pagesize=size, invariant=1, pageCompression=1, initialFontName=fonts["regular"])
    canvas.setTitle(layout.title)
    canvas.setCreator("vanban-kit")
    _calibration(canvas, layout, fonts)
    overflow = []
    for number, values in enumerate(pages):
        if blank:
            _blank_paper(canvas, layout, fonts)
        for box in layout.fields:
            if not _draw_box(canvas, box, _text(box, values), fonts, size[1]):
                overflow.append(f"{(names or [''] * len(pages))[number]}: ô '{box.key}'")
        canvas.showPage()
    canvas.save()
    return buffer.getvalue(), overflow


def _calibration(canvas, layout: Layout, fonts: dict[str, str]) -> None:
    """Every box drawn with its name and size; corner marks and a 100 mm scale to check the printer's scaling."""
    height = layout.height * MM
    canvas.setLineWidth(0.3)
    canvas.setFont(fonts["bold"], 11)
    canvas.drawString(
        12 * MM,
        height - 8 * MM,
        f"TRANG CĂN CHỈNH {layout.title.upper()} — in trên giấy trắng, đặt chồng lên phôi để kiểm tra vị trí các ô",
    )
    if layout.source or layout.certainty == "U":
        # Where the layout comes from, or that it is unverified (H4): the user sees it before printing.
        canvas.setFont(fonts["regular"], 7)
        said = layout.source or "chưa có nguồn"
        canvas.drawString(
            12 * MM,
            height - 12 * MM,
            f"Mẫu: {said}"[:200]
            + (" (chưa xác minh)" if layout.certainty == "U" and "chưa xác minh" not in said else ""),
        )
    for box in layout.fields:
        canvas.rect(box.x * MM, height - (box.y + box.height) * MM, box.width * MM, box.height * MM)
        canvas.setFont(fonts["regular"], 7)
        canvas.drawString(
            box.x * MM + 1,
            height - box.y * MM - 8,
            f"{layout.number_label if box.key == 'so_vao_so' else FIELD_LABELS.get(box.key, box.key)} ({box.x:g}, {box.y:g}, {box.width:g}×{box.height:g} mm; "
            f"cỡ {box.size:g}, {STYLE_TEXT.get(box.style, box.style)}, {ALIGN_TEXT.get(box.align, box.align)})",
        )
    # 100 mm scale, 10 mm ticks: measure it to catch "fit to page" scaling.
    x0, y0 = 12 * MM, 8 * MM
    canvas.line(x0, y0, x0 + 100 * MM, y0)
    for tick in range(11):
        canvas.line(x0 + tick * 10 * MM, y0, x0 + tick * 10 * MM, y0 + (3 if tick % 5 else 5) * MM)
    canvas.setFont(fonts["regular"], 7)
    canvas.drawString(x0 + 101 * MM, y0, "100 mm")
    for cx, cy in ((5, 5), (layout.width - 5, 5), (5, layout.height - 5), (layout.width - 5, layout.height - 5)):
        canvas.line((cx - 3) * MM, height - cy * MM, (cx + 3) * MM, height - cy * MM)
        canvas.line(cx * MM, height - (cy - 3) * MM, cx * MM, height - (cy + 3) * MM)
    canvas.showPage()


def _blank_paper(canvas, layout: Layout, fonts: dict[str, str]) -> None:
    """The frame (a double line) and the fixed text of the paper."""
    if layout.frame > 0:
        for inset, width in ((layout.frame, 2.0), (layout.frame + 2.5, 0.6)):
            canvas.setLineWidth(width)
            canvas.rect(inset * MM, inset * MM, (layout.width - 2 * inset) * MM, (layout.height - 2 * inset) * MM)
    for box in layout.fixed:
        _draw_box(canvas, box, box.text, fonts, layout.height * MM)
