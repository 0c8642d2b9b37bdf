"""Header and signature lines broken where a clerk would: never inside a word of two syllables, never
after "VÀ", no word alone on a line when another break exists, and "XÃ HỘI" is not a commune."""

import pytest

from kit.documents.common import HEADER_WIDTH_PT, SIGNATURE_WIDTH_PT, clerk_lines


@pytest.mark.parametrize(
    ("text", "width", "lines"),
    [
        # Was "SỞ VĂN HÓA, THỂ / THAO VÀ DU LỊCH".
        ("SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH", HEADER_WIDTH_PT, ["SỞ VĂN HÓA,", "THỂ THAO VÀ DU LỊCH"]),
        # Was "BAN / THI ĐUA - KHEN THƯỞNG": one word alone; the phrase breaks after its hyphen instead.
        ("BAN THI ĐUA - KHEN THƯỞNG", HEADER_WIDTH_PT, ["BAN THI ĐUA -", "KHEN THƯỞNG"]),
        ("SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", HEADER_WIDTH_PT, ["SỞ LAO ĐỘNG - THƯƠNG BINH", "VÀ XÃ HỘI"]),
        ("SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG", HEADER_WIDTH_PT, ["SỞ NÔNG NGHIỆP", "VÀ MÔI TRƯỜNG"]),
        ("ỦY BAN NHÂN DÂN XÃ HOÀNG ĐỒNG", HEADER_WIDTH_PT, ["ỦY BAN NHÂN DÂN", "XÃ HOÀNG ĐỒNG"]),
        ("TM. HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG", SIGNATURE_WIDTH_PT, ["TM. HỘI ĐỒNG", "THI ĐUA - KHEN THƯỞNG"]),
    ],
)
def test_lines_break_where_a_clerk_would(text, width, lines):
    assert clerk_lines(text, width, bold=True) == lines


def test_a_title_holds_the_fixed_phrase_it_ends_with():
    from kit.documents.common import title_tail

    held = lambda text: title_tail(text).split(" ")[-1].replace("\u00a0", " ")  # noqa: E731
    assert held("BẰNG KHEN CỦA CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH") == "ỦY BAN NHÂN DÂN TỈNH"
    assert held("Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh và Chiến sĩ thi đua cơ sở") == "cơ sở"
    assert held("Công tác thi đua, khen thưởng năm 2021") == "năm 2021"  # no phrase crosses the break
    assert held("GIẤY KHEN CỦA GIÁM ĐỐC SỞ NỘI VỤ") == "NỘI VỤ"
    # never more than six words: "HỘI ĐỒNG" stays free of "THI ĐUA - KHEN THƯỞNG"
    assert held("GIẤY KHEN CỦA HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG") == "THI ĐUA - KHEN THƯỞNG"
