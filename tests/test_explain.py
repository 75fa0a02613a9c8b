"""Issue 17: `compliance explain` says why a rule fired or did not, from the audit's own evaluation: the verdict
agrees with the audit on every rule fixture, each part's truth is the engine's, values come with their lines."""

from __future__ import annotations

import json
import re
import shutil
from datetime import date

import pytest
import yaml

from compliance.audit import Auditor
from compliance.explain import Explainer, Part
from compliance.fixtures import fired_rules, patch
from compliance.loading import Document, parse
from compliance.rulebook import default_rules_dir
from compliance.validate import validate

from .conftest import AS_OF, ROOT, SAMPLES
from .test_rule_fixtures import CASES

FARM = SAMPLES / "宁夏农学会.yaml"  # 6 formal party members, no party organisation
WATER = SAMPLES / "宁夏水利学会.yaml"  # a president aged 73 in a third term; has a party branch
FOREST = SAMPLES / "宁夏林学会.yaml"  # interviewed, then ordered to rectify; the deadline has passed


def _line(path, text: str) -> int:
    """The line of the profile or rule file where `text` first appears (so no test hard-codes a line)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, ln in enumerate(lines, 1) if text in ln)


def _explain(cli, profile, *args: str):
    """`compliance explain PROFILE ARGS`, a sample named as a user in the project folder would name it."""
    name = profile.relative_to(ROOT) if profile.is_relative_to(ROOT) else profile
    return cli("explain", str(name), *args, "--as-of", AS_OF)


# ------------------------------------------------------------------ the same evaluation as the audit


@pytest.fixture(scope="module")
def explainers() -> dict[date, Explainer]:
    return {}


def _check_parts(part: Part) -> None:
    """The probes' truth values fit together as the README says conditions combine: `all`/`any` of their parts,
    `not` the negation of its part, and a comparison with a missing value is false."""
    for child in part.parts:
        _check_parts(child)
    truths = [p.holds for p in part.parts]
    if part.kind == "all":
        assert part.holds == all(truths), part.at
    elif part.kind == "any":
        assert part.holds == any(truths), part.at
    elif part.kind == "not":
        assert part.holds == (not truths[0]), part.at
    else:
        assert part.operand is not None
        if part.operand.value is None and part.op not in ("exists", "missing"):
            assert not part.holds and part.state == "missing", part.at
        assert part.holds == (part.state == "holds")


@pytest.mark.parametrize("fixture", CASES)
def test_explain_agrees_with_the_audit_on_every_fixture(fixture, rulebook, explainers):
    explainer = explainers.get(fixture.as_of) or explainers.setdefault(fixture.as_of, Explainer(rulebook, fixture.as_of))
    data = patch(fixture.base, fixture.case)
    doc = Document(fixture.file, "", data, parse("x: 1", "patched").root)
    profile, problems = validate(doc, fixture.as_of)
    assert profile is not None, problems
    audited, _ = fired_rules(Auditor(rulebook, fixture.as_of), fixture)  # a separate audit of the same case
    x = explainer.explain(doc, profile, every=True)
    assert {r.id for r in x.rules} == {r.id for r in rulebook.in_force(fixture.as_of)}
    assert {r.id for r in x.rules if r.fired} == audited
    assert set(fixture.case.expect) <= audited
    for rule in x.rules:
        for item in rule.items:
            assert item.part.holds == item.matched, (rule.id, item.path)  # the probe of the whole condition
            _check_parts(item.part)
            if not item.matched:  # what is blamed is what keeps the rule from matching
                assert item.why and all((b.state == "holds") == b.negated for b in item.why), (rule.id, item.path)
        assert rule.fired == any(i.matched for i in rule.items)


def test_probes_split_over_rulesets_agree_with_one_ruleset(rulebook, monkeypatch):
    import compliance.probes as probes

    day = date.fromisoformat(AS_OF)
    auditor = Auditor(rulebook, day)
    rules = list(auditor.rules.values())
    from compliance.audit import Trace
    from compliance.validate import load_profile

    checked = load_profile(WATER, day)
    trace = Trace()
    auditor.audit_profile(checked.doc, checked.profile, trace)
    whole = probes.Probes(rules, auditor.params)
    monkeypatch.setattr(probes, "MAX_BRANCHES", 3)
    split = probes.Probes(rules, auditor.params)
    assert len(split._engines) > len(whole._engines) == 1
    assert split.run(trace.facts) == whole.run(trace.facts)
    fired = {(rid, k) for (rid, at), ks in whole.run(trace.facts).items() if at == "when" for k in ks}
    assert fired == set(trace.fired) and fired


# ------------------------------------------------------------------ done when


def test_party_org_missing_shows_count_threshold_and_missing_organisation(cli):
    r = _explain(cli, FARM, "PARTY-ORG-MISSING")
    assert r.code == 0, r.err
    out = r.out
    members, organisation = _line(FARM, "formal_members: 6"), _line(FARM, "organisation: none")
    params = default_rules_dir() / "params.yaml"
    assert "■ PARTY-ORG-MISSING  有3名以上正式党员未建立党组织" in out
    assert "结论：触发（1 项发现）" in out
    assert "✔ 正式党员人数 不小于 3 人（成立；实际：6 人）" in out
    assert f"来源字段：party.formal_members = 6（samples/宁夏农学会.yaml:{members}）" in out
    assert (f"参数：应当成立党的基层组织的正式党员人数 = 3 人（party_org_min_members，rules/params.yaml:"
            f"{_line(params, 'party_org_min_members:')}）") in out
    assert "依据：《中国共产党章程》第三十条：有正式党员三人以上的，都应当成立党的基层组织" in out
    assert "✔ 已建立党组织 等于 否（成立；实际：否）" in out
    assert f"来源字段：party.organisation = none（samples/宁夏农学会.yaml:{organisation}）" in out
    assert f"发现：samples/宁夏农学会.yaml:{organisation}:3 party.organisation" in out
    assert "不可豁免" in out


def test_a_rule_that_did_not_fire_names_the_false_part(cli):
    r = _explain(cli, WATER, "PARTY-ORG-MISSING")
    assert r.code == 0, r.err
    lines = r.out.splitlines()
    assert "  结论：未触发" in lines
    at = lines.index("  不成立的部分：")
    assert lines[at + 1] == "    ✖ 已建立党组织 等于 否（不成立；实际：是）"
    assert not lines[at + 2].startswith("    ✖")  # the member count holds: only the organisation is blamed
    assert "✔ 正式党员人数 不小于 3 人（成立；" in r.out


def test_a_missing_value_is_shown_as_missing_not_false(cli, tmp_path):
    text = WATER.read_text(encoding="utf-8")
    sg = next(ln for ln in text.splitlines() if ln.startswith("secretary_general:"))
    f = tmp_path / "p.yaml"
    f.write_text(text.replace(sg, "secretary_general: {name: 王五, full_time: true, appointment: 选任}"), encoding="utf-8")
    r = _explain(cli, f, "GOV-SG-AGE")
    assert r.code == 0, r.err
    assert "结论：未触发" in r.out
    assert re.search(r"    ？ 秘书长年龄（周岁） 大于 [^\n]*（缺值（与缺失的值比较，结果为不成立）；实际：缺失）", r.out), r.out
    assert "secretary_general.birth_date（档案中未填写）" in r.out
    x = json.loads(_explain(cli, f, "GOV-SG-AGE", "-f", "json").out)
    age = x["rules"][0]["items"][0]["part"]["parts"][1]
    assert age["state"] == "missing" and age["holds"] is False and age["operand"]["value"] is None


def test_not_holds_when_its_comparison_reads_a_missing_value(cli, tmp_path):
    rules = tmp_path / "rules"
    shutil.copytree(default_rules_dir(), rules)
    governance = rules / "governance.yaml"
    body = next(r for r in yaml.safe_load(governance.read_text(encoding="utf-8")) if r["id"] == "GOV-SG-AGE")
    body = dict(body, id="GOV-SG-AGE-UNKNOWN", when={"not": {"field": "secretary_general.age", "op": "<", "value": 200}})
    with governance.open("a", encoding="utf-8") as fh:
        fh.write("\n" + yaml.safe_dump([body], allow_unicode=True, sort_keys=False))
    text = WATER.read_text(encoding="utf-8")
    sg = next(ln for ln in text.splitlines() if ln.startswith("secretary_general:"))
    f = tmp_path / "p.yaml"
    f.write_text(text.replace(sg, "secretary_general: {name: 王五, full_time: true, appointment: 选任}"), encoding="utf-8")
    r = _explain(cli, f, "GOV-SG-AGE-UNKNOWN", "--rules", str(rules))
    assert r.code == 0, r.err
    assert "结论：触发（1 项发现）" in r.out
    assert "✔ 以下不成立" in r.out and "？ 秘书长年龄（周岁） 小于 200 周岁（缺值" in r.out


def test_list_subject_shows_matching_items_and_why_the_others_did_not(cli):
    r = _explain(cli, WATER, "GOV-OFFICER-AGE")
    assert r.code == 0, r.err
    president = _line(WATER, "{name: 龚英, birth_date")
    assert "条件（对每个理事）：" in r.out
    assert f"• 龚英  governance.council.members[0]  samples/宁夏水利学会.yaml:{president}" in r.out
    assert "实际：73 周岁" in r.out and "governance.council.members[0].birth_date = 1953-06-20" in r.out
    assert "不符合条件的 40 项：" in r.out
    groups = re.findall(r"    (\d+) 项，因为", r.out)
    assert sum(map(int, groups)) == 40 and len(groups) == 2


def test_all_explains_every_rule_in_force(cli, rulebook):
    r = _explain(cli, FARM, "--all")
    assert r.code == 0, r.err
    shown = re.findall(r"^■ (\S+)", r.out, re.M)
    assert shown == [rule.id for rule in rulebook.in_force(date.fromisoformat(AS_OF))]
    assert r.out.count("结论：触发") == 2  # PARTY-ORG-MISSING and ACAD-INTERNATIONAL, as the audit says


def test_default_is_the_rules_that_fired(cli):
    r = _explain(cli, FARM)
    assert re.findall(r"^■ (\S+)", r.out, re.M) == ["PARTY-ORG-MISSING", "ACAD-INTERNATIONAL"]


def test_rule_not_in_force_is_said_so(cli, tmp_path):
    rules = tmp_path / "rules"
    shutil.copytree(default_rules_dir(), rules)
    party = rules / "party.yaml"
    text = party.read_text(encoding="utf-8")
    anchor = "- id: PARTY-ORG-MISSING\n"
    party.write_text(text.replace(anchor, anchor + "  effective_from: 2030-01-01\n"), encoding="utf-8")
    r = _explain(cli, FARM, "PARTY-ORG-MISSING", "--rules", str(rules))
    assert r.code == 0, r.err
    rule = r.out.split("■ PARTY-ORG-MISSING")[1].split("退出机制")[0]
    assert f"结论：基准日 {AS_OF} 不在此规则的有效期（2030-01-01 ~ —）内，未检查" in rule and "条件" not in rule


# ------------------------------------------------------------------ formats and languages


def test_english(cli):
    r = _explain(cli, FARM, "PARTY-ORG-MISSING", "--lang", "en")
    assert r.code == 0, r.err
    assert "verdict: fired (1 finding(s))" in r.out
    assert "✔ formal party members >= 3 persons (holds; actual: 6 persons)" in r.out
    assert "reference: 《中国共产党章程》第三十条" in r.out
    assert "正式党员人数" not in r.out and "结论" not in r.out


def test_json_has_each_part_with_its_value_lines_and_parameters(cli):
    r = _explain(cli, FARM, "PARTY-ORG-MISSING", "-f", "json")
    assert r.code == 0, r.err
    x = json.loads(r.out)
    rule = x["rules"][0]
    assert rule["fired"] is True and rule["subject"] == "society"
    count = rule["items"][0]["part"]["parts"][1]
    assert count["holds"] is True and count["operand"]["value"] == 6
    assert count["operand"]["sources"] == [{"path": "party.formal_members", "line": _line(FARM, "formal_members: 6"),
                                            "present": True, "written": "6", "count": None}]
    assert count["against"]["param"]["name"] == "party_org_min_members" and count["against"]["param"]["value"] == 3
    assert x["ladder"]["next_step"] == "rectification"
    assert [c["rule"] for c in x["ladder"]["counted"]] == ["PARTY-ORG-MISSING"]
    # the step from `normal` rests on the revocation case and the rectification categories, nothing else
    assert [(i["name"], i["value"]) for i in x["ladder"]["inputs"]] == [("revocation", False), ("determined", False),
                                                                         ("rect_trigger", True)]


def test_markdown_is_a_polite_reply_without_internal_names(cli):
    r = _explain(cli, FARM, "-f", "markdown")
    assert r.code == 0, r.err
    md = r.out
    assert md.startswith("宁夏农学会：\n\n您好！")
    assert "### 一、有3名以上正式党员未建立党组织" in md
    assert f"- 正式党员人数：6 人（档案第 {_line(FARM, 'formal_members: 6')} 行）；条件“不小于 3 人”：符合" in md
    assert "依据：《中国共产党章程》第三十条" in md
    assert "**整改建议**" in md and "须经宁夏科协研究决定" in md and "请提供相关证明材料" in md
    for internal in ("party.formal_members", "party_org_min_members", "PARTY-ORG-MISSING", "party.has_org", "rules/"):
        assert internal not in md


def test_markdown_of_a_rule_that_did_not_fire(cli):
    r = _explain(cli, WATER, "PARTY-ORG-MISSING", "-f", "markdown")
    assert "**检查结论**：未发现该项问题。" in r.out
    assert f"- 已建立党组织：是（档案第 {_line(WATER, 'organisation:')} 行）；条件“等于 否”：不符合" in r.out


def test_output_file_is_written_and_the_profile_is_never_the_target(cli, tmp_path):
    out = tmp_path / "reply.md"
    r = _explain(cli, FARM, "-f", "markdown", "-o", str(out))
    assert r.code == 0 and out.read_text(encoding="utf-8").startswith("宁夏农学会：")
    refused = _explain(cli, FARM, "-o", str(FARM))
    assert refused.code == 2 and "是被检查的档案" in refused.err


def test_bad_input_is_a_clear_error(cli, tmp_path):
    r = _explain(cli, FARM, "NO-SUCH-RULE")
    assert r.code == 2 and "没有这条规则：NO-SUCH-RULE" in r.err
    bad = tmp_path / "bad.yaml"
    bad.write_text(FARM.read_text(encoding="utf-8").replace("formal_members: 6", "formal_members: -6"), encoding="utf-8")
    r = _explain(cli, bad)
    assert r.code == 2 and f"bad.yaml:{_line(bad, 'formal_members: -6')}" in r.err


# ------------------------------------------------------------------ ladder, waivers, baseline


def test_ladder_reads_the_history_as_dated_events(cli):
    r = _explain(cli, FOREST)
    assert r.code == 0, r.err
    ladder = r.out.split("退出机制（《意见》第7条）")[1]
    assert "2025-12-25 约谈（宁科协学函〔2025〕25号） → 已约谈" in ladder
    assert "2026-02-08 责令限期整改（宁科协学函〔2026〕44号），整改期限 2026-08-07 → 责令限期整改中" in ladder
    assert "监管阶段：责令限期整改中" in ladder
    assert "GOV-ELECTION-OVERDUE  governance.council.term_end — 组织涣散（→ 责令限期整改）" in ladder
    assert "ACAD-INTERNATIONAL  activities — 建议级别，只有违规参与推算" in ladder
    order = ladder.split("2026-02-08 责令限期整改（宁科协学函〔2026〕44号）所列问题：")[1]
    assert order.splitlines()[1:3] == ["    GOV-ELECTION-OVERDUE：仍存在", "    BRANCH-NO-RESOLUTION：仍存在"]
    assert "整改期限已过：是" in ladder and "整改后有明显改进：否" in ladder  # 明显改进 (issue 13): none of two resolved
    assert "建议下一步：建议给予年度工作报告前置审查不通过处理" in ladder


def test_ladder_says_which_cited_problem_is_resolved(cli, tmp_path):
    x = json.loads(cli("audit", str(FOREST), "--as-of", AS_OF, "-f", "json", "-q").out)
    path = next(g["path"] for g in x["results"][0]["findings"] if g["rule"] == "BRANCH-NO-RESOLUTION")
    data = yaml.safe_load(FOREST.read_text(encoding="utf-8"))
    # the branch set up without a council resolution now has one: that cited problem is resolved
    data["branches"][int(re.match(r"branches\[(\d+)\]", path).group(1))]["resolution_ref"] = "第五届理事会第三次会议决议"
    f = tmp_path / "p.yaml"
    f.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    r = _explain(cli, f)
    assert r.code == 0, r.err
    order = r.out.split("2026-02-08 责令限期整改（宁科协学函〔2026〕44号）所列问题：")[1].splitlines()
    assert order[1:3] == ["    GOV-ELECTION-OVERDUE：仍存在", "    BRANCH-NO-RESOLUTION：已解决"]


def _with_waivers(tmp_path, waivers: str):
    f = tmp_path / "p.yaml"
    f.write_text(WATER.read_text(encoding="utf-8") + "waivers:\n" + waivers, encoding="utf-8")
    return f


def test_waivers_applied_expired_pending_and_unused(cli, tmp_path):
    f = _with_waivers(tmp_path, (
        "- {rule: GOV-OFFICER-AGE, justification: 换届在即, approved_by: 学会部, approved_on: 2026-10-01, "
        "expires_on: 2027-06-30}\n"
        "- {rule: GOV-OFFICER-TERMS, justification: 临时, approved_by: 学会部, approved_on: 2025-01-01, "
        "expires_on: 2026-06-30}\n"
        "- {rule: GOV-YOUNG-SHARE, justification: 明年调整, approved_by: 学会部, approved_on: 2027-01-01}\n"
        "- {rule: BRANCH-INACTIVE, justification: 无此问题, approved_by: 学会部, approved_on: 2026-01-01}\n"))
    r = _explain(cli, f)
    assert r.code == 0, r.err
    waivers = r.out.split("\n豁免\n")[1]
    first = _line(f, "rule: GOV-OFFICER-AGE, justification")
    assert re.search(rf"p.yaml:{first} GOV-OFFICER-AGE：已豁免该发现（有效期至 2027-06-30） → "
                     r"governance.council.members\[0\].birth_date:\d+", waivers)
    assert "GOV-OFFICER-TERMS：已于 2026-06-30 过期，该发现照常计入" in waivers
    # approved after the as-of day: as the society stood that day there was no such waiver (the as-of view
    # leaves it out, issue 14); a --waivers file's waiver of that kind is still shown as not yet in force
    assert "GOV-YOUNG-SHARE" not in waivers
    assert "BRANCH-INACTIVE：没有对应的发现（规则 BRANCH-INACTIVE 未触发，或路径不符）" in waivers
    rule = r.out.split("■ GOV-OFFICER-AGE")[1].split("■ ")[0]
    assert "已豁免：换届在即" in rule
    ladder = r.out.split("退出机制（《意见》第7条）")[1]
    assert "GOV-OFFICER-AGE  governance.council.members[0].birth_date — 已豁免" in ladder


def test_a_waiver_of_a_non_waivable_rule_says_why(cli, tmp_path):
    waivers = tmp_path / "w.yaml"
    waivers.write_text("- {society: NX-S03, rule: PARTY-ORG-MISSING, justification: 筹建中, approved_by: 学会部, "
                       "approved_on: 2026-10-01}\n", encoding="utf-8")
    r = _explain(cli, FARM, "--waivers", str(waivers))
    assert r.code == 0, r.err
    assert "w.yaml:1 PARTY-ORG-MISSING：规则 PARTY-ORG-MISSING 不允许豁免，该豁免无效" in r.out
    assert "审查中的问题：" in r.out


def test_baseline_marks_known_findings(cli, tmp_path):
    report = tmp_path / "last.json"
    cli("audit", str(FARM), "--as-of", AS_OF, "-f", "json", "-o", str(report), "-q")
    r = _explain(cli, FARM, "PARTY-ORG-MISSING", "--baseline", str(report))
    assert r.code == 0, r.err
    assert "基线中已有，不使检查失败" in r.out and f"基线：{report}" in r.out


def test_explain_is_in_the_help(cli):
    r = cli("--help")
    assert "explain" in r.out
    r = cli("explain", "--help")
    assert "--all" in r.out and "markdown" in r.out



def test_readme_example_is_what_the_command_prints(cli):
    readme = (ROOT / "README.md").read_text(encoding="utf-8").split("### 解释 / Explain")[1]
    example = readme.split("```\n")[2].split("```")[0]  # the block after the bash block with the command
    r = _explain(cli, FARM, "PARTY-ORG-MISSING")
    assert example.strip() and all(line in r.out.splitlines() for line in example.splitlines()), example


def test_ladder_revocation_names_how_the_two_cases_combine(cli):
    r = _explain(cli, SAMPLES / "宁夏地质学会.yaml")
    ladder = r.out.split("退出机制（《意见》第7条）")[1]
    # revocation_mode both (the default): two C grades alone are not the case of the last sentence of item 7, and
    # they count at least as 活力不足 (issue 13 point 4): an interview
    assert ("EVAL-C-TWICE  evaluations.association — 活力不足（→ 约谈）（本规则属“连续两年C等次（→ 撤销）”；"
            "没有情节严重认定、不建议撤销时，至少按“活力不足”计）") in ladder
    assert "符合撤销团体会员资格的情形：否" in ladder
    assert "（“年度评价连续两年C等次”和“长期不开展活动”须同时成立，另须记录“情节严重”认定，revocation_mode: both）" in ladder
    assert "建议下一步：建议对主要负责人进行工作约谈" in ladder


def test_markdown_neutralises_profile_text(cli, tmp_path):
    text = (SAMPLES / "宁夏气象学会.yaml").read_text(encoding="utf-8")
    f = tmp_path / "p.yaml"
    f.write_text(text.replace("女科技工作者工作委员会", "'@admin [点击](http://evil.example) <b>x</b>'"), encoding="utf-8")
    r = _explain(cli, f, "BRANCH-INACTIVE", "-f", "markdown")
    assert r.code == 0, r.err
    assert "@&#8203;admin \\[点击\\](http\\://evil.example) \\<b\\>x\\</b\\>" in r.out
    assert not re.search(r"(?<!\\)\]\(http", r.out) and "<b>" not in r.out  # no link, no HTML
