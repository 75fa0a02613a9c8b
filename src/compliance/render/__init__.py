"""The output formats, each registered here once: one module per format in this package, imported only when used.

The CLI's choices and help, the `--report FORMAT=FILE` parser and the sinks all read `REPORTS` (audit reports)
and `LETTERS` (letters): adding a format is its module plus one `add` line below (the CLI builds its choices
when it is imported, so a format registered elsewhere must be added before `compliance.cli` is imported).

A report format is *streamed* (module function `stream(out, run) -> Writer`: written one result at a time as
results arrive) or *whole* (`write(out, report, rules, lang)`: written at the end, reading `report.results` one
at a time, as often as it needs — they come back from disk, see `spool`; `render(report, rules, lang) -> str | bytes`
gives the same text). A letter format's module has `render(letter, templates) -> str | bytes` (`templates`: a
user's template folder, or None). An explanation format's module (`EXPLAINS`, for `compliance explain`) has
`render(explanation) -> str`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import import_module
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from ..report import Result, Row, Summary


@dataclass(frozen=True)
class Format:
    name: str
    module: str  # ".sarif": a module of this package; any other importable module by its full name
    streamed: bool = False
    entry: str = ""  # the module's function (default: `stream` for streamed formats, else `render`)
    binary: bool = False  # a streamed format that writes bytes (its file is opened in binary mode)
    rows: bool = False  # shows one summary row per result (the run keeps them only when such a format is asked for)

    def function(self, entry: str = "") -> Callable[..., Any]:
        name = entry or self.entry or ("stream" if self.streamed else "render")
        return getattr(import_module(self.module, __name__), name)


class Formats(dict[str, Format]):
    """name → Format, in registration order (the order choices are shown in)."""

    def add(self, name: str, module: str, **options: Any) -> Format:
        self[name] = Format(name, module, **options)
        return self[name]


@dataclass(frozen=True)
class Run:
    """What every output of one audit run knows before the first result: the report's head (tool, as_of, lang,
    fail_on) and the clause titles in the run's language."""

    head: dict[str, Any]
    titles: dict[str, str] = field(default_factory=dict)

    @property
    def lang(self) -> str:
        return self.head["lang"]


class LineFormat:
    """A format whose every result is a few lines of text (`lines(result, lang) -> str`): streamed as results
    arrive, or written whole; nothing comes after the last result."""

    def __init__(self, lines: Callable[[Result, str], str]):
        self.lines = lines

    def stream(self, out: Any, run: Run) -> Writer:
        return _LineWriter(out, run.lang, self.lines)

    def render(self, report: Any, rules: Any, lang: str) -> str:
        return "".join(self.lines(result, lang) for result in report.results)


class _LineWriter:
    def __init__(self, out: Any, lang: str, lines: Callable[[Result, str], str]):
        import sys

        self.out, self.lang, self.lines = out or sys.stdout, lang, lines

    def add(self, result: Result) -> None:
        self.out.write(self.lines(result, self.lang))

    def finish(self, clauses: dict[str, str], summary: Summary, rows: list[Row]) -> None:
        pass


class Writer(Protocol):
    """A streamed format's writer: `out` None is standard output."""

    def add(self, result: Result) -> None: ...

    def finish(self, clauses: dict[str, str], summary: Summary, rows: list[Row]) -> None: ...


REPORTS = Formats()
REPORTS.add("table", ".table", streamed=True, rows=True)
REPORTS.add("json", ".json_report", streamed=True)
REPORTS.add("sarif", ".sarif")
REPORTS.add("junit", ".junit")
REPORTS.add("github", ".github", streamed=True)
REPORTS.add("markdown", ".markdown")
REPORTS.add("html", ".html")
REPORTS.add("xlsx", ".xlsx", streamed=True, binary=True, rows=True)
REPORTS.add("csv", ".csv", streamed=True)
REPORTS.add("compact", ".compact", streamed=True)

# The year-over-year comparison (`compliance compare`): module function (comparison, lang) -> str
COMPARISONS = Formats()
COMPARISONS.add("table", ".compare", entry="table")
COMPARISONS.add("json", ".compare", entry="json")
COMPARISONS.add("markdown", ".compare", entry="markdown")
COMPARISONS.add("html", ".compare", entry="html")

LETTERS = Formats()
LETTERS.add("html", ".letter", entry="html")
LETTERS.add("md", ".letter", entry="markdown")
LETTERS.add("docx", ".letter_docx")
LETTERS.add("pdf", ".letter_pdf")  # WeasyPrint, the optional extra compliance[pdf]

EXPLAINS = Formats()  # `compliance explain`: module function `render(explanation) -> str`
EXPLAINS.add("table", ".explain_text")
EXPLAINS.add("json", ".explain_json")
EXPLAINS.add("markdown", ".explain_markdown")
