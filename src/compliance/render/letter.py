"""The letter formats written from templates: a composed letter as HTML (GB/T 9704-2012 layout, prints as A4;
the PDF is made from it) or Markdown. A user's own templates are rendered sandboxed (see `templates`).
"""

from __future__ import annotations

from typing import Any

from jinja2 import Environment

from ..letters import CN, Letter
from .letter_docx import to_docx
from .letter_layout import LINE_PT, signature_indent, title_lines
from .templates import environment, render, user_env

__all__ = ["docx", "html", "markdown", "to_docx", "to_html", "to_markdown"]


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
            "sign_indent": signature_indent(letter.signature, letter.date_text)}


def to_html(letter: Letter, env: Environment | None = None, line: float = LINE_PT) -> str:
    return render(env or environment(), "letter.html.j2", **context(letter, line))


def to_markdown(letter: Letter, env: Environment | None = None) -> str:
    return render(env or environment(True), "letter.md.j2", **context(letter))
