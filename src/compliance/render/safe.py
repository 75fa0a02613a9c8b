"""Make untrusted text (society names, file names, messages quoting a profile) inert in each output format.

Validation already refuses control characters in profiles; these escapes are the second line of defence.
"""

from __future__ import annotations

import html
import re

# C0 and C1 controls, DEL, and the invisible characters that reorder or break lines on a terminal or in an
# editor (bidirectional overrides, line and paragraph separators).
_INVISIBLE = "\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff"
_CONTROLS = re.compile(f"[\x00-\x1f{_INVISIBLE}]")
_CONTROLS_BUT_NEWLINE = re.compile(f"[\x00-\x09\x0b-\x1f{_INVISIBLE}]")
_XML_FORBIDDEN = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>!|~&#]|:(?=//))")  # and "://" starts an autolink
_MD_BLOCK_START = re.compile(r"^(\s*\d*)((?<=\d)[.)]|(?<!\d)[-+=])")  # a list item or a setext underline
_WWW = re.compile(r"(?i)(www)\.")  # so does "www."


def _code(ch: str) -> str:
    n = ord(ch)
    return f"\\x{n:02x}" if n < 0x100 else f"\\u{n:04x}"


def visible(text: str, newlines: bool = False) -> str:
    """Every control character as a visible escape (`\\x1b`); with `newlines`, line feeds stay."""
    pattern = _CONTROLS_BUT_NEWLINE if newlines else _CONTROLS
    return pattern.sub(lambda m: _code(m.group()), text)


def xml_text(text: str) -> str:
    """Text XML 1.0 can hold: the characters it forbids (most controls, lone surrogates) become escapes."""
    return _XML_FORBIDDEN.sub(lambda m: _code(m.group()), text)


def _no_mention(text: str) -> str:
    # GitHub finds @mentions in the rendered text, so an escape does not help: a zero-width space does
    return text.replace("@", "@&#8203;")


def markdown_text(text: str) -> str:
    """Inline Markdown that renders as the same text: no link, image, HTML, emphasis, code, table cell
    break, autolink or @mention can be formed from it."""
    text = visible(text).replace("\n", " ")
    text = _MD_SPECIAL.sub(r"\\\1", text)
    text = _WWW.sub(r"\1\\.", text)
    text = _MD_BLOCK_START.sub(r"\1\\\2", text)
    return _no_mention(text)


def markdown_code(text: str, in_table: bool = True) -> str:
    """A Markdown code span that shows `text` literally (nothing in a code span is a link or a mention): the
    fence is longer than any run of backticks inside; in a table a `|` must still be escaped."""
    text = visible(text).replace("\n", " ")
    if in_table:
        text = text.replace("|", "\\|")
    fence = "`" * (max((len(run) for run in re.findall("`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def html_text(text: str) -> str:
    """Text inside raw HTML in Markdown (a <summary>): escaped as HTML, no mention."""
    return _no_mention(html.escape(visible(text).replace("\n", " "), quote=True))


def workflow_data(text: str) -> str:
    """The message of a GitHub workflow command: no line break can start another command."""
    return visible(text, newlines=True).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def workflow_property(text: str) -> str:
    """A property of a workflow command (file=, title=): also no `:` or `,` that would end it."""
    return workflow_data(text).replace(":", "%3A").replace(",", "%2C")
