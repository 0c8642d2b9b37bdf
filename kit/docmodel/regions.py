"""Segmentation: where the regions a clerk names — header, title (tên loại and trích yếu), Kính gửi, body,
Nơi nhận, signature, appendices — lie in a document read into the model, found from the text and the
layout, whether or not they sit in tables."""

from __future__ import annotations

import re

from ..vn import upper
from .model import _ATTACHED, _DATE_LINE, CONG_VAN, DOCUMENT_TYPES, DRAFT_STAMP, Document, Paragraph, canon

# Patterns read for every line, compiled once.
_LUU = re.compile(r"^[-+]?\s*Lưu\b")
_ITEM_START = re.compile(r"^(\d+|[IVX]+|[a-zđ])[.)]\s")
_SO = re.compile(r"^Số\b")
_NOI_NHAN = re.compile(r"^nơi\s+nhận\s*:?", re.IGNORECASE)
_FORM_TITLE = re.compile(r"^(PHIẾU|DANH SÁCH|BIỂU|MẪU SỐ|BẢNG)\b")
_PUNCTUATION_OR_DIGIT = re.compile(r"[.,;:/\d]")
_NUMBERED = re.compile(r"^([IVXLC]+\.|\d+\.|[a-zđ]\)|-)\s")
_CAPITAL = re.compile(r"[A-ZÀ-ỸĐ]")
_LETTER = re.compile(r"[^\W\d_]")

# Longest names first, so "BÁO CÁO THÀNH TÍCH" is found before "BÁO CÁO".
_TYPE_NAMES = sorted(DOCUMENT_TYPES, key=len, reverse=True)
# The same by their first word (a line can only start with the names whose first word is its own), in that order.
_TYPE_NAMES_BY_FIRST_WORD: dict[str, list[str]] = {}
for _name in _TYPE_NAMES:
    _TYPE_NAMES_BY_FIRST_WORD.setdefault(_name.split(" ", 1)[0], []).append(_name)
# Where an appendix or an attached document starts, after the main document's signature.
_APPENDIX_START = re.compile(
    r"^(PHỤ LỤC|Phụ lục\s*([IVXLC\d]+|số)?\s*[\d.:]*$|\(?\s*Kèm theo\b|\(?\s*Ban hành kèm theo\b)"
)
_APPENDIX_CAPTION = re.compile(r"^(PHỤ LỤC|Phụ lục)\b")
# How many lines of text may stand above the Kèm theo line: "Phụ lục II", a name of up to three lines.
_ATTACHED_WITHIN = 6
# How many lines under a Kèm theo line are read for the Quốc hiệu or Số of a filled form.
_FILLED_FORM_WITHIN = 8
# A document's Số line ("Số: 05/BC-SNV", "Số 12/QĐ-UBND", "Số:   /KH-…"), never a table's "Số TT" or "Số lượng".
_SO_LINE = re.compile(r"^Số\s*[:.]|^Số\s+\d|^Số\s*[/…]")


def continues_item(previous: str, line: str) -> bool:
    """A Nơi nhận line without a dash that continues the item above, wrapped by hand: the item above is not
    ended (no ";", "." or ":", not the Lưu line) and this line ends it or goes on in lower case."""
    if previous.endswith((";", ".", ":")) or _LUU.match(previous) or line.startswith(("-", "+", "•")):
        return False
    return line.endswith((";", ".")) or line[:1].islower()


_LUU = re.compile(r"^[-+]?\s*Lưu\s*:")
_NOI_NHAN = re.compile(r"^nơi\s+nhận\s*:?", re.IGNORECASE)


_CHAPTER_NAMES = frozenset({"QUY ĐỊNH CHUNG", "NHỮNG QUY ĐỊNH CHUNG", "ĐIỀU KHOẢN THI HÀNH", "TỔ CHỨC THỰC HIỆN"})


