"""A self-contained HTML report (no network): summary figures, two inline SVG charts, a sortable table and a
section per society, worst first. Everything user-provided is escaped by Jinja's autoescape.
"""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Iterator
from typing import IO, Any

from ..i18n import clause_ref, label, t
from ..report import Report, Result, clause_order, row_of, severity_order, step_label
from ..rulebook import Rule
from ..vocabulary import SEVERITIES, STAGES
from .templates import environment


def _bars(items: list[tuple[str, int]], width: int = 560, bar: int = 22) -> dict:
    top = max((n for _, n in items), default=0) or 1
    # a label longer than its 14 characters of room ends in "…" (never cut silently); the bar's tooltip has it whole
    rows = [{"label": text, "short": text if len(text) <= 14 else text[:13] + "…", "n": n, "y": i * (bar + 8),
             "w": round((width - 230) * n / top, 1)}
            for i, (text, n) in enumerate(items)]
    return {"rows": rows, "height": max(1, len(rows)) * (bar + 8), "bar": bar, "width": width}


def render(report: Report, rules: list[Rule], lang: str) -> str:
    out = io.StringIO()
    write(out, report, rules, lang)
    return out.getvalue()


def write(out: IO[str], report: Any, rules: list[Rule], lang: str) -> None:
    """The page, streamed from our own template: one pass over the results counts for the charts, the template's
    loops read them again."""
    clauses: Counter = Counter()
    stages: Counter = Counter()
    steps: Counter = Counter()
    keys: list[tuple] = []  # (the row's place in the office's order, position)
    for i, r in enumerate(report.results):
        keys.append((severity_order(row_of(r)), i))
        clauses.update(f.clause for f in r.findings if not f.waived)
        stages[r.ladder.stage if r.ladder else "invalid"] += 1
        if r.ladder:
            steps[r.ladder.next_step] += 1
    by_clause = [(f"{clause_ref(c, lang)} {report.clauses.get(c, '')}".strip(), n)
                 for c, n in sorted(clauses.items(), key=lambda kv: clause_order(kv[0]))]
    by_stage = [(label("stage", s, lang), stages.get(s, 0)) for s in STAGES]
    if stages.get("invalid"):
        by_stage.append((t("invalid_stage", lang), stages["invalid"]))
    page = environment().get_template("report.html.j2").generate(
        report=report, results=_WorstFirst(report.results, keys), lang=lang, severities=SEVERITIES,
        deadline=lambda r: _deadline(r, lang),
        t=lambda key, **kw: t(key, lang, **kw), label=lambda vocabulary, term: label(vocabulary, term, lang),
        clause_chart=_bars(by_clause), stage_chart=_bars(by_stage),
        steps=[(label("step", k, lang), n) for k, n in steps.most_common() if k != "none"],
        clause_ref=lambda c: clause_ref(c, lang), ladder_grounds=lambda ladder: ladder.grounds(lang),
        step_label=lambda step, inferred: step_label(step, inferred, lang) or label("step", step, lang),
    )
    for chunk in page:
        out.write(chunk)


class _WorstFirst:
    """The results in the office's order (`report.worst_first`), each read back by its position, as often as the
    template loops over them (a spool reads one result at a time, so the page never holds them all)."""

    def __init__(self, results: Any, keys: list[tuple]):
        self._at = results.at if hasattr(results, "at") else results.__getitem__
        self._order = [i for *_, i in sorted(keys)]

    def __iter__(self) -> Iterator[Result]:
        return (self._at(i) for i in self._order)


def _deadline(r: Result, lang: str) -> tuple[str, bool]:
    """The deadline cell of a result (text, overdue) — empty without a rectification deadline."""
    lad = r.ladder
    if lad is None or lad.deadline is None or lad.days_remaining is None:
        return "", False
    if lad.days_remaining < 0:
        return t("cell_overdue", lang, deadline=lad.deadline, days=-lad.days_remaining), True
    return t("cell_left", lang, deadline=lad.deadline, days=lad.days_remaining), False
