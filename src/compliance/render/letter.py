"""The letter formats: a composed letter as HTML (GB/T 9704-2012 layout, prints as A4), Markdown, or DOCX
(python-docx). HTML and Markdown may come from a user's own templates, sandboxed (see `templates`).
"""

from __future__ import annotations

import io

from jinja2 import Environment

from ..letters import CN, Letter, cn_number
from .safe import xml_text
from .templates import environment, render, user_env


def html(letter: Letter, templates: str | None = None) -> str:
    """The `html` letter format; `templates`: a user's template folder."""
    return to_html(letter, user_env(templates) if templates else None)


def markdown(letter: Letter, templates: str | None = None) -> str:
    """The `md` letter format."""
    return to_markdown(letter, user_env(templates, markdown=True) if templates else None)


def docx(letter: Letter, templates: str | None = None) -> bytes:
    """The `docx` letter format (built in code: a user's templates do not apply)."""
    return to_docx(letter)


def to_html(letter: Letter, env: Environment | None = None) -> str:
    return render(env or environment(), "letter.html.j2", letter=letter, cn=CN)


def to_markdown(letter: Letter, env: Environment | None = None) -> str:
    return render(env or environment(True), "letter.md.j2", letter=letter, cn=CN)


FANGSONG, XIAOBIAOSONG, HEITI = "仿宋_GB2312", "方正小标宋简体", "黑体"


def to_docx(letter: Letter) -> bytes:
    """A DOCX with the GB/T 9704 page, fonts and sizes; offices edit, number and stamp it. Characters XML
    forbids (controls) are written as escapes: python-docx would refuse them."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt, RGBColor

    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)

    def run_font(run, name: str, size: float, color: RGBColor | None = None, bold: bool = False) -> None:
        run.font.name = name
        run.font.size = Pt(size)
        run.font.bold = bold
        run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)
        if color is not None:
            run.font.color.rgb = color

    def para(text: str, font: str = FANGSONG, size: float = 16, align=None, indent: bool = True,
             color: RGBColor | None = None, style: str | None = None):
        p = doc.add_paragraph(style=style)
        p.paragraph_format.line_spacing = Pt(28.9)  # 22 lines on the 225 mm text block
        p.paragraph_format.space_after = Pt(0)
        if indent:
            p.paragraph_format.first_line_indent = Pt(size * 2)
        if align is not None:
            p.alignment = align
        run_font(p.add_run(xml_text(text)), font, size, color)
        return p

    red = RGBColor(0xDD, 0, 0)
    para(letter.draft_note, HEITI, 12, indent=False)
    para(letter.mark, XIAOBIAOSONG, 26, WD_ALIGN_PARAGRAPH.CENTER, False, red)
    para(letter.doc_no, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False)
    rule = para("", indent=False)
    border = rule._p.get_or_add_pPr().makeelement(qn("w:pBdr"), {})
    bottom = border.makeelement(qn("w:bottom"), {qn("w:val"): "single", qn("w:sz"): "12", qn("w:color"): "DD0000"})
    border.append(bottom)
    rule._p.get_or_add_pPr().append(border)
    title = doc.add_heading(level=1)
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run_font(title.add_run(xml_text(letter.title)), XIAOBIAOSONG, 22, RGBColor(0, 0, 0))
    para(letter.recipient, indent=False)
    para(letter.opening)
    for i, fact in enumerate(letter.facts, 1):
        para(f"{i}. {fact.text}")
    para(letter.basis)
    for i, (head, text) in enumerate(letter.items, 1):
        p = para("")
        run_font(p.add_run(xml_text(f"{cn_number(i)}、{head}")), HEITI, 16)
        run_font(p.add_run(xml_text(text)), FANGSONG, 16)
    for i, r in enumerate(letter.requirements, 1):
        para(f"（{cn_number(i)}）{r}")
    for a in letter.after:
        para(a)
    para(letter.closing)
    if letter.contact:
        para(f"（{letter.contact.rstrip('。')}）")
    para("", indent=False)
    para(letter.signature, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
    para(letter.date_text, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
    para("", indent=False)
    if letter.cc:
        para(f"抄送：{'，'.join(letter.cc)}。", size=14, indent=False)
    para(f"{letter.printer}　　　　{letter.print_date_text}印发", size=14, indent=False)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
