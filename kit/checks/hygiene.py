"""VB7xx — text hygiene: the end mark, Unicode composition, spaces and punctuation, brackets and quotes.

Source: Decree 30/2020/NĐ-CP, Phụ lục III (model forms end the content with "./."); Phụ lục I, Mục I.3
(Unicode, TCVN 6909:2001, which uses precomposed Vietnamese letters); Vietnamese typographic practice
for spaces and punctuation.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..docmodel.document import INTERNAL_FORMS, Document
from ..docmodel.scope import FORM, NO_HEADER, NUMBERED_FORM, PETITION, TEMPLATE
from ._util import text_paragraphs
from .findings import Severity
from .registry import rule

# Why the family matters to a clerk (`kit rules CODE` prints it under "Vì sao").
WHY = "Lỗi gõ (dấu cách, dấu câu, từ lặp, chữ tổ hợp) làm văn bản kém trang trọng, khó tìm kiếm và sao chép, và thường phải đính chính."

_ALL = ("header", "title", "kinh_gui", "body", "noi_nhan", "signature", "appendix")


_NOTE = re.compile(r"^\([^()]*(\([^()]*\)[^()]*)*\)\.?$")


@rule(
    "VB701",
    "end-mark",
    Severity.WARNING,
    "NĐ 30/2020/NĐ-CP, Phụ lục III (các mẫu kết thúc nội dung bằng “./.”)",
    wrong="Đoạn cuối: “Văn phòng Sở theo dõi, đôn đốc thực hiện.”",
    right="“Văn phòng Sở theo dõi, đôn đốc thực hiện./.”",
)
def end_mark(doc: Document, report) -> None:
    """Nội dung văn bản kết thúc bằng dấu “./.”."""
    if doc.doc_type is None or doc.doc_type in ("bao_cao_thanh_tich", *INTERNAL_FORMS) or not doc.standalone:
        return
    paragraphs = [p for p in text_paragraphs(doc, ("body",), tables=False) if doc.in_content(p)]
    if doc.doc_type == "bien_ban" and paragraphs and not paragraphs[-1].stripped.endswith("/."):
        return  # a biên bản may end with its closing time; only a wrong mark is reported
    # A note in brackets under the content ("(Sở Tư pháp gửi kèm hồ sơ …)") is no part of it: the content
    # ends with the paragraph above.
    while len(paragraphs) > 1 and _NOTE.match(paragraphs[-1].stripped) and paragraphs[-2].stripped.endswith("/."):
        paragraphs = paragraphs[:-1]
    if not paragraphs:
        return
    last = paragraphs[-1]
    if not last.stripped.endswith("/."):
        report(last, "Đoạn cuối của nội dung không kết thúc bằng “./.”", "thêm “./.” vào cuối đoạn nội dung cuối cùng")
    elif not last.stripped.endswith("./."):
        report(last, "Đoạn cuối kết thúc bằng “/.” thay vì “./.”", "viết dấu kết thúc đủ “./.”")


@rule(
    "VB702",
    "unicode-composed",
    Severity.ERROR,
    "NĐ 30/2020/NĐ-CP, Phụ lục I, Phần I, Mục I.4 (Unicode TCVN 6909:2001)",
    wrong="Kế hoạch gõ bằng dấu tổ hợp (e + ◌̂ + ◌́)",
    right="Kế hoạch gõ Unicode dựng sẵn",
    any_text=True,
)
def composed(doc: Document, report) -> None:
    """Chữ tiếng Việt dựng sẵn (NFC), không tổ hợp dấu rời (NFD)."""
    found = [p for p in doc.paragraphs if p.decomposed]
    if found:
        report(
            found[0],
            f"Chữ có dấu gõ dạng tổ hợp (NFD) ở {len(found)} đoạn",
            "đặt bộ gõ (Unikey) chế độ Unicode dựng sẵn và gõ lại, hoặc chuyển mã sang Unicode dựng sẵn",
        )


@rule(
    "VB703",
    "double-space",
    Severity.WARNING,
    "Thực tiễn trình bày văn bản tiếng Việt",
    wrong="Đẩy mạnh  phong trào thi đua.",
    right="Đẩy mạnh phong trào thi đua.",
    any_text=True,
)
def double_space(doc: Document, report) -> None:
    """Không có hai dấu cách liền nhau trong câu."""
    skip = {id(doc.so_line), id(doc.date_line)}
    # A form or a person's paper leaves runs of spaces as blanks to fill on its field lines ("Thời gian: từ
    # ngày          đến", "ô       và"); its running prose is held to one space.
    blanks_to_fill = doc.outside in _FORMS_TO_FILL
    for p in text_paragraphs(doc, ("header", "title", "kinh_gui", "body", "noi_nhan", "appendix")):
        if p.region == "header" and not p.stripped.startswith("V/v"):
            continue  # the header's other lines are laid out with spaces; its V/v line is a sentence
        text = re.split(r"\t|\s{4,}", p.stripped, maxsplit=1)[0] if p.region == "noi_nhan" else p.stripped
        if id(p) in skip or "  " not in text:  # both findings below need two spaces in a row
            continue
        if _DOUBLE_SPACE.search(text):
            report(p, "Có hai dấu cách liền nhau", "xóa dấu cách thừa")
        elif (
            not p.in_table  # a cell's text is padded
            and "   " in text
            and (run := _SPACE_RUN.search(text))
            and not (blanks_to_fill and _a_field_blank(text, run))
        ):
            context = text[max(0, run.start() - 20) : run.start()] + " … " + text[run.end() : run.end() + 15]
            report(p, f"Có {len(run.group(0))} dấu cách liền nhau giữa câu: “…{context}…”", "xóa dấu cách thừa")


_FORMS_TO_FILL = frozenset({PETITION, FORM, NUMBERED_FORM, TEMPLATE, NO_HEADER})
_BLANK_BESIDE = re.compile(r"(?:\b(?:từ|đến|from|to|và|ô)|[:☐□])\s*$")
_BLANK_BEFORE = re.compile(r"\s*(?:đến|to)\b")


def _a_field_blank(text: str, run: re.Match) -> bool:
    """A run of spaces on a form's field line: after a label's colon, or beside "từ … đến", "from … to", a box."""
    before = text[: run.start()]
    return ":" in before or bool(_BLANK_BESIDE.search(before)) or bool(_BLANK_BEFORE.match(text, run.end()))


# A run of spaces inside a sentence: a word, spaces, and the sentence going on in lower case ("bận công tác
# theo         kế hoạch", a line wrapped by hand with spaces) — not a blank after ngày/tháng/số/năm/của.
_SPACE_RUN = re.compile(
    r"(?<=[^\W\d_])(?<!\bngày)(?<!\btháng)(?<!\bsố)(?<!\bSố)(?<!\bnăm)(?<!\bcủa)(?<!\bông)(?<!\bbà)(?<!\bNgày)(?<!\bTháng)(?<!\bNăm) {3,}(?=[^\W\d_A-ZĐÀ-Ỹ])"
)
# Exactly two spaces between two words. Three or more are a blank left to fill in or layout padding
# ("số          /KH-SCT", "ngày     /4/2026"); spaces beside a checkbox (☐  Tán thành), "/", dots or after
# ngày/tháng/số/năm mark a blank for the văn thư.
_DOUBLE_SPACE = re.compile(
    r"(?<![\s/…._□☐☑☒✓✗■▪])(?<!\bngày)(?<!\btháng)(?<!\bsố)(?<!\bnăm)(?<!\bSố)  (?=[^\s/….:_□☐☑☒✓✗■▪])"
)


def _report_pattern(
    doc: Document, report, pattern: str, message: str, hint: str, needs: Callable[[str], object] | None = None
) -> None:
    """One finding per paragraph where `pattern` matches; {mark} is its first group (or the match)
    and {context} the text around it. `needs(text)`: false for a text the pattern cannot match (a cheap
    test of what every match holds, so that most paragraphs are not searched with the pattern itself)."""
    compiled = re.compile(pattern)
    for p in text_paragraphs(doc, _ALL):
        if needs is not None and not needs(p.stripped):
            continue
        match = compiled.search(p.stripped)
        if match:
            mark = match.group(match.lastindex or 0)
            context = p.stripped[max(0, match.start() - 15) : match.end() + 15]
            report(p, message.format(mark=mark, context=context), hint.format(mark=mark))


@rule(
    "VB704",
    "space-before-punctuation",
    Severity.WARNING,
    "Thực tiễn trình bày văn bản tiếng Việt",
    wrong="MỤC ĐÍCH , YÊU CẦU",
    right="MỤC ĐÍCH, YÊU CẦU",
    any_text=True,
)
def space_before_punctuation(doc: Document, report) -> None:
    """Không có dấu cách trước dấu phẩy, chấm, chấm phẩy, hai chấm.

    A tab or a run of three spaces or more before the mark is a blank to fill or a column when it follows a
    label's colon ("Khoa/Viện:\t\t, Trường …", "hợp lệ:          ;"), when a tab lines up a column of colons
    ("Máy vi tính\t\t: 01 bộ"), or when the line has several of them (a form's line); in running text it is a
    slip like a single space ("Mặt trận Tổ quốc xã   , các đoàn thể", "ngày 19/6/2015 \t;").
    """
    for p in text_paragraphs(doc, _ALL):
        text = p.stripped
        if not _SPACE_THEN_MARK.search(text):
            continue
        matches = list(_SPACE_BEFORE_MARK.finditer(text))
        wide = sum(1 for m in matches if _wide(m.group(1)))
        for m in matches:
            space, mark = m.group(1), m.group(2)
            if mark == "." and (text[m.start()] == "." or _DOT_NEXT.match(text, m.end())):
                continue  # dots spaced out (".  .  .  .") are a leader to fill in, not a full stop
            if _wide(space) and (text[m.start()] == ":" or ("\t" in space and mark == ":") or wide >= 2):
                continue
            context = text[max(0, m.start() - 15) : m.end() + 15]
            report(p, f"Dấu cách trước “{mark}”: “…{context}…”", f"xóa dấu cách trước “{mark}”")
            break


def _wide(space: str) -> bool:
    return "\t" in space or len(space) >= 3


# The names written with a leading dot in administrative texts: files' extensions and .NET.
_EXTENSIONS = r"(?:docx?|xlsx?|pptx?|pdf|jpe?g|png|zip|rar|txt|xml|html?|NET|net)"
# A space and a dot before a file's extension or ".NET" is the name's own dot (".docx", ".pdf", "nền tảng .NET"),
# not a full stop; a dot against a word of the text ("GV .Yêu cầu", "VII .TỔ CHỨC") is.
_SPACE_BEFORE_MARK = re.compile(r"\S(\s+)([,;:]|\.(?![./])(?!" + _EXTENSIONS + r"\b))")
_SPACE_THEN_MARK = re.compile(r"\s[,;:.]")  # what every match of VB704 holds
_DOT_NEXT = re.compile(r"\s*\.")


@rule(
    "VB712",
    "space-inside-brackets",
    Severity.WARNING,
    "Thực tiễn trình bày văn bản tiếng Việt",
    wrong="Thời gian dự kiến: 1 ngày ( vào thứ Sáu ); chủ đề “ Chung sức”",
    right="Thời gian dự kiến: 1 ngày (vào thứ Sáu); chủ đề “Chung sức”",
    any_text=True,
)
def space_inside_brackets(doc: Document, report) -> None:
    """Không có dấu cách ngay sau dấu mở ngoặc đơn, ngoặc kép hay ngay trước dấu đóng ngoặc."""
    _report_pattern(
        doc,
        report,
        # One space against a word: "( vào thứ Sáu", "Tỉnh( B/c)", "Thực hiện )", "“ Giải pháp", "người bệnh ”".
        # Several spaces or dots between the brackets are a blank to fill ("(          )", "(…… )"), not a slip;
        # straight quotes are left alone (the same mark opens and closes).
        r"[(“](?: |\u00a0)(?=[^\W\d_])|(?<=[^\W\d_])(?: |\u00a0)[)”]",
        "Dấu cách ngay trong dấu ngoặc: “…{context}…”",
        "xóa dấu cách sau dấu mở ngoặc hoặc trước dấu đóng ngoặc",
        needs=_SPACE_IN_BRACKETS.search,
    )


@rule(
    "VB713",
    "space-after-list-dash",
    Severity.WARNING,
    "Thực tiễn trình bày văn bản tiếng Việt (Phụ lục III, Nghị định 30: “- Như Điều 3;”)",
    wrong="-Kiểm tra việc tiếp nhận đơn thư",
    right="- Kiểm tra việc tiếp nhận đơn thư",
    any_text=True,
)
def space_after_list_dash(doc: Document, report) -> None:
    """Gạch đầu dòng có một dấu cách trước chữ (“- Kiểm tra …”)."""
    # A paragraph opening with a dash against a word: one finding a document, with the count (a list typed so
    # is typed so throughout).
    slips = [p for p in text_paragraphs(doc, _ALL) if _DASH_AGAINST_A_WORD.match(p.stripped)]
    if slips:
        first = slips[0].stripped[:30]
        report(
            slips[0],
            f"Gạch đầu dòng dính chữ ở {len(slips)} đoạn: “{first}…”",
            "thêm một dấu cách sau dấu gạch đầu dòng",
        )


_DASH_AGAINST_A_WORD = re.compile(r"[-–](?=[^\W\d_])")
_SPACE_IN_BRACKETS = re.compile(r"[(“]\s|\s[)”]")  # what every match of VB712 holds


@rule(
    "VB705",
    "doubled-punctuation",
    Severity.WARNING,
    "Thực tiễn trình bày văn bản tiếng Việt",
    wrong="các đơn vị trực thuộc Sở..",
    right="các đơn vị trực thuộc Sở.",
    any_text=True,
)
def doubled_punctuation(doc: Document, report) -> None:
    """Không lặp dấu câu (“..”, “,,”, “;;”)."""
    # Dots beside an ellipsis or more dots are a blank to fill in ("Ông…..", "……../100 điểm").
    _report_pattern(
        doc,
        report,
        # An ellipsis typed against a word and then a full stop ends a sentence twice ("kinh tế - xã hội…. Báo
        # cáo …"); "Ông…. và Bà…." are blanks to fill.
        # Dots after a space and before a figure are a blank ("Số: ..3../4"), dots after a tab a leader to fill
        # in, dots after a year's first two figures the rest of the year to fill ("năm 20.."): not a full stop
        # doubled.
        # Dots after dots spaced out (".  .  .  ..") end a leader to fill in.
        # A label's colon typed twice with a blank or a tab between them ("Cán bộ thư viện:\t\t: 01 bộ") is
        # doubled too.
        r"(?<![./…\t])(?<!: )(?<!\. )(?<!\.  )(?<!\.   )(?<!năm \d\d)(?!(?<=\s)\.\.\d)\.\.(?![./…])|,,|;;|::|,\.(?![/.…])|;\.(?![/.…])|(?<=[^\W\d_])…\.(?= [A-ZĐÀ-Ỹ])"
        r"|" + _COLON_TWICE.pattern,
        "Dấu câu lặp “{mark}”: “…{context}…”",
        "bỏ dấu thừa",
        needs=lambda text: (
            any(pair in text for pair in _DOUBLED_MARKS) or (text.count(":") > 1 and _COLON_TWICE.search(text))
        ),
    )


_COLON_TWICE = re.compile(r"(?<=[^\W\d_]):[ \t\u00a0]+(:)(?=[ \t\u00a0])")


_DOUBLED_MARKS = ("..", ",,", ";;", "::", ",.", ";.", "….")  # every match of VB705 holds one of them


_PAIRS = (("(", ")"), ("[", "]"), ("“", "”"))


@rule(
    "VB706",
    "unbalanced-brackets-quotes",
    Severity.WARNING,
    "Thực tiễn trình bày văn bản tiếng Việt",
    wrong='Chủ đề: “Đoàn kết, sáng tạo" năm 2021',
    right="Chủ đề: “Đoàn kết, sáng tạo” năm 2021",
    any_text=True,
)
def unbalanced(doc: Document, report) -> None:
    """Ngoặc đơn, ngoặc vuông và ngoặc kép mở thì phải đóng."""
    trich_yeu = {id(p) for p in doc.trich_yeu}
    if len(doc.trich_yeu) > 1:  # a trích yếu on several lines: its quotes may open on one and close on the next
        _unbalanced(report, doc.trich_yeu[0], " ".join(p.stripped for p in doc.trich_yeu))
    # Whole paragraphs (a line break may fall inside the brackets); a bracket or a quotation opened in one
    # paragraph and closed in the next ("(Ban hành kèm theo … / của Chủ tịch …)", a title wrapped by hand:
    # "Dự án 8 “Nâng cao … giáo dục pháp luật / trong phòng, chống ma túy”") is balanced.
    lines: list = []  # [first line, the lines' texts] of each paragraph (joined once: a long one has many)
    for p in text_paragraphs(doc, _ALL):
        if id(p) in trich_yeu and len(doc.trich_yeu) > 1:
            continue
        if lines and lines[-1][0].element is p.element:
            lines[-1][1].append(p.stripped)
        else:
            lines.append([p, [p.stripped]])
    whole = [(p, " ".join(texts)) for p, texts in lines]
    skip: set[int] = set()
    for (p, text), (q, following) in zip(whole, whole[1:]):
        # _opens counts the marks _BRACKETS finds: a text without any (most) opens nothing.
        if (
            _BRACKETS.search(text)
            and _opens(text)
            and not _opens(text + " " + following)
            and not _closes(text + " " + following)
        ):
            skip.update((id(p), id(q)))
    for p, text in whole:
        if id(p) not in skip:
            _unbalanced(report, p, text)


_BRACKETS = re.compile(r'[()\[\]“”"]')
# A point's or a khoản's label: a letter or a number standing alone before ")" — after a space, a mark, or
# typed against the level before it ("- Mức 1:a) Phù hợp …", "Mức 2.a) Tổ chức …").
_LABEL = re.compile(r"(?<![^\W_])(?:[a-zđ]|\d{1,2})\)")


def _opens(text: str) -> bool:
    """Something is left open at the end of the text: a bracket or a curly quotation, or an odd straight quote."""
    return any(text.count(a) > text.count(b) for a, b in _PAIRS) or text.count('"') % 2 == 1


def _closes(text: str) -> bool:
    """Something is closed that the text never opened."""
    return any(text.count(b) > text.count(a) for a, b in _PAIRS)


_INCH = re.compile(r'(?<=\d)"')


def _unbalanced(report, p, text: str) -> None:
    if not _BRACKETS.search(text):
        return
    text = re.sub(r"^(?:[a-zđ]|\d{1,2})\)\s*", "", text)  # the ")" of a label "a)" opens nothing
    # Labels quoted in the text ("điểm a), c) khoản 1"), when the closing marks outnumber the opening ones.
    # One pass over the text, however many labels (a loop removing one at a time was quadratic on a long line).
    if (excess := text.count(")") - text.count("(")) > 0:
        text = _LABEL.sub("", text, count=excess)
    problems = [f"{opening}…{closing}" for opening, closing in _PAIRS if text.count(opening) != text.count(closing)]
    # A straight quote right after a figure is the inch or second mark ('màn hình 11"', '15" 30\''), no quote.
    if text.count('"') % 2 and not _INCH.search(text):
        problems.append('"…"')
    if problems:
        report(p, "Ngoặc hoặc ngoặc kép không khớp: " + ", ".join(problems), "thêm dấu đóng (hoặc mở) còn thiếu")


@rule(
    "VB707",
    "space-after-punctuation",
    Severity.WARNING,
    "Thực tiễn trình bày văn bản tiếng Việt",
    wrong="các tỉnh:Lai Châu,Cao Bằng",
    right="các tỉnh: Lai Châu, Cao Bằng",
    any_text=True,
)
def space_after_punctuation(doc: Document, report) -> None:
    """Sau dấu phẩy, chấm phẩy, hai chấm có một dấu cách trước chữ tiếp theo."""
    # Letters on both sides, so times (14:30), numbers (1,5) and addresses are left alone.
    # One abbreviation that holds a comma ("VH,TT&DL": Văn hóa, Thể thao và Du lịch — its groups joined by
    # "&") is left alone; two abbreviations ("- Lưu: VT,CN.") are two words and want the space.
    _report_pattern(
        doc,
        report,
        r"(?<![/:])\b(?![A-ZĐ]+,[A-ZĐ]+&)[A-Za-zÀ-ỹĐđ)]+([,;:])(?=[A-Za-zÀ-ỹĐđ(])(?!//)",
        "Thiếu dấu cách sau “{mark}”: “…{context}…”",
        "thêm một dấu cách sau “{mark}”",
        needs=_MARK_THEN_LETTER.search,
    )
    # A khoản's or a mục's number typed against its text ("1.Bảo vệ quyền …", "II.NỘI DUNG").
    _report_pattern(
        doc,
        report,
        r"^(\d{1,2}\.)(?=[^\W\d_])|^([IVX]{1,4}\.)(?=[A-ZĐ])",
        "Thiếu dấu cách sau số “{mark}”: “{context}…”",
        "thêm một dấu cách sau “{mark}”",
    )


_MARK_THEN_LETTER = re.compile(r"[,;:][A-Za-zÀ-ỹĐđ(]")  # what every match of VB707's first pattern holds


# Words Vietnamese never doubles; "người người", "năm năm", "ngày ngày" are real reduplications.
_NEVER_DOUBLED = frozenset(
    """việc số của và các những được cho trong với theo đã sẽ là thì để tại về này
tháng tỉnh huyện xã khen thưởng nhằm đồng trên dưới đến nhưng hoặc nếu khi cũng đang vào đơn
chống mỗi từng mọi bị do tới ở như ban""".split()  # "phòng, chống chống ma túy" (a real typo of the corpus)
)


# Words that end a compound which the same word may follow, opening a phrase: "kèm theo theo quy định",
# "tiếp theo theo đề nghị", "Hội đồng đồng ý", "cộng đồng đồng lòng".
_COMPOUND_HEADS = {"theo": ("kèm", "tiếp", "làm", "noi", "đi"), "đồng": ("hội", "cộng"), "ban": ("trưởng",)}
_WORD_BEFORE = re.compile(r"(\w+)\s+$")
_WORD_WINDOW = 40

# A word, spaces only, and the same word again (a comma or a full stop between them is a new phrase).
_DOUBLED = re.compile(r"(?<![\w-])(\w+) +(\1)(?![\w-])", re.IGNORECASE)
_DOUBLED_PAIR = re.compile(r"(?<![\w-])([^\W\d_]{2,} [^\W\d_]{2,}) {1,2}(\1)(?![\w-])", re.IGNORECASE)


@rule(
    "VB708",
    "repeated-word",
    Severity.WARNING,
    "Thực tiễn trình bày văn bản tiếng Việt",
    wrong="Giao Sở Nội vụ theo dõi việc việc thực hiện.",
    right="Giao Sở Nội vụ theo dõi việc thực hiện.",
    any_text=True,
)
def repeated_word(doc: Document, report) -> None:
    """Không gõ lặp một từ (“việc việc”, “số số”, “của của”)."""
    for p in text_paragraphs(doc, ("title", "kinh_gui", "body", "noi_nhan", "signature")):
        text = p.stripped
        for m in _DOUBLED.finditer(text):
            first = m.group(1)
            second = m.group(2)
            if first[:1].isupper() and second[:1].islower() and m.start() > 0:
                continue  # the end of a name and a word ("Lâm Đồng đồng loạt"), not a word typed twice
            if first[:1].islower() and second[:1].isupper():
                continue  # a title and the body it heads: "Trưởng ban Ban Cơ yếu Chính phủ"
            # The word before, read in a short window: a search from the paragraph's start for every doubled
            # pair made one paragraph of 100,000 runs "x x x …" take minutes.
            before = _WORD_BEFORE.search(text, max(0, m.start() - _WORD_WINDOW), m.start())
            if before and before.group(1).lower() in _COMPOUND_HEADS.get(first.lower(), ()):
                continue  # "kèm theo theo quy định", "Hội đồng đồng ý": a compound ends, a phrase begins
            if first.lower() == "ban" and text[m.end() :].lstrip().lower().startswith("hành"):
                continue  # "Ủy ban ban hành …", "Trưởng ban ban hành …": the verb ban hành
            if first.lower() == second.lower() and first.lower() in _NEVER_DOUBLED:
                report(p, f"Từ “{first}” gõ lặp hai lần", f"xóa một chữ “{first}”")
                break
        else:
            if phrase := _doubled_phrase(text):
                report(p, f"Cụm từ “{phrase}” gõ lặp hai lần", f"xóa một cụm “{phrase}”")


def _doubled_phrase(text: str) -> str | None:
    """Two words typed twice ("các công trình công trình vệ sinh", "CĐCS Công ty Công ty TNHH"): Vietnamese
    doubles a syllable for effect, hardly ever a two-word phrase. Not a title before the body it heads
    ("Chánh Văn phòng Văn phòng Đoàn ĐBQH", "Bí thư chi bộ Chi bộ thôn 3"), not two columns of one line
    ("THÀNH VIÊN        THÀNH VIÊN"), not a distributive phrase repeated for effect ("từng bước từng bước")."""
    for pair in _DOUBLED_PAIR.finditer(text):
        phrase, again = pair.group(1), pair.group(2)
        if phrase.split()[0].lower() in ("từng", "mỗi"):
            continue
        if phrase[:1].islower() and again[:1].isupper():
            continue
        before = _WORD_BEFORE.search(text, max(0, pair.start() - _WORD_WINDOW), pair.start())
        if before and before.group(1).lower() in _TITLE_HEADS:
            continue
        return phrase
    return None


# The words a title ends with before the body it heads: "Chánh Văn phòng Văn phòng …", "Trưởng ban Ban …".
_TITLE_HEADS = frozenset({"chánh", "trưởng", "phó", "thư", "tịch", "đốc", "viên"})


# A blank left to fill: dots or ellipses of four or more, or a dot run against "/" or a number
# ("…………/100 điểm", "ngày …/5/2021"), or "ngày /5/2021".
_PLACEHOLDER = re.compile(r"[.…]{4,}|…{2,}|[.…]{2,}\s*/\s*\d|\bngày\s+/\s*\d|\d\s*/\s*[.…]{2,}")
# Four dots against a word and a new sentence after them ("đo mực nước.... Kết quả …"): an ellipsis and a full
# stop, not a blank — unless a name is to be filled there ("Cử bà..... Chuyên viên", "kính mời ông.... Chủ tịch").
_SENTENCE_END = re.compile(
    r"(?<!\bông)(?<!\bbà)(?<!\bchí)(?<!\banh)(?<!\bchị)(?<!\blà)(?<!\btên)(?<!\bcử)(?<!\bmời)(?<!\bcho)"
    r"(?<!\bÔng)(?<!\bBà)(?<=[^\W\d_])\.{4} [A-ZĐÀ-Ỹ]"
)


@rule(
    "VB709",
    "unfilled-placeholder",
    Severity.WARNING,
    "Thực tiễn trình bày văn bản: văn bản đã ban hành không còn chỗ trống",
    wrong="Điểm đánh giá: …………/100 điểm; họp ngày /5/2021.",
    right="Điểm đánh giá: 92/100 điểm; họp ngày 12/5/2021.",
)
def placeholder(doc: Document, report) -> None:
    """Văn bản đã cấp số không còn chỗ trống chưa điền trong nội dung (“…………/100 điểm”, “ngày /5/2021”).

    Checked only when the document has its number (an issued copy); forms in appendices are left out.
    """
    so = doc.so_line
    if so is None or not re.search(r"\d", so.stripped.split("/")[0]) or doc.doc_type in INTERNAL_FORMS:
        return  # a draft, or a form filled by hand
    for p in text_paragraphs(doc, ("body",)):
        if not doc.in_content(p):
            continue  # a block after the signature left for another office's hand
        m = next((m for m in _PLACEHOLDER.finditer(p.stripped) if not _SENTENCE_END.match(p.stripped, m.start())), None)
        if m:
            context = p.stripped[max(0, m.start() - 20) : m.end() + 15]
            report(p, f"Còn chỗ trống chưa điền: “…{context}…”", "điền nội dung còn thiếu trước khi ban hành")


# A sentence ended by a full stop, a question or an exclamation mark after a word, and the next one begun in lower
# case ("… không dùng tiền mặt. đến nay, tỷ lệ …"). A one-letter word before the stop is an abbreviation ("v.v."),
# a letter followed by ")" or "." after it a list label ("… như sau. a) Tuyên truyền").
_SENTENCE_START = re.compile(r"(?<![\w.])([^\W\d_]{2,}[.?!]) +([^\W\d_]\w*)")


@rule(
    "VB710",
    "sentence-capital",
    Severity.WARNING,
    "NĐ 30/2020/NĐ-CP, Phụ lục II, Mục I.1 (viết hoa chữ cái đầu câu, sau dấu chấm, dấu chấm hỏi, dấu chấm than)",
    wrong="… thanh toán không dùng tiền mặt. đến nay, tỷ lệ người nhận …",
    right="… thanh toán không dùng tiền mặt. Đến nay, tỷ lệ người nhận …",
    any_text=True,
    why="Phụ lục II của Nghị định 30: chữ cái đầu câu viết hoa; câu bắt đầu bằng chữ thường sau dấu chấm là gõ sót.",
)
def sentence_capital(doc: Document, report) -> None:
    """Sau dấu chấm, dấu chấm hỏi, dấu chấm than kết thúc câu, chữ đầu câu tiếp theo viết hoa."""
    for p in text_paragraphs(doc, _ALL):
        if ". " not in p.stripped and "? " not in p.stripped and "! " not in p.stripped:
            continue  # every match ends a sentence with one of them
        for match in _SENTENCE_START.finditer(p.stripped):
            if match.group(2)[0].islower() and p.stripped[match.end(2) : match.end(2) + 1] not in (")", "."):
                context = p.stripped[max(0, match.start(2) - 25) : match.end(2) + 15]
                report(p, f"Câu bắt đầu bằng chữ thường: “…{context}…”", f"viết hoa “{match.group(2)}”")
                break


# Figures typed against a word ("nhiệm kỳ 2026-2031và các hồ sơ"): a word in lower case with Vietnamese marks,
# so units ("5ha", "10km"), "100.000đ" and symbols ("18/2020QĐ-UBND", VB608's) are left alone.
_NUMBER_THEN_WORD = re.compile(r"\d([^\W\d_]{2,})")


@rule(
    "VB711",
    "space-after-number",
    Severity.WARNING,
    "Thực tiễn trình bày văn bản tiếng Việt",
    wrong="nhiệm kỳ 2026-2031và các hồ sơ liên quan",
    right="nhiệm kỳ 2026-2031 và các hồ sơ liên quan",
    any_text=True,
)
def space_after_number(doc: Document, report) -> None:
    """Giữa số và chữ tiếp theo có một dấu cách (“2031 và”, không phải “2031và”)."""
    for p in text_paragraphs(doc, _ALL):
        for match in _NUMBER_THEN_WORD.finditer(p.stripped):
            if not match.group(1).isascii() and match.group(1).islower():  # "2QĐ" is a malformed symbol (VB608)
                context = p.stripped[max(0, match.start() - 20) : match.end() + 15]
                report(p, f"Thiếu dấu cách giữa số và chữ: “…{context}…”", "thêm một dấu cách sau số")
                break
