"""Page set-up, fonts and page numbers of the generated plan (Decree 30/2020/NĐ-CP, Phụ lục I, Mục I)."""

from kit.docmodel.effective import W, paragraph_text


def test_a4_portrait_and_margins(reader):
    section = reader().document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert section.orientation == 0  # portrait
    margins = [section.top_margin, section.bottom_margin, section.left_margin, section.right_margin]
    assert [round(m.mm) for m in margins] == [20, 20, 30, 15]


def test_times_new_roman_in_every_font_slot(reader):
    document = reader().document
    styles = document.styles.element
    defaults = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}rFonts")
    assert {defaults.get(f"{W}{slot}") for slot in ("ascii", "hAnsi", "eastAsia", "cs")} == {"Times New Roman"}
    for fonts in document.element.iter(f"{W}rFonts"):
        assert not [name for name in fonts.attrib if name.endswith("Theme")]
    for fonts in styles.iter(f"{W}rFonts"):
        assert set(fonts.attrib.values()) == {"Times New Roman"}


def test_every_text_run_resolves_to_times_new_roman(reader):
    document = reader()
    for p in document.body.iter(W + "p"):
        for r in p.iter(W + "r"):
            if r.findtext(W + "t"):
                assert document.styles.run_format(p, r).font == "Times New Roman", paragraph_text(p)


def test_page_numbers_top_centre_from_page_two(reader):
    rendered = reader()
    document = rendered.document
    section = document.sections[0]
    assert section.different_first_page_header_footer
    assert not "".join(p.text for p in section.first_page_header.paragraphs).strip()
    header = section.header.paragraphs[0]
    assert rendered.styles.paragraph_format(header._p).alignment == "center"
    assert "PAGE" in "".join(t.text or "" for t in header._p.iter(f"{W}instrText"))
    number = next(r for r in header._p.iter(f"{W}r") if r.findtext(f"{W}t"))
    fmt = rendered.styles.run_format(header._p, number)
    assert fmt.size_pt in (13, 14) and not fmt.bold and not fmt.italic


def test_no_template_tags_left(reader):
    document = reader()
    text = "\n".join(paragraph_text(p) for p in document.body.iter(W + "p"))
    assert "{%" not in text and "{{" not in text
