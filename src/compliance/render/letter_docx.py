"""The `docx` letter format (python-docx): the same GB/T 9704-2012 page as the HTML and PDF (版头, spacing, title
lines, 署名 over the date, 附注, 版记 rules at the foot of the last page, page numbers in odd and even footers),
built in code for offices to number, edit and stamp in Word. A user's templates do not apply.
"""

from __future__ import annotations

import io
from typing import Any

from ..letter_wording import cn_number
from ..letters import Letter
from .letter_layout import (
    BLOCK_W,
    BODY_PT,
    BOTTOM,
    LEFT,
    LETTER_MARK_TOP,
    LETTER_RULE_W,
    LINE_PT,
    MARK_GAP,
    MARK_PT,
    PAGE_H,
    PAGE_NUMBER_GAP,
    PAGE_W,
    RECORD_PT,
    RIGHT,
    TITLE_PT,
    TOP,
    signature_indent,
    title_lines,
)
from .safe import xml_text

FANGSONG, XIAOBIAOSONG, HEITI, SONG = "仿宋_GB2312", "方正小标宋简体", "黑体", "宋体"
RED = "DD0000"
LETTER_SPACING_TWIPS = -4  # 28 characters of 16 pt on the 156 mm line: each 0.21 pt narrower
PAGE_NUMBER_LINE_PT = 18.0


def render(letter: Letter, templates: str | None = None) -> bytes:
    """The `docx` letter format (`templates` does not apply: the document is built in code)."""
    return to_docx(letter)


def to_docx(letter: Letter) -> bytes:
    """The letter as a DOCX. Characters XML forbids (controls) are written as escapes: python-docx would refuse them."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    doc = Document()
    props = doc.core_properties
    props.title, props.comments = xml_text(letter.title), xml_text(letter.draft_note)
    props.author = xml_text(letter.signature)
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(PAGE_W), Mm(PAGE_H)
    section.top_margin, section.bottom_margin = Mm(TOP), Mm(BOTTOM)
    section.left_margin, section.right_margin = Mm(LEFT), Mm(RIGHT)
    # the page number's dashes 7 mm below the 版心: the footer line ends that far plus its own height above the edge
    section.footer_distance = Mm(BOTTOM - PAGE_NUMBER_GAP) - Pt(PAGE_NUMBER_LINE_PT)
    w = _Writer(doc)
    center, right = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.RIGHT

    if letter.layout == "letter":  # 信函格式: the letterhead is the first page's header, 30 mm from the top edge
        section.different_first_page_header_footer = True
        section.header_distance = Mm(LETTER_MARK_TOP)
        head = section.first_page_header
        mark = w.para(letter.mark, XIAOBIAOSONG, MARK_PT, center, line=MARK_PT, color=RED, container=head,
                      first=head.paragraphs[0])
        side = Mm((LETTER_RULE_W - BLOCK_W) / 2)
        mark.paragraph_format.left_indent = mark.paragraph_format.right_indent = -side
        _border(mark, "bottom", "thickThinSmallGap", 18, Pt(11))  # 上粗下细, 4 mm below the mark
        foot = section.first_page_footer
        line = w.para("", size=2, line=2, container=foot, first=foot.paragraphs[0])
        line.paragraph_format.left_indent = line.paragraph_format.right_indent = -side
        _border(line, "bottom", "thinThickSmallGap", 18, Pt(0))  # 上细下粗, 20 mm above the bottom edge
        w.para(letter.doc_no, align=right, before=RECORD_PT, line=BODY_PT)  # 7/8 of a 3号 character below the line
    else:  # 文件格式: the mark 35 mm below the 版心's top, the 字号 two lines below, the red rule 4 mm below that
        w.para(letter.mark, XIAOBIAOSONG, MARK_PT, center, line=MARK_PT, color=RED, before=Mm(MARK_GAP).pt)
        docno = w.para(letter.doc_no, align=center, before=2 * LINE_PT)
        _border(docno, "bottom", "single", 18, Pt(11), RED)
    _page_numbers(section, w)

    title = w.para("", XIAOBIAOSONG, TITLE_PT, center, before=2 * LINE_PT)
    for i, text in enumerate(title_lines(letter.pieces)):
        run = w.run(title, "", XIAOBIAOSONG, TITLE_PT)
        if i:
            run.add_break()  # the title's lines, broken where GB/T 9704 7.3.1 allows
        run.add_text(xml_text(text))
    w.para(letter.recipient, before=LINE_PT)
    w.para(letter.opening, indent=True)
    for i, fact in enumerate(letter.facts, 1):
        w.para(f"{i}.{fact.cited()}", indent=True)
    if letter.basis:
        lead = w.para(letter.basis, indent=True)
        lead.paragraph_format.keep_with_next = bool(letter.requirements)  # “整改要求如下：” with the first of them
    for i, (head_text, text) in enumerate(letter.items, 1):
        p = w.para("", indent=True)
        w.run(p, f"{cn_number(i)}、{head_text}", HEITI)
        w.run(p, text)
    for i, r in enumerate(letter.requirements, 1):
        w.para(f"（{cn_number(i)}）{r}", indent=True)
    for a in letter.after:
        w.para(a, indent=True)
    doc.paragraphs[-1].paragraph_format.keep_with_next = True  # the end of the text goes with the 署名
    # the closing, 署名, date and 附注 stay on one page: the 署名 never stands alone (as in the HTML and PDF)
    closing = [w.para(letter.closing, indent=True)]
    closing.append(w.para(letter.signature, align=right, before=2 * LINE_PT))
    closing[-1].paragraph_format.right_indent = Pt(BODY_PT * signature_indent(letter.signature, letter.date_text))
    closing.append(w.para(letter.date_text, align=right))
    closing[-1].paragraph_format.right_indent = Pt(BODY_PT * 4)
    if letter.note:
        closing.append(w.para(letter.note, indent=True))
    for p in closing[:-1]:
        p.paragraph_format.keep_with_next = True
    if letter.cc or letter.printer:
        _record(doc, w, letter)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def _qn(tag: str) -> str:
    from docx.oxml.ns import qn

    return qn(tag)


# The order OOXML gives the children of a paragraph's and a run's properties (Word refuses them out of order)
_PPR = ("pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
        "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap", "overflowPunct",
        "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid", "spacing", "ind",
        "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc", "textDirection", "textAlignment",
        "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange")
_RPR = ("rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike", "outline", "shadow",
        "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden", "color", "spacing", "w", "kern",
        "position", "sz", "szCs", "highlight", "u", "effect", "bdr", "shd", "fitText", "vertAlign", "rtl", "cs", "em",
        "lang", "eastAsianLayout", "specVanish", "oMath")


def _put(parent: Any, name: str, attrs: dict[str, str], order: tuple[str, ...]) -> Any:
    """Child `w:name` of a properties element, replacing one already there, in the schema's order."""
    old = parent.find(_qn(f"w:{name}"))
    if old is not None:
        parent.remove(old)
    el = parent.makeelement(_qn(f"w:{name}"), {_qn(f"w:{k}"): v for k, v in attrs.items()})
    later = [_qn(f"w:{n}") for n in order[order.index(name) + 1:]]
    following = next((c for c in parent if c.tag in later), None)
    if following is None:
        parent.append(el)
    else:
        following.addprevious(el)
    return el


