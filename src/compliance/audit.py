"""Audit one profile file end to end: load → validate → facts → engine → findings.

`Auditor` holds what is built once per process (rules, compiled engine) and audits files one by one.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from .engine import Engine, EngineError
from .escapes import visible
from .facts import FactError
from .i18n import pick
from .ladder import assess
from .loading import Document
from .problem import Problem
from .profile import Profile
from .report import ErrorItem, Finding, Ladder, Result, SocietyRef
from .rulebook import Rulebook, fill
from .suppress import Placed
from .suppress import apply as apply_waivers
from .validate import load_profile


@dataclass
class Trace:
    """What one audit was computed from, kept for `explain`: the engine facts, the (rule, fact index) matches,
    what each waiver did (see `suppress.apply`) and the ladder's run (see `ladder.assess`)."""

    facts: list[dict[str, Any]] = field(default_factory=list)
    fired: list[tuple[str, int]] = field(default_factory=list)
    waivers: list[tuple[Placed, int | None, str]] = field(default_factory=list)
    ladder: dict[str, Any] = field(default_factory=dict)


class Auditor:
    def __init__(self, rulebook: Rulebook, as_of: date, lang: str = "zh",
                 extra_waivers: dict[str, list[Placed]] | None = None, today: date | None = None):
        self.rulebook, self.as_of, self.lang, self.today = rulebook, as_of, lang, today
        self.extra_waivers = extra_waivers or {}
        self.params = rulebook.params_at(as_of)
        self.rules = {r.id: r for r in rulebook.in_force(as_of)}
        self.plan = rulebook.plan(as_of)  # only the facts the rules in force read (messages: on firing)
        self.engine = Engine(rulebook.compile(as_of))

    def audit(self, path: str | Path) -> Result:
        checked = load_profile(path, self.as_of, self.today)
        if checked.doc is None or checked.profile is None:
            doc = checked.doc
            return self._invalid(doc.file if doc else str(path), checked.problems, doc.data if doc else None)
        return self.audit_profile(checked.doc, checked.profile, left_out=checked.left_out)

    def audit_profile(self, doc: Document, profile: Profile, trace: Trace | None = None,
                      left_out: dict[str, int] | None = None) -> Result:
        """One validated profile's result, the profile taken as of the audit's day (`left_out`: what that view left
        out); with `trace`, what it was computed from is kept there."""
        society = SocietyRef(id=profile.society.id, name=profile.society.name)
        rows: list = []
        try:
            facts = self.plan.build(profile, rows)
            fired = self.engine.run(facts, label=f"{doc.file} ({profile.society.name})")
            for k in {k for _, k in fired}:
                self.plan.complete(facts[k], rows[k])
            if trace is not None:
                trace.facts, trace.fired = facts, fired
        except (EngineError, FactError) as exc:
            where = getattr(exc, "path", "") or ""
            problem = Problem(doc.file, "v_other", {"detail": f"规则引擎错误 / rules engine error: {exc}"},
                              *(doc.locate(where) if where else (None, None)), where)
            return Result(file=doc.file, society=society, valid=False, errors=[_error(problem, self.lang)])
        findings = [self._finding(doc, facts[k], rule_id, profile.society.id) for rule_id, k in fired]
        own = [Placed(w, doc.file, f"waivers[{i}]", *doc.locate(f"waivers[{i}]")) for i, w in enumerate(profile.waivers)]
        problems = apply_waivers(findings, own + self.extra_waivers.get(profile.society.id, []),
                                 self.rules, self.as_of, self.lang, trace.waivers if trace else None)
        ladder = Ladder.model_validate(assess(profile, findings, self.as_of, self.params, self.lang,
                                              trace.ladder if trace else None, self.rules))
        return Result(file=doc.file, society=society, valid=True, findings=findings, ladder=ladder,
                      errors=[_error(p, self.lang) for p in problems], left_out=sum((left_out or {}).values()),
                      left_out_by=left_out or {})

    def _finding(self, doc: Document, fact: dict, rule_id: str, society_id: str) -> Finding:
        rule = self.rules[rule_id]
        base = fact.get("path", "")
        where = rule.locate or ""
        path = f"{base}.{where}" if base and where else (base or where)
        line, column = doc.locate(path)
        lang = self.lang
        return Finding(
            rule=rule.id, clause=rule.clause, severity=rule.severity, title=pick(vars(rule.title), lang),
            message=fill(pick(vars(rule.message), lang), fact, self.params, self.rulebook.ratios),
            remediation=fill(pick(vars(rule.remediation), lang), fact, self.params, self.rulebook.ratios),
            quote=rule.quote, basis=rule.basis, path=path, line=line, column=column, ladder=rule.category,
            fingerprint=fingerprint(rule.id, society_id, path),
        )

    def _invalid(self, file: str, problems: list[Problem], data: object) -> Result:
        sid = name = None
        if isinstance(data, dict) and isinstance(data.get("society"), dict):
            s = data["society"]
            # unvalidated text: shown with its hidden characters escaped, like the errors about it
            sid = visible(s["id"]) if isinstance(s.get("id"), str) else None
            name = visible(s["name"]) if isinstance(s.get("name"), str) else None
        return Result(file=file, society=SocietyRef(id=sid, name=name), valid=False,
                      errors=[_error(p, self.lang) for p in problems])


def fingerprint(rule: str, society_id: str, path: str) -> str:
    """Stable identity of a finding across runs and edits: rule, society and field path, never line numbers."""
    return hashlib.sha256(f"{rule}|{society_id}|{path}".encode()).hexdigest()[:20]


def _error(p: Problem, lang: str) -> ErrorItem:
    return ErrorItem(file=p.file, line=p.line, column=p.column, path=p.path, title=p.title, code=p.key,
                     message=p.message(lang))
