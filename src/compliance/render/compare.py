"""The year-over-year comparison (`compliance compare`) in each format: terminal table, JSON, Markdown and a
self-contained HTML page with an inline SVG chart of findings by clause for both years.

Text from the reports (society names, messages) is escaped per format, as in the audit's own reports.
"""

from __future__ import annotations

import io

from ..compare import Comparison, SocietyChange
from ..i18n import clause_ref, label, t
from .safe import markdown_text as _md
from .templates import environment
from .templates import render as render_template

SIGN = {"new": "+", "resolved": "−", "persisting": "·"}


def _stage(c: SocietyChange, lang: str) -> str:
    """The stage column: last → this, or that the society was added or is gone."""
    def one(stage: str | None, valid: bool | None) -> str:
        if valid is False:
            return t("invalid_stage", lang)
        return label("stage", stage, lang) if stage else "—"

    if c.presence == "added":
        return f"{t('presence_added', lang)}{t('colon', lang)}{one(c.stage_this, c.valid_this)}"
    if c.presence == "gone":
        return t("presence_gone", lang)
    before, after = one(c.stage_last, c.valid_last), one(c.stage_this, c.valid_this)
    return before if before == after else f"{before} → {after}"


def _head(comparison: Comparison, lang: str) -> list[str]:
    return [t("compare_title", lang, last=comparison.last.as_of, this=comparison.this.as_of),
            t("compare_files", lang, last=comparison.last.file, this=comparison.this.file),
            t("compare_totals", lang, **comparison.totals.model_dump())]


def table(comparison: Comparison, lang: str) -> str:
    from rich.table import Table

    from .table import console, escape

    buffer = io.StringIO()
    out = console(buffer, 160)
    for line in _head(comparison, lang):
        out.print(escape(line))
    grid = Table(title=t("compare_societies", lang))
    for key in ("col_society", "col_stage_change", "col_new", "col_resolved", "col_persisting"):
        grid.add_column(t(key, lang), justify="right" if key in ("col_new", "col_resolved", "col_persisting") else "left")
    for c in comparison.societies:
        counts = [str(len(c.new)), str(len(c.resolved)), str(len(c.persisting))] if c.compared else ["—"] * 3
        grid.add_row(escape(c.name), escape(_stage(c, lang)), *counts)
    out.print(grid)
    for c in comparison.societies:
        if not (c.new or c.resolved):
            continue
        out.print(f"[bold]{escape(c.name)}[/bold] ({escape(c.id)})")
        for kind in ("new", "resolved"):
            for item in getattr(c, kind):
                out.print(f"  {SIGN[kind]} {t('col_' + kind, lang)} {escape(item.rule)} "
                          f"{escape(clause_ref(item.clause, lang))}{t('colon', lang)}{escape(item.message)}")
    clauses = Table(title=t("compare_by_clause", lang))
    for key in ("col_clause", "col_title", "col_last", "col_this", "col_change"):
        clauses.add_column(t(key, lang), justify="right" if key in ("col_last", "col_this", "col_change") else "left")
    for row in comparison.by_clause:
        clauses.add_row(escape(clause_ref(row.clause, lang)), escape(row.title), str(row.last), str(row.this),
                        f"{row.this - row.last:+d}")
    out.print(clauses)
    return buffer.getvalue()


def json(comparison: Comparison, lang: str) -> str:
    return comparison.model_dump_json(indent=2) + "\n"


def markdown(comparison: Comparison, lang: str) -> str:
    title, files, totals = _head(comparison, lang)
    out = [f"## {_md(title)}", "", _md(files), "", _md(totals), "", f"### {t('compare_societies', lang)}", ""]
    cols = [t(k, lang) for k in ("col_society", "col_stage_change", "col_new", "col_resolved", "col_persisting")]
    out += ["| " + " | ".join(cols) + " |", "|---|---|--:|--:|--:|"]
    for c in comparison.societies:
        counts = [str(len(c.new)), str(len(c.resolved)), str(len(c.persisting))] if c.compared else ["—"] * 3
        out.append(f"| {_md(c.name)} | {_md(_stage(c, lang))} | " + " | ".join(counts) + " |")
    for c in comparison.societies:
        if c.new or c.resolved:
            out += ["", f"**{_md(c.name)}** ({_md(c.id)})", ""]
            for kind in ("new", "resolved"):
                out += [f"- {SIGN[kind]} {t('col_' + kind, lang)} {_md(item.rule)} {_md(clause_ref(item.clause, lang))}"
                        f"{t('colon', lang)}{_md(item.message)}" for item in getattr(c, kind)]
    out += ["", f"### {t('compare_by_clause', lang)}", ""]
    cols = [t(k, lang) for k in ("col_clause", "col_title", "col_last", "col_this", "col_change")]
    out += ["| " + " | ".join(cols) + " |", "|---|---|--:|--:|--:|"]
    out += [f"| {_md(clause_ref(r.clause, lang))} | {_md(r.title)} | {r.last} | {r.this} | {r.this - r.last:+d} |"
            for r in comparison.by_clause]
    return "\n".join(out) + "\n"


def html(comparison: Comparison, lang: str) -> str:
    return render_template(
        environment(), "compare.html.j2", c=comparison, lang=lang, chart=_pairs(comparison, lang),
        t=lambda key, **kw: t(key, lang, **kw), stage=lambda s: _stage(s, lang),
        clause_ref=lambda c: clause_ref(c, lang), head=_head(comparison, lang),
    )


def _pairs(comparison: Comparison, lang: str, width: int = 640, bar: int = 12) -> dict:
    """Two bars per clause (last year, this year), scaled to the largest count."""
    top = max((max(r.last, r.this) for r in comparison.by_clause), default=0) or 1
    span = width - 260
    rows = []
    for i, r in enumerate(comparison.by_clause):
        y = i * (2 * bar + 10)
        rows.append({"label": f"{clause_ref(r.clause, lang)} {r.title}".strip(), "y": y, "last": r.last, "this": r.this,
                     "w_last": round(span * r.last / top, 1), "w_this": round(span * r.this / top, 1)})
    return {"rows": rows, "height": max(1, len(rows)) * (2 * bar + 10), "bar": bar, "width": width}
