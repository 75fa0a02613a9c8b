"""Item 7's categories on dated histories (issue 13): the composite signals 活力不足 and 履职不力 move the ladder
(point 5), and the category assignments (point 6): no council or congress, an overdue election → 组织涣散; an
inactive branch → 内部治理不规范; banned conduct → at least an order. The README's table is the rule files' own."""

from __future__ import annotations

import re
from datetime import date

import pytest

from compliance.rulebook import RuleFileError, default_rules_dir, load_rulebook
from compliance.vocabulary import NO_WEIGHT, ORDER_WEIGHTS, WEIGHTS
from tests.conftest import ROOT
from tests.ladder_cases import audit, cited, flags, profile, reasons, rules_with

# ---------------------------------------------------------------- point 5: composite signals


def _stalled(data: dict) -> None:
    """宁夏计算机学会 with no conference, no popular science and no council meeting after 2025-11-27."""
    recent = date(2025, 11, 27)
    data["activities"] = [a for a in data["activities"] if not (a["kind"] in ("学术会议", "科普") and a["start"] > recent)]
    council = data["governance"]["council"]
    council["meetings"] = [m for m in council["meetings"] if m["date"] <= recent]


def test_three_core_activities_missing_in_twelve_months_is_lacking_vitality(tmp_path):
    result = audit(profile(tmp_path, "宁夏计算机学会.yaml", "", _stalled))
    ladder = result.ladder
    assert (ladder.stage, ladder.next_step, ladder.letter, ladder.deadline) == ("normal", "interview", "interview", None)
    assert reasons(ladder) == [("SIGNAL-VITALITY", "violation", "lacking_vitality")]
    signal = next(f for f in result.findings if f.rule == "SIGNAL-VITALITY")
    assert signal.message == ("近 12 个月学会适用的 7 项主要工作中缺少 3 项：学术会议、科普活动、理事会会议"
                              "（达到 3 项即为“活力不足”）。")
    # each missing activity alone is only advice or a warning
    assert {f.rule: f.severity for f in result.findings if f.rule in ("ACAD-CONFERENCE", "POPSCI-NONE",
                                                                       "GOV-COUNCIL-MEETINGS")} == {
        "ACAD-CONFERENCE": "advice", "POPSCI-NONE": "warning", "GOV-COUNCIL-MEETINGS": "warning"}


def test_the_vitality_threshold_is_a_parameter(tmp_path):
    rules = rules_with(tmp_path, vitality_missing_min=4)
    ladder = audit(profile(tmp_path, "宁夏计算机学会.yaml", "", _stalled), rules=rules).ladder
    assert (ladder.stage, ladder.next_step, ladder.letter, reasons(ladder)) == ("normal", "none", None, [])


def test_lacking_vitality_unresolved_after_an_interview_leads_to_an_order(tmp_path):
    history = "- {date: 2026-05-06, kind: 约谈, doc_no: 宁科协学函〔2026〕21号, cited_rules: [SIGNAL-VITALITY]}\n"
    ladder = audit(profile(tmp_path, "宁夏计算机学会.yaml", history, _stalled)).ladder
    assert (ladder.stage, ladder.next_step, ladder.letter, ladder.inferred) == (
        "interview", "rectification", "rectification", True)
    assert reasons(ladder) == [("SIGNAL-VITALITY", "violation", "lacking_vitality"), ("2026-05-06", "约谈")]
    assert cited(ladder) == [("SIGNAL-VITALITY", "remaining")]
    assert flags(ladder) == ["escalation_inferred"]


def _lax_duties(data: dict) -> None:
    """The 2025 annual inspection only 基本合格, and the membership list not reviewed since 2025-10-08."""
    data["evaluations"]["annual_inspections"][-1]["result"] = "基本合格"
    data["membership"]["last_review"] = date(2025, 10, 8)


def test_two_yearly_duties_unmet_is_poor_performance(tmp_path):
    result = audit(profile(tmp_path, "宁夏计算机学会.yaml", "", _lax_duties))
    ladder = result.ladder
    assert (ladder.stage, ladder.next_step, ladder.letter, ladder.deadline) == (
        "normal", "rectification", "rectification", None)
    assert reasons(ladder) == [("SIGNAL-DUTIES", "violation", "poor_performance")]
    signal = next(f for f in result.findings if f.rule == "SIGNAL-DUTIES")
    assert signal.message == "学会有 2 项年度职责没有履行：年检、会员核查（达到 2 项即为“履职不力”）。"


def test_an_order_for_poor_performance_is_met_once_the_duties_are_done(tmp_path):
    history = ("- {date: 2026-01-10, kind: 责令限期整改, doc_no: 宁科协学函〔2026〕3号, deadline: 2026-07-10, "
               "cited_rules: [SIGNAL-DUTIES]}\n"
               "- {date: 2026-06-30, kind: 整改报告, evidence: [2026年会员核查名册, 年检整改报告]}\n")
    ladder = audit(profile(tmp_path, "宁夏计算机学会.yaml", history)).ladder  # the sample's duties are done
    assert (ladder.stage, ladder.episode.outcome, ladder.next_step, ladder.deadline) == (
        "rectification", "close", "close", None)
    assert cited(ladder) == [("SIGNAL-DUTIES", "resolved")]
    assert reasons(ladder) == [("2026-01-10", "责令限期整改"), ("2026-06-30", "整改报告")]
    ladder = audit(profile(tmp_path, "宁夏计算机学会.yaml", history, _lax_duties)).ladder
    assert (ladder.stage, ladder.next_step, ladder.deadline, ladder.days_remaining) == (
        "rectification", "prereview", "2026-07-10", -140)
    assert reasons(ladder) == [("SIGNAL-DUTIES", "violation", "poor_performance"), ("2026-01-10", "责令限期整改"),
                               ("2026-06-30", "整改报告")]
    assert flags(ladder) == ["order_unmet"]


