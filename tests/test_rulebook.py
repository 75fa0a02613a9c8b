"""Rule files and parameters are checked when loaded: every bad value is a positioned error with exit 2, never
an internal error or a silently disabled rule. Operators no bundled rule uses are tested through the engine.
"""

from __future__ import annotations

import json
import re
import shutil
from datetime import date
from pathlib import Path

import pytest

from compliance.audit import Auditor
from compliance.conditions import MAX_BRANCHES, MAX_LIST, compile_condition
from compliance.engine import Engine
from compliance.loading import load
from compliance.rulebook import default_rules_dir, load_rulebook
from compliance.validate import validate

from .conftest import SAMPLES

SAMPLE = "samples/宁夏计算机学会.yaml"


@pytest.fixture
def rules(tmp_path) -> Path:
    """A copy of the bundled rules to break."""
    target = tmp_path / "rules"
    shutil.copytree(default_rules_dir(), target)
    return target


def _replace(path: Path, old: str, new: str, count: int = 1) -> int:
    """Edit a rule file; returns the 1-based line where the edit starts."""
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    line = text[: text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, new, count), encoding="utf-8")
    return line


def _in_param(params: Path, name: str, old: str, new: str) -> int:
    """Replace `old` inside the declaration of parameter `name`; returns the line of the edit."""
    text = params.read_text(encoding="utf-8")
    at = text.index(old, text.index(f"\n{name}:"))
    params.write_text(text[:at] + new + text[at + len(old):], encoding="utf-8")
    return text[:at].count("\n") + 1


def _line_of(path: Path, needle: str) -> int:
    text = path.read_text(encoding="utf-8")
    return text[: text.index(needle)].count("\n") + 1


def _audit_fails(cli, rules: Path, *expected: str) -> str:
    """The audit stops before any profile is read: exit 2, every expected text on stderr."""
    r = cli("audit", SAMPLE, "--rules", str(rules))
    assert r.code == 2, r.err
    for text in expected:
        assert text in r.err, f"{text!r} not in:\n{r.err}"
    return r.err


# ------------------------------------------------------------------ parameters


def test_missing_parameter_names_who_reads_it(cli, rules):
    params = rules / "params.yaml"
    text = params.read_text(encoding="utf-8")
    block = re.search(r"\nevaluation_due_month:\n(?:  .*\n)+", text).group(0)
    params.write_text(text.replace(block, "\n"), encoding="utf-8")
    _audit_fails(cli, rules, "params.yaml:1:1: evaluation_due_month: 缺少参数 “evaluation_due_month”",
                 "evaluations.expected_year")


def test_misspelt_parameter_is_missing_and_unused_with_both_names(cli, rules):
    params = rules / "params.yaml"
    line = _replace(params, "evaluation_due_month:", "evaluation_due_mnth:")
    err = _audit_fails(cli, rules, "缺少参数 “evaluation_due_month”", "“evaluation_due_mnth” 是否拼错了",
                       f"params.yaml:{line}:1: evaluation_due_mnth: 参数 “evaluation_due_mnth” 没有被任何规则")
    assert "是否应为 “evaluation_due_month”" in err


def test_unused_parameter_is_an_error_at_its_line(cli, rules):
    params = rules / "params.yaml"
    with params.open("a", encoding="utf-8") as fh:
        fh.write("\nspare_threshold:\n  description: {zh: 备用, en: spare}\n  type: int\n  unit: days\n"
                 "  reference: 测试用的参数\n  values: {2024-03-13: 3}\n")
    line = _line_of(params, "spare_threshold:")
    _audit_fails(cli, rules, f"params.yaml:{line}:1: spare_threshold: 参数 “spare_threshold” 没有被任何规则、事实或文书使用")


