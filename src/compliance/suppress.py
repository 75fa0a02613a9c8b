"""Suppression in one place: waivers (approved, dated exceptions to a rule for one society, from its profile or
a --waivers file), the baseline (the findings a previous JSON report already had) and `fails_run`, the one rule
that reads both to say whether a finding fails the run (`unmet_order_fails` for an order not met by its deadline).

A waived finding stays in the report, marked; a waiver applies from its approval date until it expires, and an
expired or not yet approved waiver says so; a rule marked `waivable: false` cannot be waived (an error, exit 2).
A baseline file goes through the same limits as a profile; a wrong shape is a positioned error, never a crash.
"""

from __future__ import annotations

import json
from collections.abc import Container
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ConfigDict

from .loading import LoadError, load, read_text
from .problem import Problem, ProblemsFailure, type_values, validated_items
from .profile import SocietyId, Waiver
from .vocabulary import rank

if TYPE_CHECKING:
    from .report import Finding, Result

BASELINE_BYTES = 256 * 1024 * 1024  # a report of 10,000 societies is ~50 MB


def fails_run(f: Finding, fail_on: str) -> bool:
    """A finding fails the run when it reaches --fail-on and is neither waived nor already in the baseline."""
    return not f.waived and f.new is not False and rank(f.severity) >= rank(fail_on)


def unmet_order_fails(result: Result, fail_on: str) -> bool:
    """A rectification order not met by its deadline fails the run as a violation would, whatever the severity of
    the issues it cited (DECISIONS.md, item 7); it is known, like a finding, when every issue it left is in the
    baseline."""
    ladder = result.ladder
    if ladder is None or not ladder.order_unmet or rank("violation") < rank(fail_on):
        return False
    left = {(r.rule, r.path) for r in ladder.reasons if r.kind == "finding"}
    found = [f for f in result.findings if (f.rule, f.path) in left]
    return not (found and all(f.new is False for f in found))


# ---------------------------------------------------------------- waivers


class FileWaiver(Waiver):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)
    society: SocietyId


@dataclass(frozen=True)
class Placed:
    """A waiver and where it was written (for error messages)."""

    waiver: Waiver
    file: str
    path: str
    line: int | None = None
    column: int | None = None


class WaiverFileError(ProblemsFailure):
    """A --waivers file that cannot be used, with its positioned problems."""


def load_waiver_file(path: str | Path | None, rules: Container[str] | None = None) -> dict[str, list[Placed]]:
    """Society id -> waivers, from a YAML list of waivers that each name their `society`.

    Every entry is checked like a profile's waivers (positioned errors); with `rules`, a waiver naming a rule
    not among them is an error too, whichever society it is for.
    """
    if not path:
        return {}
    try:
        doc = load(path, mapping=False)
    except LoadError as exc:
        raise WaiverFileError([exc.problem]) from None
    if not isinstance(doc.data, list):
        raise WaiverFileError([Problem(str(path), "waiver_file_list", {}, 1, 1)])
    out: dict[str, list[Placed]] = {}
    problems: list[Problem] = []
    for i, w in validated_items(doc, FileWaiver, problems):
        if rules is not None and w.rule not in rules:
            problems.append(Problem(str(path), "waiver_unknown_rule", {"rule": w.rule}, *doc.locate(f"[{i}].rule"),
                                    f"[{i}].rule"))
            continue
        line, col = doc.locate(f"[{i}]")
        out.setdefault(w.society, []).append(Placed(w, str(path), f"[{i}]", line, col))
    if problems:
        raise WaiverFileError(problems)
    return out


def _covers(w: Waiver, f: Finding) -> bool:
    if w.rule != f.rule:
        return False
    return w.path is None or f.path == w.path or f.path.startswith((w.path + ".", w.path + "["))


