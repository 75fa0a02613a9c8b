"""The escalation ladder of item 7: each sample's stage and next step, and the history cases around them."""

from __future__ import annotations

import shutil
from datetime import date

import pytest
import yaml

from compliance.audit import Auditor
from compliance.loading import load
from compliance.rulebook import default_rules_dir, load_rulebook
from tests.conftest import AS_OF, SAMPLES

STORIES = {
    "宁夏计算机学会.yaml": ("normal", "none", None),
    "宁夏生态学会.yaml": ("normal", "none", None),
    "宁夏医学会.yaml": ("normal", "none", None),  # a part-time secretary-general is a warning, not a violation
    "宁夏农学会.yaml": ("normal", "rectification", "rectification"),  # 组织涣散
    "宁夏气象学会.yaml": ("normal", "interview", "interview"),  # an inactive branch: 内部治理不规范 (DECISIONS.md)
    "宁夏水利学会.yaml": ("normal", "interview", "interview"),  # 内部治理不规范
    # banned conduct (fees by lending the name, compulsion, unapproved foreign donations): 履职不力
    "宁夏电力学会.yaml": ("normal", "rectification", "rectification"),
    "宁夏煤炭学会.yaml": ("normal", "rectification", "rectification"),
    "宁夏环境科学学会.yaml": ("normal", "rectification", "rectification"),
    # 连续两年C等次 alone: revocation_mode both (the default) also needs long inactivity, and revocation needs a
    # recorded determination of 情节严重 besides; two C grades are at least 活力不足 (issue 13 point 4): an interview
    "宁夏地质学会.yaml": ("normal", "interview", "interview"),
    "宁夏林学会.yaml": ("rectification", "prereview", "prereview"),  # deadline passed, problems remain
}


@pytest.mark.parametrize("name", sorted(STORIES))
def test_sample_stage_and_next_step(auditor, name):
    ladder = auditor.audit(SAMPLES / name).ladder
    assert (ladder.stage, ladder.next_step, ladder.letter) == STORIES[name]
    assert ladder.decision_required


def test_overdue_rectification_reports_deadline_and_reasons(auditor):
    ladder = auditor.audit(SAMPLES / "宁夏林学会.yaml").ladder
    assert ladder.deadline == "2026-08-07" and ladder.days_remaining == -112
    rules = {r.rule for r in ladder.reasons if r.kind == "finding"}
    assert rules == {"GOV-ELECTION-OVERDUE", "BRANCH-NO-RESOLUTION"}
    assert [r.entry for r in ladder.reasons if r.kind == "history"] == ["约谈", "责令限期整改"]


def _with_history(auditor, tmp_path, name: str, history: str, on: str = AS_OF):
    text = (SAMPLES / name).read_text(encoding="utf-8")
    start = text.index("\noversight:")
    text = text[:start] + "\noversight:\n" + history
    f = tmp_path / "p.yaml"
    f.write_text(text, encoding="utf-8")
    a = auditor if on == AS_OF else Auditor(auditor.rulebook, date.fromisoformat(on))
    return a.audit(f).ladder


ORDER = """- {date: 2026-09-01, kind: 约谈, cited_rules: [GOV-OFFICER-AGE]}
- {date: 2026-10-01, kind: 责令限期整改, deadline: 2027-03-31, cited_rules: [GOV-OFFICER-AGE]}
"""


def test_before_the_deadline_the_office_waits(auditor, tmp_path):
    ladder = _with_history(auditor, tmp_path, "宁夏水利学会.yaml", ORDER)
    assert (ladder.stage, ladder.next_step, ladder.letter) == ("rectification", "await_deadline", None)
    assert ladder.days_remaining == 124


def test_after_the_deadline_with_problems_fixed_the_case_closes(auditor, tmp_path):
    history = ORDER.replace("cited_rules: [GOV-OFFICER-AGE]}\n", "cited_rules: [ACT-FEES]}\n")
    assert history.count("ACT-FEES") == 2  # the interview and the order cite a problem the society has fixed
    reported = history + "- {date: 2026-11-20, kind: 整改报告, evidence: [退费凭证]}\n"
    ladder = _with_history(auditor, tmp_path, "宁夏水利学会.yaml", reported, on="2027-04-15")
    # the order closes (明显改进); today's findings, which it did not cite, are then assessed: by 2027-04-15 the
    # 2026 annual report is missing (履职不力), so a new order
    assert (ladder.stage, ladder.episode.outcome, ladder.next_step) == ("rectification", "close", "rectification")
    assert [r.rule for r in ladder.reasons if r.kind == "finding"] == [
        "EVAL-ANNUAL-REPORT-MISSING", "GOV-OFFICER-AGE", "GOV-OFFICER-TERMS"]
    # without the rectification report the order is not met (improvement_requires_report)
    ladder = _with_history(auditor, tmp_path, "宁夏水利学会.yaml", history, on="2027-04-15")
    assert (ladder.stage, ladder.next_step, [f.code for f in ladder.flags]) == (
        "rectification", "prereview", ["report_missing", "order_unmet"])


