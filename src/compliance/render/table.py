"""Terminal report with rich (the `table` format, streamed): findings per society grouped by clause, coloured by
severity, then a summary table when there is more than one file.

Every text that did not come from this program is shown with its control characters as visible escapes:
rich's markup escape alone would let an ESC sequence through to the terminal.
"""

from __future__ import annotations

from itertools import groupby
from typing import IO

from rich.console import Console
from rich.markup import escape as _markup
from rich.table import Table

from ..i18n import clause_ref, label, t
from ..report import Ladder, Result, Row, Summary, clause_order, worst_first
from ..vocabulary import SEVERITIES
from . import Run
from .safe import visible

STYLE = {"violation": "bold red", "warning": "yellow", "advice": "cyan"}
MARK = {"violation": "✖", "warning": "▲", "advice": "•"}


def escape(text: str) -> str:
    """Text for rich markup that can neither style itself nor reach the terminal as a control sequence."""
    return _markup(visible(text))


def console(file: IO[str] | None = None, width: int | None = None) -> Console:
    """A console on `file` (None: standard output, as it is when printing), or on a file 200 columns wide."""
    return Console(file=file, width=width, highlight=False, emoji=False, soft_wrap=file is not None)


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


def print_result(console: Console, r: Result, lang: str, titles: dict[str, str] | None = None,
                 as_of: str = "") -> None:
    head = f"[bold]{escape(r.society.name or '—')}[/bold] ({escape(r.society.id or '—')})  [dim]{escape(r.file)}[/dim]"
    console.print(head)
    if not r.valid:
        console.print(f"  [bold red]{t('invalid_file', lang)}[/bold red]")
    for e in r.errors:  # a valid profile has errors too: a refused waiver
        where = e.file + (f":{e.line}:{e.column}" if e.line else "")
        console.print(f"  [red]✖[/red] {escape(where)}: {escape(e.path + ': ' if e.path else '')}{escape(e.message)}")
    if not r.valid:
        console.print()
        return
    if r.ladder:
        lad = r.ladder
        line = (f"  [magenta]{t('col_stage', lang)}{t('colon', lang)}{escape(lad.stage_label)}[/magenta] → "
                f"[bold]{escape(lad.next_step_label)}[/bold]")
        if lad.deadline:
            key = "deadline_left" if (lad.days_remaining or 0) >= 0 else "deadline_over"
            line += f"  [dim]{t(key, lang, deadline=lad.deadline, days=abs(lad.days_remaining or 0))}[/dim]"
        console.print(line)
        print_ladder_details(console, lad, lang)
    if r.left_out:
        fields = t("enum_sep", lang).join(f"{name} {n}" for name, n in r.left_out_by.items())
        console.print(f"  [dim]{escape(t('left_out', lang, count=r.left_out, as_of=as_of, fields=fields))}[/dim]")
    if not r.findings:
        console.print(f"  [green]✔ {t('no_findings', lang)}[/green]\n")
        return
    ordered = sorted(r.findings, key=lambda f: clause_order(f.clause))
    for clause, group in groupby(ordered, key=lambda f: f.clause):
        title = (titles or {}).get(clause, "")
        console.print(f"  [bold underline]{escape(clause_ref(clause, lang))}[/bold underline] [bold]{escape(title)}[/bold]")
        for f in group:
            style = "dim" if f.waived else STYLE[f.severity]
            tag = label("severity", f.severity, lang) + (f" · {t('waived', lang)}" if f.waived else "")
            tag += f" · {t('known', lang)}" if f.new is False else ""
            console.print(f"    [{style}]{MARK[f.severity]} {tag}[/{style}] [bold]{escape(f.rule)}[/bold] "
                          f"[dim]{escape(r.file)}:{f.line}:{f.column}[/dim]")
            console.print(f"      {escape(f.message)}")
            colon = t("colon", lang)
            console.print(f"      [dim]{t('quote', lang)}{colon}{escape(f.quote)}[/dim]")
            if f.basis:  # the other regulation the rule rests on, next to the clause that makes it relevant
                console.print(f"      [dim]{t('basis', lang)}{colon}{escape(f.basis.text())}[/dim]")
            console.print(f"      [green]{t('remedy', lang)}{colon}{escape(f.remediation)}[/green]")
            if f.waiver:  # applied, expired or not yet in force
                console.print(f"      [dim]{escape(f.waiver)}[/dim]")
    counts = {s: r.count(s) for s in SEVERITIES}
    console.print(f"  {t('totals', lang, **counts)}\n")