def _type_of(text: str) -> str | None:
    """The tên loại a title line starts with: "GIẤY MỜI HỌP" is a GIẤY MỜI, "BIÊN BẢN LÀM VIỆC" a BIÊN BẢN."""
    key = canon(text).rstrip(":").strip()
    if key in _CHAPTER_NAMES:
        return None  # "Chương I / QUY ĐỊNH CHUNG": a chapter's name, never a tên loại
    for name in _TYPE_NAMES_BY_FIRST_WORD.get(key.split(" ", 1)[0], ()):
        if key == name or (key.startswith(name + " ") and not key[len(name) + 1 :].startswith(("SỐ", "NGÀY"))):
            return name
    return None


def _find_title(paragraphs: list[Paragraph]) -> tuple[Paragraph | None, str | None]:
    """The tên loại paragraph (its first line) and the type name: the document's own, never the title of a
    form or phiếu trình attached after its end (the "./." of its content, its Nơi nhận)."""
    window = paragraphs[:80]
    for position, p in enumerate(window):
        text = p.stripped
        if _NOI_NHAN.match(text) or text.endswith("./."):
            window = window[:position]
            break
    for p in window:
        text = p.stripped
        if text and text == upper(text) and not p.in_table and _type_of(text):
            return p, _type_of(text)
    for p in window:  # a title typed in the header table (some agencies' templates)
        text = p.stripped
        if text and text == upper(text) and _type_of(text) and canon(text) in DOCUMENT_TYPES:
            return p, _type_of(text)
    return None, None


def _is_trich_yeu(p: Paragraph, first: bool) -> bool:
    text = p.stripped
    if text.startswith(("Kính gửi", "Căn cứ", "Thực hiện", "Theo ")) or _ITEM_START.match(text):
        return False
    if not _LETTER.search(text):
        return False  # the rule drawn under the trích yếu ("__________", Phụ lục I, Mục II.5.b)
    if p.fmt.alignment == "center":
        return True
    # A trích yếu typed left-aligned: the first line under the tên loại, short and bold.
    return first and p.bold and len(text) < 250


def _header_end_without_title(paragraphs: list[Paragraph]) -> int:
    """Where the header of a document with a Quốc hiệu but no recognised tên loại ends."""
    quoc_hieu = next((p for p in paragraphs[:40] if canon(p.stripped).startswith("CỘNG HÒA XÃ HỘI")), None)
    if quoc_hieu is None:
        return 1
    end = quoc_hieu.index + 2
    if quoc_hieu.table is not None:
        end = max(p.index for p in paragraphs if p.table == quoc_hieu.table) + 1
    for p in paragraphs[quoc_hieu.index : quoc_hieu.index + 12]:
        if _DATE_LINE.search(p.stripped) or _SO_LINE.match(p.stripped):  # not a form's "Số điện thoại:"
            end = max(end, p.index + 1)
    return end


def _appendix_starts(doc: Document, after: int) -> list[Paragraph]:
    """The first paragraph of each appendix or attached document after the main document's closing."""
    starts: list[Paragraph] = []
    closing_at: int | None = None  # index of the Nơi nhận heading or of the content's "./."
    for p in doc.paragraphs:
        if p.index <= after or not p.stripped:
            continue
        text = p.stripped
        if closing_at is None:  # nothing opens before the closing (only the closing is looked for)
            if _NOI_NHAN.match(text) or text.endswith(("./.", "/.")):
                closing_at = p.index
            continue
        opens = (
            _APPENDIX_START.match(text) is not None
            or (text[:1] in "Cc" and canon(text[:40]).startswith("CỘNG HÒA XÃ HỘI"))
            or (text == upper(text) and _FORM_TITLE.match(text) is not None)
        )
        if opens and (starts or p.index - closing_at >= 3 or doc.paragraphs[closing_at - 1].region == "noi_nhan"):
            first = p
            if p.table is not None:
                first = next(q for q in doc.paragraphs if q.table == p.table)
            if first.index > after and (not starts or first.index > starts[-1].index + 1):
                starts.append(first)
    return starts


