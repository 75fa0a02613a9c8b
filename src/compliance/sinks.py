"""Where audit results go as they arrive: each output named on the command line, in the format registry's way —
a streamed format (terminal, JSON, GitHub annotations) writes each result at once; a whole format (SARIF, JUnit,
Markdown, HTML) is written at the end from results kept on disk (`spool`), read back one at a time.
"""

from __future__ import annotations

import sys
from contextlib import ExitStack
from pathlib import Path
from typing import IO

from .output import atomic_file, write_atomic
from .render import REPORTS, Format, Run, Writer
from .report import Report, Result, Tally
from .rulebook import Rule
from .spool import Spool


class Sinks:
    """Every output of one audit run; files appear only when `close` is reached without an error."""

    def __init__(self, outputs: list[tuple[str, Path | None]], inputs: list[Path], run: Run, stack: ExitStack):
        self.run, self.inputs = run, inputs
        # one summary row per result only for a format that shows them all (the terminal table)
        self.tally = Tally(run.head["fail_on"], keep_rows=any(REPORTS[name].rows for name, _ in outputs))
        self._writers: list[Writer] = []
        self._whole: list[tuple[Format, Path | None]] = []
        self.console = None  # the terminal table's console, which the progress bar shares
        for name, target in outputs:
            fmt = REPORTS[name]
            if not fmt.streamed:
                self._whole.append((fmt, target))
                continue
            handle: IO | None = stack.enter_context(atomic_file(target, inputs, fmt.binary)) if target else None
            writer = fmt.function()(handle, run)
            if handle is None:
                self.console = getattr(writer, "console", None) or self.console
            self._writers.append(writer)
        self.kept: Spool | None = stack.enter_context(_closing(Spool())) if self._whole else None

    def add(self, result: Result) -> None:
        self.tally.add(result)
        if self.kept is not None:
            self.kept.add(result)
        for writer in self._writers:
            writer.add(result)

    def close(self, exit_code: int, clauses: dict[str, str], rules: list[Rule]) -> None:
        summary = self.tally.summary(exit_code)
        for writer in self._writers:
            writer.finish(clauses, summary, self.tally.rows)
        if not self._whole:
            return
        report = Spooled(Report.model_validate(dict(self.run.head, results=[], clauses=clauses, summary=summary)),
                         self.kept)
        for fmt, target in self._whole:
            try:
                write = fmt.function("write")
            except AttributeError:  # a format with only `render`: its whole text at once
                data = fmt.function()(report, rules, self.run.lang)
                if target is not None:
                    write_atomic(target, data, self.inputs)
                elif isinstance(data, bytes):
                    sys.stdout.buffer.write(data)
                else:
                    sys.stdout.write(data)
                continue
            if target is None:
                write(sys.stdout, report, rules, self.run.lang)
                continue
            with atomic_file(target, self.inputs) as out:
                write(out, report, rules, self.run.lang)


class Spooled:
    """A report whose results are read back from the spool: what a whole format's `write` reads."""

    def __init__(self, report: Report, results: Spool | None):
        self._report, self.results = report, results if results is not None else []

    def __getattr__(self, name: str):
        return getattr(self._report, name)


def _closing(spool: Spool):
    from contextlib import closing

    return closing(spool)
