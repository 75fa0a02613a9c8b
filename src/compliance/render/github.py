"""GitHub Actions workflow commands: one annotation per finding (and per invalid file) on the profile's line.

Every value is escaped so that no line break in a file name or message can start a command of its own.
"""

from __future__ import annotations

import sys
from typing import IO

from ..i18n import clause_ref
from ..report import Report, Result, Row, Summary
from ..rulebook import Rule
from . import Run
from .safe import workflow_data as _data
from .safe import workflow_property as _prop

COMMAND = {"violation": "error", "warning": "warning", "advice": "notice"}


class GithubWriter:
    def __init__(self, out: IO[str] | None, run: Run):
        self.out, self.lang = out or sys.stdout, run.lang

    def add(self, result: Result) -> None:
        self.out.write(result_lines(result, self.lang))

    def finish(self, clauses: dict[str, str], summary: Summary, rows: list[Row]) -> None:
        pass


stream = GithubWriter


def render(report: Report, rules: list[Rule], lang: str) -> str:
    return "".join(result_lines(res, lang) for res in report.results)


def result_lines(res: Result, lang: str = "zh") -> str:
    """The annotations of one result, each line ending in a newline."""
    lines = []
    for e in res.errors:
        lines.append(f"::error file={_prop(e.file)},line={e.line or 1},col={e.column or 1},"
                     f"title={_prop('PROFILE-INVALID')}::{_data((e.path + ': ' if e.path else '') + e.message)}")
    for f in res.findings:
        if f.waived:
            continue
        title = f"{f.rule} ({clause_ref(f.clause, lang, cite=True)})"
        lines.append(f"::{COMMAND[f.severity]} file={_prop(res.file)},line={f.line},col={f.column},"
                     f"title={_prop(title)}::{_data(f.message + chr(10) + f.remediation)}")
    return "".join(line + "\n" for line in lines)
