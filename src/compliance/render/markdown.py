"""A Markdown summary for a pull-request comment: totals, a table of societies, the findings in details.

Text from profiles and file names is escaped: it cannot form a link, an image, HTML or an @mention.
"""

from __future__ import annotations

import io
from typing import IO, Any

from ..i18n import clause_ref, t
from ..report import Ladder, Report, step_label
from ..rulebook import Rule
from .safe import html_text, markdown_code
from .safe import markdown_text as _cell

ICON = {"violation": "🔴", "warning": "🟡", "advice": "🔵"}


def render(report: Report, rules: list[Rule], lang: str) -> str:
    out = io.StringIO()
    write(out, report, rules, lang)
    return out.getvalue()


def write(out: IO[str], report: Any, rules: list[Rule], lang: str) -> None:
    """The summary and the table, then each society's details: two passes over the results, a line at a time."""
    for line in _lines(report, lang):
        out.write(line + "\n")


def _lines(report: Any, lang: str):
    s = report.summary
    yield from [f"## {t('check_title', lang, as_of=report.as_of)}", ""]
    yield t("summary_line", lang, files=s.files, valid=s.valid, invalid=s.invalid, violation=s.violation,
            warning=s.warning, advice=s.advice)
    yield ""
    head = [t(key, lang) for key in ("col_society", "col_file", "col_stage", "col_next", "col_violation",
                                     "col_warning", "col_advice")]
    yield from ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for r in report.results:
        if not r.valid:
            yield f"| {_cell(r.society.name or '—')} | {markdown_code(r.file)} | {t('invalid_stage', lang)} | | | | |"
            continue
        step = (step_label(r.ladder.next_step, r.ladder.inferred, lang) or "—") if r.ladder else "—"
        yield (f"| {_cell(r.society.name or '—')} | {markdown_code(r.file)} | {_cell(r.ladder.stage_label if r.ladder else '—')}"
               f" | {_cell(step)} | {r.count('violation')} | {r.count('warning')} | {r.count('advice')} |")
    for r in report.results:
        details = _ladder(r.ladder, lang) if r.ladder else []
        if not (r.findings or r.errors or details):
            continue
        yield from ["", f"<details><summary>{html_text(r.society.name or r.file)} — {html_text(r.file)}</summary>", ""]
        yield from details
        for e in r.errors:
            where = markdown_code(f"{e.file}:{e.line or ''}", in_table=False)
            yield f"- ❌ {where} {_cell(e.path)} {_cell(e.message)}"
        if r.findings:
            cols = ["", *(t(key, lang) for key in ("col_rule", "col_clause", "col_where", "col_message"))]
            yield from ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
            for f in r.findings:
                mark = "~~" if f.waived else ""
                yield (f"| {ICON[f.severity]} | {mark}{_cell(f.rule)}{mark} | {_cell(clause_ref(f.clause, lang))} | `{f.line}:{f.column}` "
                       f"| {_cell(f.message)}{' ' + _cell(f.waiver) if f.waiver else ''} |")
        yield from ["", "</details>"]


def _ladder(lad: Ladder, lang: str) -> list[str]:
    """Beside the step (as the terminal shows it): the item-7 category each ground counted under, the episode in
    progress with each cited issue resolved or remaining, and the flags. Nothing for a society with none of these."""
    colon = t("colon", lang)
    grounds = lad.grounds(lang)
    if not (grounds or lad.episode or lad.flags):
        return []
    step = f"**{_cell(lad.stage_label)}** → {_cell(lad.next_step_label)}"
    if lad.deadline:
        step += _cell(t("paren", lang, text=t("deadline", lang, deadline=lad.deadline)))
    out = [f"{t('col_stage', lang)}{colon}{step}", ""]
    if grounds:
        out += [f"{t('ladder_grounds', lang)}{colon}{_cell(grounds)}", ""]
    ep = lad.episode
    if ep is not None:
        out += [f"**{_cell(ep.outcome_text)}**", ""] if ep.outcome_text else []
        out += [_cell(ep.head), ""]
        for issue in ep.cited:
            mark = "✖" if issue.status == "remaining" else "✔"
            out.append(f"- {mark} {_cell(issue.status_label)} {markdown_code(issue.item, in_table=False)} {_cell(issue.title)}")
        if ep.improvement is not None:
            out += ["", _cell(ep.improvement.text)]
        out.append("")
    out += [f"- ⚑ **{_cell(flag.label)}**{colon}{_cell(flag.text)}" for flag in lad.flags]
    return out + ([""] if lad.flags else [])
