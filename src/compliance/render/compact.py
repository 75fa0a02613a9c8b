"""The `compact` format: one line per finding, `file:line:col: [severity] RULE message`, for editors and grep (like
yamllint's `parsable`), in the order of the lines; an invalid file gives one `[error] PROFILE-INVALID` line per
problem. Waived findings are left out, as they fail nothing.

Every value is shown with its control characters escaped, so a line break in a file name or message can never
start a line of its own.
"""

from __future__ import annotations

from ..problem import field_named
from ..report import Result
from . import LineFormat
from .safe import visible


def result_lines(res: Result, lang: str = "zh") -> str:
    """The lines of one result, each ending in a newline."""
    lines = [f"{visible(e.file)}:{e.line or 1}:{e.column or 1}: [error] PROFILE-INVALID "
             f"{visible(field_named(e.path, e.title, lang) + e.message)}" for e in res.errors]
    lines += [f"{visible(res.file)}:{f.line}:{f.column}: [{f.severity}] {f.rule} {visible(f.message)}"
              for f in sorted(res.findings, key=lambda f: (f.line, f.column, f.rule)) if not f.waived]
    return "".join(line + "\n" for line in lines)


_FORMAT = LineFormat(result_lines)
stream, render = _FORMAT.stream, _FORMAT.render
