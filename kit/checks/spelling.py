"""VB8xx — spelling of the administrative vocabulary: agency abbreviations, agency names, award titles,
the fixed words of Decree 30. The vocabulary is data (kit/checks/vocabulary.toml); a text is reported
only when it is one typing slip away from a known word and is not itself a known word, so ordinary
prose is never judged.

Source: Decree 30/2020/NĐ-CP, Phụ lục I, Phần I, Mục II (the fixed parts: Quốc hiệu, Tiêu ngữ, tên cơ quan,
tên loại) and Điều 8 (language: clear, correct Vietnamese); Luật Thi đua, khen thưởng 2022 (award titles).
"""

from __future__ import annotations

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

_SOURCE = "NĐ 30/2020/NĐ-CP, Điều 8 (ngôn ngữ chính xác); Phụ lục I, Phần I, Mục II"
_ALL = ("header", "title", "kinh_gui", "body", "noi_nhan", "signature")


def bare(text: str) -> str:
    """Text without tone or vowel marks, lower case: "Khởi" and "Khối" both read "khoi"."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


@dataclass(frozen=True)
class Vocabulary:
    abbreviations: frozenset[str]
    known: frozenset[str]
    phrases: tuple[str, ...]
    pattern: re.Pattern  # the phrases without marks, one alternative each
    by_bare: dict  # bare phrase → the phrase


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    table = _toml.load(Path(__file__).with_name("vocabulary.toml"))
    phrases = tuple(sorted(set(table.get("phrases", [])), key=len, reverse=True))
    by_bare = {re.sub(r"\s+", " ", bare(phrase)): phrase for phrase in phrases}
    alternatives = "|".join(re.escape(key).replace(r"\ ", r"\s+") for key in sorted(by_bare, key=len, reverse=True))
    return Vocabulary(
        abbreviations=frozenset(table.get("abbreviations", [])),
        known=frozenset(table.get("known", [])),
        phrases=phrases,
        pattern=re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)"),
        by_bare=by_bare,
    )


def _one_slip(word: str, target: str) -> bool:
    """One letter added or dropped, or two neighbours swapped. A changed letter is not a slip here:
    "CCVC" and "BCĐTW" are other real abbreviations one letter away from "CCHC" and "BCHTW"."""
    if word == target or abs(len(word) - len(target)) > 1:
        return False
    if len(word) == len(target):
        diff = [i for i, (a, b) in enumerate(zip(word, target)) if a != b]
        return len(diff) == 2 and diff[1] == diff[0] + 1 and word[diff[0]] == target[diff[1]] \
            and word[diff[1]] == target[diff[0]]
    shorter, longer = sorted((word, target), key=len)
    return any(longer[:i] + longer[i + 1:] == shorter for i in range(len(longer)))


@rule("VB801", "abbreviation-spelling", Severity.ERROR, _SOURCE,
      wrong="UNBD TỈNH LẠNG SƠN", right="UBND TỈNH LẠNG SƠN")
def abbreviation_spelling(doc: Document, report) -> None:
    """Chữ viết tắt tên cơ quan viết đúng (UBND, HĐND, MTTQ…), không gõ nhầm thành “UNBD”, “DUBND”."""
    words = vocabulary()
    for p in text_paragraphs(doc, _ALL):
        for token in re.findall(r"(?<![\w-])[A-ZĐ]{4,8}(?![\w])", p.stripped):
            if token in words.abbreviations or token in words.known:
                continue
            target = next((a for a in sorted(words.abbreviations) if _one_slip(token, a)), None)
            if target is not None:
                report(p, f"“{token}” — có phải “{target}”?", f"sửa thành “{target}”")
                break


@rule("VB802", "vocabulary-spelling", Severity.WARNING, _SOURCE,
      wrong="Trưởng Khởi thi đua các cơ quan Đảng", right="Trưởng Khối thi đua các cơ quan Đảng")
def vocabulary_spelling(doc: Document, report) -> None:
    """Tên cơ quan, danh hiệu thi đua, hình thức khen thưởng và các từ cố định viết đúng dấu (“Khối thi đua”, không phải “Khởi thi đua”).

    A phrase of the vocabulary (kit/checks/vocabulary.toml) read without its marks matches, but the
    marks differ: one finding per paragraph. Tone placement (hoà / hòa) is not a mistake.
    """
    words = vocabulary()
    for p in text_paragraphs(doc, _ALL):
        text = p.stripped
        plain = bare(text)
        if len(plain) != len(text):
            continue  # a character without a one-to-one bare form (rare): positions would not match
        for m in words.pattern.finditer(plain):
            key = re.sub(r"\s+", " ", m.group(0))
            phrase = words.by_bare[key]
            written = re.sub(r"\s+", " ", text[m.start():m.end()])
            if written[:1].isupper():
                phrase = phrase[:1].upper() + phrase[1:]
            if tone_normal(written).lower() != tone_normal(phrase).lower():
                report(p, f"“{written}” — có phải “{phrase}”?", f"sửa thành “{phrase}”")
                break