def attached_text(paragraphs: list[Paragraph]) -> list[Paragraph] | None:
    """The lines above its "(Kèm theo …)" line when the document is a text attached to another, sent as its own
    file (None otherwise): its first lines are an appendix's
    caption and name, or a list's or table's name, then "(Kèm theo <document> số … của …)" — with no Quốc hiệu,
    no Số line, no place and date above (Phụ lục I, Mục IV: "Phụ lục" and its number, its name, the document it
    goes with). Its number, date, signature and Nơi nhận are those of the document it goes with, and a "Nơi nhận"
    or signature typed inside it is a sample or a form's, never its own."""
    lines = [p for p in paragraphs[:60] if p.stripped]
    first = lines[:_ATTACHED_WITHIN]
    for position, p in enumerate(first):
        text = p.stripped
        key = canon(text)
        if _ATTACHED.match(text):
            # A form issued with a decree and filled in ("Mẫu số 01 / (Ban hành kèm theo Nghị định số 98/2023/NĐ-CP)"
            # above the Quốc hiệu and the Số of the filled report) is a document of its own.
            below = lines[position + 1 : position + 1 + _FILLED_FORM_WITHIN]
            if any(canon(q.stripped).startswith("CỘNG HÒA") or _SO_LINE.match(q.stripped) for q in below):
                return None
            return first[:position]
        if key.startswith(("CỘNG HÒA", "ĐẢNG CỘNG SẢN")) or _SO_LINE.match(text) or _DATE_LINE.search(text):
            return None
        if text.startswith("Kính gửi") or (
            p is not first[0] and _APPENDIX_CAPTION.match(text) is None and _ITEM_START.match(text)
        ):
            return None  # a letter, or the content has begun
    return None


def assign_regions(doc: Document) -> None:
    paragraphs = doc.paragraphs
    above = attached_text(paragraphs)
    if above is not None:
        doc.attached = True
        for p in paragraphs:
            p.region = "body"
        # Its tên loại, when its name is one ("DANH SÁCH …", "QUY CHẾ …" above "(Kèm theo …)"): a list or rules
        # issued with a decision are still a danh sách, a quy chế.
        for p in above:
            if p.stripped == upper(p.stripped) and (type_name := _type_of(p.stripped)):
                doc.title, doc.type_name, doc.doc_type = p, type_name, DOCUMENT_TYPES[type_name][0]
                p.region = "title"
                break
        return
    title, type_name = _find_title(paragraphs)
    cong_van = next((p for p in paragraphs[:60] if p.stripped.startswith("V/v")), None)
    if title is not None and type_name is not None:
        doc.title, doc.type_name = title, type_name
        doc.doc_type = DOCUMENT_TYPES[type_name][0]
        header_end = title.index
    elif cong_van is not None:
        doc.doc_type = CONG_VAN
        header_table = cong_van.table
        last_header = max(
            (p.index for p in paragraphs if header_table is not None and p.table == header_table),
            default=cong_van.index,
        )
        header_end = last_header + 1
    else:
        header_end = _header_end_without_title(paragraphs)
    for p in paragraphs:
        p.region = "header" if p.index < header_end else "body"
    if title is not None:
        title.region = "title"
        following = [p for p in paragraphs if p.index > title.index]
        first = True
        for p in following[:6]:
            if p.element is title.element and p.stripped:  # the trích yếu after a line break in the title
                p.region = "title"
                doc.trich_yeu.append(p)
                first = False
                continue
            if not p.stripped or DRAFT_STAMP.match(p.stripped):
                if doc.trich_yeu and not p.stripped:
                    break
                continue
            if p.in_table != title.in_table or not _is_trich_yeu(p, first):
                break
            p.region = "title"
            doc.trich_yeu.append(p)
            first = False
    body_start = max([header_end] + [p.index for p in doc.trich_yeu])
    for p in paragraphs:
        if p.index <= body_start + 3 and DRAFT_STAMP.match(p.stripped):
            p.region = "stamp"
    starts = _appendix_starts(doc, title.index if title is not None else header_end)
    for number, start in enumerate(starts):
        end = starts[number + 1].index if number + 1 < len(starts) else len(paragraphs) + 1
        part = [p for p in paragraphs if start.index <= p.index < end]
        for p in part:
            p.region = "appendix"
        doc.appendices.append(part)
    _assign_closing(doc)
    for p in paragraphs:
        if p.region in ("body", "header") and p.stripped.startswith("Kính gửi"):
            p.region = "kinh_gui"
            doc.kinh_gui.append(p)
            # The addressees follow: in the body, or in the next cell of the row (a header table's last row).
            container = [
                q
                for q in paragraphs
                if q.index > p.index
                and q.region == p.region == "kinh_gui"
                or q.index > p.index
                and q.region in ("body", "header")
                and (p.table is None or (q.table, q.row) == (p.table, p.row) or q.table is None)
            ]
            # "Kính gửi:" alone, or its first addressee on its own line as a list item ("Kính gửi: - Ban Thường
            # vụ …;"): the next dash-led lines are the other addressees.
            addressee = p.stripped[len("Kính gửi") :].lstrip(" :\t\u00a0")
            if addressee == "" or addressee.startswith(("-", "+")):
                for q in container:
                    if q.stripped.startswith(("-", "+")) and not _OPENS_THE_BODY.match(q.stripped):
                        q.region = "kinh_gui"
                        doc.kinh_gui.append(q)
                        if q.stripped.endswith("."):
                            break  # the list's last addressee ends with a full stop ("- Sở Tài chính.")
                    elif q.stripped:
                        break
            break