# ---------------------------------------------------------------- point 6: category assignments

RECENT_INTERVIEW = "- {date: 2026-10-01, kind: 约谈, doc_no: 宁科协学函〔2026〕40号, cited_rules: [GOV-OFFICER-AGE]}\n"


@pytest.mark.parametrize(("sample", "edit", "rule", "category", "step"), [
    ("宁夏计算机学会.yaml", lambda d: d["governance"].pop("council"), "GOV-COUNCIL-MISSING", "lax_organisation",
     "rectification"),
    ("宁夏计算机学会.yaml", lambda d: d["governance"].pop("congress"), "GOV-CONGRESS-MISSING", "lax_organisation",
     "rectification"),
    ("宁夏气象学会.yaml", None, "BRANCH-INACTIVE", "irregular_governance", "interview"),
    ("宁夏电力学会.yaml", None, "ACT-FEES", "poor_performance", "rectification"),
    ("宁夏煤炭学会.yaml", None, "ACT-COMPULSORY", "poor_performance", "rectification"),
    ("宁夏环境科学学会.yaml", None, "FOREIGN-NO-APPROVAL", "poor_performance", "rectification"),
])
def test_each_category_leads_to_its_step(tmp_path, sample, edit, rule, category, step):
    ladder = audit(profile(tmp_path, sample, "", edit)).ladder
    assert (ladder.stage, ladder.next_step, ladder.letter, ladder.deadline) == ("normal", step, step, None)
    assert (rule, "violation", category) in reasons(ladder)
    assert {r[2] for r in reasons(ladder)} == {category}


def test_an_overdue_election_is_lax_organisation_whatever_the_episode(tmp_path):
    # 宁夏林学会's council term ended 2025-06-05 (with the approved deferral): under an interview for another matter,
    # still within its follow-up period, the overdue election calls for an order at once
    ladder = audit(profile(tmp_path, "宁夏林学会.yaml", RECENT_INTERVIEW.replace("GOV-OFFICER-AGE", "ACT-FEES"))).ladder
    assert (ladder.stage, ladder.next_step, ladder.letter, ladder.inferred) == (
        "interview", "rectification", "rectification", False)
    assert reasons(ladder) == [("GOV-ELECTION-OVERDUE", "violation", "lax_organisation"),
                               ("BRANCH-NO-RESOLUTION", "violation", "irregular_governance"), ("2026-10-01", "约谈")]


def test_banned_conduct_during_an_interview_calls_for_an_order(tmp_path):
    # 宁夏电力学会 interviewed on 2026-10-01 about another problem: its fee for lending its name is 履职不力
    history = RECENT_INTERVIEW.replace("GOV-OFFICER-AGE", "ACT-NOMINAL")
    ladder = audit(profile(tmp_path, "宁夏电力学会.yaml", history)).ladder
    assert (ladder.stage, ladder.next_step, ladder.letter, ladder.inferred) == (
        "interview", "rectification", "rectification", False)
    assert reasons(ladder) == [("ACT-NOMINAL", "violation", "poor_performance"),
                               ("ACT-FEES", "violation", "poor_performance"), ("2026-10-01", "约谈")]
    assert flags(ladder) == []


def test_the_loader_refuses_a_prohibition_that_is_only_an_interview_matter(tmp_path):
    rules = rules_with(tmp_path)
    text = (rules / "activities.yaml").read_text(encoding="utf-8")
    old = "  ladder: poor_performance\n  tags: [activities, fees]\n\n- id: ACT-FEES"
    assert text.count(old) == 1
    (rules / "activities.yaml").write_text(text.replace(old, old.replace("poor_performance", "irregular_governance")),
                                           encoding="utf-8")
    with pytest.raises(RuleFileError) as info:
        load_rulebook(rules)
    (problem,) = info.value.problems
    assert problem.path.endswith(".ladder") and problem.line
    assert ("ACT-NOMINAL：禁止性要求（不得）至少应责令限期整改，ladder 只能是 poor_performance、lax_organisation，"
            "不能是 irregular_governance") in problem.format()


def _readme_table() -> dict[str, list[str]]:
    """The README's table of item-7 categories: category -> the rule ids in its row."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index("**第7条情形与规则。**"):text.index("**综合信号（`rules/signals.yaml`）。**")]
    rows = [line for line in section.splitlines() if line.startswith("| ") and "（`" in line.split("|")[1]][1:]
    table = {}
    for row in rows:
        cells = [c.strip() for c in row.strip("|").split("|")]
        category = re.search(r"（`(\w+)`）", cells[0]).group(1)
        table[category] = re.findall(r"`([A-Z][A-Z0-9-]+)`", cells[2])
        assert cells[3], f"{category}: no reasoning"
    return table


def test_the_readme_table_is_the_rule_files_mapping():
    rules = load_rulebook(default_rules_dir()).rules
    table = _readme_table()
    assert list(table) == [*WEIGHTS, NO_WEIGHT]  # every category, in the vocabulary's order
    assert {c: sorted(ids) for c, ids in table.items()} == {
        c: sorted(r.id for r in rules if r.ladder == c) for c in table}
    # banned conduct is never only an interview matter
    assert all(r.ladder in ORDER_WEIGHTS for r in rules if r.rule_class == "prohibition")
