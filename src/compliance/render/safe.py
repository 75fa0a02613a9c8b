"""Make untrusted text (society names, file names, messages quoting a profile) inert in each output format.

Validation already refuses control characters in profiles; these escapes are the second line of defence.
Hidden characters are shown the way error messages show them (`escapes.visible`).
"""

from __future__ import annotations

import html
import re

from ..escapes import visible

_NONCHARACTERS = re.compile("[\ufffe\uffff]")  # the only characters XML 1.0 forbids that `visible` keeps
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>!|~&#]|:(?=//))")  # and "://" starts an autolink
_MD_BLOCK_START = re.compile(r"^(\s*\d*)((?<=\d)[.)]|(?<!\d)[-+=])")  # a list item or a setext underline
_WWW = re.compile(r"(?i)(www)\.")  # so does "www."


def xml_text(text: str) -> str:
    """Text XML 1.0 can hold: the characters it forbids (controls, lone surrogates) become escapes."""
    return _NONCHARACTERS.sub(lambda m: f"\\u{ord(m.group()):04x}", visible(text, lines=True))


def _no_mention(text: str) -> str:
    # GitHub finds @mentions in the rendered text, so an escape does not help: a zero-width space does
    return text.replace("@", "@&#8203;")


def markdown_text(text: str) -> str:
    """Inline Markdown that renders as the same text: no link, image, HTML, emphasis, code, table cell
    break, autolink or @mention can be formed from it."""
    text = visible(text)
    text = _MD_SPECIAL.sub(r"\\\1", text)
    text = _WWW.sub(r"\1\\.", text)
    text = _MD_BLOCK_START.sub(r"\1\\\2", text)
    return _no_mention(text)


def markdown_code(text: str, in_table: bool = True) -> str:
    """A Markdown code span that shows `text` literally (nothing in a code span is a link or a mention): the
    fence is longer than any run of backticks inside; in a table a `|` must still be escaped."""
    text = visible(text)
    if in_table:
        text = text.replace("|", "\\|")
    fence = "`" * (max((len(run) for run in re.findall("`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def html_text(text: str) -> str:
    """Text inside raw HTML in Markdown (a <summary>): escaped as HTML, no mention."""
    return _no_mention(html.escape(visible(text), quote=True))


def workflow_data(text: str) -> str:
    """The message of a GitHub workflow command: no line break can start another command."""
    return visible(text, lines=True).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def workflow_property(text: str) -> str:
    """A property of a workflow command (file=, title=): also no `:` or `,` that would end it."""
    return workflow_data(text).replace(":", "%3A").replace(",", "%2C")