# A dash-led line that opens the body rather than naming an addressee: "- Căn cứ Quyết định số 15/QĐ-UBND …;",
# "- Thực hiện Kế hoạch …" (the last addressee may end with ";" or nothing, not always with ".").
_OPENS_THE_BODY = re.compile(
    r"^[-+]\s*(Căn cứ|Thực hiện|Theo|Xét|Triển khai|Ngày|Trên cơ sở|Nhằm)\b|.*\bsố\s*:?\s*\d+\s*/"
)


def _same_container(a: Paragraph, b: Paragraph) -> bool:
    return (a.table, a.row, a.cell) == (b.table, b.row, b.cell)


def _cell_below(doc: Document, heading: Paragraph) -> list[Paragraph]:
    """The items of a Nơi nhận whose heading sits alone in its table cell, typed in the same column of the
    next row (the signer's title beside the heading, the items under it, the signer's name beside them)."""
    if not heading.in_table:
        return []
    own = [p for p in doc.paragraphs if _same_container(p, heading) and p.index > heading.index and p.stripped]
    if own:
        return []
    under = [
        p
        for p in doc.paragraphs
        if (p.table, p.row, p.cell) == (heading.table, (heading.row or 0) + 1, heading.cell) and p.stripped
    ]
    if under and under[0].stripped.startswith(("-", "+", "•")) and all(p.region == "body" for p in under):
        return under
    return []


