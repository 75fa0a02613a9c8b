"""One `compliance audit` run: the files, rules, waivers and baseline in; each result through the batch into every
output as it arrives; the exit code out. Every input and output is checked before any profile is audited.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import ExitStack, closing
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from . import __version__
from .asof import today
from .batch import Waivers, audit_files, default_jobs, unique_ids
from .discover import changed_since, check_ref, discover, shown
from .i18n import pick, t
from .output import ClosablePipe, check_targets, refuse_binary_on_terminal
from .render import REPORTS, Run
from .report import Result, Tool, clause_order
from .rulebook import load_rulebook
from .sinks import Sinks
from .suppress import load_baseline, load_waiver_file
from .worklist import Filters, build


@dataclass
class AuditRun:
    """What a run is asked to do (the options of `compliance audit`)."""

    paths: list[str]
    as_of: date
    lang: str = "zh"
    fail_on: str = "violation"
    outputs: list[tuple[str, Path | None]] = field(default_factory=lambda: [("table", None)])  # format, file
    rules: Path | None = None
    jobs: int | None = None
    exclude: list[str] = field(default_factory=list)
    waivers: Path | None = None
    baseline: Path | None = None
    changed_since: str | None = None
    quiet: bool = False
    filters: Filters = field(default_factory=Filters)  # the work list (see `worklist`)


def run(req: AuditRun, say: Callable[[str], None]) -> int:
    """Audit, write every output, and return the exit code; `say` shows a note to the user (standard error).
    Raises a `problem.Failure` for input that stops the run (exit 2)."""
    lang = req.lang
    today()  # a wrong COMPLIANCE_TODAY stops the run here, not in every worker
    check_ref(req.changed_since)  # before anything else: user text never reaches git as an option
    found = discover(req.paths, req.exclude)
    for note in found.notes(lang):
        say(note)
    inputs = [Path(p) for p in found.files]
    # every output is checked before any work: a wrong -o fails in a second, not after the batch
    check_targets([target for _, target in req.outputs if target is not None], inputs)
    for name, target in req.outputs:
        if target is None and REPORTS[name].binary:
            refuse_binary_on_terminal(name)
    files = changed_since(found.files, req.changed_since) if req.changed_since else found.files
    book = load_rulebook(req.rules)
    work = build(req.filters, book.by_id, [c.clause for c in book.clauses])  # a wrong name fails before any audit
    waivers = load_waiver_file(req.waivers, book.by_id)  # read once; a broken file is one clear error
    baseline = load_baseline(req.baseline) if req.baseline else None
    titles = {c.clause: pick({"zh": c.title, "en": c.title_en}, lang) for c in book.clauses}
    head = {"tool": Tool(version=__version__).model_dump(), "as_of": req.as_of.isoformat(), "lang": lang,
            "fail_on": req.fail_on}
    if work.active:
        head["filters"] = work.describe()
    show_progress = not req.quiet and sys.stdout.isatty() and len(files) > 1
    stdout, sys.stdout = sys.stdout, ClosablePipe(sys.stdout)
    try:
        with ExitStack() as stack:
            sinks = Sinks(req.outputs, inputs, Run(head, titles), stack)
            # closed first on any error or signal: the workers stop before the temp files go
            results = stack.enter_context(closing(_results(req, files, waivers, show_progress, sinks.console)))
            seen: set[str] = set()
            total = 0
            for result in results:
                total += 1
                if work.societies and result.society.id:
                    seen.add(result.society.id)
                listed = work.select(baseline.mark(result) if baseline else result)
                if listed is not None:
                    sinks.add(listed)
            unknown = work.unmatched(seen)
            for sid, near in unknown:
                say(t("unknown_society", lang, value=sid, near=near))
            code = sinks.tally.exit_code(found.bad or bool(unknown))
            cited = {c: titles[c] for c in sorted(sinks.tally.cited, key=clause_order) if c in titles}
            sinks.close(code, cited, book.in_force(req.as_of))
            sys.stdout.flush()
    finally:
        sys.stdout = stdout
    if not req.quiet:
        if work.active:
            say(t("worklist_note", lang, shown=sinks.tally.files, total=total))
        for _, target in req.outputs:
            if target is not None:
                say(t("written", lang, path=shown(target)))
    return code


def _results(req: AuditRun, files: list[Path], waivers: Waivers, show_progress: bool, console) -> Iterator[Result]:
    """Results one at a time, in input order, with a progress bar on a terminal."""
    rules = str(req.rules) if req.rules else None
    jobs = req.jobs or default_jobs()
    if not show_progress:
        yield from unique_ids(audit_files(files, rules, req.as_of, req.lang, jobs, waivers), req.lang)
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from .render.table import console as new_console

    with Progress(TextColumn(t("progress", req.lang)), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                  console=console or new_console(sys.stderr), transient=True) as bar:
        task = bar.add_task("audit", total=len(files))
        yield from unique_ids(audit_files(files, rules, req.as_of, req.lang, jobs, waivers,
                                          lambda n: bar.advance(task, n)), req.lang)
