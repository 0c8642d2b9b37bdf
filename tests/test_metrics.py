from kit.metrics import text_width_pt


def test_bold_is_wider_and_size_scales():
    text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert text_width_pt(text, 13, bold=True) > text_width_pt(text, 13, bold=False)
    assert abs(text_width_pt(text, 26, True) - 2 * text_width_pt(text, 13, True)) < 1e-9


def test_vietnamese_letters_take_their_base_width():
    assert text_width_pt("Độc lập", 14, True) == text_width_pt("Doc lap", 14, True)


def test_quoc_hieu_width_is_close_to_what_word_shows():
    # About 9.6 cm at 13 pt bold in Times New Roman (measured in a LibreOffice PDF of the template).
    width_cm = text_width_pt("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 13, True) / 72 * 2.54
    assert 9.0 < width_cm < 10.2