def _assign_closing(doc: Document) -> None:
    paragraphs = doc.paragraphs
    heading = next(
        (p for p in reversed(paragraphs) if _NOI_NHAN.match(p.stripped) and p.region == "body"),
        None,
    )
    if heading is not None:
        heading.region = "noi_nhan"
        doc.noi_nhan_heading = heading
        beside: list[Paragraph] = []  # a signer typed beside the Nơi nhận, after tabs
        below = _cell_below(doc, heading)
        for p in paragraphs[heading.index :]:
            if not _same_container(p, heading) and not (below and _same_container(p, below[0])):
                if heading.in_table:
                    continue
                break
            if not p.stripped or p.region == "appendix":
                continue
            if not heading.in_table and p.column > 0 and not _ITEM_MARK.match(p.stripped):
                beside.append(p)  # a dash-led line after a tab is one more item: a signer's lines never start so
                continue
            last = doc.noi_nhan_items[-1].stripped if doc.noi_nhan_items else ":"
            if heading.in_table and _LUU.match(last) and not p.stripped.startswith(("-", "+", "•")):
                break  # a note typed under the Lưu line ("Các đơn vị tải tài liệu tại: …") is not an item
            if not heading.in_table and not p.stripped.startswith(("-", "+", "•")):
                if not continues_item(last, p.stripped):
                    break  # the items have ended (a signer's title or name may follow)
            p.region = "noi_nhan"
            doc.noi_nhan_items.append(p)
        if heading.in_table:
            signature = [
                p for p in paragraphs if p.table == heading.table and p.row == heading.row and p.cell != heading.cell
            ]
            signature += _name_after_table(doc, heading.table)
        else:
            last_item = doc.noi_nhan_items[-1].index if doc.noi_nhan_items else heading.index
            signature = beside + [
                p for p in paragraphs if p.index > last_item and p.region == "body" and p not in beside
            ]
            before = [p for p in paragraphs if p.index < heading.index and p.region == "body" and p.stripped]
            ends = [i for i, p in enumerate(before) if p.stripped.endswith(("./.", "/."))]
            if ends:  # the content ends with ./.; a signature can only follow it
                before = before[ends[-1] + 1 :]
            table = _signature_table(doc)
            if table and all(not p.stripped for p in paragraphs[table[-1].index + 1 : heading.index]):
                # Signatures in a table right above the Nơi nhận (Mẫu 1.9: THƯ KÝ | CHỦ TỌA, then Nơi nhận).
                signature = table + _name_after_table(doc, table[0].table) + signature
            else:
                # A signature typed before the Nơi nhận (in the body, not in a table) ends the content too.
                signature = _trailing_signature(before) + signature
    else:
        signature = _signature_table(doc)
        if signature:
            signature += _name_after_table(doc, signature[0].table)
        else:
            signature = _trailing_signature([p for p in paragraphs if p.region == "body"])
    for p in signature:
        p.region = "signature"
    doc.signature = [p for p in signature if p.stripped]


_ITEM_MARK = re.compile(r"^[-+•–]\s")  # "- Ban Giám đốc;": how a Nơi nhận item starts
_ACADEMIC_PREFIX = re.compile(r"^((GS|PGS|TS|TSKH|ThS|BS|KS|CN)\.\s*)+")


def _is_name_text(text: str) -> bool:
    words = text.split()
    return (
        2 <= len(words) <= 6
        and all(w[:1].isupper() for w in words)
        and text != upper(text)
        and not _PUNCTUATION_OR_DIGIT.search(text)
    )


def _name_after_table(doc: Document, table: int | None) -> list[Paragraph]:
    """The signer's name typed under the signature table instead of inside it (the table ends with the title)."""
    last = max((p.index for p in doc.paragraphs if p.table == table), default=None)
    if last is None:
        return []
    found = []
    for p in doc.paragraphs[last:]:
        if p.in_table or p.region != "body":
            break
        if not p.stripped:
            found.append(p)
            continue
        # Two signers' names on one line, spaced apart under their columns ("Nguyễn Văn A      TS. Trần B").
        parts = _name_columns(p.stripped)
        if parts and all(_is_name_text(part) for part in parts):
            found.append(p)
        break
    return found if any(p.stripped for p in found) else []


