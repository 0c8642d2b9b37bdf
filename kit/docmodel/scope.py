"""What Decree 30/2020/NĐ-CP does not govern, told from the document's own first lines.

Decree 30 governs the administrative documents of state bodies (Điều 1, Điều 7). It does not govern the
documents of the Party — their header ("ĐẢNG CỘNG SẢN VIỆT NAM", the issuing committee) and their number
("Số 35-KH/TU": number, type, then the committee) follow Hướng dẫn 36-HD/VPTW —, a citizen's petition or
letter (đơn: the citizen is no issuing body), a contract or an agreement between persons (civil and labour
law set its form; an agency's BẢN THỎA THUẬN of Điều 7 carries the agency's name and a Số), a form numbered as
the Party numbers ("Số ……-NQ/", Party admission papers a trade union fills, under a Quốc hiệu), or an office's
internal form (phiếu trình, phiếu ghi ý kiến: not among the documents of Điều 7). Such a
document is still text: its spelling and typing can be checked, its header, number, signature and Nơi
nhận cannot be held to the decree.

Nor does it govern the documents of the socio-political organisations that head them with their own name where
the state prints the Quốc hiệu — "ĐOÀN TNCS HỒ CHÍ MINH" (Hướng dẫn 29-HD/TWĐTN-VP of the Youth Union's central
office), "HỘI NÔNG DÂN VIỆT NAM", "HỘI LIÊN HIỆP PHỤ NỮ VIỆT NAM", "HỘI CỰU CHIẾN BINH VIỆT NAM" — and number them
as the Party does ("Số: 29-HD/TWĐTN-VP"). (The Mặt trận Tổ quốc and the trade unions print the Quốc hiệu: inside.)

Nor does it govern a law, an ordinance or a resolution of the Quốc hội or its Standing Committee ("Luật số:
……/2023/QH15", a draft or an issued text): a legal normative document, whose form Decree 30 leaves to the Law on
promulgating legal normative documents (Điều 4.2.a) — its number is told in its header. Nor a consolidated text
(văn bản hợp nhất: the Pháp lệnh Hợp nhất văn bản quy phạm pháp luật sets its
form — the amended texts' Quốc hiệu and title, the authenticating office's "Số: 31/VBHN-VPQH" at its end), the
papers the parties of a contract sign together ("Chủ đầu tư (sau đây gọi là Bên A)": a record of contract
talks is part of the contract), or a teacher's teaching plan on the form of the Ministry of Education (kế hoạch
dạy học, kế hoạch bài dạy: professional documents whose form the ministry's guidance sets). A paper a person
addresses to an agency under the Quốc hiệu ("Kính gửi: …", then "Tôi …", "Họ và tên: …": an entry to a
contest, a request, a curriculum vitae) is a person's paper like a petition; so is a form a person fills in on
the paper of the body it goes to ("PHIẾU ĐĂNG KÝ …", "Họ và tên sinh viên: …" under it, no Số, signed "Sinh viên
đăng ký"), and a unit's request on an office's form that names the unit in a field ("ĐƠN VỊ ĐỀ NGHỊ: KHOA …", no
Quốc hiệu, no Số) is an office's internal form. Each of these — but the person's form on a body's paper, which
the person's own signature tells — holds only where no issuing body is named beside or above the Quốc hiệu and no Số line stands, blank or filled (an agency's
documents keep theirs blank until registration): an agency's decision naming the parties of a contract, a
school's numbered teaching plan, a Tờ trình speaking as "Chúng tôi" stay documents; so does any tên loại of the
decree for a person's paper (a BÁO CÁO THÀNH TÍCH).

Nor does it govern samples and blank forms whose issuing bodies are the blanks that take them ("TÊN CƠ QUAN, TỔ
CHỨC": the decree's own Phụ lục III–V), a regulation's numbered form whose title is no tên loại of Điều 7 ("Mẫu 07",
a phiếu chấm điểm), or a bidder's document in a bidding dossier (the forms of the law on bidding).

Nor does it govern a text that is no administrative document at all: a speech (bài phát biểu), a conference
paper (tham luận), an outline, a form or a table typed on its own. Decree 30 defines an administrative
document by its components (Điều 8, Phụ lục I Phần I Mục II): the Quốc hiệu and Tiêu ngữ, the issuing body, the
Số/ký hiệu, the place and date, the tên loại, the signature with its authority, the Nơi nhận. A text with NONE
of them — not even a misspelled Quốc hiệu, a blank Số line or an agency name — and with no tên loại of the
decree (or a speech's or paper's own name for itself) is not one. A document with a defective header is
still one: any single component keeps it inside, and its defects are reported. A text attached to
another ("Kèm theo Quyết định số …", "PHỤ LỤC") belongs to the document it goes with: inside too.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from difflib import SequenceMatcher

from ..vn import upper
from .model import _DATE_LINE, Document, canon, is_tieu_ngu

PARTY = "party"
PETITION = "petition"
CONTRACT = "contract"
FORM = "form"
NO_HEADER = "no_header"
TEMPLATE = "template"
NUMBERED_FORM = "numbered_form"
BID = "bid"
CONSOLIDATED = "consolidated"
MASS_ORGANISATION = "mass_organisation"
TEACHING = "teaching"
LAW = "law"
# An office's own forms: not among the administrative documents of Điều 7 (the office's working rules set
# them), though they borrow the header.
_OFFICE_FORMS = frozenset({"phieu_trinh", "phieu_y_kien"})

# What the report says in one line for each kind (the reader is a clerk: the kind, and why).
DESCRIPTIONS = {
    PARTY: "văn bản của Đảng (thể thức theo Hướng dẫn 36-HD/VPTW)",
    PETITION: "đơn, thư, giấy tờ của cá nhân (bài dự thi, sơ yếu lý lịch — không phải văn bản của cơ quan)",
    CONTRACT: "hợp đồng (theo pháp luật dân sự, lao động)",
    NO_HEADER: (
        "văn bản không có thành phần thể thức nào của văn bản hành chính (không Quốc hiệu, không tên cơ quan, "
        "không số, ký hiệu, không nơi nhận: bài phát biểu, tham luận, đề cương, biểu mẫu)"
    ),
    TEMPLATE: (
        "mẫu văn bản để trống (tên cơ quan là chỗ điền “TÊN CƠ QUAN, TỔ CHỨC”: mẫu trình bày, mẫu sổ, biểu mẫu "
        "chưa điền)"
    ),
    NUMBERED_FORM: (
        "biểu mẫu đánh số của một quy chế (“Mẫu 07”) mà tên không phải loại văn bản hành chính của Điều 7 "
        "(phiếu chấm điểm, phiếu đánh giá …)"
    ),
    MASS_ORGANISATION: (
        "văn bản của Đoàn TNCS Hồ Chí Minh hoặc một hội (Nông dân, Phụ nữ, Cựu chiến binh) theo hướng dẫn thể thức "
        "riêng của tổ chức (Đoàn: Hướng dẫn 29-HD/TWĐTN-VP)"
    ),
    CONSOLIDATED: "văn bản hợp nhất (theo Pháp lệnh Hợp nhất văn bản quy phạm pháp luật)",
    TEACHING: "hồ sơ chuyên môn của giáo viên (kế hoạch dạy học, kế hoạch bài dạy theo mẫu của Bộ Giáo dục và Đào tạo)",
    LAW: (
        "luật, pháp lệnh, nghị quyết của Quốc hội hoặc Ủy ban Thường vụ Quốc hội (văn bản quy phạm pháp luật: thể "
        "thức theo Luật Ban hành văn bản quy phạm pháp luật)"
    ),
    BID: "tài liệu của nhà thầu trong hồ sơ dự thầu (theo mẫu của pháp luật về đấu thầu)",
    FORM: (
        "phiếu, giấy đề nghị nội bộ của cơ quan (phiếu trình, phiếu ghi ý kiến, giấy đề nghị của một đơn vị — không "
        "thuộc các loại văn bản của Điều 7)"
    ),
}

# The Party's numbering: "Số 35-KH/TU", "Số: 12-CT/TW", "Số 07-NQ/ĐU" — type before the slash, the
# committee after it (the state writes "Số: 05/KH-SNV"); in a blank form the committee is left blank too
# ("Số ……-NQ/", the forms of Party admission that a trade union or a youth union fills).
_PARTY_NUMBER = re.compile(
    r"^Số\s*:?[\s\u00a0.…]*\d*[\s\u00a0]*-[\s\u00a0]*[A-ZĐ][A-Za-zĐđ]{0,5}\s*/\s*([A-ZĐ]|[.…]|$)"
)
# A Party committee or body named in the header (Hướng dẫn 36-HD/VPTW: "ĐẢNG BỘ TỈNH …", "TỈNH ỦY …").
_PARTY_BODY = re.compile(
    r"^(ĐẢNG BỘ|ĐẢNG ỦY|ĐẢNG UỶ|TỈNH ỦY|THÀNH ỦY|HUYỆN ỦY|QUẬN ỦY|THỊ ỦY|CHI BỘ|BAN CHẤP HÀNH TRUNG ƯƠNG|"
    r"BỘ CHÍNH TRỊ|BAN BÍ THƯ|VĂN PHÒNG TRUNG ƯƠNG ĐẢNG|ĐẢNG ĐOÀN|BAN CÁN SỰ ĐẢNG)\b"
)
# The name a socio-political organisation prints where the state prints the Quốc hiệu (its own format guide).
_MASS_ORGANISATION_TITLE = re.compile(
    r"^(ĐOÀN TNCS HỒ CHÍ MINH|ĐOÀN THANH NIÊN CỘNG SẢN HỒ CHÍ MINH|HỘI NÔNG DÂN VIỆT NAM|"
    r"HỘI LIÊN HIỆP PHỤ NỮ VIỆT NAM|HỘI LHPN VIỆT NAM|HỘI CỰU CHIẾN BINH VIỆT NAM)$"
)
_MASS_ORGANISATION_LINES = 6
# An agreement or an undertaking between persons ("VĂN BẢN THỎA THUẬN về việc chia tài sản chung của vợ chồng",
# "BẢN CAM KẾT"): civil law sets its form. An agency's BẢN THỎA THUẬN (Điều 7) has the agency's name and a Số.
_AGREEMENT_TITLE = re.compile(r"^(VĂN BẢN |BẢN |GIẤY )?(THỎA THUẬN|CAM KẾT)\b")
# A citizen's petition or letter: "ĐƠN ĐỀ NGHỊ", "ĐƠN KHỞI KIỆN", "ĐƠN" alone — never "ĐƠN VỊ …", "ĐƠN GIÁ".
_PETITION_TITLE = re.compile(r"^ĐƠN(?:$|\s+(?!VỊ\b|GIÁ\b|HÀNG\b|THUỐC\b)\S)")
_FIRST_LINES = 25
_LAW_NUMBER_LINES = 8
# The decree's samples name the issuing body by what goes there: "TÊN CQ, TC CHỦ QUẢN", "TÊN CƠ QUAN, TỔ CHỨC",
# "TÊN CƠ QUAN/ĐƠN VỊ" (Phụ lục III–V). A text whose issuing bodies are such blanks is a set of samples or blank
# forms for an agency to fill: no body issued it. Two of them: the cơ quan chủ quản and the cơ quan ban hành of
# one sample, or two samples.
# "TÊN ĐƠN VỊ" alone heads a table's column: a blank names a body only as the samples write it.
_BODY_PLACEHOLDER = re.compile(r"^TÊN\s+(CQ\b|CƠ\s+QUAN\s*(,|/|CHỦ QUẢN|$)|TỔ\s+CHỨC\s*(,|CHỦ QUẢN|$))")
_PLACEHOLDERS_OF_A_TEMPLATE = 2
_PLACEHOLDER_LINES_READ = 4000
# A form numbered in the rules it belongs to: "Mẫu 07", "Mẫu số 02", "Biểu mẫu 3", "Mẫu TĐ.03" at the top.
_FORM_NUMBER = re.compile(r"^(Mẫu|MẪU|Biểu mẫu|BIỂU MẪU)\s+(số\s+|SỐ\s+)?[\w.]*\d")
# A bidder's document (Luật Đấu thầu and its forms: đơn dự thầu, bảng tuyên bố đáp ứng, bảo lãnh): the bidder
# and the package named in its first lines, with no Quốc hiệu and no Số — a company writing to the party that
# invites bids, no agency issuing a document.
_BIDDING = re.compile(r"\b(nhà thầu|gói thầu|[Bb]ên mời thầu|NHÀ THẦU|GÓI THẦU|DỰ THẦU)\b")
# A consolidated text: authenticated by an office under a number of the VBHN kind ("Số: 31/VBHN-VPQH"), at its
# end, or headed "VĂN BẢN HỢP NHẤT"; a document citing one ("Văn bản hợp nhất số 12/VBHN-BNV") is no such line.
_CONSOLIDATED_NUMBER = re.compile(r"Số\s*:?\s*\d+\s*/\s*VBHN-[\wĐđ-]+\.?")
_CONSOLIDATED_TITLE = re.compile(r"^(XÁC THỰC )?VĂN BẢN HỢP NHẤT$")
_CONSOLIDATED_LINES_READ = 300  # its authentication closes the text: the last lines, and the first
# The parties of a contract introduced at its start: "Chủ đầu tư (sau đây gọi là Bên A)", "Bên B: Công ty …".
_PARTY_A = re.compile(r"gọi\s+(tắt\s+)?là\s*[:\"“'(]?\s*Bên\s+A\b|^Bên\s+A\s*[:(]")
_PARTY_B = re.compile(r"gọi\s+(tắt\s+)?là\s*[:\"“'(]?\s*Bên\s+B\b|^Bên\s+B\s*[:(]")
_PARTIES_LINES_READ = 60
# A teacher's plan in the ministry's form (Công văn 5512/BGDĐT-GDTrH, Phụ lục 1–4) — its name at the top.
_TEACHING_TITLE = re.compile(r"^(KHUNG\s+)?KẾ HOẠCH\s+(DẠY HỌC|BÀI DẠY|GIÁO DỤC CỦA GIÁO VIÊN)\b|^GIÁO ÁN\b")
# A person speaks for himself in the first lines after "Kính gửi": "Tôi tên là", "Chúng tôi/Tôi:", "Họ và tên:".
# The title of a form a person fills in: no tên loại of Điều 7 (a "PHIẾU GỬI", "PHIẾU BÁO" is one, and has a type).
_PERSONS_FORM_TITLE = re.compile(r"^(PHIẾU|GIẤY|TỜ KHAI|BẢN KHAI|BẢN ĐĂNG KÝ)\s+\S")
# A unit named in a form's field ("ĐƠN VỊ ĐỀ NGHỊ: KHOA CÔNG NGHỆ THÔNG TIN", "BỘ PHẬN: …"): an issuing body is named
# by its name alone.
_LABELLED_UNIT = re.compile(r"^(?:ĐƠN VỊ|BỘ PHẬN)(?:\s+[A-ZĐÀ-Ỹ]+){0,3}\s*:\s*\S")
# The caption over the signature of the person who fills a form in.
_APPLICANT = re.compile(
    r"^(Sinh viên|Học sinh|Học viên|Giảng viên|Giáo viên|Cán bộ|Viên chức|Người lao động"
    r"|Người (làm đơn|viết đơn|đề nghị|khai|đăng ký|cam kết))(\s+(đăng ký|đề nghị|cam kết))?$",
    re.IGNORECASE,
)
_APPLICANT_CAPTION_LONGEST = 30
# The number of a law, an ordinance or a resolution of the Quốc hội or its Standing Committee ("Luật số:
# 45/2013/QH13", "Luật số: ……/2023/QH15", "Pháp lệnh số: 02/2022/UBTVQH15", "Số: 81/2023/QH15").
_LAW_NUMBER = re.compile(
    r"^(?:(?:Bộ luật|Luật|Pháp lệnh)\s+số|Số)\s*:?\s*[\d.…]*\s*/\s*(?:\d{4}|[.…]+)\s*/\s*(?:QH|UBTVQH)\d+$"
)
_FIRST_PERSON = re.compile(r"^(Tôi|Chúng tôi|Tên tôi|Họ và tên|Họ tên|Họ, tên)\b")
_ONE_PERSON = re.compile(r"^(Tôi|Tên tôi|Họ và tên|Họ tên|Họ, tên)\b(?!,\s*(?:Ủy|Uỷ|UBND|Ban|Hội|Sở|Phòng|Trường))")
_CLOSE_LINES_READ = 200
_NOI_NHAN = re.compile(r"^nơi\s*nhận\s*:?", re.IGNORECASE)

# What a text says it is when it is a speech or a conference paper, not a document (its first lines).
_SPEECH = re.compile(
    r"^(BÀI\s+|BẢN\s+)?(PHÁT BIỂU|THAM LUẬN|DIỄN VĂN|DIỄN TỪ|NÓI CHUYỆN|BÀI NÓI|Ý KIẾN PHÁT BIỂU|"
    r"BÁO CÁO THAM LUẬN|BÀI VIẾT|ĐỀ CƯƠNG (BÀI )?(PHÁT BIỂU|NÓI CHUYỆN|TUYÊN TRUYỀN|GIỚI THIỆU|BÁO CÁO VIÊN))\b"
)
# The first words of an issuing body's name (Phụ lục I, Mục II.2) — also of a Party or mass organisation.
_BODY_WORDS = re.compile(
    r"^(ỦY BAN|UỶ BAN|UBND|HĐND|HỘI ĐỒNG|BỘ|SỞ|BAN|VĂN PHÒNG|CỤC|TỔNG CỤC|VỤ|CHI CỤC|PHÒNG|TRUNG TÂM|"
    r"CÔNG AN|BỘ CHỈ HUY|BỘ TƯ LỆNH|QUÂN KHU|TÒA ÁN|TOÀ ÁN|VIỆN|KIỂM TOÁN|THANH TRA|CHÍNH PHỦ|QUỐC HỘI|"
    r"THỦ TƯỚNG|CHỦ TỊCH|TRƯỜNG|ĐẠI HỌC|HỌC VIỆN|BỆNH VIỆN|TỔNG LIÊN ĐOÀN|LIÊN ĐOÀN|CÔNG ĐOÀN|MẶT TRẬN|"
    r"HỘI|ĐOÀN|TỈNH|THÀNH PHỐ|HUYỆN|QUẬN|XÃ|PHƯỜNG|THỊ XÃ|THỊ TRẤN|ĐẢNG|TẬP ĐOÀN|TỔNG CÔNG TY|CÔNG TY|"
    r"NGÂN HÀNG|KHO BẠC|BẢO HIỂM|ĐÀI|BÁO|CHI NHÁNH|ĐƠN VỊ|TRẠM|HẠT|ĐỘI|TIỂU BAN|TỔ)\b"
)
# An authority line of a Decree 30 signature (Điều 13): "TM. ỦY BAN", "KT. GIÁM ĐỐC", "TL.", "TUQ.", "Q.".
_AUTHORITY = re.compile(r"^(TM|KT|TL|TUQ|Q|T/M|K/T|T/L)\s*[.:]?\s+[A-ZĐÀ-Ỹ]")
_ATTACHED = re.compile(r"^\(?\s*(Ban hành\s+)?[Kk]èm theo\b|^PHỤ LỤC\b|^Phụ lục\b|^Biểu\s+(mẫu\s+)?số\b")
# The place and date (Phụ lục I, Mục II.4) are one short line: "Thành phố Hồ Chí Minh, ngày 15 tháng 10 năm 2025"
# is 49 characters; a blank one typed with dots is longer, never a paragraph of prose.
_DATE_LINE_LONGEST = 90
_SO_LINE = re.compile(r"^Số\s*[:.]|^Số\s+\S*\d|^Số\s*$|^Số\s*[/…]|\bSố\s*:\s*\S*/")


def _folded(text: str) -> str:
    """Letters only, upper-case, without tone marks: "Cộng Hoà xã hôi" reads "CONGHOAXAHOI"."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return re.sub(r"[^A-Z]", "", "".join(c for c in decomposed if not unicodedata.combining(c)).upper())


