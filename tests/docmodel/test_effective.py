"""Effective formatting from compact styles XML (run → character style → paragraph style → basedOn → docDefaults)."""

from lxml import etree

from kit.docmodel.effective import W_NS, StyleSheet

NS = f'xmlns:w="{W_NS}"'

STYLES = f"""
<w:styles {NS}>
  <w:docDefaults>
    <w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman"/><w:sz w:val="28"/></w:rPr></w:rPrDefault>
    <w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault>
  </w:docDefaults>
  <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
  <w:style w:type="paragraph" w:styleId="Body"><w:basedOn w:val="Normal"/>
    <w:pPr><w:jc w:val="both"/><w:ind w:firstLine="720"/><w:spacing w:after="120"/></w:pPr></w:style>
  <w:style w:type="paragraph" w:styleId="Heading"><w:basedOn w:val="Body"/>
    <w:rPr><w:b/><w:sz w:val="26"/></w:rPr></w:style>
  <w:style w:type="character" w:styleId="Strong"><w:rPr><w:b/></w:rPr></w:style>
  <w:style w:type="character" w:styleId="Arial"><w:rPr><w:rFonts w:ascii="Arial"/></w:rPr></w:style>
</w:styles>
"""


def paragraph(xml: str):
    return etree.fromstring(f"<w:p {NS}>{xml}</w:p>")


def sheet():
    return StyleSheet(etree.fromstring(STYLES))


def test_doc_defaults_apply_when_nothing_else_is_set():
    p = paragraph("<w:r><w:t>x</w:t></w:r>")
    fmt = sheet().run_format(p, p[0])
    assert (fmt.font, fmt.size_pt, fmt.bold, fmt.italic) == ("Times New Roman", 14.0, False, False)
    assert sheet().paragraph_format(p).line == 240


def test_based_on_chain_gives_paragraph_properties_and_nearest_wins():
    p = paragraph('<w:pPr><w:pStyle w:val="Heading"/></w:pPr><w:r><w:t>x</w:t></w:r>')
    run = sheet().run_format(p, p[1])
    para = sheet().paragraph_format(p)
    assert run.bold and run.size_pt == 13.0
    assert (para.alignment, para.first_line_twips, para.space_after_twips) == ("both", 720, 120)


def test_direct_formatting_overrides_styles():
    p = paragraph(
        '<w:pPr><w:pStyle w:val="Heading"/><w:jc w:val="center"/></w:pPr>'
        '<w:r><w:rPr><w:b w:val="0"/><w:sz w:val="24"/></w:rPr><w:t>x</w:t></w:r>'
    )
    run = sheet().run_format(p, p[1])
    assert not run.bold and run.size_pt == 12.0
    assert sheet().paragraph_format(p).alignment == "center"


def test_bold_in_character_and_paragraph_style_toggles_off():
    # ECMA-376 17.7.3: a toggle property set by both style levels cancels out.
    p = paragraph(
        '<w:pPr><w:pStyle w:val="Heading"/></w:pPr><w:r><w:rPr><w:rStyle w:val="Strong"/></w:rPr><w:t>x</w:t></w:r>'
    )
    assert not sheet().run_format(p, p[1]).bold


def test_character_style_font_beats_defaults():
    p = paragraph('<w:r><w:rPr><w:rStyle w:val="Arial"/></w:rPr><w:t>x</w:t></w:r>')
    assert sheet().run_format(p, p[0]).font == "Arial"


def test_hanging_indent_is_a_negative_first_line():
    p = paragraph('<w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr>')
    fmt = sheet().paragraph_format(p)
    assert (fmt.left_twips, fmt.first_line_twips) == (720, -360)


def test_a_paragraphs_own_first_line_wins_over_its_styles_hanging_indent():
    # A Google Docs round trip leaves Normal with a hanging indent and each paragraph with its own first line
    # (corpus 50, 51, 733): Word and LibreOffice show the paragraph's 1,27 cm, the first line and the hanging
    # indent being one property.
    hanging = f"""<w:styles {NS}><w:style w:type="paragraph" w:default="1" w:styleId="Normal">
      <w:pPr><w:ind w:left="-1" w:hanging="760"/></w:pPr></w:style></w:styles>"""
    styles = StyleSheet(etree.fromstring(hanging))
    own = paragraph('<w:pPr><w:ind w:firstLineChars="0" w:firstLine="720"/></w:pPr>')
    assert styles.paragraph_format(own).first_line_twips == 720
    assert styles.paragraph_format(paragraph("<w:pPr/>")).first_line_twips == -760
    # The style's first line, the paragraph's hanging indent: the paragraph's again.
    assert (
        sheet()
        .paragraph_format(paragraph('<w:pPr><w:pStyle w:val="Body"/><w:ind w:hanging="360"/></w:pPr>'))
        .first_line_twips
        == -360
    )


