"""Where audit results go as they arrive: the terminal, JSON and GitHub annotations are written one result at
a time; SARIF, JUnit, Markdown and HTML keep the results and are written whole at the end.
"""

from __future__ import annotations

import sys
from contextlib import ExitStack
from pathlib import Path
from typing import IO, Any

from .output import atomic_file
from .report import Report, Result, Tally

STREAMED = ("table", "json", "github")


class Sinks:
    """Every output of one audit run; files appear only when `close` is reached without an error."""

    def __init__(self, outputs: list[tuple[str, Path | None]], inputs: list[Path], lang: str, head: dict[str, Any],
                 console_factory, stack: ExitStack):
        self.lang, self.head = lang, head
        self.tally = Tally(head["fail_on"])
        self.kept: list[Result] | None = [] if any(f not in STREAMED for f, _ in outputs) else None
        self._stream: list[tuple[str, Any]] = []
        self._whole: list[tuple[str, Path | None]] = []
        self.console = None
        for fmt, target in outputs:
            if fmt not in STREAMED:
                self._whole.append((fmt, target))
                continue
            handle: IO[str] | None = stack.enter_context(atomic_file(target, inputs)) if target else None
            if fmt == "table":
                console = console_factory(handle, 200) if handle else console_factory(None, None)
                if handle is None:
                    self.console = console  # the progress bar shares it, so results print above the bar
                self._stream.append(("table", console))
            elif fmt == "json":
                from .render.json_report import JsonWriter

                self._stream.append(("json", JsonWriter(handle or sys.stdout, head)))
            else:
                self._stream.append(("github", handle or sys.stdout))

    def add(self, result: Result, titles: dict[str, str]) -> None:
        self.tally.add(result)
        if self.kept is not None:
            self.kept.append(result)
        for kind, sink in self._stream:
            if kind == "table":
                from .render.table import print_result

                print_result(sink, result, self.lang, titles)
            elif kind == "json":
                sink.add(result)
            else:
                from .render.github import result_lines

                sink.write(result_lines(result))

    def close(self, exit_code: int, clauses: dict[str, str], rules: list, inputs: list[Path]) -> None:
        summary = self.tally.summary(exit_code)
        for kind, sink in self._stream:
            if kind == "table" and self.tally.files > 1:
                from .render.table import print_summary

                print_summary(sink, self.tally.rows, summary, self.head["as_of"], self.lang)
            elif kind == "json":
                sink.finish(clauses, summary)
        if self._whole:
            from .output import write_atomic
            from .render import render_text

            report = Report.model_validate(dict(self.head, results=[], clauses=clauses, summary=summary))
            report.results.extend(self.kept or [])
            for fmt, target in self._whole:
                text = render_text(fmt, report, rules, self.lang)
                if target is None:
                    sys.stdout.write(text)
                else:
                    write_atomic(target, text, inputs)