_QUOC_HIEU_FOLDED = "CONGHOAXAHOICHUNGHIAVIETNAM"
# The Quốc hiệu has 27 letters, the Tiêu ngữ 18 (45 typed as one line); a line with more is prose.
_HEADER_LINE_LETTERS = 50


def _reads_as_quoc_hieu_or_tieu_ngu(text: str) -> bool:
    """The Quốc hiệu or the Tiêu ngữ, also misspelled, without tone marks or with a letter wrong — a line of
    its own, not a sentence that says "hạnh phúc" or "độc lập" ("… xin chúc các đồng chí sức khỏe, hạnh phúc")."""
    folded = _folded(text)
    if len(folded) > _HEADER_LINE_LETTERS:
        return False
    if is_tieu_ngu(text):
        return True
    if any(part in folded for part in ("CONGHOA", "XAHOICHU", "CHUNGHIAVIET")):
        return True
    if sum(part in folded for part in ("DOCLAP", "TUDO", "HANHPHUC")) >= 2:
        return True  # two of the Tiêu ngữ's three parts: one alone is a word of a sentence ("… sức khỏe, hạnh phúc!")
    head = folded[: len(_QUOC_HIEU_FOLDED) + 2]
    return len(head) >= 15 and SequenceMatcher(None, head, _QUOC_HIEU_FOLDED).ratio() >= 0.75


