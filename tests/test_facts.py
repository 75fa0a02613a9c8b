"""Derived facts, checked directly: the cases in tests/facts/*.yaml (a small profile, patched, with the values
each fact must take, boundaries included), and the registry's declarations checked against what formulas do.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from compliance.facts import FACTS, SUBJECTS, Context, Plan, Row, build, effective, lookup
from compliance.facts import schema as profile_schema
from compliance.fixtures import Case, patch
from compliance.i18n import CATALOG
from compliance.loading import Document, load, parse
from compliance.profile import Profile
from compliance.validate import validate

from .conftest import SAMPLES

CASES = Path(__file__).resolve().parent / "facts"
_ITEM = {re.escape(s.path).replace(r"\{\}", r"\d+"): s.name for s in SUBJECTS.values() if s.path}


def _subject_of(path: str) -> str:
    if path == "society":
        return "society"
    return next(name for pattern, name in _ITEM.items() if re.fullmatch(pattern, path))


def _case_files() -> list[Path]:
    return sorted(p for p in CASES.glob("*.yaml") if p.name != "base.yaml")


def _cases():
    for path in _case_files():
        spec = load(path).data
        for case in spec["cases"]:
            yield pytest.param(path, spec, case, id=f"{path.stem}:{case['name']}")


def _profile(path: Path, spec: dict, case: dict, as_of: date) -> Profile:
    base = load(path.parent / spec["base"]).data
    data = patch(base, Case(name=case["name"], set=case.get("set", {}), unset=case.get("unset", []),
                            append=case.get("append", {})))
    profile, problems = validate(Document(str(path), "", data, parse("x: 1", "patched").root), as_of)
    assert profile is not None, [f"{p.path}: {p.message()}" for p in problems]
    return profile


def _get(fact: dict[str, Any], name: str, society: bool) -> Any:
    if not society:
        return fact.get(name)
    head, _, tail = name.partition(".")
    return fact.get(head, {}).get(tail)


def _same(actual: Any, expected: Any) -> bool:
    if isinstance(expected, date):
        expected = expected.isoformat()
    if isinstance(expected, bool) or isinstance(actual, bool):
        return actual is expected
    return actual == expected


@pytest.mark.parametrize(("path", "spec", "case"), list(_cases()))
def test_fact_values(path, spec, case, rulebook):
    as_of = case.get("as_of", spec["as_of"])
    params = dict(rulebook.params_at(as_of), **case.get("params", {}))
    facts = {f["path"] or "society": f for f in build(_profile(path, spec, case, as_of), as_of, params)}
    wrong = []
    for where, expected in case.get("expect", {}).items():
        assert where in facts, f"no fact at {where}; facts at {sorted(facts)}"
        subject = facts[where]["t"]
        for name, value in expected.items():
            assert name in FACTS[subject], f"{subject} declares no fact {name}"
            actual = _get(facts[where], name, subject == "society")
            if not _same(actual, value):
                wrong.append(f"{where} {name}: expected {value!r}, computed {actual!r}")
    for where in case.get("absent", []):
        assert where not in facts, f"unexpected fact at {where}"
    assert not wrong, "\n".join(wrong)


def test_every_declared_fact_has_a_value_test():
    tested = set()
    for path in _case_files():
        for case in load(path).data["cases"]:
            for where, expected in case.get("expect", {}).items():
                tested |= {(_subject_of(where), name) for name in expected}
    declared = {(s, name) for s, facts in FACTS.items() for name in facts}
    assert not declared - tested, f"facts without a direct test in tests/facts/: {sorted(declared - tested)}"


# ------------------------------------------------------------------ declarations match formulas


def _sample_profiles() -> list[tuple[Profile, date]]:
    out = []
    as_of = date(2026, 11, 27)
    for path in [*sorted(SAMPLES.glob("*.yaml")), CASES / "base.yaml"]:
        profile, _ = validate(load(path), as_of)
        if profile is not None:
            out.append((profile, as_of))
    assert len(out) >= 10
    return out


class _Recorder:
    """A profile (or part) that records which fields a formula reads, as dotted paths with `[]` for lists."""

    def __init__(self, obj: BaseModel, path: str, seen: set[str]):
        self._obj, self._path, self._seen = obj, path, seen

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._obj, name)
        path = f"{self._path}.{name}" if self._path else name
        self._seen.add(path)
        return _wrap(value, path, self._seen)


def _wrap(value: Any, path: str, seen: set[str]) -> Any:
    if isinstance(value, BaseModel):
        return _Recorder(value, path, seen)
    if isinstance(value, list):
        return [_wrap(v, f"{path}[]", seen) for v in value]
    return value


def _covered(read: str, declared: tuple[str, ...]) -> bool:
    """A field read is declared if it is a declared source, inside one, or on the way to one."""
    return any(read == s or read.startswith((s + ".", s + "[")) or s.startswith((read + ".", read + "["))
               for s in declared)


def _compute_alone(subject: str, name: str, profile: Profile, as_of: date, params: dict, seen: set[str]) -> None:
    """Compute one fact on fresh rows, with only the parameters it declares (its own and its uses')."""
    fact = FACTS[subject][name]
    _, allowed = effective(fact)
    ctx = Context(_Recorder(profile, "", seen), as_of, {n: params[n] for n in allowed})  # type: ignore[arg-type]
    subj = SUBJECTS[subject]
    if subj.items is None:
        rows = [ctx.society]
    else:
        item_path = subj.path.replace("[{}]", "[]")
        rows = [Row(FACTS[subject], _wrap(item, item_path, seen), ctx) for item in subj.items(profile)]
    for row in rows:
        row[name]


@pytest.mark.parametrize("qualified", [f"{s}:{n}" for s, facts in FACTS.items() for n in facts])
def test_declared_sources_and_parameters_are_what_the_formula_reads(qualified, rulebook):
    """A formula that reads a field or parameter it does not declare fails here (KeyError for a parameter)."""
    subject, name = qualified.split(":")
    sources, _ = effective(FACTS[subject][name])
    for profile, as_of in _sample_profiles_cached():
        seen: set[str] = set()
        _compute_alone(subject, name, profile, as_of, rulebook.params_at(as_of), seen)
        undeclared = sorted(r for r in seen if not _covered(r, sources))
        assert not undeclared, f"{qualified} reads {undeclared} but declares {list(sources)}"


_SAMPLES_CACHE: list = []


def _sample_profiles_cached() -> list[tuple[Profile, date]]:
    if not _SAMPLES_CACHE:
        _SAMPLES_CACHE.extend(_sample_profiles())
    return _SAMPLES_CACHE


def test_declarations_name_real_fields_parameters_units_and_facts(rulebook):
    for subject, facts in FACTS.items():
        for fact in facts.values():
            where = f"{subject}:{fact.name}"
            assert fact.zh.strip() and fact.en.strip(), where
            assert fact.sources or fact.uses or fact.params, f"{where} is computed from nothing"
            for source in fact.sources:
                assert profile_schema.exists(source), f"{where}: no profile field {source}"
            for p in fact.params:
                assert p in rulebook.params, f"{where}: no parameter {p}"
            for used in fact.uses:
                assert lookup(used, subject), where
            if fact.unit:
                assert f"unit_{fact.unit}" in CATALOG, f"{where}: unit {fact.unit} has no label"
            if fact.enum:
                assert fact.choices, f"{where}: {fact.enum} is not an enumerated field"


def test_computed_values_have_the_declared_type():
    python = {"bool": bool, "int": int, "float": float, "str": str, "date": str}
    checked = 0
    for profile, as_of in _sample_profiles_cached():
        from compliance.rulebook import load_rulebook

        for fact in build(profile, as_of, load_rulebook().params_at(as_of)):
            facts = FACTS[fact["t"]]
            flat = {f"{h}.{k}": v for h, sub in fact.items() if isinstance(sub, dict) for k, v in sub.items()}
            flat.update({k: v for k, v in fact.items() if not isinstance(v, dict) and k not in ("t", "k", "path")})
            for name, value in flat.items():
                declared = facts[name]
                assert type(value) is python[declared.type], f"{fact['t']}:{name} = {value!r} is not {declared.type}"
                if declared.choices:
                    assert value in declared.choices, f"{fact['t']}:{name} = {value!r}"
                checked += 1
    assert checked > 1000


def test_the_engine_gets_only_what_the_rules_in_force_read(rulebook):
    as_of = date(2026, 11, 27)
    profile, _ = validate(load(SAMPLES / "宁夏计算机学会.yaml"), as_of)
    needed = rulebook.needed(as_of)
    facts = rulebook.plan(as_of).build(profile)
    assert facts[-1]["t"] == "society"  # asserted last: durable_rules negation is order-dependent
    sent = {(f["t"], name) for f in facts for name, v in f.items() if name not in ("t", "k", "path")
            for name in ([f"{name}.{k}" for k in v] if isinstance(v, dict) else [name])}
    assert sent <= {(s, n) for s, names in needed.items() for n in names}
    assert ("society", "society.name") not in sent  # no rule reads it
    assert ("society", "party.has_org") in sent
    everything = Plan(as_of, rulebook.params_at(as_of)).build(profile)
    assert len(str(facts)) < len(str(everything))
