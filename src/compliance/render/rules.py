"""The rule set as terminal tables (`compliance rules list` and `rules coverage`); text from rule files escaped."""

from __future__ import annotations

from typing import Any

from rich.table import Table

from ..i18n import clause_ref, label, pick, t
from ..rulebook import Rule
from .table import STYLE, escape


def rules_table(rules: list[Rule], lang: str) -> Table:
    table = Table(show_lines=False)
    for col in ("id", t("col_clause", lang), t("col_severity", lang), t("col_title", lang)):
        table.add_column(col)
    for r in rules:
        table.add_row(escape(r.id), escape(clause_ref(r.clause, lang)),
                      f"[{STYLE[r.severity]}]{label('severity', r.severity, lang)}[/]",
                      escape(pick(r.title.model_dump(), lang)))
    return table


def coverage_table(rows: list[dict[str, Any]], lang: str) -> Table:
    """Each clause with its classification, its rules, and what cannot be checked from a record and why."""
    table = Table(show_lines=True)
    for key in ("col_clause", "col_class", "col_rules", "col_not_checkable"):
        table.add_column(t(key, lang), overflow="fold")  # Chinese has no spaces to wrap at: fold, never cut
    semicolon = t("semicolon", lang)
    for row in rows:
        notes = semicolon.join([*row["not_checkable"], *([row["reason"]] if row["reason"] else [])])
        title = pick({"zh": row["title"], "en": row["title_en"]}, lang)
        table.add_row(escape(f"{clause_ref(row['clause'], lang)} {title}"), escape(row["classification"]),
                      "\n".join(escape(r) for r in row["rules"]) or "—", escape(notes))
    return table