def _without_header(doc: Document) -> bool:
    """No component of an administrative document's header, no Nơi nhận, no signature authority, no tên
    loại of the decree (or the text names itself a speech or a conference paper), not attached to another."""
    texts = [p for p in doc.paragraphs if p.stripped]
    top = texts[:12]
    speech = any(_SPEECH.match(canon(p.stripped)) for p in top[:6])
    if doc.doc_type is not None and not speech:
        return False  # a tên loại of the decree: a document, whatever its header lacks
    if doc.quoc_hieu is not None or doc.tieu_ngu is not None or doc.so_line is not None or doc.date_line is not None:
        return False
    if doc.noi_nhan_heading is not None or doc.kinh_gui:
        return False
    for p in top:
        text = p.stripped
        key = canon(text)
        if _reads_as_quoc_hieu_or_tieu_ngu(text) or _SO_LINE.search(text) or text.startswith("V/v"):
            return False
        if _ATTACHED.match(text) or (_DATE_LINE.search(text) and len(text) <= _DATE_LINE_LONGEST):
            return False  # a sentence of prose naming a date ("Ngày 5 tháng 1 năm 2026, Bộ …") is no date line
        if text == upper(text) and _BODY_WORDS.match(key) and not _SPEECH.match(key):
            return False  # an issuing body's name at the top
    # The signature and Nơi nhận that close the text: a form kit or a compilation that opens with a headerless
    # form may hold a signed paper hundreds of lines on, which is not this text's close.
    return not any(_AUTHORITY.match(p.stripped) or _NOI_NHAN.match(p.stripped) for p in texts[:_CLOSE_LINES_READ])


