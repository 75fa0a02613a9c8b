"""The rule set as data: loading, clear errors for broken rule files, coverage, fixtures, show/list."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from compliance.rulebook import CLAUSES, RuleFileError, default_rules_dir, load_rulebook


def test_every_rule_cites_a_clause_and_quotes_the_policy(rulebook):
    policy = next((Path(__file__).resolve().parents[1] / "docs").glob("policy-*.txt"))
    text = policy.read_text(encoding="utf-8").replace("\n", "")
    assert len(rulebook.rules) >= 40
    for rule in rulebook.rules:
        assert rule.clause in CLAUSES
        assert rule.quote.rstrip("。") in text, rule.id  # the quote is the policy's own words


def test_thresholds_are_parameters_not_literals(rulebook):
    """No number other than 0 and 1 appears as a literal value in a rule condition."""

    def literals(cond):
        if "all" in cond or "any" in cond:
            for c in cond.get("all", cond.get("any")):
                yield from literals(c)
        elif "not" in cond:
            yield from literals(cond["not"])
        elif isinstance(cond.get("value"), int | float) and not isinstance(cond.get("value"), bool):
            yield cond["value"]

    for rule in rulebook.rules:
        assert all(v in (0, 1) for v in literals(rule.when)), rule.id


def test_every_parameter_has_reference_and_date(rulebook):
    for name, p in rulebook.params.items():
        assert p.reference and p.values, name


def test_coverage_lists_every_item(cli):
    r = cli("rules", "coverage", "--format", "json")
    assert r.code == 0
    rows = json.loads(r.out)
    assert [row["clause"] for row in rows] == CLAUSES
    for row in rows:
        assert row["classification"] in ("mandatory", "advice", "mixed", "not-checkable"), row
        if row["classification"] == "not-checkable":
            assert row["reason"] and not row["rules"], row
        else:
            assert row["rules"], row


def test_rules_test_passes_and_covers_every_rule(cli, rulebook):
    r = cli("rules", "test")
    assert r.code == 0, r.out
    assert "✖" not in r.out
    assert r.out.strip().splitlines()[-1].endswith("0 failed")


def test_rules_test_fails_when_a_rule_has_no_fixture(cli, tmp_path):
    rules = tmp_path / "rules"
    shutil.copytree(default_rules_dir(), rules)
    (rules / "tests" / "work.yaml").unlink()
    r = cli("rules", "test", "--rules", str(rules))
    assert r.code == 1
    assert "SERVICE-UNITS: 缺少测试用例" in r.out  # (TALENT-NONE also has cases in tests/signals.yaml)


def _broken(tmp_path: Path, old: str, new: str, file: str = "party.yaml") -> RuleFileError:
    rules = tmp_path / "rules"
    shutil.copytree(default_rules_dir(), rules)
    text = (rules / file).read_text(encoding="utf-8")
    assert old in text
    (rules / file).write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(RuleFileError) as info:
        load_rulebook(rules)
    return info.value


def test_field_typo_names_file_line_and_suggestion(tmp_path):
    err = _broken(tmp_path, "field: party.formal_members", "field: party.formal_member")
    (p,) = err.problems
    assert p.file.endswith("party.yaml") and p.line is not None
    assert "party.formal_member" in p.format() and "party.formal_members" in p.format()


def test_unknown_operator(tmp_path):
    err = _broken(tmp_path, 'op: ">="', 'op: "=>"')
    assert "未知运算符" in err.problems[0].format()


def test_unknown_parameter(tmp_path):
    err = _broken(tmp_path, "{param: party_org_min_members}", "{param: party_org_min}")
    assert "party_org_min" in err.problems[0].format() and "未知参数" in err.problems[0].format()


def test_wrong_value_type(tmp_path):
    err = _broken(tmp_path, "{field: charter.party_leadership_clause, op: \"==\", value: false}",
                  "{field: charter.party_leadership_clause, op: \"==\", value: 'no'}")
    assert "类型不符" in err.problems[0].format()


def test_misspelt_rule_key(tmp_path):
    err = _broken(tmp_path, "  severity: violation", "  severty: violation")
    assert any("severty" in p.path for p in err.problems)


def test_unknown_placeholder(tmp_path):
    err = _broken(tmp_path, "{party.formal_members} 名（达到", "{party.members} 名（达到")
    assert "占位符" in err.problems[0].format()


def test_duplicate_rule_id(tmp_path):
    err = _broken(tmp_path, "id: PARTY-CHARTER-BUILDING", "id: PARTY-CHARTER-LEADERSHIP")
    assert "重复" in err.problems[0].format()


def test_broken_rule_file_exits_2_on_the_command_line(cli, tmp_path):
    rules = tmp_path / "rules"
    shutil.copytree(default_rules_dir(), rules)
    f = rules / "branches.yaml"
    f.write_text(f.read_text(encoding="utf-8").replace("op: \"==\"", "op: \"=\"", 1), encoding="utf-8")
    r = cli("audit", "samples/宁夏计算机学会.yaml", "--rules", str(rules))
    assert r.code == 2
    assert "branches.yaml:" in r.err and "未知运算符" in r.err


def test_rules_list_json(cli, rulebook):
    r = cli("rules", "list", "--format", "json")
    data = json.loads(r.out)
    assert {d["id"] for d in data} == {rule.id for rule in rulebook.rules}
    assert all({"id", "clause", "severity", "title", "quote"} <= set(d) for d in data)


def test_rules_show_explains_condition_and_parameters(cli):
    r = cli("rules", "show", "PARTY-ORG-MISSING")
    assert r.code == 0
    assert "根据党章规定，设立党的组织" in r.out
    assert "party.formal_members 不小于 party_org_min_members（=3）" in r.out
    assert "党章" in r.out
    assert cli("rules", "show", "NO-SUCH-RULE").code == 2


def test_rules_fields_lists_what_conditions_may_test(cli):
    r = cli("rules", "fields", "branch")
    assert r.code == 0 and "months_since_activity  (int)" in r.out
    assert "party.formal_members  (int)" in cli("rules", "fields").out
    assert cli("rules", "fields", "nope").code == 2
