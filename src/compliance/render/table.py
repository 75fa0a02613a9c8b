"""Terminal report with rich (the `table` format, streamed): findings per society grouped by clause, coloured by
severity, then a summary table when there is more than one file.

Every text that did not come from this program is shown with its control characters as visible escapes:
rich's markup escape alone would let an ESC sequence through to the terminal.
"""

from __future__ import annotations

import os
import sys
from itertools import groupby
from typing import IO

from rich.console import Console
from rich.markup import escape as _markup
from rich.table import Table
from rich.text import Text

from ..i18n import clause_ref, label, t
from ..problem import field_named
from ..report import Ladder, Result, Row, Summary, clause_order, worst_first
from ..vocabulary import SEVERITIES
from . import Run
from .safe import visible
from .wrap import cells, spans

STYLE = {"violation": "bold red", "warning": "yellow", "advice": "cyan"}
MARK = {"violation": "✖", "warning": "▲", "advice": "•"}


def escape(text: str) -> str:
    """Text for rich markup that can neither style itself nor reach the terminal as a control sequence."""
    return _markup(visible(text))


def console(file: IO[str] | None = None, width: int | None = None) -> Console:
    """A console on `file` (None: standard output, as it is when printing), or on a file 200 columns wide.

    Text is wrapped to the width of a terminal (or of COLUMNS); in a file or a pipe each line stays whole, for
    grep and editors."""
    unknown = file is not None or not (sys.stdout.isatty() or os.environ.get("COLUMNS", "").isdigit())
    return Console(file=file, width=width, highlight=False, emoji=False, soft_wrap=unknown)


class TableWriter:
    """The `table` format: each result as it arrives, the summary at the end. On standard output its console is
    shared with the progress bar, so results print above the bar."""

    def __init__(self, out: IO[str] | None, run: Run):
        self.console = console(out, 200) if out is not None else console()
        self.run = run

    def add(self, result: Result) -> None:
        print_result(self.console, result, self.run.lang, self.run.titles, self.run.head["as_of"])

    def finish(self, clauses: dict[str, str], summary: Summary, rows: list[Row]) -> None:
        if summary.files > 1:
            print_summary(self.console, rows, summary, self.run.head["as_of"], self.run.lang)


stream = TableWriter


def say(console: Console, markup: str, indent: int = 0, hang: int = 0) -> None:
    """One line of markup at `indent`, wrapped to the console's width between phrases (never inside a word, date,
    path or rule id), its continuation lines at `indent + hang`. A console writing a file does not wrap."""
    text = Text.from_markup(markup)
    if console.soft_wrap:
        console.print(Text(" " * indent) + text)
        return
    for line in wrapped(text, console.width, indent, hang):
        console.print(line, no_wrap=True, overflow="ignore")


def wrapped(text: Text, width: int, indent: int = 0, hang: int = 0) -> list[Text]:
    """`text` (styled) in lines of at most `width` columns: the first at `indent`, the others at `indent + hang`."""
    room = width - indent
    return [Text(" " * (indent + (hang if k else 0))) + text[a:b]
            for k, (a, b) in enumerate(spans(text.plain, room - hang, first=room))]


def print_result(console: Console, r: Result, lang: str, titles: dict[str, str] | None = None,
                 as_of: str = "") -> None:
    if r.society.name or r.society.id:
        head = f"[bold]{escape(r.society.name or '—')}[/bold] ({escape(r.society.id or '—')})  [dim]{escape(r.file)}[/dim]"
    else:  # a file that could not be read far enough to name its society is known by its name
        head = f"[bold]{escape(r.file)}[/bold]"
    say(console, head, 0, 2)
    if not r.valid:
        say(console, f"[bold red]{t('invalid_file', lang)}[/bold red]", 2)
    for e in r.errors:  # a valid profile has errors too: a refused waiver
        where = e.file + (f":{e.line}:{e.column}" if e.line else "")
        say(console, f"[red]✖[/red] {escape(where)}: {escape(field_named(e.path, e.title, lang))}{escape(e.message)}",
            2, 2)
    if not r.valid:
        console.print()
        return
    colon = t("colon", lang)
    if r.ladder:
        lad = r.ladder
        line = (f"[magenta]{t('col_stage', lang)}{colon}{escape(lad.stage_label)}[/magenta] → "
                f"[bold]{escape(lad.next_step_label)}[/bold]")
        if lad.deadline:
            key = "deadline_left" if (lad.days_remaining or 0) >= 0 else "deadline_over"
            line += f"  [dim]{t(key, lang, deadline=lad.deadline, days=abs(lad.days_remaining or 0))}[/dim]"
        say(console, line, 2, 2)
        print_ladder_details(console, lad, lang)
    if r.left_out:
        fields = t("enum_sep", lang).join(f"{name} {n}" for name, n in r.left_out_by.items())
        say(console, f"[dim]{escape(t('left_out', lang, count=r.left_out, as_of=as_of, fields=fields))}[/dim]", 2)
    if not r.findings:
        say(console, f"[green]✔ {t('no_findings', lang)}[/green]", 2)
        console.print()
        return
    ordered = sorted(r.findings, key=lambda f: clause_order(f.clause))
    for clause, group in groupby(ordered, key=lambda f: f.clause):
        title = (titles or {}).get(clause, "")
        say(console, f"[bold underline]{escape(clause_ref(clause, lang))}[/bold underline] [bold]{escape(title)}[/bold]", 2, 2)
        for f in group:
            style = "dim" if f.waived else STYLE[f.severity]
            tag = label("severity", f.severity, lang) + (f" · {t('waived', lang)}" if f.waived else "")
            tag += f" · {t('known', lang)}" if f.new is False else ""
            say(console, f"[{style}]{MARK[f.severity]} {tag}[/{style}] [bold]{escape(f.rule)}[/bold] "
                         f"[dim]{escape(r.file)}:{f.line}:{f.column}[/dim]", 4, 2)
            say(console, escape(f.message), 6)
            quote, remedy = t("quote", lang) + colon, t("remedy", lang) + colon
            say(console, f"[dim]{quote}{escape(f.quote)}[/dim]", 6, cells(quote))
            if f.basis:  # the other regulation the rule rests on, next to the clause that makes it relevant
                basis = t("basis", lang) + colon
                say(console, f"[dim]{basis}{escape(f.basis.text())}[/dim]", 6, cells(basis))
            say(console, f"[green]{remedy}{escape(f.remediation)}[/green]", 6, cells(remedy))
            if f.waiver:  # applied, expired or not yet in force
                say(console, f"[dim]{escape(f.waiver)}[/dim]", 6)
    counts = {s: r.count(s) for s in SEVERITIES}
    say(console, t("totals", lang, **counts), 2)
    console.print()