def _consolidated(doc: Document) -> bool:
    """A văn bản hợp nhất: its own number of the VBHN kind, or the authenticating office's number or heading as a
    line of their own (not in a table, not a sentence citing one), in its first or last lines."""
    if doc.so_line is not None:
        return _CONSOLIDATED_NUMBER.fullmatch(doc.so_line.stripped) is not None
    paragraphs = doc.paragraphs
    ends = paragraphs[:_CONSOLIDATED_LINES_READ] + paragraphs[-_CONSOLIDATED_LINES_READ:]
    for p in ends:
        text = p.stripped
        if _CONSOLIDATED_NUMBER.fullmatch(text):
            return True  # the number alone on its line (the authentication's table holds it too)
        # The heading typed in capitals: "XÁC THỰC VĂN BẢN HỢP NHẤT" over the signature, "VĂN BẢN HỢP NHẤT" on the
        # page; a table's column named "Văn bản hợp nhất" is no heading.
        heading = _CONSOLIDATED_TITLE.match(canon(text))
        if heading and text == upper(text) and (not p.in_table or heading.group(1)):
            return True
    return False


def _has_number_line(doc: Document) -> bool:
    """A Số line of a document, blank or filled ("Số:      /UBND-NC", "Số 05/KH-SNV"), not a column "Số TT"."""
    return doc.so_line is not None and _SO_LINE.search(doc.so_line.stripped) is not None


