"""One `compliance explain`: read and check the profile, rules, waivers and baseline; explain the rules asked
for; render the explanation in the format asked and print it or write it (atomically)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .discover import shown
from .explain import Explainer
from .output import check_target, write_atomic
from .problem import ProblemsFailure
from .render import EXPLAINS
from .rulebook import load_rulebook
from .suppress import load_baseline, load_waiver_file
from .validate import load_profile


@dataclass
class ExplainRun:
    """What an explanation is asked for (the options of `compliance explain`)."""

    profile: Path
    as_of: date
    rules: list[str] = field(default_factory=list)  # rule ids; none: every rule that fired
    every: bool = False  # every rule in force
    fmt: str = "table"
    output: Path | None = None
    rules_dir: Path | None = None
    waivers: Path | None = None
    baseline: Path | None = None
    lang: str = "zh"


def explain_text(req: ExplainRun) -> str | None:
    """The explanation as text, or None once written to `req.output`; raises a `problem.Failure` (exit 2)."""
    if req.output is not None:
        check_target(req.output, [req.profile])
    book = load_rulebook(req.rules_dir)
    waivers = load_waiver_file(req.waivers, book.by_id)
    baseline = load_baseline(req.baseline) if req.baseline else None
    checked = load_profile(req.profile, req.as_of)
    if checked.doc is None or checked.profile is None:
        raise ProblemsFailure(checked.problems)
    explainer = Explainer(book, req.as_of, req.lang, waivers)
    explanation = explainer.explain(checked.doc, checked.profile, req.rules, req.every, baseline,
                                    shown(req.baseline) if req.baseline else None)
    text = EXPLAINS[req.fmt].function()(explanation)
    if req.output is None:
        return text
    write_atomic(req.output, text, [req.profile])
    return None