def _looks_like_title_line(p: Paragraph) -> bool:
    text = p.stripped
    if _NUMBERED.match(text):
        return False  # a numbered heading in capitals is not a signer's title
    if is_role_caption(text):
        return True
    # Two titles laid out side by side with spaces ("THƯ KÝ          CHỦ TRÌ HỘI NGHỊ") are as short as their words.
    words = " ".join(text.split())
    return bool(text) and text == upper(text) and _CAPITAL.search(text) is not None and len(words) < 60


# The role a signer signs a record or a form in, typed in sentence case ("Chủ trì cuộc họp", "Thư ký", "Ghi biên
# bản", "Đại diện đơn vị được kiểm tra"): still the signature's title line (its capitals are VB406's matter).
_ROLE_CAPTION = re.compile(
    r"^(?:Chủ\s+(?:tọa|toạ|trì)|Thư\s+ký|(?:Người\s+)?[Gg]hi\s+biên\s+bản|(?:Phó\s+)?Chủ\s+tịch\s+[Hh]ội\s+đồng"
    r"|Trưởng\s+đoàn|Đại\s+diện|Đơn\s+vị\s+được|Người\s+lập(?:\s+biểu)?)(?:\s+[^\W\d_]+){0,6}$"
)
_COLUMNS = re.compile(r"\t+|\s{3,}")
_ROLE_COLUMNS = 3


def is_role_caption(text: str) -> bool:
    """One to three signers' roles in sentence case on a line, side by side with tabs or spaces."""
    parts = [part for part in _COLUMNS.split(text.strip()) if part]
    return 0 < len(parts) <= _ROLE_COLUMNS and all(_ROLE_CAPTION.match(part) for part in parts)


def _name_columns(text: str) -> list[str]:
    """The columns of a signature line laid out with tabs or runs of spaces, a name's academic title taken off."""
    return [_ACADEMIC_PREFIX.sub("", part) for part in _COLUMNS.split(text.strip()) if part.strip()]


def _names_side_by_side(text: str) -> bool:
    """Signers' names on one line, side by side with tabs or spaces ("Nguyễn Văn Kiệt\tPhan Thị Ngọc Ánh")."""
    parts = _name_columns(text)
    return 1 < len(parts) <= _ROLE_COLUMNS and all(_is_name_text(part) for part in parts)


def _trailing_signature(candidates: list[Paragraph]) -> list[Paragraph]:
    """Signature lines at the end of `candidates`: title lines in capitals, then a name."""
    found: list[Paragraph] = []
    for p in reversed(candidates):
        if not p.stripped:
            found.append(p)
            continue
        words = p.stripped.split()
        is_name = len(words) <= 6 and all(w[:1].isupper() for w in words) and p.stripped != upper(p.stripped)
        # Names side by side under a row of roles may have another signer's role below them ("Chủ trì cuộc họp\tGhi
        # biên bản", their names, then "Đơn vị được kiểm tra").
        if (
            _looks_like_title_line(p)
            or (is_name and not any(_looks_like_title_line(q) for q in found))
            or _names_side_by_side(p.stripped)
        ):
            found.append(p)
            continue
        break
    if not any(_looks_like_title_line(p) for p in found):
        return []
    return list(reversed(found))


def _signature_table(doc: Document) -> list[Paragraph]:
    """The last top-level table whose cells each start with a title in capitals (e.g. THƯ KÝ | CHỦ TỌA),
    or, in a row under titles, with the signers' names (names in a row of their own stand on one line)."""
    for table in reversed(doc.tables):
        if table.nested or any(p.region != "body" for p in table.paragraphs):
            continue
        if not 1 <= len(table.rows) <= 3:
            return []
        titled = False
        for row in table.rows:
            firsts = [p for p in (next((q for q in cell.paragraphs if q.stripped), None) for cell in row.cells) if p]
            if all(_looks_like_title_line(p) for p in firsts):
                titled = titled or bool(firsts)
            elif not (titled and all(_is_name_text(_ACADEMIC_PREFIX.sub("", p.stripped)) for p in firsts)):
                return []
        return table.paragraphs if titled else []
    return []