def _named_by_a_body(doc: Document) -> bool:
    """An issuing body is named beside the Quốc hiệu (its table, or before it on a line laid out with tabs) or
    above it — whatever its first word ("BHXH TỈNH BẮC NINH", "CA XÃ ĐÔNG PHONG"); a line under the Quốc hiệu
    and outside its table is a paper's title ("BÀI DỰ THI / HỘI THI …")."""
    quoc_hieu = doc.quoc_hieu
    for p in doc.issuer:
        if quoc_hieu is None or p.index <= quoc_hieu.index:
            return True
        if p.in_table and p.table is not None and p.table == quoc_hieu.table:
            return True
    return False


def _between_parties(doc: Document) -> bool:
    """Bên A and Bên B introduced in the first lines of a paper with no Số line and no issuing body: the paper of a
    contract's parties. An agency's decision or record naming the parties of a contract keeps its header."""
    if _has_number_line(doc) or doc.doc_type not in (None, "bien_ban") or _named_by_a_body(doc):
        return False
    lines = [p.stripped for p in doc.paragraphs[: _PARTIES_LINES_READ * 4] if p.stripped][:_PARTIES_LINES_READ]
    return any(_PARTY_A.search(text) for text in lines) and any(_PARTY_B.search(text) for text in lines)


def _teaching_plan(doc: Document, first: list) -> bool:
    """A teacher's plan on the ministry's form: its own title in capitals ("KẾ HOẠCH DẠY HỌC MÔN TIN HỌC", "KHUNG
    KẾ HOẠCH DẠY HỌC"), not a sentence that names one, and no Số line (a school's plan of teaching is numbered)."""
    if _has_number_line(doc):
        return False
    titles = [p for p in first[:12] if not p.in_table and p.stripped == upper(p.stripped) and p.region != "body"]
    titles += [doc.title] if doc.title is not None else []
    return any(_TEACHING_TITLE.match(canon(p.stripped)) for p in titles)