@pytest.mark.parametrize(("name", "old", "new", "message"), [
    ("min_young_share", "{2024-03-13: 0.2}", "{2024-03-13: .nan}", "数值必须是有限数，实际是 nan"),
    ("min_grassroots_share", "{2024-03-13: 0.15}", "{2024-03-13: .inf}", "数值必须是有限数，实际是 inf"),
    ("middle_young_age", "{2024-03-13: 55}", "{2024-03-13: .inf}", "类型错误：应为 int，实际是 inf"),
    ("middle_young_age", "{2024-03-13: 55}", "{2024-03-13: '55'}", "类型错误：应为 int，实际是 '55'"),
    ("middle_young_age", "{2024-03-13: 55}", "{2024-03-13: 55.5}", "类型错误：应为 int，实际是 55.5"),
    ("officer_term_limit", "{2024-03-13: 2}", "{2024-03-13: true}", "类型错误：应为 int，实际是 True"),
    ("evaluation_due_month", "{2024-03-13: 7}", "{2024-03-13: 13}", "数值 13 超出允许范围 [1, 12]"),
    ("min_young_share", "{2024-03-13: 0.2}", "{2024-03-13: 1.5}", "数值 1.5 超出允许范围 [0, 1]"),
    ("revocation_mode", "{2024-03-13: both}", "{2024-03-13: bothh}", "取值 “bothh” 无效（是否应为 “both”？）"),
    ("officer_roles", "[理事长, 副理事长]", "[理事长, 副理事厂]", "取值 “副理事厂” 无效（是否应为 “副理事长”？）"),
    ("hosting_roles", "[主办, 承办, 协办]", "[主办, 主办]", "列表中有重复项"),
    ("policy_effective_date", "{2024-03-13: 2024-03-13}", "{2024-03-13: 20240313}", "类型错误：应为 YYYY-MM-DD，实际是 20240313"),
])
def test_bad_parameter_value_is_positioned(cli, rules, name, old, new, message):
    line = _in_param(rules / "params.yaml", name, old, new)
    err = _audit_fails(cli, rules, f"{name}.values.2024-03-13: {message}")
    assert f"params.yaml:{line}:" in err


def test_dated_values_out_of_order(cli, rules):
    line = _in_param(rules / "params.yaml", "middle_young_age", "{2024-03-13: 55}", "{2025-01-01: 50, 2024-03-13: 55}")
    _audit_fails(cli, rules, f"params.yaml:{line}:", "middle_young_age.values.2024-03-13: 生效日期须从早到晚排列")


def test_parameter_declared_with_a_type_its_readers_cannot_use(cli, rules):
    _in_param(rules / "params.yaml", "middle_young_age", "type: int", "type: float")
    _audit_fails(cli, rules, "参数 middle_young_age 应为 int 类型（governance.middle_young_share 按此读取），实际声明为 float")


def test_parameter_values_change_on_their_date(rules):
    _in_param(rules / "params.yaml", "middle_young_age", "{2024-03-13: 55}", "{2024-03-13: 55, 2026-01-01: 50}")
    book = load_rulebook(rules)
    assert book.params_at(date(2025, 12, 31))["middle_young_age"] == 55
    assert book.params_at(date(2026, 1, 1))["middle_young_age"] == 50


# ------------------------------------------------------------------ rules


def test_rule_value_outside_the_fields_values_suggests_the_closest(cli, rules):
    f = rules / "activities.yaml"
    line = _replace(f, '{field: role, op: "==", value: 挂名}', '{field: role, op: "==", value: 挂明}')
    _audit_fails(cli, rules, f"activities.yaml:{line}:",
                 "ACT-NOMINAL：“挂明” 不是 role 的取值（是否应为 “挂名”？）；可用：主办、协办、承办、挂名")


def test_in_list_values_are_checked_against_the_fields_values(cli, rules):
    line = _replace(rules / "activities.yaml", "value: [主办, 承办, 协办]", "value: [主办, 承办, 协力]")
    _audit_fails(cli, rules, f"activities.yaml:{line}:", "“协力” 不是 role 的取值")


def test_a_list_parameter_can_stand_for_an_in_list(cli, rules):
    _replace(rules / "activities.yaml", "value: [主办, 承办, 协办]", "value: {param: hosting_roles}")
    r = cli("rules", "test", "--rules", str(rules))
    assert r.code == 0, r.out + r.err
    shown = cli("rules", "show", "ACT-NOT-SUPERVISED", "--rules", str(rules)).out
    assert "role 属于 hosting_roles（=主办、承办、协办）" in shown


