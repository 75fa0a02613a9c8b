"""Rule fixtures (`rules/tests/*.yaml`): a base profile plus small patches, each naming the rules it must and
must not trigger. `run_fixtures` checks them and that every rule has a case of each kind.
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
    expect: list[str] = Field(default_factory=list)
    expect_not: list[str] = Field(default_factory=list)
    expect_none: bool = False  # no finding of any rule: counts as a negative case for every rule


class FixtureFile(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)
    base: str
    as_of: date = Field(strict=False)
    cases: list[Case] = Field(min_length=1)


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


def run_fixtures(rulebook: Rulebook, directory: Path) -> FixtureRun:
    run = FixtureRun()
    positive: set[str] = set()
    negative: set[str] = set()
    files = sorted(p for p in directory.glob("*.yaml") if p.name != "base.yaml" and not p.name.startswith("base"))
    if not files:
        run.errors.append(f"{directory}: 没有规则测试文件 / no fixture files")
    auditors: dict[date, Auditor] = {}
    for path in files:
        try:
            doc = load(path)
            spec = FixtureFile.model_validate(doc.data)
            base = load(path.parent / spec.base)
        except LoadError as exc:
            run.errors.append(exc.problem.format())
            continue
        except ValidationError as exc:
            run.errors += [p.format() for p in problems_of(doc, exc, FixtureFile)]
            continue
        auditor = auditors.get(spec.as_of) or auditors.setdefault(spec.as_of, Auditor(rulebook, spec.as_of))
        for case in spec.cases:
            for rid in case.expect + case.expect_not:
                if rid not in rulebook.by_id:
                    run.outcomes.append(Outcome(path.name, case.name, False, f"未知规则 / unknown rule {rid}"))
            data = patch(base.data, case)
            patched = Document(str(path), "", data, parse("x: 1", "patched").root)
            profile, problems = validate(patched, spec.as_of)
            if profile is None:
                run.outcomes.append(Outcome(path.name, case.name, False,
                                            "补丁后的档案无效 / patched profile invalid: "
                                            + "; ".join(f"{p.path}: {p.message()}" for p in problems)))
                continue
            fired = {f.rule for f in auditor.audit_profile(patched, profile).findings}
            missing = [r for r in case.expect if r not in fired]
            unexpected = [r for r in case.expect_not if r in fired]
            if case.expect_none and fired:
                unexpected += sorted(fired)
            ok = not missing and not unexpected
            detail = "" if ok else f"应触发未触发 / missing {missing}；不应触发却触发 / unexpected {unexpected}"
            run.outcomes.append(Outcome(path.name, case.name, ok, detail))
            positive.update(case.expect)
            negative.update(case.expect_not)
            if case.expect_none:
                negative.update(rulebook.by_id)
    for rule in rulebook.rules:
        kinds = [k for k, s in (("must-trigger", positive), ("must-not-trigger", negative)) if rule.id not in s]
        if kinds:
            run.uncovered[rule.id] = kinds
    return run