def _from_a_person(doc: Document, first: list) -> bool:
    """Under the Quốc hiệu, no issuing body, no Số line and a title that is no tên loại of the decree: addressed
    "Kính gửi" to an agency by a person who speaks for himself in the next lines, or a person's own record filled
    in from its first lines (a curriculum vitae: "Họ và tên: …"). A tên loại — a BÁO CÁO THÀNH TÍCH of an award
    dossier — keeps a document inside, however personal its fields."""
    quoc_hieu = doc.quoc_hieu
    if quoc_hieu is None or _has_number_line(doc) or doc.doc_type is not None or _named_by_a_body(doc):
        return False
    if doc.kinh_gui:
        following = [p for p in first if p.index > doc.kinh_gui[-1].index][:4]
    else:  # the title and a line under it, then the person's fields
        following = [p for p in first if p.index > quoc_hieu.index and p is not doc.tieu_ngu][:6]
    return any(_FIRST_PERSON.match(p.stripped) for p in following)


def _undertaken_by_a_person(doc: Document, title, first: list) -> bool:
    """One person speaks for himself in the lines under an undertaking's or a form's title, past its Kính gửi
    ("Tôi xin cam kết …", "Họ và tên sinh viên: ……"), and signs as himself: the paper a student or an employee
    signs, even on a form headed by the body it is handed to. An agency's undertaking speaks in the agency's name
    ("Chúng tôi, Ủy ban
    nhân dân xã …", "Ủy ban nhân dân xã … cam kết") or is signed for it ("TM. ỦY BAN NHÂN DÂN")."""
    if any(_AUTHORITY.match(p.stripped) for p in doc.signature):
        return False
    following = [p for p in first if p.index > title.index and not p.stripped.startswith("Kính gửi")][:4]
    return any(_ONE_PERSON.match(p.stripped) for p in following)


