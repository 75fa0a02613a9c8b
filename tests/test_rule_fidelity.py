"""Rule fidelity (issue 12): every rule quotes the sentence of its own item that states what it enforces, or names
the other regulation it rests on; its class decides whether it can be waived; its letter wording is a 公文's; its
item-7 category is explicit. The outside basis is shown wherever a finding or a rule is."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml

from compliance.rulebook import RuleFileError, default_rules_dir, load_rulebook
from compliance.vocabulary import NEVER_WAIVABLE, RULE_CLASSES, WEIGHTS
from tests.conftest import AS_OF, ROOT, SAMPLES

POLICY = next((ROOT / "docs").glob("policy-*.txt")).read_text(encoding="utf-8").replace("\n", "")


def _items() -> dict[str, str]:
    """The text of each numbered item (1–22) and of 保障措施(一)–(三), cut at every item and section heading, so a
    section's preamble (such as （五）'s) belongs to no item."""
    body = POLICY[POLICY.index("二、主要任务"):]
    marks = [(m.start(), m.group(1)) for m in re.finditer(r"(?<![\d.])(\d{1,2})\. ", body)]
    marks += [(m.start(), "") for m in re.finditer(r"（[一二三四五六七]）|三、保障措施", body)]
    safeguards = body.index("三、保障措施")
    marks += [(m.start(), f"保障措施({m.group(1)})") for m in re.finditer(r"\(([一二三])\) ", body) if m.start() > safeguards]
    marks.sort()
    out = {}
    for (start, name), (end, _) in zip(marks, [*marks[1:], (len(body), "")], strict=True):
        if name:
            out[name] = body[start:end]
    return out


ITEMS = _items()


def test_the_policy_is_cut_into_its_items():
    assert sorted(ITEMS, key=lambda c: (len(c), c)) == [str(i) for i in range(1, 23)] + [
        "保障措施(一)", "保障措施(三)", "保障措施(二)"]
    assert ITEMS["15"].startswith("15. 构建高质量学会科普服务体系") and "重要职责" not in ITEMS["15"]


def test_every_quote_is_a_sentence_of_its_own_item(rulebook):
    """A quote from a neighbouring item or a section preamble is caught (POPSCI-NONE quoted （五）'s preamble)."""
    wrong = [r.id for r in rulebook.rules if r.quote.rstrip("。") not in ITEMS[r.clause]]
    assert wrong == []


def test_every_key_term_is_in_the_quote_or_in_the_outside_basis(rulebook):
    for rule in rulebook.rules:
        assert rule.quote_terms, rule.id
        for term in rule.quote_terms:
            assert term in rule.quote or (rule.basis and term in rule.basis.sentence), (rule.id, term)
        if rule.basis is None:  # resting on the policy alone: the quote itself says what the rule enforces
            assert all(term in rule.quote for term in rule.quote_terms), rule.id


def test_rules_resting_on_other_regulations_name_them(rulebook):
    """The rules the analyst found quoting a sentence that does not contain their requirement now carry a basis
    holding it; the quotes that said more or something else say what the rule checks."""
    basis = {
        "GOV-OFFICER-AGE": "70周岁", "GOV-OFFICER-TERMS": "两届", "GOV-SG-AGE": "70周岁",
        "GOV-RETIRED-OFFICIAL": "审批或备案", "MEMBER-TOO-FEW": "混合组成", "ACT-FORUM-NOT-FILED": "备案",
        "GOV-COUNCIL-QUORUM": "2/3以上理事出席", "EVAL-ANNUAL-REPORT-MISSING": "3月31日前",
    }
    for rid, words in basis.items():
        b = rulebook.by_id[rid].basis
        assert b is not None and words in b.sentence and b.regulation, rid
    assert "制度" in rulebook.by_id["GOV-COUNCIL-RULES"].quote  # 建立健全……理事会……等制度, not the sentence after it
    assert "开展公益科普服务" in rulebook.by_id["POPSCI-NONE"].quote
    assert "自主办会" not in rulebook.by_id["PARTY-CHARTER-LEADERSHIP"].quote  # it checks the charter clause only


def test_every_rule_states_class_category_and_letter_in_its_file():
    """No silent defaults: each rule in the bundled files writes its class, its item-7 category (or none) and the
    wording of its letter."""
    for path in sorted(default_rules_dir().glob("*.yaml")):
        if path.name in ("params.yaml", "coverage.yaml"):
            continue
        for body in yaml.safe_load(path.read_text(encoding="utf-8")):
            assert {"class", "ladder", "letter", "quote_terms"} <= set(body), (path.name, body["id"])
            assert body["class"] in RULE_CLASSES and body["ladder"] in (*WEIGHTS, "none"), body["id"]
            assert "waivable" not in body, body["id"]  # the class decides


def test_prohibitions_and_political_rules_are_never_waivable(rulebook):
    for rule in rulebook.rules:
        assert rule.waivable is (rule.rule_class not in NEVER_WAIVABLE), rule.id
    for rid in ("PARTY-ORG-NEW-SOCIETY", "ACT-NOMINAL", "PARTY-CHARTER-BUILDING", "AWARD-NO-APPROVAL"):
        assert not rulebook.by_id[rid].waivable, rid


def test_banned_conduct_reaches_a_rectification_order(rulebook):
    """DECISIONS.md: fees by lending the name, compulsion, unapproved foreign donations and awards are 履职不力;
    no council or congress and an overdue election are 组织涣散; an inactive or unassessed branch is 治理不规范."""
    category = {r.id: r.ladder for r in rulebook.rules}
    for rid in ("ACT-FEES", "ACT-NOMINAL", "ACT-COMPULSORY", "ACT-COMPULSORY-PURCHASE", "FOREIGN-NO-APPROVAL",
                "AWARD-NO-APPROVAL", "AWARD-FEES", "EVAL-INSPECTION-FAILED", "EVAL-ANNUAL-REPORT-MISSING"):
        assert category[rid] == "poor_performance", rid
    for rid in ("GOV-COUNCIL-MISSING", "GOV-CONGRESS-MISSING", "GOV-ELECTION-OVERDUE", "GOV-DEFERRAL-TOO-LONG"):
        assert category[rid] == "lax_organisation", rid
    for rid in ("BRANCH-INACTIVE", "BRANCH-NOT-ASSESSED"):
        assert category[rid] == "irregular_governance", rid
    for rid in ("EVAL-GRADE-MISSING", "GOV-YOUNG-FLOOR", "GOV-GRASSROOTS-FLOOR"):
        assert rulebook.by_id[rid].severity == "advice" and category[rid] == "none", rid


def test_letter_wording_is_written_as_a_letter(rulebook):
    for rule in rulebook.rules:
        for text in (rule.letter.fact, rule.letter.requirement):
            assert " " not in text and not re.search(r"\d{4}-\d\d-\d\d", text) and "档案" not in text, rule.id
        assert rule.letter.fact.startswith(("你会", "科协")), rule.id


# ------------------------------------------------------------------ the loader enforces it


def _broken(tmp_path: Path, file: str, old: str, new: str) -> RuleFileError:
    rules = tmp_path / "rules"
    shutil.copytree(default_rules_dir(), rules)
    text = (rules / file).read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    (rules / file).write_text(text.replace(old, new), encoding="utf-8")
    with pytest.raises(RuleFileError) as info:
        load_rulebook(rules)
    return info.value


def test_loader_refuses_a_waivable_ban(tmp_path):
    err = _broken(tmp_path, "activities.yaml", "  ladder: poor_performance\n  tags: [activities, fees]\n\n- id: ACT-FEES",
                  "  ladder: poor_performance\n  waivable: true\n  tags: [activities, fees]\n\n- id: ACT-FEES")
    (p,) = err.problems
    assert p.file.endswith("activities.yaml") and p.path.endswith(".waivable") and p.line
    assert "ACT-NOMINAL：prohibition 类规则（禁止性或政治性要求）不得豁免" in p.format()


def test_loader_refuses_a_key_term_not_in_the_quote(tmp_path):
    err = _broken(tmp_path, "work.yaml", "quote_terms: [开展公益科普服务]", "quote_terms: [重要职责]")
    p = err.problems[0]  # (its parameter, read by no rule that loaded, is reported after it)
    assert p.path.endswith("quote_terms[0]") and "POPSCI-NONE：关键词 “重要职责” 不在摘录的原文 quote 中" in p.format()


def test_loader_refuses_letter_wording_a_letter_cannot_print(tmp_path):
    err = _broken(tmp_path, "party.yaml", "    fact: 你会党组织没有成文的党建工作制度。",
                  "    fact: 你会党组织于 2026-01-01 前没有在档案中记录{party.organisation}的党建制度。")
    found = {p.format().split("：", 1)[1] for p in err.problems}
    assert any("{party.organisation} 不在 message 中" in f for f in found)
    assert any("空格" in f for f in found) and any("ISO" in f for f in found) and any("“档案”" in f for f in found)


def test_loader_requires_a_category_class_and_letter(tmp_path):
    err = _broken(tmp_path, "work.yaml", "  ladder: lacking_vitality\n  tags: [talent]\n", "  tags: [talent]\n")
    (p,) = err.problems
    assert p.path.endswith("ladder") and "缺少必填字段" in p.format()


# ------------------------------------------------------------------ through the command line


def test_a_former_waivable_ban_cannot_be_waived(cli, tmp_path):
    text = (SAMPLES / "宁夏电力学会.yaml").read_text(encoding="utf-8")
    f = tmp_path / "p.yaml"
    f.write_text(text + "waivers:\n- {rule: ACT-NOMINAL, justification: 已停止挂名, approved_by: 学会部, "
                        "approved_on: 2026-10-01}\n", encoding="utf-8")
    r = cli("audit", str(f), "--as-of", AS_OF, "-f", "json")
    result = json.loads(r.out)["results"][0]
    assert r.code == 2 and [e["code"] for e in result["errors"]] == ["waiver_not_allowed"]
    assert not any(x["waived"] for x in result["findings"])


def test_an_award_recorded_as_an_activity_is_refused_with_a_hint(cli, tmp_path):
    text = (SAMPLES / "宁夏计算机学会.yaml").read_text(encoding="utf-8")
    f = tmp_path / "p.yaml"
    f.write_text(text.replace("\nactivities:\n", "\nactivities:\n- {name: 优秀论文奖评选, kind: 评比表彰, start: 2026-05-01, "
                                                 "role: 主办}\n", 1), encoding="utf-8")
    r = cli("validate", str(f))
    assert r.code == 2 and "activities[0].kind" in r.out + r.err and "请记入 awards" in r.out + r.err


def test_the_previous_council_cannot_count_more_members_than_it_had(cli, tmp_path):
    text = (SAMPLES / "宁夏计算机学会.yaml").read_text(encoding="utf-8")
    f = tmp_path / "p.yaml"
    f.write_text(re.sub(r"middle_young: \d+", "middle_young: 500", text, count=1), encoding="utf-8")
    r = cli("validate", str(f))
    assert r.code == 2 and "governance.council.previous" in r.out + r.err and "超过上届理事人数" in r.out + r.err


def test_the_outside_basis_is_shown_wherever_the_finding_is(cli, tmp_path):
    """ACT-FEES rests on 民发〔2012〕166号: JSON, terminal, SARIF help, JUnit and HTML all name it; rules show too."""
    sample = str(SAMPLES / "宁夏电力学会.yaml")
    r = cli("audit", sample, "--as-of", AS_OF, "-f", "json")
    fees = next(x for x in json.loads(r.out)["results"][0]["findings"] if x["rule"] == "ACT-FEES")
    assert fees["basis"]["article"] == "民发〔2012〕166号" and "不得向承办方或者协办方" in fees["basis"]["sentence"]
    nominal = next(x for x in json.loads(r.out)["results"][0]["findings"] if x["rule"] == "ACT-NOMINAL")
    assert nominal["basis"] is None and nominal["ladder"] == "poor_performance"
    assert "外部依据：民政部《关于规范社会团体开展合作活动若干问题的规定》（民发〔2012〕166号）" in \
        cli("audit", sample, "--as-of", AS_OF).out
    sarif = json.loads(cli("audit", sample, "--as-of", AS_OF, "-f", "sarif").out)
    rule = next(d for d in sarif["runs"][0]["tool"]["driver"]["rules"] if d["id"] == "ACT-FEES")
    assert "外部依据：" in rule["help"]["text"] and rule["properties"]["basis"]["regulation"].startswith("民政部")
    assert "外部依据：" in cli("audit", sample, "--as-of", AS_OF, "-f", "junit").out
    assert "外部依据：" in cli("audit", sample, "--as-of", AS_OF, "-f", "html").out
    shown = cli("rules", "show", "MEMBER-TOO-FEW").out
    assert "外部依据：《社会团体登记管理条例》第十条：有50个以上的个人会员" in shown and "性质：义务性要求" in shown
    assert "公文·事实：你会" in shown and "退出机制：活力不足" in shown


def test_coverage_shows_items_3_10_and_11_with_their_rules_and_reasons(cli):
    rows = {row["clause"]: row for row in json.loads(cli("rules", "coverage", "-f", "json").out)}
    assert rows["3"]["classification"] == "mixed" and set(rows["3"]["rules"]) == {"PARTY-WORK-INTEGRATION", "PARTY-RULES"}
    assert rows["10"]["rules"] == ["GRASSROOTS-LINK"] and rows["11"]["rules"] == ["ETHICS-LECTURES"]
    for clause in ("3", "10", "11"):
        assert rows[clause]["reason"] and rows[clause]["not_checkable"], clause
    table = cli("rules", "coverage").out
    assert "PARTY-WORK-INTEGRATION" in table and "GRASSROOTS-LINK" in table and "ETHICS-LECTURES" in table
    # a reason wraps over several lines, never cut short
    flat = re.sub(r"\s", "", table)
    for clause in ("3", "10", "11"):
        assert re.sub(r"\s", "", rows[clause]["reason"]) in flat, clause


def test_thresholds_say_where_they_come_from(rulebook):
    params = rulebook.params
    assert "参照" in params["society_inactive_months"].reference and "僵尸型" in params["society_inactive_months"].reference
    mode = params["revocation_mode"]
    assert mode.values[min(mode.values)] == "both" and "第7条" in mode.reference and "“和”" in mode.reference
    for name in ("min_young_share", "min_grassroots_share"):
        assert "学会部自定" in params[name].reference, name
    assert params["middle_young_age"].values[min(params["middle_young_age"].values)] == 55
    assert "youth_age" not in params  # 青年 (45) is not 中青年, and no rule reads it


# ------------------------------------------------------------------ the engine: a missing right-hand field


def test_comparing_with_a_missing_field_is_false():
    """`share < {field: previous}` with no previous term recorded: no finding (durable_rules alone would match)."""
    from compliance.conditions import compile_condition
    from compliance.engine import Engine

    cond = {"field": "a", "op": "<", "value": {"field": "b"}}
    engine = Engine({"R": {"all": [{"m": {"$and": [{"t": "x"}, compile_condition(cond, {})]}}]}})
    facts = [{"a": 0.0, "b": 0.5}, {"a": 0.0}, {"a": 0.7, "b": 0.5}, {"b": 0.5}]
    assert {k for _, k in engine.run([dict(f, t="x", k=i) for i, f in enumerate(facts)])} == {0}
