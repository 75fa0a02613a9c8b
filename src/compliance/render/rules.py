"""The rule set as terminal tables (`compliance rules list` and `rules coverage`); text from rule files escaped."""

from __future__ import annotations

from typing import Any

from rich.console import Console, ConsoleOptions, RenderResult
from rich.table import Table
from rich.text import Text

from ..i18n import clause_ref, label, pick, t
from ..rulebook import Rule
from .table import STYLE, escape, wrapped
from .wrap import cells


def rules_table(rules: list[Rule], lang: str) -> Table:
    table = Table(show_lines=False)
    table.add_column("id", no_wrap=True)
    table.add_column(t("col_clause", lang), no_wrap=True)
    table.add_column(t("col_severity", lang), no_wrap=True)
    table.add_column(t("col_title", lang), overflow="fold")  # a Chinese title has no spaces to wrap at
    for r in rules:
        table.add_row(escape(r.id), escape(clause_ref(r.clause, lang)),
                      f"[{STYLE[r.severity]}]{label('severity', r.severity, lang)}[/]",
                      escape(pick(r.title.model_dump(), lang)))
    return table


class Coverage:
    """`rules coverage` in the terminal: each clause with its classification, then its rules and what cannot be
    checked from a record and why, wrapped to the terminal's width (a table's narrow columns would cut them)."""

    def __init__(self, rows: list[dict[str, Any]], lang: str):
        self.rows, self.lang = rows, lang

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        lang, width = self.lang, options.max_width
        colon, semicolon = t("colon", lang), t("semicolon", lang)
        for row in self.rows:
            title = pick({"zh": row["title"], "en": row["title_en"]}, lang)
            kind = label("classification", row["classification"], lang)
            head = f"[bold]{escape(clause_ref(row['clause'], lang))} {escape(title)}[/bold]  [magenta]{kind}[/magenta]"
            yield from wrapped(Text.from_markup(head), width, 0, 2)
            rules = t("col_rules", lang) + colon
            yield from wrapped(Text(rules + ("  ".join(row["rules"]) or "—")), width, 2, cells(rules))
            notes = [*row["not_checkable"], *([row["reason"]] if row["reason"] else [])]
            if notes:
                why = t("col_not_checkable", lang) + colon
                yield from wrapped(Text(why + semicolon.join(notes), style="dim"), width, 2, cells(why))
            yield Text()


def coverage_table(rows: list[dict[str, Any]], lang: str) -> Coverage:
    """Each clause with its classification, its rules, and what cannot be checked from a record and why."""
    return Coverage(rows, lang)
