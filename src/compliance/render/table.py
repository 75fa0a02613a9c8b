"""Terminal report with rich: findings per society grouped by clause, coloured by severity, then a summary.

Every text that did not come from this program is shown with its control characters as visible escapes:
rich's markup escape alone would let an ESC sequence through to the terminal.
"""

from __future__ import annotations

from itertools import groupby

from rich.console import Console
from rich.markup import escape as _markup
from rich.table import Table

from ..i18n import pick, t
from ..ladder import NEXT_SHORT
from ..report import Result, Row, Summary, clause_order
from .safe import visible

STYLE = {"violation": "bold red", "warning": "yellow", "advice": "cyan"}
MARK = {"violation": "✖", "warning": "▲", "advice": "•"}


def escape(text: str) -> str:
    """Text for rich markup that can neither style itself nor reach the terminal as a control sequence."""
    return _markup(visible(text))


def clause_label(clause: str, lang: str) -> str:
    return t("clause", lang, clause=clause) if clause.isdigit() else clause


def print_result(console: Console, r: Result, lang: str, titles: dict[str, str] | None = None) -> None:
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
        line = f"  [magenta]{t('col_stage', lang)}：{escape(lad.stage_label)}[/magenta] → [bold]{escape(lad.next_step_label)}[/bold]"
        if lad.deadline:
            key = "deadline_left" if (lad.days_remaining or 0) >= 0 else "deadline_over"
            line += f"  [dim]{t(key, lang, deadline=lad.deadline, days=abs(lad.days_remaining or 0))}[/dim]"
        console.print(line)
    if not r.findings:
        console.print(f"  [green]✔ {t('no_findings', lang)}[/green]\n")
        return
    ordered = sorted(r.findings, key=lambda f: clause_order(f.clause))
    for clause, group in groupby(ordered, key=lambda f: f.clause):
        title = (titles or {}).get(clause, "")
        console.print(f"  [bold underline]{escape(clause_label(clause, lang))}[/bold underline] [bold]{escape(title)}[/bold]")
        for f in group:
            style = "dim" if f.waived else STYLE[f.severity]
            tag = t("sev_" + f.severity, lang) + (f" · {t('waived', lang)}" if f.waived else "")
            console.print(f"    [{style}]{MARK[f.severity]} {tag}[/{style}] [bold]{escape(f.rule)}[/bold] "
                          f"[dim]{escape(r.file)}:{f.line}:{f.column}[/dim]")
            console.print(f"      {escape(f.message)}")
            colon = "：" if lang == "zh" else ": "
            console.print(f"      [dim]{t('quote', lang)}{colon}{escape(f.quote)}[/dim]")
            console.print(f"      [green]{t('remedy', lang)}{colon}{escape(f.remediation)}[/green]")
            if f.waiver:  # applied, expired or not yet in force
                console.print(f"      [dim]{escape(f.waiver)}[/dim]")
    counts = {s: r.count(s) for s in ("violation", "warning", "advice")}
    console.print(f"  {t('totals', lang, **counts)}\n")


def print_summary(console: Console, rows: list[Row], summary: Summary, as_of: str, lang: str) -> None:
    table = Table(title=t("summary_title", lang, as_of=as_of), show_lines=False, expand=False)
    table.add_column(t("col_society", lang))
    table.add_column(t("col_stage", lang))
    table.add_column(t("col_next", lang))
    table.add_column(t("col_violation", lang), justify="right", style="red")
    table.add_column(t("col_warning", lang), justify="right", style="yellow")
    table.add_column(t("col_advice", lang), justify="right", style="cyan")
    table.add_column(t("col_clauses", lang))
    for row in rows:
        if not row.valid:
            table.add_row(escape(row.name), f"[red]{t('invalid_stage', lang)}[/red]", "", "—", "—", "—", "")
            continue
        step = pick(NEXT_SHORT[row.next_step], lang) if row.next_step else "—"
        table.add_row(escape(row.name), escape(row.stage_label or "—"), escape(step), str(row.violation),
                      str(row.warning), str(row.advice), escape("、".join(clause_label(c, lang) for c in row.top_clauses)))
    console.print(table)
    s = summary
    console.print(t("summary_line", lang, files=s.files, valid=s.valid, invalid=s.invalid, violation=s.violation,
                    warning=s.warning, advice=s.advice))