class _Writer:
    """Paragraphs and runs with the 公文 fonts, sizes and the 22-line grid."""

    def __init__(self, doc: Any):
        self.doc = doc

    def run(self, p: Any, text: str, font: str = FANGSONG, size: float = BODY_PT, color: str | None = None) -> Any:
        from docx.shared import Pt, RGBColor

        run = p.add_run(xml_text(text))
        run.font.name, run.font.size = font, Pt(size)
        fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
        fonts.set(_qn("w:eastAsia"), font)
        if font == FANGSONG and size == BODY_PT:
            _put(run._element.get_or_add_rPr(), "spacing", {"val": str(LETTER_SPACING_TWIPS)}, _RPR)
        if color:
            run.font.color.rgb = RGBColor.from_string(color)
        return run

    def para(self, text: str, font: str = FANGSONG, size: float = BODY_PT, align: Any = None, *,
             indent: bool = False, line: float = LINE_PT, before: float = 0, color: str | None = None,
             container: Any = None, first: Any = None) -> Any:
        from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
        from docx.shared import Pt

        p = first if first is not None else (container or self.doc).add_paragraph()
        fmt = p.paragraph_format
        fmt.line_spacing_rule, fmt.line_spacing = WD_LINE_SPACING.EXACTLY, Pt(line)
        fmt.space_before, fmt.space_after = Pt(before), Pt(0)
        fmt.widow_control = False  # the grid holds 22 lines a page, as the HTML and PDF do
        for name in ("autoSpaceDE", "autoSpaceDN"):  # no space added between Chinese and Latin or digits
            _put(p._p.get_or_add_pPr(), name, {"val": "0"}, _PPR)
        if indent:
            fmt.first_line_indent = Pt(size * 2)
        p.alignment = align if align is not None else WD_ALIGN_PARAGRAPH.JUSTIFY
        if text:
            self.run(p, text, font, size, color)
        return p


def _border(p: Any, side: str, style: str, eighths: int, space: Any, color: str = RED) -> None:
    """A paragraph border: `eighths` of a point thick, `space` from the text."""
    ppr = p._p.get_or_add_pPr()
    borders = ppr.find(_qn("w:pBdr"))
    if borders is None:
        borders = _put(ppr, "pBdr", {}, _PPR)
    order = ("top", "left", "bottom", "right", "between", "bar")
    _put(borders, side, {"val": style, "sz": str(eighths), "space": str(round(space.pt)), "color": color}, order)