def _signed_by_the_applicant(doc: Document) -> bool:
    """Among the signatures that close the text, the person who fills the form in signs as himself ("Sinh viên
    đăng ký", "Người đề nghị", "Người làm đơn"): his paper, whoever else approves it below. A body's form that
    names a person (a work order's "Họ và tên" of the employee) is signed by the body's people."""
    closing = [p.stripped for p in doc.paragraphs[-_CLOSE_LINES_READ:] if p.stripped][-40:]
    return any(len(text) <= _APPLICANT_CAPTION_LONGEST and _APPLICANT.match(text) for text in closing)


def out_of_scope(doc: Document) -> str | None:
    """PARTY, MASS_ORGANISATION, PETITION, CONTRACT, FORM, LAW, CONSOLIDATED, TEACHING, NUMBERED_FORM, BID, TEMPLATE or NO_HEADER when the document is one Decree 30 does not govern; None otherwise."""
    if doc.doc_type == "hop_dong":
        return CONTRACT
    if doc.doc_type in _OFFICE_FORMS:
        return FORM
    first = [p for p in doc.paragraphs[:60] if p.stripped][:_FIRST_LINES]
    if doc.quoc_hieu is None and any(
        p.region == "header" and _MASS_ORGANISATION_TITLE.match(canon(p.stripped))
        for p in first[:_MASS_ORGANISATION_LINES]
    ):
        return MASS_ORGANISATION
    for p in first:
        text = p.stripped
        key = canon(text)
        if key.startswith("ĐẢNG CỘNG SẢN VIỆT NAM"):
            return PARTY
        if doc.quoc_hieu is None and p.region == "header" and _LABELLED_UNIT.match(key) and not _has_number_line(doc):
            return FORM  # "ĐƠN VỊ ĐỀ NGHỊ: KHOA …": a field of an office's form, where a document names its body
        if p is doc.so_line and _PARTY_NUMBER.match(text):
            return PARTY  # numbered as the Party numbers (type before the slash), under a Quốc hiệu or not
        if doc.quoc_hieu is None and (_PARTY_NUMBER.match(text) or (p.region == "header" and _PARTY_BODY.match(key))):
            return PARTY  # no Quốc hiệu: the Party's number or a Party committee heads the document
        if (
            not p.in_table
            and text == upper(text)
            and _PETITION_TITLE.match(key)
            and (doc.title is None or p.index < doc.title.index)
        ):
            return PETITION
        if text == upper(text) and _AGREEMENT_TITLE.match(key) and not _has_number_line(doc):
            if doc.so_line is None and not any(_BODY_WORDS.match(canon(line.stripped)) for line in doc.issuer):
                return CONTRACT  # no issuing body, no number: persons agree between themselves
            if _undertaken_by_a_person(doc, p, first):
                return PETITION  # a person undertakes, on a form that names the body it goes to
        if (
            doc.doc_type is None
            and not p.in_table
            and _PERSONS_FORM_TITLE.match(key)
            and text == upper(text)
            and not _has_number_line(doc)
            and _undertaken_by_a_person(doc, p, first)
            and _signed_by_the_applicant(doc)
        ):
            return PETITION  # a person's form ("PHIẾU ĐĂNG KÝ …", then "Họ và tên sinh viên: …") on a body's paper
    if any(p.region == "header" and _LAW_NUMBER.match(p.stripped) for p in first[:_LAW_NUMBER_LINES]):
        return LAW  # Decree 30 leaves legal normative documents to the law on them (Điều 4.2.a)
    if _consolidated(doc):
        return CONSOLIDATED
    if _between_parties(doc):
        return CONTRACT
    if _teaching_plan(doc, first):
        return TEACHING
    if _from_a_person(doc, first):
        return PETITION
    if doc.doc_type is None and any(p.region == "header" and _FORM_NUMBER.match(p.stripped) for p in first[:3]):
        return NUMBERED_FORM  # not a tên loại of Điều 7 under its number: a regulation's own form
    if (
        doc.doc_type is None
        and sum(bool(_BIDDING.search(p.stripped)) for p in first) >= 2
        and not any(_SO_LINE.search(p.stripped) or _reads_as_quoc_hieu_or_tieu_ngu(p.stripped) for p in first)
    ):
        return BID
    numbered = doc.so_line is not None and re.search(r"\d", doc.so_line.stripped) is not None
    if not numbered:  # a document given its number was issued, whatever blanks its header keeps
        blanks = (p for p in doc.paragraphs[:_PLACEHOLDER_LINES_READ] if _BODY_PLACEHOLDER.match(p.stripped))
        if sum(1 for _ in itertools.islice(blanks, _PLACEHOLDERS_OF_A_TEMPLATE)) >= _PLACEHOLDERS_OF_A_TEMPLATE:
            return TEMPLATE
    if _without_header(doc):
        return NO_HEADER
    return None
