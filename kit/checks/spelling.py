"""VB8xx — spelling of the administrative vocabulary: agency abbreviations, agency names, award titles,
the fixed words of Decree 30. The vocabulary is data (kit/checks/vocabulary.toml); a text is reported
only when it is one typing slip away from a known word and is not itself a known word, so ordinary
prose is never judged.

Source: Decree 30/2020/NĐ-CP, Phụ lục I, Phần I, Mục II (the fixed parts: Quốc hiệu, Tiêu ngữ, tên cơ quan,
tên loại) and Điều 8 (language: clear, correct Vietnamese); Luật Thi đua, khen thưởng 2022 (award titles).
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .. import _toml
from ..docmodel.document import Document, tone_normal
from ._util import text_paragraphs
from .findings import Severity
from .registry import rule

# Why the family matters to a clerk (`kit rules CODE` prints it under "Vì sao").
WHY = "Viết sai tên cơ quan, danh hiệu, hình thức khen thưởng là sai nội dung: văn bản, bằng khen in ra phải làm lại."

_SOURCE = "NĐ 30/2020/NĐ-CP, Điều 8 (ngôn ngữ chính xác); Phụ lục I, Phần I, Mục II"
_ALL = ("header", "title", "kinh_gui", "body", "noi_nhan", "signature")


def _bare_table() -> dict[int, str]:
    table = {ord("đ"): "d", ord("Đ"): "d"}
    for code in [*range(0xC0, 0x250), *range(0x1E00, 0x1F00)]:
        char = chr(code)
        base = "".join(c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c))
        if len(base) == 1 and base != char:
            table[code] = base.lower()
    return table


_BARE = _bare_table()


# Remembered: the documents of a dossier repeat their template's sentences a thousand times.
# Characters outside the ranges _BARE covers (Latin letters with marks, Vietnamese included).
_OUTSIDE_BARE = re.compile("[^\x00-\u024f\u1e00-\u1eff]")


@lru_cache(maxsize=8192)
def bare(text: str) -> str:
    """Text without tone or vowel marks, lower case: "Khởi" and "Khối" both read "khoi" (one character for
    one: positions in the bare text are positions in the text)."""
    if _OUTSIDE_BARE.search(text) is None:
        # The same, in C: the marks split off (NFD) and dropped. Only when every character gave one letter
        # back (a letter whose base is not ASCII, "ø", "æ", is left to the table).
        quick = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "d")).encode("ascii", "ignore")
        if len(quick) == len(text):
            return quick.decode("ascii").lower()
    return text.translate(_BARE).lower()


@dataclass(frozen=True)
class Vocabulary:
    abbreviations: frozenset[str]
    known: frozenset[str]
    phrases: tuple[str, ...]
    by_bare: dict  # bare phrase → the phrase


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    table = _toml.load(Path(__file__).with_name("vocabulary.toml"))
    phrases = tuple(sorted(set(table.get("phrases", [])), key=len, reverse=True))
    by_bare = {re.sub(r"\s+", " ", bare(phrase)): phrase for phrase in phrases}
    return Vocabulary(
        abbreviations=frozenset(table.get("abbreviations", [])),
        known=frozenset(table.get("known", [])),
        phrases=phrases,
        by_bare=by_bare,
    )


def _one_slip(word: str, target: str) -> bool:
    """One letter added or dropped, or two neighbours swapped. A changed letter is not a slip here:
    "CCVC" and "BCĐTW" are other real abbreviations one letter away from "CCHC" and "BCHTW"."""
    if word == target or abs(len(word) - len(target)) > 1:
        return False
    if len(word) == len(target):
        diff = [i for i, (a, b) in enumerate(zip(word, target)) if a != b]
        return (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and word[diff[0]] == target[diff[1]]
            and word[diff[1]] == target[diff[0]]
        )
    shorter, longer = sorted((word, target), key=len)
    return any(longer[:i] + longer[i + 1 :] == shorter for i in range(len(longer)))


# A word of 4 to 8 capitals: an abbreviation? (Written capital first, the look behind it after: the same matches as
# "(?<![\w-])[A-ZĐ]{4,8}(?![\w])", found by the engine's quick scan for a capital instead of a try at every
# character: half the time on the corpus.)
_CAPITALS = re.compile(r"[A-ZĐ](?<![\w-][A-ZĐ])[A-ZĐ]{3,7}(?![\w])")


@lru_cache(maxsize=4096)  # a word's answer depends on the vocabulary alone
def _slip_of(token: str) -> str | None:
    """The abbreviation `token` is one typing slip away from (the first in alphabetical order), or None."""
    return next((a for a in _abbreviations_in_order() if _one_slip(token, a)), None)


@lru_cache(maxsize=1)
def _abbreviations_in_order() -> tuple[str, ...]:
    return tuple(sorted(vocabulary().abbreviations))


@rule(
    "VB801",
    "abbreviation-spelling",
    Severity.ERROR,
    _SOURCE,
    wrong="UNBD TỈNH LẠNG SƠN",
    right="UBND TỈNH LẠNG SƠN",
    any_text=True,
)
def abbreviation_spelling(doc: Document, report) -> None:
    """Chữ viết tắt tên cơ quan viết đúng (UBND, HĐND, MTTQ…), không gõ nhầm thành “UNBD”, “DUBND”."""
    words = vocabulary()
    for p in text_paragraphs(doc, _ALL):
        for token in _CAPITALS.findall(p.stripped):
            if token in words.abbreviations or token in words.known:
                continue
            target = _slip_of(token)
            if target is not None:
                report(p, f"“{token}” — có phải “{target}”?", f"sửa thành “{target}”")
                break


@rule(
    "VB802",
    "vocabulary-spelling",
    Severity.WARNING,
    _SOURCE,
    wrong="Trưởng Khởi thi đua các cơ quan Đảng",
    right="Trưởng Khối thi đua các cơ quan Đảng",
    any_text=True,
)
def vocabulary_spelling(doc: Document, report) -> None:
    """Tên cơ quan, danh hiệu thi đua, hình thức khen thưởng và các từ cố định viết đúng dấu (“Khối thi đua”, không phải “Khởi thi đua”).

    A phrase of the vocabulary (kit/checks/vocabulary.toml) read without its marks matches, but the
    marks differ: one finding per paragraph. Tone placement (hoà / hòa) is not a mistake.
    """
    for p, _, written, proper in _vocabulary_slips(doc).values():
        report(p, f"“{written}” — có phải “{proper}”?", f"sửa thành “{proper}”")


def _vocabulary_slips(doc: Document) -> dict:
    """Paragraph index → (paragraph, position in it, phrase as written, phrase as it should be): VB802's first
    finding in each paragraph (remembered: VB803 leaves the words VB802 already names alone)."""
    return doc._remember("vocabulary_slips", lambda: _find_vocabulary_slips(doc))


def _find_vocabulary_slips(doc: Document) -> dict:
    words = vocabulary()
    pairs = [(p, bare(p.stripped)) for p in text_paragraphs(doc, _ALL)]
    pairs = [(p, plain) for p, plain in pairs if len(plain) == len(p.stripped)]
    paragraphs = [p for p, _ in pairs]
    # The whole text without marks, once; each phrase looked for with str.find (a phrase present is
    # nearly always spelled right: only its occurrences are compared).
    plain = "\0".join(text for _, text in pairs)  # no phrase matches across paragraphs
    text = "\0".join(p.stripped for p in paragraphs)
    starts, offset = [], 0
    for p in paragraphs:
        starts.append(offset)
        offset += len(p.stripped) + 1
    found: dict[int, tuple[int, str, str]] = {}  # paragraph → (position, written, phrase): the first one
    for key, phrase in words.by_bare.items():
        position = plain.find(key)
        while position != -1:
            end = position + len(key)
            if (position == 0 or not plain[position - 1].isalnum()) and (end == len(plain) or not plain[end].isalnum()):
                written = text[position:end]
                proper = phrase[:1].upper() + phrase[1:] if written[:1].isupper() else phrase
                if written.lower() != proper.lower() and tone_normal(written).lower() != tone_normal(proper).lower():
                    index = bisect.bisect_right(starts, position) - 1
                    if index not in found or found[index][0] > position:
                        found[index] = (position, written, proper)
            position = plain.find(key, end)
    return {
        paragraphs[index].index: (paragraphs[index], position - starts[index], written, proper)
        for index, (position, written, proper) in sorted(found.items())
    }


def _vowels(marks: str) -> str:
    """The vowels a, ă, â, e, ê, i, o, ô, ơ, u, ư, y carrying each of `marks` (combining tone marks; "" for none),
    both cases, precomposed."""
    found = set()
    for base in ("a", "a\u0306", "a\u0302", "e", "e\u0302", "i", "o", "o\u0302", "o\u031b", "u", "u\u031b", "y"):
        for mark in marks:
            found.add(unicodedata.normalize("NFC", base + mark))
    found |= {c.upper() for c in found}
    return "".join(sorted(c for c in found if len(c) == 1))


# Only sắc and nặng may stand on a syllable that ends in a stop (p, t, c, ch): "việc", "Luật", "Tết";
# "viêc", "Luât", "hoàt" are no Vietnamese syllables. A vowel carrying huyền, hỏi or ngã, or a marked vowel
# (ă, â, ê, ô, ơ, ư) carrying no tone, then at most one more vowel without sắc or nặng, then the stop.
# Words without Vietnamese marks (a foreign word or a name: "Internet", "Robot") are never read.
_WRONG_TONE = _vowels("\u0300\u0309\u0303") + "ăâêôơưĂÂÊÔƠƯ"
_NO_SAC_NANG = _WRONG_TONE + "aeiouyAEIOUY"
_STOP_SYLLABLE = re.compile(rf"[{_WRONG_TONE}][{_NO_SAC_NANG}]?(?:ch|c|p|t|CH|C|P|T)(?![^\W\d_])")
_WORD_AROUND = re.compile(r"[^\W\d_]+")
_SAC_NANG = frozenset(_vowels("\u0301\u0323"))


@rule(
    "VB803",
    "impossible-syllable",
    Severity.WARNING,
    "NĐ 30/2020/NĐ-CP, Điều 8 (ngôn ngữ chính xác); chính tả tiếng Việt: vần tắc (-p, -t, -c, -ch) chỉ mang "
    "thanh sắc hoặc thanh nặng",
    wrong="về viêc có ý kiến; Luât sư Nguyễn Văn An",
    right="về việc có ý kiến; Luật sư Nguyễn Văn An",
    any_text=True,
    why="Một tiếng tận cùng bằng p, t, c, ch chỉ có thanh sắc hoặc nặng; “viêc”, “Luât” là gõ thiếu dấu, in ra là sai chính tả.",
)
def impossible_syllable(doc: Document, report) -> None:
    """Không có tiếng tận cùng bằng p, t, c, ch mang thanh ngang, huyền, hỏi, ngã (“viêc”, “Luât” là gõ thiếu dấu).

    Only words written with Vietnamese marks are read (a foreign word or a name without them is left alone);
    one finding per paragraph, at its first such word.
    """
    slips = _vocabulary_slips(doc)
    for p in text_paragraphs(doc, _ALL):
        text = p.stripped
        named = slips.get(p.index)  # a phrase VB802 already names ("Doanh nghiêp" — "Doanh nghiệp"?)
        for match in _STOP_SYLLABLE.finditer(text):
            start = match.start()
            while start > 0 and (text[start - 1].isalpha()):
                start -= 1
            if start > 0 and text[start - 1] in "'’":
                continue
            word = _WORD_AROUND.match(text, start)
            if word is None or (named is not None and named[1] <= start < named[1] + len(named[2])):
                continue
            if any(c in _SAC_NANG for c in text[start : match.start()]):
                continue  # a vowel with sắc or nặng before: another syllable's, or the tone is there
            context = text[max(0, start - 15) : word.end() + 15]
            report(p, f"“{word.group(0)}” không phải một tiếng Việt: “…{context}…”", "kiểm tra dấu thanh")
            break


# Names of bodies and of the country written one way only (Phụ lục II, Mục IV: the first letter of the words
# that name the body's kind and function; the country's name). A name in capitals (a heading) is left alone; a
# form only the case differs from is a slip. Names whose lower-case form is a common phrase ("chính phủ điện
# tử", "nhà nước pháp quyền") are held only against a wrong capital.
_PROPER_NAMES = (
    "Việt Nam",
    "Ủy ban Thường vụ Quốc hội",
    "Mặt trận Tổ quốc",
    "Ban Chấp hành Trung ương",
    "Bộ Chính trị",
    "Ban Bí thư",
    "Hội đồng nhân dân",
    "Ủy ban nhân dân",
    "Hội Nông dân",
    "Hội Liên hiệp Phụ nữ",
    "Hội Cựu chiến binh",
    "Đoàn Thanh niên Cộng sản Hồ Chí Minh",
)
_CAPITAL_ONLY = ("Chính phủ", "Quốc hội", "Tổ quốc", "Nhà nước")  # their lower case is a common phrase
# Read on the text in lower case, "ủy" and "uỷ" both (the tone placed on either vowel), with no other folding.
_PROPER_NAME_PATTERN = re.compile(
    r"(?<![\w])("
    + "|".join(re.escape(name.lower()).replace("ủy", "(?:ủy|uỷ)") for name in (*_PROPER_NAMES, *_CAPITAL_ONLY))
    + r")(?![\w])"
)


_WRITTEN_RIGHT = frozenset(
    {name for name in (*_PROPER_NAMES, *_CAPITAL_ONLY)} | {name.replace("Ủy", "Uỷ") for name in _PROPER_NAMES}
)
# A word every name above holds, in lower case: a paragraph with none of them holds no name.
_PROPER_NAME_KEYS = (
    "việt nam",
    "quốc hội",
    "tổ quốc",
    "chấp hành",
    "chính trị",
    "bí thư",
    "nhân dân",
    "nông dân",
    "phụ nữ",
    "chiến binh",
    "thanh niên",
    "chính phủ",
    "nhà nước",
)


@lru_cache(maxsize=1)
def _proper_forms() -> dict[str, str]:
    """Each name in lower case, its tone marks placed as the decree does → the name as it is written."""
    return {tone_normal(name).lower(): name for name in (*_PROPER_NAMES, *_CAPITAL_ONLY)}


def _proper_form(written: str) -> str | None:
    """The right form of the name `written` matched (read with its tone marks placed as the decree does)."""
    return _proper_forms().get(tone_normal(written).lower())


@rule(
    "VB804",
    "proper-name-capitals",
    Severity.WARNING,
    "NĐ 30/2020/NĐ-CP, Phụ lục II, Mục III–IV (tên địa lý, tên cơ quan, tổ chức)",
    wrong="Ủy ban Mặt trận tổ quốc Việt nam xã; Ủy ban thường vụ Quốc hội; Chính Phủ",
    right="Ủy ban Mặt trận Tổ quốc Việt Nam xã; Ủy ban Thường vụ Quốc hội; Chính phủ",
)
def proper_name_capitals(doc: Document, report) -> None:
    """Tên nước và tên các cơ quan, tổ chức viết hoa đúng (“Việt Nam”, “Mặt trận Tổ quốc”, “Ủy ban Thường vụ Quốc hội”, “Chính phủ”).

    One finding for the document, at the first slip, with the count: a name typed so is typed so throughout.
    Held to Decree 30's documents: a consolidated text keeps a law's words as passed, a Party document follows
    its own guide.
    """
    slips: list[tuple] = []
    for p in text_paragraphs(doc, _ALL):
        text = p.stripped
        if text == text.upper():
            continue  # a heading or a header line in capitals
        folded = text.lower()
        if len(folded) != len(text) or not any(key in folded for key in _PROPER_NAME_KEYS):
            continue  # positions would not line up; or no name there (a cheap test first: most paragraphs)
        for m in _PROPER_NAME_PATTERN.finditer(folded):
            written = text[m.start() : m.end()]
            if written in _WRITTEN_RIGHT:
                continue  # most names are written right: no tone to compare
            proper = _proper_form(written)
            if proper is None or tone_normal(written) == tone_normal(proper) or written == written.upper():
                continue
            if proper in _CAPITAL_ONLY and written[1:] == written[1:].lower():
                continue  # "chính phủ điện tử", "nhà nước pháp quyền": a common phrase, not the name
            if written[:1].islower() and written[1:] == proper[1:]:
                continue  # the name's first letter alone: sentence capitals are another matter
            slips.append((p, written, proper))
    if slips:
        p, written, proper = slips[0]
        more = f" (và {len(slips) - 1} chỗ khác)" if len(slips) > 1 else ""
        report(p, f"Viết hoa tên riêng: “{written}” — cần “{proper}”{more}", f"sửa thành “{proper}”")
