"""A self-contained HTML report (no network): summary figures, two inline SVG charts, a sortable table and a
section per society, worst first. Everything user-provided is escaped by Jinja's autoescape.
"""

from __future__ import annotations

from collections import Counter

from ..i18n import clause_ref, label, t
from ..report import Report, Result, clause_order, row_of, step_label, worst_first
from ..rulebook import Rule
from ..vocabulary import SEVERITIES, STAGES
from .templates import environment
from .templates import render as render_template


def _bars(items: list[tuple[str, int]], width: int = 560, bar: int = 22) -> dict:
    top = max((n for _, n in items), default=0) or 1
    rows = [{"label": text, "n": n, "y": i * (bar + 8), "w": round((width - 230) * n / top, 1)}
            for i, (text, n) in enumerate(items)]
    return {"rows": rows, "height": max(1, len(rows)) * (bar + 8), "bar": bar, "width": width}


def render(report: Report, rules: list[Rule], lang: str) -> str:
    clauses = Counter(f.clause for r in report.results for f in r.findings if not f.waived)
    by_clause = [(f"{clause_ref(c, lang)} {report.clauses.get(c, '')}".strip(), n)
                 for c, n in sorted(clauses.items(), key=lambda kv: clause_order(kv[0]))]
    stages = Counter(r.ladder.stage if r.ladder else "invalid" for r in report.results)
    by_stage = [(label("stage", s, lang), stages.get(s, 0)) for s in STAGES]
    if stages.get("invalid"):
        by_stage.append((t("invalid_stage", lang), stages["invalid"]))
    steps = Counter(r.ladder.next_step for r in report.results if r.ladder)
    rows = {id(r): row_of(r) for r in report.results}
    order = {id(row): i for i, row in enumerate(worst_first(list(rows.values())))}
    results = sorted(report.results, key=lambda r: order[id(rows[id(r)])])
    return render_template(
        environment(), "report.html.j2", report=report, results=results, lang=lang, severities=SEVERITIES,
        deadline=lambda r: _deadline(r, lang),
        t=lambda key, **kw: t(key, lang, **kw), label=lambda vocabulary, term: label(vocabulary, term, lang),
        clause_chart=_bars(by_clause), stage_chart=_bars(by_stage),
        steps=[(label("step", k, lang), n) for k, n in steps.most_common() if k != "none"],
        clause_ref=lambda c: clause_ref(c, lang), ladder_grounds=lambda ladder: ladder.grounds(lang),
        step_label=lambda step, inferred: step_label(step, inferred, lang) or label("step", step, lang),
    )


def _deadline(r: Result, lang: str) -> tuple[str, bool]:
    """The deadline cell of a result (text, overdue) — empty without a rectification deadline."""
    lad = r.ladder
    if lad is None or lad.deadline is None or lad.days_remaining is None:
        return "", False
    if lad.days_remaining < 0:
        return t("cell_overdue", lang, deadline=lad.deadline, days=-lad.days_remaining), True
    return t("cell_left", lang, deadline=lad.deadline, days=lad.days_remaining), False
