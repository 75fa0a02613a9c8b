"""Hidden characters (controls, bidi marks, line separators) found and shown as escapes such as `\\x1b`.

The one place that decides which text from a file may reach a terminal, an error message or a report unchanged.
"""

from __future__ import annotations

import re

# Characters that never belong in profile text: C0/C1 controls and DEL (category Cc), lone surrogates (Cs),
# line/paragraph separators, and the bidi marks, overrides and isolates that reorder what a reader sees.
_BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_HIDDEN = re.compile(rf"[\x00-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029{_BIDI}]")
_HIDDEN_IN_LINES = re.compile(rf"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029{_BIDI}]")  # \t and \n allowed


def hidden_char(text: str, lines: bool = False) -> str | None:
    """The first control, bidi or separator character in `text` (tabs and newlines allowed with `lines`)."""
    m = (_HIDDEN_IN_LINES if lines else _HIDDEN).search(text)
    return m.group() if m else None


def visible(text: str, lines: bool = False) -> str:
    """`text` with every control, bidi and separator character shown as an escape such as `\\x1b` (tabs and
    newlines kept with `lines`)."""
    return (_HIDDEN_IN_LINES if lines else _HIDDEN).sub(
        lambda m: m.group().encode("unicode_escape", "backslashreplace").decode("ascii"), text)
