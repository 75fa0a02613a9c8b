"""Rule fixtures: every case of rules/tests/*.yaml is its own test and fires exactly the rules it lists; the
checker behind `compliance rules test` fails a case that fires too much, too little, or contradicts itself."""

from __future__ import annotations

import shutil
from datetime import date

import pytest

from compliance.audit import Auditor
from compliance.fixtures import Case, FixtureCase, check_case, load_cases, uncovered
from compliance.rulebook import default_rules_dir

CASES, ERRORS = load_cases(default_rules_dir() / "tests")


@pytest.fixture(scope="session")
def auditors(rulebook) -> dict[date, Auditor]:
    return {}


def _auditor(auditors: dict[date, Auditor], rulebook, as_of: date) -> Auditor:
    return auditors.get(as_of) or auditors.setdefault(as_of, Auditor(rulebook, as_of))


def test_fixture_files_load():
    assert ERRORS == []
    assert len(CASES) >= 100
    assert len({c.id for c in CASES}) == len(CASES), "two cases of one file share a name"


@pytest.mark.parametrize("fixture", CASES)
def test_case_fires_exactly_what_it_lists(fixture, rulebook, auditors):
    outcome = check_case(_auditor(auditors, rulebook, fixture.as_of), fixture)
    assert outcome.ok, f"{fixture.id}: {outcome.detail}"


def test_every_rule_has_a_must_and_a_must_not_case(rulebook):
    assert uncovered(rulebook, CASES) == {}


# The checker itself, on the real base profile: a case that fires ACT-NOMINAL and nothing else.
NOMINAL = {"append": {"activities": [{"name": "某产业峰会", "kind": "论坛", "start": "2026-05-01", "role": "挂名"}]}}


def _case(rulebook, auditors, **fields) -> tuple[bool, str]:
    base = next(c for c in CASES if c.file == "activities.yaml")
    fixture = FixtureCase("x.yaml", Case(name="x", **NOMINAL, **fields), base.base, base.as_of)
    outcome = check_case(_auditor(auditors, rulebook, base.as_of), fixture)
    return outcome.ok, outcome.detail


def test_checker_accepts_the_exact_set(rulebook, auditors):
    assert _case(rulebook, auditors, expect=["ACT-NOMINAL"], expect_not=["ACT-FEES"]) == (True, "")


def test_checker_fails_a_rule_that_fires_unlisted(rulebook, auditors):
    ok, detail = _case(rulebook, auditors)  # no expect: nothing may fire
    assert not ok and "unexpected ['ACT-NOMINAL']" in detail and "missing []" in detail
    ok, detail = _case(rulebook, auditors, expect_none=True)
    assert not ok and "unexpected ['ACT-NOMINAL']" in detail


def test_checker_fails_a_listed_rule_that_does_not_fire(rulebook, auditors):
    ok, detail = _case(rulebook, auditors, expect=["ACT-NOMINAL", "ACT-FEES"])
    assert not ok and "missing ['ACT-FEES']" in detail and "unexpected []" in detail


def test_checker_fails_a_contradictory_or_unknown_expectation(rulebook, auditors):
    ok, detail = _case(rulebook, auditors, expect=["ACT-NOMINAL"], expect_not=["ACT-NOMINAL"])
    assert not ok and "in both expect and expect_not: ['ACT-NOMINAL']" in detail
    ok, detail = _case(rulebook, auditors, expect=["ACT-NOMINAL", "NO-SUCH-RULE"])
    assert not ok and "unknown rule NO-SUCH-RULE" in detail


def test_rules_test_names_the_failing_case(cli, tmp_path):
    rules = tmp_path / "rules"
    shutil.copytree(default_rules_dir(), rules)
    f = rules / "tests" / "work.yaml"
    old = "expect: [ACAD-CONFERENCE, ACT-NOMINAL, ACAD-INTERNATIONAL, POPSCI-NONE, POPSCI-SCIENCE-DAY, ETHICS-LECTURES]"
    text = f.read_text(encoding="utf-8")
    assert text.count(old) == 1
    f.write_text(text.replace(old, old.replace("ACT-NOMINAL, ", "")), encoding="utf-8")
    r = cli("rules", "test", "--rules", str(rules))
    assert r.code == 1
    failed = [ln for ln in r.out.splitlines() if ln.startswith("✖")]
    assert failed == ["✖ work.yaml: 挂名的学术会议不算举办  应触发未触发 / missing []；"
                      "未列出却触发 / unexpected ['ACT-NOMINAL']"]
    assert r.out.strip().splitlines()[-1] == f"{len(CASES) - 1} passed, 1 failed"