def test_a_list_parameter_must_hold_values_of_the_field(cli, rules):
    line = _replace(rules / "activities.yaml", "{field: kind, op: \"==\", value: 论坛}",
                    "{field: kind, op: in, value: {param: hosting_roles}}")
    _audit_fails(cli, rules, f"activities.yaml:{line}:", "ACT-FORUM-NOT-FILED：“主办” 不是 kind 的取值")


def test_effective_until_before_effective_from(cli, rules):
    f = rules / "party.yaml"
    _replace(f, "  effective_from: 2024-03-13\n", "  effective_from: 2024-03-13\n  effective_until: 2024-01-01\n")
    line = _line_of(f, "effective_until: 2024-01-01")
    _audit_fails(cli, rules, f"party.yaml:{line}:", "PARTY-ORG-NEW-SOCIETY：失效日期 effective_until 2024-01-01 不晚于生效日期")


def _extra_rules(rules: Path, bodies: list[str]) -> Path:
    """Add a rule file `extra.yaml` with the given rules (YAML text, one rule each)."""
    head = ("- id: X-{n}\n  clause: \"6\"\n  class: obligation\n  title: {{zh: 测试规则, en: test rule}}\n"
            "  quote: 不得挂名参与活动、收取费用\n  quote_terms: [挂名]\n  severity: warning\n")
    tail = ("  message: {zh: 测试, en: test}\n  remediation: {zh: 测试, en: test}\n"
            "  letter: {fact: 你会测试事实, requirement: 测试要求内容}\n  ladder: none\n")
    path = rules / "extra.yaml"
    path.write_text("".join(head.format(n=i) + body + tail for i, body in enumerate(bodies)), encoding="utf-8")
    return path


def test_in_list_longer_than_the_limit(cli, rules):
    values = ", ".join(f"活动{i}" for i in range(520))
    path = _extra_rules(rules, [f"  subject: activity\n  when: {{field: name, op: in, value: [{values}]}}\n"])
    err = _audit_fails(cli, rules, f"X-0：in 的列表有 520 项，上限 {MAX_LIST} 项")
    assert f"extra.yaml:{_line_of(path, 'when:')}:" in err


def test_rules_of_one_subject_with_too_many_branches(cli, rules):
    values = ", ".join(f"活动{i}" for i in range(90))
    body = f"  subject: activity\n  when: {{field: name, op: in, value: [{values}]}}\n"
    _extra_rules(rules, [body] * 5)
    _audit_fails(cli, rules, "activity 的全部规则条件共展开为", f"超过上限 {MAX_BRANCHES}")


def test_rules_just_below_the_branch_limit_load_and_run(rules):
    values = ", ".join(f"活动{i}" for i in range(90))
    _extra_rules(rules, [f"  subject: activity\n  when: {{field: name, op: in, value: [{values}]}}\n"] * 3
                 + ["  subject: activity\n  when: {field: name, op: in, value: [2025年计算机学术沙龙]}\n"])
    book = load_rulebook(rules)
    auditor = Auditor(book, date(2026, 11, 27))
    result = auditor.audit(SAMPLES / "宁夏计算机学会.yaml")
    assert "X-3" in {f.rule for f in result.findings}


@pytest.mark.parametrize(("pattern", "message"), [
    ("(.{1,100}){1,100}", "规则引擎不接受正则表达式 “(.{1,100}){1,100}”（错误 503"),
    ("a**", "规则引擎不接受正则表达式 “a**”（错误 508"),
    ("[abc", "规则引擎不接受正则表达式 “[abc”（错误 501"),
    ("[一-龥]", "的字符集含 20902 个字符，上限 4000 个"),
    ("a{101}", "的重复次数不能超过 100"),
    ("^宁夏.*", "不能含 ^ 或 $"),
])
def test_regex_the_engine_rejects_is_a_positioned_error(cli, rules, pattern, message):
    path = _extra_rules(rules, [f"  subject: activity\n  when: {{field: name, op: matches, value: '{pattern}'}}\n"])
    err = _audit_fails(cli, rules, f"X-0：{message}" if "引擎" in message else message)
    assert f"extra.yaml:{_line_of(path, 'when:')}:" in err