def apply(findings: list[Finding], waivers: list[Placed], rules: dict, as_of: date, lang: str,
          trace: list[tuple[Placed, int | None, str]] | None = None) -> list[Problem]:
    """Mark findings covered by a waiver in force; return the problems with the waivers themselves.

    With `trace`, what each waiver did is appended as (waiver, finding index or None, outcome): unknown_rule,
    not_waivable, pending, expired, applied, superseded (another waiver already applied to the finding) or
    unused (it covers no finding).
    """
    problems: list[Problem] = []
    usable: list[Placed] = []
    for p in waivers:
        rule = rules.get(p.waiver.rule)
        if rule is not None and rule.waivable:
            usable.append(p)
            continue
        key, outcome = ("waiver_unknown_rule", "unknown_rule") if rule is None else ("waiver_not_allowed", "not_waivable")
        problems.append(Problem(p.file, key, {"rule": p.waiver.rule}, p.line, p.column, p.path + ".rule"))
        if trace is not None:
            trace.append((p, None, outcome))
    from .i18n import t

    for i, f in enumerate(findings):
        applied = False
        for p in usable:
            w = p.waiver
            if not _covers(w, f):
                continue
            if applied:
                if trace is not None:
                    trace.append((p, i, "superseded"))
                continue
            values = {"justification": w.justification, "by": w.approved_by, "on": w.approved_on.isoformat(),
                      "until": w.expires_on.isoformat() if w.expires_on else t("waiver_forever", lang),
                      "as_of": as_of.isoformat()}
            if w.approved_on > as_of:  # approved later than the as-of date: not yet in force then
                outcome = "pending"
                findings[i] = f.model_copy(update={"waiver": t("waiver_pending", lang, **values)})
            elif w.expires_on is not None and w.expires_on < as_of:
                outcome = "expired"
                findings[i] = f.model_copy(update={"waiver": t("waiver_expired", lang, **values)})
            else:
                outcome, applied = "applied", True
                findings[i] = f.model_copy(update={"waived": True, "waiver": t("waiver_applied", lang, **values)})
            if trace is not None:
                trace.append((p, i, outcome))
    if trace is not None:
        covered = {id(p) for p, _, _ in trace}
        trace += [(p, None, "unused") for p in usable if id(p) not in covered]
    return problems


# ---------------------------------------------------------------- baseline


@dataclass(frozen=True)
class Baseline:
    """The fingerprints of the findings of a previous JSON report (`--baseline`)."""

    fingerprints: frozenset[str]

    def mark(self, result: Result) -> Result:
        """`result` with each finding marked new (not in the baseline) or not: a known finding does not fail
        the run (see `fails_run`)."""
        return result.model_copy(update={"findings": [f.model_copy(update={"new": f.fingerprint not in self.fingerprints})
                                                      for f in result.findings]})


def load_baseline(path: str | Path) -> Baseline:
    """The findings of the report at `path`, or LoadError saying what is wrong where."""
    name = str(path)
    text = read_text(Path(path), BASELINE_BYTES)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise LoadError(Problem(name, "baseline_bad", {"detail": exc.msg}, exc.lineno, exc.colno)) from None
    except RecursionError:
        raise LoadError(Problem(name, "baseline_bad", {"detail": "nesting too deep"})) from None
    if "results" not in _expect(name, data, dict, ""):
        raise LoadError(Problem(name, "v_missing", path="results"))
    results = _expect(name, data["results"], list, "results")
    found: set[str] = set()
    for i, result in enumerate(results):
        where = f"results[{i}]"
        findings = _expect(name, _expect(name, result, dict, where).get("findings", []), list, f"{where}.findings")
        for j, finding in enumerate(findings):
            mark = _expect(name, finding, dict, f"{where}.findings[{j}]").get("fingerprint")
            if mark:  # a report written before fingerprints existed simply has none
                found.add(_expect(name, mark, str, f"{where}.findings[{j}].fingerprint"))
    return Baseline(frozenset(found))


_TYPE_KEY = {dict: "type_dict", list: "type_list", str: "type_str"}


def _expect(name: str, value: Any, kind: type, where: str) -> Any:
    if isinstance(value, kind):
        return value
    raise LoadError(Problem(name, "v_type", type_values(_TYPE_KEY[kind], type(value).__name__), path=where))