def print_ladder_details(console: Console, lad: Ladder, lang: str) -> None:
    """Beside the step: what it rests on (each finding's item-7 category), the episode in progress with each cited
    issue resolved or remaining, and the flags (what the association must decide, what is an inference)."""
    colon = t("colon", lang)
    grounds = lad.grounds(lang)
    if grounds:
        console.print(f"    [dim]{t('ladder_grounds', lang)}{colon}{escape(grounds)}[/dim]")
    ep = lad.episode
    if ep is not None:
        if ep.outcome_text:
            console.print(f"    [bold]{escape(ep.outcome_text)}[/bold]")
        console.print(f"    {escape(ep.head)}")
        for issue in ep.cited:
            style, mark = ("red", "✖") if issue.status == "remaining" else ("green", "✔")
            where = f"  [dim]{escape(', '.join(issue.paths))}[/dim]" if issue.paths else ""
            console.print(f"      [{style}]{mark} {escape(issue.status_label)}[/{style}] [bold]{escape(issue.item)}[/bold] "
                          f"{escape(issue.title)}{where}")
        if ep.improvement is not None:
            console.print(f"    {escape(ep.improvement.text)}")
    for flag in lad.flags:
        console.print(f"    [yellow]⚑ {escape(flag.label)}[/yellow]{colon}{escape(flag.text)}")


def print_summary(console: Console, rows: list[Row], summary: Summary, as_of: str, lang: str) -> None:
    """The summary table, worst first (see `report.worst_first`), with each rectification deadline."""
    table = Table(title=t("summary_title", lang, as_of=as_of), show_lines=False, expand=False)
    table.add_column(t("col_society", lang))
    table.add_column(t("col_stage", lang))
    table.add_column(t("col_next", lang))
    table.add_column(t("col_deadline", lang))
    table.add_column(t("col_violation", lang), justify="right", style="red")
    table.add_column(t("col_warning", lang), justify="right", style="yellow")
    table.add_column(t("col_advice", lang), justify="right", style="cyan")
    table.add_column(t("col_clauses", lang))
    for row in worst_first(rows):
        if not row.valid:
            table.add_row(escape(row.name), f"[red]{t('invalid_stage', lang)}[/red]", "", "", "—", "—", "—", "")
            continue
        step = row.step_label(lang) or "—"
        clauses = t("enum_sep", lang).join(clause_ref(c, lang) for c in row.top_clauses)
        table.add_row(escape(row.name), escape(row.stage_label or "—"), escape(step), days_left(row, lang),
                      str(row.violation), str(row.warning), str(row.advice), escape(clauses))
    console.print(table)
    s = summary
    console.print(t("summary_line", lang, files=s.files, valid=s.valid, invalid=s.invalid, violation=s.violation,
                    warning=s.warning, advice=s.advice))
    if s.left_out:
        console.print(t("summary_left_out", lang, count=s.left_out, as_of=as_of))


def days_left(row: Row, lang: str) -> str:
    """A deadline cell: the date and the days left, or overdue in red; empty without a deadline."""
    if row.deadline is None or row.days_remaining is None:
        return ""
    if row.days_remaining < 0:
        return f"[red]{t('cell_overdue', lang, deadline=row.deadline, days=-row.days_remaining)}[/red]"
    return t("cell_left", lang, deadline=row.deadline, days=row.days_remaining)