def test_not_cannot_wrap_matches(rules):
    from compliance.rulebook import RuleFileError

    _extra_rules(rules, ["  subject: activity\n  when: {not: {field: name, op: matches, value: '.*会'}}\n"])
    with pytest.raises(RuleFileError) as info:
        load_rulebook(rules)
    assert "not 不能用于 matches" in info.value.problems[0].format()


# ------------------------------------------------------------------ operators through the engine


def _fired(cond: dict, *facts: dict) -> set[int]:
    """Which of `facts` (subject x) match `cond`, evaluated by durable_rules."""
    engine = Engine({"R": {"all": [{"m": {"$and": [{"t": "x"}, compile_condition(cond, {})]}}]}})
    return {k for _, k in engine.run([dict(f, t="x", k=i) for i, f in enumerate(facts)])}


A1, A2, NONE = {"a": 1}, {"a": 2}, {"b": 1}


def test_comparison_with_a_missing_field_is_false_even_not_equal():
    assert _fired({"field": "a", "op": "==", "value": 1}, A1, A2, NONE) == {0}
    assert _fired({"field": "a", "op": "!=", "value": 1}, A1, A2, NONE) == {1}
    assert _fired({"field": "a", "op": "<", "value": 5}, A1, A2, NONE) == {0, 1}


def test_not_is_the_negation_of_its_condition_also_for_a_missing_field():
    assert _fired({"not": {"field": "a", "op": "==", "value": 1}}, A1, A2, NONE) == {1, 2}
    assert _fired({"not": {"field": "a", "op": "<", "value": 2}}, A1, A2, NONE) == {1, 2}
    assert _fired({"not": {"not": {"field": "a", "op": "==", "value": 1}}}, A1, A2, NONE) == {0}


def test_not_over_all_and_any():
    both = {"a": 1, "b": 1}
    cond = {"all": [{"field": "a", "op": "==", "value": 1}, {"field": "b", "op": "==", "value": 1}]}
    assert _fired(cond, both, A1, NONE) == {0}
    assert _fired({"not": cond}, both, A1, NONE) == {1, 2}
    either = {"any": [{"field": "a", "op": "==", "value": 1}, {"field": "b", "op": "==", "value": 1}]}
    assert _fired({"not": either}, both, A1, A2, {}) == {2, 3}


def test_not_on_nested_fields_and_field_references():
    assert _fired({"not": {"field": "n.b", "op": "==", "value": 1}}, {"n": {"b": 1}}, {"n": {"b": 2}}, {"n": {}}, {}) \
        == {1, 2, 3}
    cond = {"field": "a", "op": ">", "value": {"field": "c"}}
    facts = ({"a": 2, "c": 1}, {"a": 1, "c": 2}, {"a": 2}, {"c": 1})
    assert _fired(cond, *facts) == {0}
    assert _fired({"not": cond}, *facts) == {1, 2, 3}


def test_exists_and_missing():
    assert _fired({"field": "a", "op": "exists"}, A1, NONE) == {0}
    assert _fired({"field": "a", "op": "missing"}, A1, NONE) == {1}
    assert _fired({"not": {"field": "a", "op": "exists"}}, A1, NONE) == {1}
    assert _fired({"not": {"field": "a", "op": "missing"}}, A1, NONE) == {0}


def test_in_and_not_in():
    three = {"a": 3}
    assert _fired({"field": "a", "op": "in", "value": [1, 3]}, A1, A2, three, NONE) == {0, 2}
    assert _fired({"field": "a", "op": "not_in", "value": [1, 3]}, A1, A2, three, NONE) == {1}
    assert _fired({"not": {"field": "a", "op": "not_in", "value": [1, 3]}}, A1, A2, three, NONE) == {0, 2, 3}
    assert _fired({"not": {"field": "a", "op": "in", "value": [1, 3]}}, A1, A2, three, NONE) == {1, 3}