def _page_numbers(section: Any, w: _Writer) -> None:
    """“— 1 —” in 4号 半角宋体: odd pages on the right, even pages on the left, one character in (7.5); the
    信函格式's first page shows none (10.1)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    w.doc.settings.odd_and_even_pages_header_footer = True
    for footer, align in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT), (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)):
        p = w.para("", SONG, RECORD_PT, align, line=PAGE_NUMBER_LINE_PT, container=footer, first=footer.paragraphs[0])
        if align == WD_ALIGN_PARAGRAPH.RIGHT:
            p.paragraph_format.right_indent = Pt(RECORD_PT)
        else:
            p.paragraph_format.left_indent = Pt(RECORD_PT)
        w.run(p, "— ", SONG, RECORD_PT)
        _field(p, "PAGE", w)
        w.run(p, " —", SONG, RECORD_PT)


def _field(p: Any, code: str, w: _Writer) -> None:
    for kind, text in (("begin", None), ("instr", f" {code} "), ("separate", None), ("text", "1"), ("end", None)):
        run = w.run(p, "", SONG, RECORD_PT)
        if kind == "instr":
            el = run._r.makeelement(_qn("w:instrText"), {})
            el.text = text
            el.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        elif kind == "text":
            el = run._r.makeelement(_qn("w:t"), {})
            el.text = text
        else:
            el = run._r.makeelement(_qn("w:fldChar"), {_qn("w:fldCharType"): kind})
        run._r.append(el)


_TBLPR = ("tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize", "tblStyleColBandSize", "tblW", "jc",
          "tblCellSpacing", "tblInd", "tblBorders", "shd", "tblLayout", "tblCellMar", "tblLook")


def _record(doc: Any, w: _Writer, letter: Letter) -> None:
    """The 版记 (7.4) as a table floating at the foot of the 版心 on the page it falls on (the last): 抄送 one
    character in from each side, wrapped names aligned after 抄送：, 印发机关 left and 印发日期 right; rules thick,
    thin between, thick (文件格式). The 信函格式 prints the 抄送 alone, without rules (10.1). (Word places the
    table at the foot; LibreOffice before 7.6 shows floating tables where they stand, after the 附注.)"""
    from docx.enum.text import WD_TAB_ALIGNMENT
    from docx.shared import Mm, Pt

    rows = ([f"抄送：{'，'.join(letter.cc)}。"] if letter.cc else []) + (
        [f"{letter.printer}\t{letter.print_date_text}印发"] if letter.printer else [])
    table = doc.add_table(rows=len(rows), cols=1)
    pr = table._tbl.tblPr
    _put(pr, "tblpPr", {"vertAnchor": "margin", "horzAnchor": "margin", "tblpXSpec": "center", "tblpYSpec": "bottom",
                        "leftFromText": "0", "rightFromText": "0", "topFromText": "0", "bottomFromText": "0"}, _TBLPR)
    _put(pr, "tblW", {"w": str(round(Mm(BLOCK_W).twips)), "type": "dxa"}, _TBLPR)
    borders = _put(pr, "tblBorders", {}, _TBLPR)
    thick, thin = ("8", "6") if letter.printer else ("0", "0")  # 0.35 mm and 0.25 mm
    for side, size in (("top", thick), ("left", "0"), ("bottom", thick), ("right", "0"), ("insideH", thin),
                       ("insideV", "0")):
        borders.append(borders.makeelement(_qn(f"w:{side}"), {
            _qn("w:val"): "single" if size != "0" else "nil", _qn("w:sz"): size, _qn("w:color"): "000000"}))
    margins = _put(pr, "tblCellMar", {}, _TBLPR)
    for side in ("left", "right"):
        margins.append(margins.makeelement(_qn(f"w:{side}"), {_qn("w:w"): "0", _qn("w:type"): "dxa"}))
    one = Pt(RECORD_PT)
    for row, text in zip(table.rows, rows, strict=True):
        cell = row.cells[0]
        cell.width = Mm(BLOCK_W)
        p = w.para("", size=RECORD_PT, line=RECORD_PT * 1.7, container=cell, first=cell.paragraphs[0])
        fmt = p.paragraph_format
        fmt.right_indent = one
        if text.startswith("抄送："):
            fmt.left_indent, fmt.first_line_indent = one * 4, -one * 3
        else:
            fmt.left_indent = one
            fmt.tab_stops.add_tab_stop(Mm(BLOCK_W) - one, WD_TAB_ALIGNMENT.RIGHT)
        w.run(p, text, FANGSONG, RECORD_PT)
    w.para("", size=1, line=1)  # a document ends with a paragraph; this one takes no room