def print_ladder_details(console: Console, lad: Ladder, lang: str) -> None:
    """Beside the step: what it rests on (each finding's item-7 category), the episode in progress with each cited
    issue resolved or remaining, and the flags (what the association must decide, what is an inference)."""
    colon = t("colon", lang)
    grounds = lad.grounds(lang)
    if grounds:
        head = t("ladder_grounds", lang) + colon
        say(console, f"[dim]{escape(head)}{escape(grounds)}[/dim]", 4, cells(head))
    ep = lad.episode
    if ep is not None:
        if ep.outcome_text:
            say(console, f"[bold]{escape(ep.outcome_text)}[/bold]", 4, 2)
        say(console, escape(ep.head), 4, 2)
        for issue in ep.cited:
            style, mark = ("red", "✖") if issue.status == "remaining" else ("green", "✔")
            where = f"  [dim]{escape(', '.join(issue.paths))}[/dim]" if issue.paths else ""
            say(console, f"[{style}]{mark} {escape(issue.status_label)}[/{style}] [bold]{escape(issue.item)}[/bold] "
                         f"{escape(issue.title)}{where}", 6, 2)
        if ep.improvement is not None:
            say(console, escape(ep.improvement.text), 4, 2)
    for flag in lad.flags:
        say(console, f"[yellow]⚑ {escape(flag.label)}[/yellow]{colon}{escape(flag.text)}", 4, 2)


def print_summary(console: Console, rows: list[Row], summary: Summary, as_of: str, lang: str) -> None:
    """The summary table, worst first (see `report.worst_first`), with each rectification deadline."""
    table = Table(title=t("summary_title", lang, as_of=as_of), show_lines=False, expand=False)
    # the stage and the next step are never cut: on a narrow terminal the deadline, the counts and the items are
    # shown only as far as they fit, in that order, then the society's name wraps
    table.add_column(t("col_society", lang), overflow="fold")
    table.add_column(t("col_stage", lang), no_wrap=True)
    table.add_column(t("col_next", lang), no_wrap=True)
    table.add_column(t("col_deadline", lang), no_wrap=True)
    table.add_column(t("col_violation", lang), justify="right", style="red", no_wrap=True)
    table.add_column(t("col_warning", lang), justify="right", style="yellow", no_wrap=True)
    table.add_column(t("col_advice", lang), justify="right", style="cyan", no_wrap=True)
    table.add_column(t("col_clauses", lang))
    for row in worst_first(rows):
        if not row.valid:
            table.add_row(escape(row.name), f"[red]{t('invalid_stage', lang)}[/red]", "", "", "—", "—", "—", "")
            continue
        step = row.step_label(lang) or "—"
        clauses = t("enum_sep", lang).join(clause_ref(c, lang) for c in row.top_clauses)
        table.add_row(escape(row.name), escape(row.stage_label or "—"), escape(step), days_left(row, lang),
                      str(row.violation), str(row.warning), str(row.advice), escape(clauses))
    fit(console, table, optional=[3, 4, 5, 6, 7])
    console.print(table)
    s = summary
    say(console, t("summary_line", lang, files=s.files, valid=s.valid, invalid=s.invalid, violation=s.violation,
                   warning=s.warning, advice=s.advice))
    if s.left_out:
        say(console, t("summary_left_out", lang, count=s.left_out, as_of=as_of))


def days_left(row: Row, lang: str) -> str:
    """A deadline cell: the date and the days left, or overdue in red; empty without a deadline."""
    if row.deadline is None or row.days_remaining is None:
        return ""
    if row.days_remaining < 0:
        return f"[red]{t('cell_overdue', lang, deadline=row.deadline, days=-row.days_remaining)}[/red]"
    return t("cell_left", lang, deadline=row.deadline, days=row.days_remaining)


def fit(console: Console, table: Table, optional: list[int]) -> None:
    """Keep the columns numbered in `optional` (most important first) only while the table still fits the
    console; the other columns are always kept, and the columns kept are never wrapped or cut."""
    from rich.measure import Measurement

    unbounded = console.options.update(max_width=10_000)  # what the table wants, not what the console allows
    columns = list(table.columns)
    kept = set(range(len(columns))) - set(optional)
    for i in optional:
        table.columns = [c for k, c in enumerate(columns) if k in kept or k == i]
        if Measurement.get(console, unbounded, table).maximum <= console.width:
            kept.add(i)
    table.columns = [c for k, c in enumerate(columns) if k in kept]