def test_matches_the_whole_text():
    cond = {"field": "s", "op": "matches", "value": ".*学会"}
    assert _fired(cond, {"s": "宁夏计算机学会"}, {"s": "学会秘书处"}, {}) == {0}


def test_not_with_a_real_rule_fires_when_the_fact_is_absent(rules):
    """A bundled-style rule using `not` over an optional fact: no secretary-general means no age either."""
    _extra_rules(rules, ["  subject: society\n"
                         "  when: {not: {field: secretary_general.age, op: \"<\", value: 60}}\n"])
    auditor = Auditor(load_rulebook(rules), date(2026, 11, 27))
    doc = load(SAMPLES / "宁夏计算机学会.yaml")
    profile, _ = validate(doc, auditor.as_of)
    young = profile.model_copy(update={"secretary_general": profile.secretary_general.model_copy(
        update={"birth_date": date(1990, 1, 1)})})
    none = profile.model_copy(update={"secretary_general": None})
    old = profile.model_copy(update={"secretary_general": profile.secretary_general.model_copy(
        update={"birth_date": date(1960, 1, 1)})})
    fired = {name: "X-0" in {f.rule for f in auditor.audit_profile(doc, p).findings}
             for name, p in (("young", young), ("none", none), ("old", old))}
    assert fired == {"young": False, "none": True, "old": True}


# ------------------------------------------------------------------ the registry on the command line


def test_rules_fields_explains_a_fact_with_its_sources_and_parameters(cli):
    r = cli("rules", "fields", "society")
    assert r.code == 0
    block = re.split(r"\n  (?=\S)", r.out.split("  activities.last_months_since", 1)[1])[0]
    assert "(int)" in block and "距最近一次活动" in block and "（月）" in block
    assert "来源字段：activities[].role，activities[].start" in block and "branches[].last_activity_on" in block
    assert "参数：hosting_roles（=主办、承办、协办）" in block
    en = cli("rules", "fields", "branch", "--lang", "en")
    assert "months_since_activity  (int)  whole months since the last activity" in en.out
    assert "from: branches[].last_activity_on, branches[].established_on" in en.out
    data = cli("rules", "fields", "-f", "json")
    entry = next(e for e in json.loads(data.out) if e["name"] == "governance.middle_young_share")
    assert entry["params"] == {"middle_young_age": 55} and entry["unit"] == "ratio"
    assert entry["sources"] == ["governance.council.members[].birth_date"]


def test_rules_show_explains_the_fields_a_rule_reads(cli):
    r = cli("rules", "show", "BRANCH-INACTIVE")
    assert r.code == 0
    assert "用到的字段（branch）：" in r.out
    assert "months_since_activity  (int)  距最近一次活动的整月数" in r.out
    assert "来源字段：branches[].last_activity_on，branches[].established_on" in r.out


def test_letters_read_their_periods_from_the_parameters(cli, rules, tmp_path):
    _in_param(rules / "params.yaml", "interview_materials_workdays", "{2024-03-13: 3}", "{2024-03-13: 5}")
    _in_param(rules / "params.yaml", "prereview_report_days", "{2024-03-13: 30}", "{2024-03-13: 45}")
    out = {}
    for sample, kind in (("宁夏水利学会.yaml", "interview"), ("宁夏林学会.yaml", "prereview")):
        target = tmp_path / f"{kind}.md"
        r = cli("letter", str(SAMPLES / sample), "--as-of", "2026-11-27", "-f", "md", "-o", str(target),
                "--rules", str(rules))
        assert r.code == 0, r.err
        out[kind] = target.read_text(encoding="utf-8")
    assert "并于约谈前5个工作日将书面情况说明" in out["interview"]
    assert "请你会于2027年1月11日前将整改情况书面报告" in out["prereview"]  # 45 days after the letter's date
