"""Waivers: approved, dated exceptions to a rule for one society (from its profile or a --waivers file).

A waived finding stays in the report, marked; a waiver applies from its approval date until it expires, and an
expired or not yet approved waiver says so; a rule marked `waivable: false` cannot be waived (an error, exit 2).
"""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from pydantic import ConfigDict, ValidationError

from .loading import LoadError, Problem, load
from .profile import SocietyId, Waiver
from .report import Finding
from .validate import problems_of


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


class WaiverFileError(Exception):
    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(p.format() for p in problems))
        self.problems = problems


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
    problems = []
    for i, body in enumerate(doc.data):
        try:
            w = FileWaiver.model_validate(body)
        except ValidationError as exc:
            problems += problems_of(doc, exc, (i,), FileWaiver)
            continue
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


def apply(findings: list[Finding], waivers: list[Placed], rules: dict, as_of: date, lang: str) -> list[Problem]:
    """Mark findings covered by a waiver in force; return the problems with the waivers themselves."""
    problems: list[Problem] = []
    usable: list[Placed] = []
    for p in waivers:
        rule = rules.get(p.waiver.rule)
        if rule is None:
            problems.append(Problem(p.file, "waiver_unknown_rule", {"rule": p.waiver.rule}, p.line, p.column,
                                    p.path + ".rule"))
        elif not rule.waivable:
            problems.append(Problem(p.file, "waiver_not_allowed", {"rule": p.waiver.rule}, p.line, p.column,
                                    p.path + ".rule"))
        else:
            usable.append(p)
    from .i18n import t

    for i, f in enumerate(findings):
        for p in usable:
            w = p.waiver
            if not _covers(w, f):
                continue
            values = {"justification": w.justification, "by": w.approved_by, "on": w.approved_on.isoformat(),
                      "until": w.expires_on.isoformat() if w.expires_on else t("waiver_forever", lang),
                      "as_of": as_of.isoformat()}
            if w.approved_on > as_of:  # approved later than the as-of date: not yet in force then
                findings[i] = f.model_copy(update={"waiver": t("waiver_pending", lang, **values)})
            elif w.expires_on is not None and w.expires_on < as_of:
                findings[i] = f.model_copy(update={"waiver": t("waiver_expired", lang, **values)})
            else:
                findings[i] = f.model_copy(update={"waived": True, "waiver": t("waiver_applied", lang, **values)})
                break
    return problems