def test_after_the_deadline_with_problems_left_prereview_fails(auditor, tmp_path):
    ladder = _with_history(auditor, tmp_path, "宁夏水利学会.yaml", ORDER, on="2027-04-15")
    assert (ladder.stage, ladder.next_step, ladder.letter) == ("rectification", "prereview", "prereview")


def test_deadline_defaults_to_the_parameter(auditor, tmp_path):
    ladder = _with_history(auditor, tmp_path, "宁夏水利学会.yaml", "- {date: 2026-10-01, kind: 责令限期整改}\n")
    assert ladder.deadline == "2027-03-30"  # 180 days, rules/params.yaml rectification_days


def test_interview_problems_left_after_follow_up_lead_to_rectification(auditor, tmp_path):
    history = "- {date: 2026-05-01, kind: 约谈, cited_rules: [GOV-OFFICER-AGE]}\n"
    ladder = _with_history(auditor, tmp_path, "宁夏水利学会.yaml", history)
    assert (ladder.stage, ladder.next_step) == ("interview", "rectification")
    recent = "- {date: 2026-10-01, kind: 约谈, cited_rules: [GOV-OFFICER-AGE]}\n"
    ladder = _with_history(auditor, tmp_path, "宁夏水利学会.yaml", recent)
    assert (ladder.stage, ladder.next_step) == ("interview", "follow_up")


def test_passed_prereview_returns_to_normal(auditor, tmp_path):
    history = ORDER + "- {date: 2026-11-01, kind: 前置审查, result: 通过}\n"
    ladder = _with_history(auditor, tmp_path, "宁夏计算机学会.yaml", history)
    assert (ladder.stage, ladder.next_step) == ("normal", "none")


def test_revoked_is_the_end(auditor, tmp_path):
    history = "- {date: 2026-06-01, kind: 撤销团体会员资格, doc_no: 宁科协发〔2026〕9号}\n"
    ladder = _with_history(auditor, tmp_path, "宁夏地质学会.yaml", history)
    assert (ladder.stage, ladder.next_step, ladder.letter) == ("revoked", "none", None)


def test_revocation_mode_both_needs_inactivity_too(tmp_path):
    rules = tmp_path / "rules"
    shutil.copytree(default_rules_dir(), rules)
    params = rules / "params.yaml"
    text = params.read_text(encoding="utf-8")
    assert text.count("{2024-03-13: both}") == 1  # the default
    either = tmp_path / "either"
    shutil.copytree(rules, either)
    (either / "params.yaml").write_text(text.replace("{2024-03-13: both}", "{2024-03-13: either}"), encoding="utf-8")
    ladder = Auditor(load_rulebook(either), date.fromisoformat(AS_OF)).audit(SAMPLES / "宁夏地质学会.yaml").ladder
    # either condition suffices, but revocation also needs a recorded determination of 情节严重 (issue 13): until then
    # the association is asked to study it, and two C grades count as 活力不足
    assert (ladder.next_step, ladder.revocation_mode, [f.code for f in ladder.flags]) == (
        "interview", "either", ["study_seriousness"])
    a = Auditor(load_rulebook(rules), date.fromisoformat(AS_OF))
    # two C grades alone: under `both` no revocation, nothing to study; at least 活力不足
    result = a.audit(SAMPLES / "宁夏地质学会.yaml")
    ladder = result.ladder
    assert "EVAL-C-TWICE" in {f.rule for f in result.findings}
    assert (ladder.stage, ladder.next_step, ladder.letter, ladder.revocation_mode, ladder.flags) == (
        "normal", "interview", "interview", "both", [])
    # C grades and no activity at all: both conditions hold; revocation once 情节严重 is determined
    data = load(SAMPLES / "宁夏地质学会.yaml").data
    data.update(activities=[], branches=[])
    f = tmp_path / "inactive.yaml"
    f.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = a.audit(f)
    assert {"EVAL-C-TWICE", "SOCIETY-INACTIVE"} <= {x.rule for x in result.findings}
    ladder = result.ladder
    assert (ladder.stage, ladder.next_step, [f.code for f in ladder.flags]) == ("normal", "interview", ["study_seriousness"])
    data["oversight"] = [{"date": date(2026, 11, 20), "kind": "情节严重认定", "determined_by": "宁夏科协第十届常委会第三次会议",
                          "grounds": "连续两年C等次且两年多未开展活动"}]
    f.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    ladder = a.audit(f).ladder
    assert (ladder.stage, ladder.next_step, ladder.letter) == ("normal", "revocation", "revocation")


def test_chart_survives_many_sessions(auditor):
    """durable_rules allows 1024 live sessions per ruleset (rules and ladder chart): each run must free its own,
    or run 1025 fails (the rules engine's error makes the result invalid; the chart's raises)."""
    doc = load(SAMPLES / "宁夏林学会.yaml")
    from compliance.validate import validate

    profile, _ = validate(doc, auditor.as_of)
    first = auditor.audit_profile(doc, profile)
    assert first.valid and (first.ladder.stage, first.ladder.next_step) == ("rectification", "prereview")
    for i in range(1100):
        assert auditor.audit_profile(doc, profile) == first, f"run {i + 2}"
