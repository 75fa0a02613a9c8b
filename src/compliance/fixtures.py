"""Rule fixtures (`rules/tests/*.yaml`): a base profile plus small patches, each stating the complete set of rules
it fires. `run_fixtures` checks every case and that every rule has a case of each kind.

Semantics of a case:
- `expect`: every rule the patched profile fires, exactly (an empty or omitted `expect` means no rule fires).
  A rule that fires and is not listed fails the case, as does a listed rule that does not fire.
- `expect_not`: the rules this case is a near miss for (it sits just outside their condition). They must not
  fire, which `expect` already implies; listing them records the case as a must-not-trigger case for them.
- `expect_none: true`: no rule fires, and the case counts as a must-not-trigger case for every rule.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .audit import Auditor
from .loading import Document, LoadError, load, parse
from .problem import problems_of, split_path
from .rulebook import Rulebook
from .validate import validate


class Case(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)
    name: str
    set: dict[str, Any] = Field(default_factory=dict)
    unset: list[str] = Field(default_factory=list)
    append: dict[str, list[Any]] = Field(default_factory=dict)
    expect: list[str] = Field(default_factory=list)  # the complete set of rules the case fires
    expect_not: list[str] = Field(default_factory=list)  # near misses: must-not-trigger cases for these rules
    expect_none: bool = False  # no finding of any rule: counts as a negative case for every rule


class FixtureFile(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)
    base: str
    as_of: date = Field(strict=False)
    cases: list[Case] = Field(min_length=1)


@dataclass(frozen=True, eq=False)
class FixtureCase:
    """One case of one fixture file, with the base profile it patches."""

    file: str
    case: Case
    base: dict = field(repr=False)
    as_of: date

    @property
    def id(self) -> str:
        return f"{self.file}::{self.case.name}"


@dataclass
class Outcome:
    file: str
    case: str
    ok: bool
    detail: str = ""


@dataclass
class FixtureRun:
    outcomes: list[Outcome] = field(default_factory=list)
    uncovered: dict[str, list[str]] = field(default_factory=dict)  # rule id -> missing kinds
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors and not self.uncovered and all(o.ok for o in self.outcomes)

    def lines(self) -> list[str]:
        """`compliance rules test`: every error and case, the rules without a case of each kind, the totals."""
        out = [f"✖ {e}" for e in self.errors]
        out += [f"{'✔' if o.ok else '✖'} {o.file}: {o.case}{'  ' + o.detail if o.detail else ''}" for o in self.outcomes]
        out += [f"✖ {rid}: 缺少测试用例 / no fixture: {', '.join(kinds)}" for rid, kinds in self.uncovered.items()]
        passed = sum(o.ok for o in self.outcomes)
        out.append(f"{passed} passed, {len(self.outcomes) - passed} failed")
        return out


def _walk_to(data: Any, parts: list) -> tuple[Any, Any]:
    for part in parts[:-1]:
        data = data[part] if isinstance(part, int) else data.setdefault(part, {})
    return data, parts[-1]


def patch(data: dict, case: Case) -> dict:
    out = copy.deepcopy(data)
    for path in case.unset:
        parent, last = _walk_to(out, split_path(path))
        if isinstance(parent, dict):
            parent.pop(last, None)
        else:
            del parent[last]
    for path, value in case.set.items():
        parent, last = _walk_to(out, split_path(path))
        parent[last] = value
    for path, items in case.append.items():
        parent, last = _walk_to(out, split_path(path))
        target = parent[last] if isinstance(parent, list) else parent.setdefault(last, [])
        target.extend(copy.deepcopy(items))
    return out


def load_cases(directory: Path) -> tuple[list[FixtureCase], list[str]]:
    """Every case of every fixture file in `directory`, in file order, and the errors of files that do not load."""
    cases: list[FixtureCase] = []
    errors: list[str] = []
    files = sorted(p for p in directory.glob("*.yaml") if not p.name.startswith("base"))
    if not files:
        errors.append(f"{directory}: 没有规则测试文件 / no fixture files")
    for path in files:
        try:
            doc = load(path)
            spec = FixtureFile.model_validate(doc.data)
            base = load(path.parent / spec.base)
        except LoadError as exc:
            errors.append(exc.problem.format())
            continue
        except ValidationError as exc:
            errors += [p.format() for p in problems_of(doc, exc, FixtureFile)]
            continue
        cases += [FixtureCase(path.name, case, base.data, spec.as_of) for case in spec.cases]
    return cases, errors


def _contradictions(rulebook: Rulebook, case: Case) -> list[str]:
    out = [f"未知规则 / unknown rule {rid}" for rid in case.expect + case.expect_not if rid not in rulebook.by_id]
    both = sorted(set(case.expect) & set(case.expect_not))
    if both:
        out.append(f"同时列在 expect 和 expect_not / in both expect and expect_not: {both}")
    if case.expect_none and case.expect:
        out.append("expect_none 与 expect 矛盾 / expect_none with a non-empty expect")
    return out


def fired_rules(auditor: Auditor, fixture: FixtureCase) -> tuple[set[str] | None, str]:
    """The rules the patched profile fires, or None and why the patched profile is invalid."""
    data = patch(fixture.base, fixture.case)
    doc = Document(fixture.file, "", data, parse("x: 1", "patched").root)
    profile, problems = validate(doc, auditor.as_of)
    if profile is None:
        return None, "补丁后的档案无效 / patched profile invalid: " + "; ".join(
            f"{p.path}: {p.message()}" for p in problems)
    return {f.rule for f in auditor.audit_profile(doc, profile).findings}, ""


def check_case(auditor: Auditor, fixture: FixtureCase) -> Outcome:
    """Whether the case fires exactly the rules it lists in `expect`."""
    case = fixture.case
    wrong = _contradictions(auditor.rulebook, case)
    if wrong:
        return Outcome(fixture.file, case.name, False, "；".join(wrong))
    fired, invalid = fired_rules(auditor, fixture)
    if fired is None:
        return Outcome(fixture.file, case.name, False, invalid)
    missing = [r for r in case.expect if r not in fired]
    unexpected = sorted(fired - set(case.expect))
    ok = not missing and not unexpected
    detail = "" if ok else f"应触发未触发 / missing {missing}；未列出却触发 / unexpected {unexpected}"
    return Outcome(fixture.file, case.name, ok, detail)


def uncovered(rulebook: Rulebook, cases: list[FixtureCase]) -> dict[str, list[str]]:
    """Rule id -> the kinds of case it lacks: a must-trigger case (in `expect`) and a must-not-trigger case
    (in `expect_not`, or any `expect_none` case)."""
    positive = {r for c in cases for r in c.case.expect}
    negative = {r for c in cases for r in c.case.expect_not}
    if any(c.case.expect_none for c in cases):
        negative |= set(rulebook.by_id)
    out: dict[str, list[str]] = {}
    for rule in rulebook.rules:
        kinds = [k for k, s in (("must-trigger", positive), ("must-not-trigger", negative)) if rule.id not in s]
        if kinds:
            out[rule.id] = kinds
    return out


def run_fixtures(rulebook: Rulebook, directory: Path) -> FixtureRun:
    cases, errors = load_cases(directory)
    auditors: dict[date, Auditor] = {}
    outcomes = []
    for fixture in cases:
        auditor = auditors.get(fixture.as_of) or auditors.setdefault(fixture.as_of, Auditor(rulebook, fixture.as_of))
        outcomes.append(check_case(auditor, fixture))
    return FixtureRun(outcomes, uncovered(rulebook, cases), errors)
