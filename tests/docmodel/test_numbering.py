"""Word's automatic numbering resolved to the label a reader sees."""

from lxml import etree

from kit.docmodel.effective import W_NS, StyleSheet
from kit.docmodel.numbering import Numbering, format_number

NS = f'xmlns:w="{W_NS}"'
NUMBERING = f"""
<w:numbering {NS}>
  <w:abstractNum w:abstractNumId="1">
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>
    <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl>
    <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%3)"/></w:lvl>
    <w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2.%4."/></w:lvl>
  </w:abstractNum>
  <w:abstractNum w:abstractNumId="2">
    <w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="\uf0b7"/></w:lvl>
  </w:abstractNum>
  <w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>
  <w:num w:numId="2"><w:abstractNumId w:val="1"/>
    <w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>
  <w:num w:numId="3"><w:abstractNumId w:val="2"/></w:num>
</w:numbering>
"""
STYLES = f"""<w:styles {NS}>
  <w:style w:type="paragraph" w:styleId="Muc"><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
</w:styles>"""


def _p(num_id=None, level=None, style=None):
    ppr = ""
    if style:
        ppr += f'<w:pStyle w:val="{style}"/>'
    if num_id is not None:
        ppr += f'<w:numPr><w:ilvl w:val="{level or 0}"/><w:numId w:val="{num_id}"/></w:numPr>'
    return etree.fromstring(f"<w:p {NS}><w:pPr>{ppr}</w:pPr><w:r><w:t>x</w:t></w:r></w:p>")


def test_outline_levels_restart_below_a_higher_level():
    numbering = Numbering(etree.fromstring(NUMBERING), StyleSheet(etree.fromstring(STYLES)))
    sequence = [(1, 0), (1, 1), (1, 2), (1, 2), (1, 3), (1, 3), (1, 1), (1, 2), (1, 0), (1, 1)]
    labels = [numbering.label(_p(n, level)) for n, level in sequence]
    assert labels == ["I.", "1.", "a)", "b)", "1.1.", "1.2.", "2.", "a)", "II.", "1."]


def test_numbering_from_the_paragraph_style_and_start_override():
    numbering = Numbering(etree.fromstring(NUMBERING), StyleSheet(etree.fromstring(STYLES)))
    assert numbering.label(_p(style="Muc")) == "I."
    assert numbering.label(_p(style="Muc")) == "II."
    assert numbering.label(_p(2, 0)) == "V."  # a list that restarts at 5 counts on its own
    assert numbering.label(_p(3, 0)) == "•"
    assert numbering.label(_p()) == ""
    assert numbering.label(_p(99, 0)) == ""  # a number Word does not define shows nothing


def test_word_letters_are_english_letters():
    # Word's lowerLetter gives e after d; the Vietnamese điểm sequence wants đ (rule VB303 reports it).
    assert [format_number(n, "lowerLetter") for n in (4, 5, 27)] == ["d", "e", "aa"]
    assert format_number(3, "decimalZero") == "03"


def test_documents_read_through_one_numbering_part_each_count_from_the_start():
    """The lists' definitions of one numbering part are read once and shared (the documents of a batch
    are read through one opened package); each document still counts its own numbers."""
    from docx.oxml.parser import parse_xml  # the part's element as python-docx makes it

    root, styles = parse_xml(NUMBERING), StyleSheet(etree.fromstring(STYLES))
    sequence = [(1, 0), (1, 1), (1, 1), (1, 0), (2, 0), (2, 0)]
    first = Numbering(root, styles)
    labels = [first.label(_p(n, level)) for n, level in sequence]
    second = Numbering(root, styles)  # the same part, read again for the next document
    assert second._abstract is first._abstract  # the definitions were not read again
    assert [second.label(_p(n, level)) for n, level in sequence] == labels == ["I.", "1.", "2.", "II.", "V.", "VI."]
    other = parse_xml(NUMBERING.replace('w:val="upperRoman"', 'w:val="decimal"'))
    assert [Numbering(other, styles).label(_p(n, level)) for n, level in sequence][0] == "1."  # another part
