"""The letter formats written from templates: a composed letter as HTML (GB/T 9704-2012 layout, prints as A4;
the PDF is made from it) or Markdown. A user's own templates are rendered sandboxed (see `templates`).
"""

from __future__ import annotations

import re
from typing import Any

from jinja2 import Environment
from markupsafe import Markup, escape

from ..letters import CN, Letter
from .letter_docx import to_docx
from .letter_layout import LINE_PT, signature_indent, title_lines
from .templates import environment, render, user_env

__all__ = ["docx", "html", "markdown", "to_docx", "to_html", "to_markdown"]


# What a printed line never breaks inside: a date, a 发文字号's year and number, an article, a number and its unit
# (a date split across two lines, or two pages, is the first thing a reader of a 公文 stumbles on).
_UNBROKEN = re.compile(r"\d{4}年\d{1,2}月\d{1,2}日|〔\d{4}〕\d+号|第\d+条|\d+(?:周岁|个月|[年月日天名人届条个次元号])")


def unbroken(text: str) -> Markup:
    """`text` escaped for HTML, with the pieces a line must not break inside kept whole (`<span class="nobr">`)."""
    return Markup(_UNBROKEN.sub(lambda m: f'<span class="nobr">{m.group(0)}</span>', str(escape(text))))


def html(letter: Letter, templates: str | None = None) -> str:
    """The `html` letter format; `templates`: a user's template folder."""
    return to_html(letter, user_env(templates) if templates else None)


def markdown(letter: Letter, templates: str | None = None) -> str:
    """The `md` letter format."""
    return to_markdown(letter, user_env(templates, markdown=True) if templates else None)


def docx(letter: Letter, templates: str | None = None) -> bytes:
    """The `docx` letter format (built in code: a user's templates do not apply)."""
    return to_docx(letter)


def context(letter: Letter, line: float = LINE_PT) -> dict[str, Any]:
    """What a letter template is given: the letter, Chinese numerals and the layout computed for it (`line`:
    the line pitch in pt, 22 lines a page unless the PDF tightens it, GB/T 9704-2012 7.3.5.4)."""
    return {"letter": letter, "cn": CN, "title_lines": title_lines(letter.pieces), "line": round(line, 2),
            "sign_indent": signature_indent(letter.signature, letter.date_text), "unbroken": unbroken}


def to_html(letter: Letter, env: Environment | None = None, line: float = LINE_PT) -> str:
    return render(env or environment(), "letter.html.j2", **context(letter, line))


def to_markdown(letter: Letter, env: Environment | None = None) -> str:
    return render(env or environment(True), "letter.md.j2", **context(letter))