def test_no_styles_part_means_no_inherited_values():
    p = paragraph("<w:r><w:t>x</w:t></w:r>")
    fmt = StyleSheet(None).run_format(p, p[0])
    assert fmt.font is None and fmt.size_pt is None and not fmt.bold


# Run and paragraph properties that differ in one value, one element, the order or a nested element.
RUN_PROPERTIES = [
    "",
    "<w:b/>",
    '<w:b w:val="0"/>',
    '<w:b w:val="false"/>',
    "<w:i/>",
    "<w:b/><w:i/>",
    "<w:i/><w:b/>",
    '<w:sz w:val="26"/>',
    '<w:sz w:val="28"/>',
    '<w:rFonts w:ascii="Arial"/>',
    '<w:rFonts w:hAnsi="Arial"/>',
    '<w:rFonts w:ascii="Arial" w:hAnsi="Arial"/>',
    '<w:rStyle w:val="Strong"/>',
    '<w:rStyle w:val="Arial"/>',
    "<w:caps/>",
    '<w:u w:val="single"/>',
    '<w:u w:val="none"/>',
    # Attributes a format does not read beside w:val (the key holds w:val alone): an underline's colour, a
    # size in another namespace's attribute, which is no w:val.
    '<w:u w:color="FF0000"/>',
    '<w:u w:val="none" w:color="FF0000"/>',
    '<w:sz xmlns:x="urn:x" x:val="28"/>',
    '<w:rPrChange w:id="1"><w:rPr><w:b/></w:rPr></w:rPrChange>',
    '<w:rPrChange w:id="1"><w:rPr><w:i/></w:rPr></w:rPrChange>',
]
PARAGRAPH_PROPERTIES = [
    '<w:pStyle w:val="Body"/>',
    '<w:pStyle w:val="Heading"/>',
    '<w:jc w:val="center"/>',
    '<w:jc w:val="both"/>',
    '<w:ind w:firstLine="720"/>',
    '<w:ind w:hanging="720"/>',
    '<w:spacing w:before="120"/>',
    '<w:spacing w:after="120"/>',
    '<w:pBdr><w:bottom w:val="single"/></w:pBdr>',
    '<w:pBdr><w:top w:val="single"/></w:pBdr>',
    '<w:pBdr><w:bottom w:val="nil"/></w:pBdr>',
    "<w:pageBreakBefore/>",
]


def test_differently_formatted_runs_never_share_a_format_key():
    """The format memos are keyed by what the properties say (fingerprint): a key is never shared by two
    property elements whose XML differs, so a remembered format is never another run's."""
    from kit.docmodel.effective import fingerprint

    runs = paragraph("".join(f"<w:r><w:rPr>{xml}</w:rPr><w:t>x</w:t></w:r>" for xml in RUN_PROPERTIES))
    rprs = [r.find(f"{{{W_NS}}}rPr") for r in runs]
    assert len({fingerprint(rpr) for rpr in rprs}) == len(RUN_PROPERTIES)
    assert fingerprint(rprs[5]) == fingerprint(etree.fromstring(etree.tostring(rprs[5])))  # same XML, same key
    shared = sheet()  # one sheet reads every run, as for the runs of a batch of documents
    for r in runs:
        assert shared.run_format(runs, r) == sheet().run_format(runs, r)
    formats = {shared.run_format(runs, r) for r in runs}
    assert len(formats) >= 8  # the runs do read differently: bold, italic, sizes, fonts, caps, underline

    paragraphs = [paragraph(f"<w:pPr>{xml}</w:pPr><w:r><w:t>x</w:t></w:r>") for xml in PARAGRAPH_PROPERTIES]
    pprs = [p.find(f"{{{W_NS}}}pPr") for p in paragraphs]
    assert len({fingerprint(ppr) for ppr in pprs}) == len(PARAGRAPH_PROPERTIES)
    for p in paragraphs:
        assert shared.paragraph_format(p) == sheet().paragraph_format(p)
    assert len({shared.paragraph_format(p) for p in paragraphs}) == len(PARAGRAPH_PROPERTIES)
