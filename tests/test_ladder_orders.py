"""Item 7 on dated histories (issue 13): an order's cited issues are tracked whatever their severity (point 1), what
counts as 明显改进 and how each cited issue is shown (point 2), closing an episode and assessing today's findings are
two outputs (point 3), the interview → order escalation is labelled an inference and 整改报告 entries count (point 7).
Every history is dated before the suite's "today" (2026-11-28) and audited as of 2026-11-27 unless said otherwise."""

from __future__ import annotations

import json

from tests.conftest import AS_OF
from tests.ladder_cases import audit, cited, flags, profile, reasons, rules_with

# ---------------------------------------------------------------- point 1: any severity, unmet order not `close`

# 宁夏医学会: its part-time secretary-general is a warning-level finding (GOV-SG-PART-TIME)
SG_ORDER = """
- {date: 2026-03-02, kind: 责令限期整改, doc_no: 宁科协学函〔2026〕8号, deadline: 2026-08-31, cited_rules: [GOV-SG-PART-TIME]}
- {date: 2026-08-25, kind: 整改报告, evidence: [秘书长聘任协议]}
"""


def test_an_order_citing_a_warning_unmet_after_its_deadline_leads_to_the_prereview(tmp_path):
    ladder = audit(profile(tmp_path, "宁夏医学会.yaml", SG_ORDER)).ladder
    assert (ladder.stage, ladder.next_step, ladder.letter) == ("rectification", "prereview", "prereview")
    assert (ladder.deadline, ladder.days_remaining) == ("2026-08-31", -88)
    assert reasons(ladder) == [("GOV-SG-PART-TIME", "warning", None), ("2026-03-02", "责令限期整改"),
                               ("2026-08-25", "整改报告")]
    assert cited(ladder) == [("GOV-SG-PART-TIME", "remaining")]
    assert ladder.episode.improvement.holds is False and ladder.order_unmet is True
    assert flags(ladder) == ["order_unmet"]


def test_before_its_deadline_the_same_order_is_awaited_and_not_yet_judged(tmp_path):
    ladder = audit(profile(tmp_path, "宁夏医学会.yaml", SG_ORDER), on="2026-06-01").ladder
    assert (ladder.stage, ladder.next_step, ladder.letter) == ("rectification", "await_deadline", None)
    assert (ladder.deadline, ladder.days_remaining) == ("2026-08-31", 91)
    assert reasons(ladder) == [("GOV-SG-PART-TIME", "warning", None), ("2026-03-02", "责令限期整改")]
    assert ladder.episode.improvement.holds is None  # judged at the deadline
    assert ladder.episode.improvement.text.startswith("明显改进：整改期限未到，尚待认定（已解决 0%")
    assert flags(ladder) == []


def test_an_unmet_order_fails_the_run_and_gets_its_prereview_notice(cli, tmp_path):
    f = profile(tmp_path, "宁夏医学会.yaml", SG_ORDER)
    r = cli("audit", str(f), "--as-of", AS_OF)
    assert r.code == 1  # a warning alone would not fail the run (--fail-on violation): the unmet order does
    assert "监管阶段：责令限期整改中 → 建议给予年度工作报告前置审查不通过处理" in r.out
    assert cli("audit", str(f), "--as-of", AS_OF, "--fail-on", "never").code == 0
    out = tmp_path / "notice.md"
    r = cli("letter", str(f), "--as-of", AS_OF, "-f", "md", "-o", str(out))
    assert r.code == 0, r.err
    text = out.read_text(encoding="utf-8")
    assert "# 宁夏科协关于宁夏医学会2025年度工作报告前置审查不通过的通知" in text
    assert ("2026年3月2日，宁夏科协以宁科协学函〔2026〕8号通知责令你会于2026年8月31日前完成整改。整改期限届满后，经核查，"
            "你会秘书长曾伟为兼职，没有全职履职，仍无明显改进。") in text


def test_an_unmet_order_whose_issues_are_in_the_baseline_is_known(cli, tmp_path):
    f = profile(tmp_path, "宁夏医学会.yaml", SG_ORDER)
    base = tmp_path / "base.json"
    assert cli("audit", str(f), "--as-of", AS_OF, "-f", "json", "-o", str(base)).code == 1
    assert cli("audit", str(f), "--as-of", AS_OF, "--baseline", str(base)).code == 0


# ---------------------------------------------------------------- point 2: 明显改进

# 宁夏水利学会: its president is 73 (GOV-OFFICER-AGE) and in a third consecutive term (GOV-OFFICER-TERMS)
TWO_ISSUES = """
- {date: 2026-03-02, kind: 责令限期整改, doc_no: 宁科协学函〔2026〕8号, deadline: 2026-08-31, cited_rules: [GOV-OFFICER-AGE, GOV-OFFICER-TERMS]}
- {date: 2026-08-20, kind: 整改报告, doc_no: 宁水学〔2026〕15号, evidence: [第七届理事会第三次会议决议]}
"""


def _terms_fixed(data: dict) -> None:
    data["governance"]["council"]["members"][0]["consecutive_terms"] = 2


def test_one_of_two_cited_issues_fixed_and_reported_on_time_is_a_marked_improvement(tmp_path):
    ladder = audit(profile(tmp_path, "宁夏水利学会.yaml", TWO_ISSUES, _terms_fixed)).ladder
    assert cited(ladder) == [("GOV-OFFICER-AGE", "remaining"), ("GOV-OFFICER-TERMS", "resolved")]
    improvement = ladder.episode.improvement
    assert (improvement.holds, improvement.share_ok, improvement.report_ok, improvement.prohibited_left) == (
        True, True, True, [])
    assert improvement.report.model_dump() == {"date": "2026-08-20", "doc_no": "宁水学〔2026〕15号",
                                               "evidence": ["第七届理事会第三次会议决议"]}
    assert improvement.text == ("明显改进：是（已解决 50%，须不低于 50%；仍存在的禁止性、政治性问题：无；"
                                "整改报告：2026-08-20 报送，附证明材料 1 项）")
    # the order closes; what remains is assessed like any finding today (point 3): an interview
    assert (ladder.stage, ladder.episode.outcome, ladder.next_step, ladder.letter) == (
        "rectification", "close", "interview", "interview")
    assert (ladder.deadline, ladder.days_remaining) == (None, None)  # the order is over
    assert reasons(ladder) == [("GOV-OFFICER-AGE", "violation", "irregular_governance"),
                               ("2026-03-02", "责令限期整改"), ("2026-08-20", "整改报告")]
    assert flags(ladder) == [] and ladder.order_unmet is False


def test_nothing_fixed_is_no_improvement(tmp_path):
    ladder = audit(profile(tmp_path, "宁夏水利学会.yaml", TWO_ISSUES)).ladder
    assert (ladder.stage, ladder.next_step, ladder.deadline, ladder.days_remaining) == (
        "rectification", "prereview", "2026-08-31", -88)
    assert cited(ladder) == [("GOV-OFFICER-AGE", "remaining"), ("GOV-OFFICER-TERMS", "remaining")]
    assert reasons(ladder) == [("GOV-OFFICER-AGE", "violation", "irregular_governance"),
                               ("GOV-OFFICER-TERMS", "violation", "irregular_governance"),
                               ("2026-03-02", "责令限期整改"), ("2026-08-20", "整改报告")]
    assert flags(ladder) == ["order_unmet"]


def test_a_report_after_the_deadline_does_not_count(tmp_path):
    late = TWO_ISSUES.replace("2026-08-20", "2026-09-10")
    ladder = audit(profile(tmp_path, "宁夏水利学会.yaml", late, _terms_fixed)).ladder
    assert (ladder.stage, ladder.next_step, ladder.deadline, ladder.days_remaining) == (
        "rectification", "prereview", "2026-08-31", -88)
    assert reasons(ladder) == [("GOV-OFFICER-AGE", "violation", "irregular_governance"),
                               ("2026-03-02", "责令限期整改"), ("2026-09-10", "整改报告")]
    assert flags(ladder) == ["report_late", "order_unmet"]
    assert ladder.flags[0].text == "整改报告于 2026-09-10 报送，晚于整改期限 2026-08-31，不计入明显改进"


def test_a_report_without_evidence_does_not_count(tmp_path):
    bare = TWO_ISSUES.replace(", evidence: [第七届理事会第三次会议决议]", "")
    ladder = audit(profile(tmp_path, "宁夏水利学会.yaml", bare, _terms_fixed)).ladder
    assert (ladder.stage, ladder.next_step, ladder.deadline) == ("rectification", "prereview", "2026-08-31")
    assert flags(ladder) == ["report_no_evidence", "order_unmet"]


def test_no_report_is_no_improvement_unless_the_parameter_says_otherwise(tmp_path):
    order_only = TWO_ISSUES.split("\n- {date: 2026-08-20")[0] + "\n"
    ladder = audit(profile(tmp_path, "宁夏水利学会.yaml", order_only, _terms_fixed)).ladder
    assert (ladder.stage, ladder.next_step, ladder.deadline) == ("rectification", "prereview", "2026-08-31")
    assert reasons(ladder) == [("GOV-OFFICER-AGE", "violation", "irregular_governance"), ("2026-03-02", "责令限期整改")]
    assert flags(ladder) == ["report_missing", "order_unmet"]
    rules = rules_with(tmp_path, improvement_requires_report=False)
    ladder = audit(profile(tmp_path, "宁夏水利学会.yaml", order_only, _terms_fixed), rules=rules).ladder
    assert (ladder.stage, ladder.episode.outcome, ladder.next_step) == ("rectification", "close", "interview")
    assert ladder.episode.improvement.text.endswith("整改报告：不要求）")


def test_the_share_is_a_parameter(tmp_path):
    rules = rules_with(tmp_path, improvement_min_resolved_share=0.75)
    ladder = audit(profile(tmp_path, "宁夏水利学会.yaml", TWO_ISSUES, _terms_fixed), rules=rules).ladder
    assert (ladder.stage, ladder.next_step, ladder.deadline) == ("rectification", "prereview", "2026-08-31")
    assert ladder.episode.improvement.text.startswith("明显改进：否（已解决 50%，须不低于 75%")


# 宁夏电力学会: lent its name to a forum (ACT-NOMINAL) and took a 冠名费 for it (ACT-FEES), both prohibitions
BANS = """
- {date: 2026-03-02, kind: 责令限期整改, doc_no: 宁科协学函〔2026〕9号, deadline: 2026-08-31, cited_rules: [ACT-NOMINAL, ACT-FEES]}
- {date: 2026-08-20, kind: 整改报告, evidence: [退还冠名费的银行回单]}
"""


def _fee_returned(data: dict) -> None:
    forum = next(a for a in data["activities"] if a["name"].endswith("高峰论坛"))
    del forum["fees"]


def test_a_cited_prohibition_left_is_no_improvement_whatever_the_share(tmp_path):
    ladder = audit(profile(tmp_path, "宁夏电力学会.yaml", BANS, _fee_returned)).ladder
    assert cited(ladder) == [("ACT-NOMINAL", "remaining"), ("ACT-FEES", "resolved")]
    assert (ladder.stage, ladder.next_step, ladder.letter, ladder.deadline, ladder.days_remaining) == (
        "rectification", "prereview", "prereview", "2026-08-31", -88)
    assert reasons(ladder) == [("ACT-NOMINAL", "violation", "poor_performance"), ("2026-03-02", "责令限期整改"),
                               ("2026-08-20", "整改报告")]
    assert ladder.episode.improvement.prohibited_left == ["ACT-NOMINAL"]
    assert "仍存在的禁止性、政治性问题：ACT-NOMINAL" in ladder.episode.improvement.text


def test_the_audit_shows_each_cited_issue_in_every_format(cli, tmp_path):
    f = profile(tmp_path, "宁夏水利学会.yaml", TWO_ISSUES, _terms_fixed)
    term = cli("audit", str(f), "--as-of", AS_OF).out
    assert "责令限期整改（2026-03-02，宁科协学函〔2026〕8号）所列问题：已解决 1 项，仍存在 1 项" in term
    assert "✖ 仍存在 GOV-OFFICER-AGE 负责人超过最高任职年龄" in term
    assert "✔ 已解决 GOV-OFFICER-TERMS 负责人连任超过届数上限" in term
    assert "本次责令限期整改的结论：所列问题已解决或已有明显改进，可结束本次监管、恢复正常管理" in term
    data = json.loads(cli("audit", str(f), "--as-of", AS_OF, "-f", "json").out)
    episode = data["results"][0]["ladder"]["episode"]
    assert [(c["item"], c["status"], c["paths"]) for c in episode["cited"]] == [
        ("GOV-OFFICER-AGE", "remaining", ["governance.council.members[0].birth_date"]),
        ("GOV-OFFICER-TERMS", "resolved", [])]
    assert (episode["outcome"], episode["resolved_share"], episode["improvement"]["holds"]) == ("close", 0.5, True)
    html = cli("audit", str(f), "--as-of", AS_OF, "-f", "html").out
    assert ('<li class="remaining"><span class="tag remaining">仍存在</span><b>GOV-OFFICER-AGE</b> 负责人超过最高任职年龄'
            ' <code>governance.council.members[0].birth_date</code></li>') in html
    assert '<li class="resolved"><span class="tag resolved">已解决</span><b>GOV-OFFICER-TERMS</b> 负责人连任超过届数上限</li>' in html
    md = cli("audit", str(f), "--as-of", AS_OF, "-f", "markdown").out
    assert "- ✖ 仍存在 `GOV-OFFICER-AGE` 负责人超过最高任职年龄" in md
    assert "- ✔ 已解决 `GOV-OFFICER-TERMS` 负责人连任超过届数上限" in md
    assert "明显改进：是（已解决 50%，须不低于 50%" in md
    en = cli("audit", str(f), "--as-of", AS_OF, "--lang", "en").out
    assert "issues cited by the rectification order (2026-03-02, 宁科协学函〔2026〕8号): 1 resolved, 1 remaining" in en


# ---------------------------------------------------------------- point 3: close, then assess today's findings

ALL_FIXED = """
- {date: 2026-03-02, kind: 责令限期整改, doc_no: 宁科协学函〔2026〕8号, deadline: 2026-08-31, cited_rules: [ACT-FEES]}
- {date: 2026-08-20, kind: 整改报告, evidence: [退费凭证]}
"""


def test_a_met_order_with_nothing_else_found_closes(tmp_path):
    ladder = audit(profile(tmp_path, "宁夏计算机学会.yaml", ALL_FIXED)).ladder
    assert (ladder.stage, ladder.episode.outcome, ladder.next_step, ladder.letter) == (
        "rectification", "close", "close", None)
    assert (ladder.deadline, ladder.episode.outcome_text) == (None, None)  # one conclusion, said once
    assert reasons(ladder) == [("2026-03-02", "责令限期整改"), ("2026-08-20", "整改报告")]
    assert flags(ladder) == []


def test_every_cited_issue_resolved_and_reported_closes_before_the_deadline(tmp_path):
    ladder = audit(profile(tmp_path, "宁夏计算机学会.yaml", ALL_FIXED), on="2026-08-25").ladder
    assert (ladder.stage, ladder.next_step, ladder.deadline) == ("rectification", "close", None)
    assert ladder.episode.improvement.holds is True


def test_a_closed_interview_is_followed_by_the_order_todays_findings_call_for(tmp_path):
    # 宁夏农学会: the interview cited fees it has stopped; it has had 6 party members and no party organisation
    # (PARTY-ORG-MISSING, 组织涣散) all along: closing the interview and ordering rectification are two outputs
    history = "- {date: 2026-07-01, kind: 约谈, doc_no: 宁科协学函〔2026〕30号, cited_rules: [ACT-FEES]}\n"
    ladder = audit(profile(tmp_path, "宁夏农学会.yaml", history)).ladder
    assert (ladder.stage, ladder.episode.kind, ladder.episode.outcome) == ("interview", "interview", "close")
    assert (ladder.next_step, ladder.letter, ladder.deadline, ladder.inferred) == (
        "rectification", "rectification", None, False)
    assert cited(ladder) == [("ACT-FEES", "resolved")]
    assert reasons(ladder) == [("PARTY-ORG-MISSING", "violation", "lax_organisation"), ("2026-07-01", "约谈")]
    assert ladder.episode.outcome_text == ("本次约谈的结论：所列问题已解决或已有明显改进，可结束本次监管、恢复正常管理；"
                                           "建议的下一步另按基准日的检查结果评估")
    assert flags(ladder) == []


# ---------------------------------------------------------------- point 7: the escalation is an inference

AGE_INTERVIEW = "- {date: 2026-05-01, kind: 约谈, doc_no: 宁科协学函〔2026〕20号, cited_rules: [GOV-OFFICER-AGE]}\n"


def test_an_order_after_the_follow_up_period_is_labelled_an_inference(tmp_path):
    ladder = audit(profile(tmp_path, "宁夏水利学会.yaml", AGE_INTERVIEW)).ladder
    assert (ladder.stage, ladder.next_step, ladder.letter, ladder.deadline, ladder.inferred) == (
        "interview", "rectification", "rectification", None, True)
    assert ladder.next_step_label == "建议责令限期整改（约谈所列问题逾期未解决，推断）"
    assert reasons(ladder) == [("GOV-OFFICER-AGE", "violation", "irregular_governance"), ("2026-05-01", "约谈")]
    assert flags(ladder) == ["escalation_inferred"]
    assert ladder.flags[0].text == (
        "约谈（2026-05-01）所列问题 GOV-OFFICER-AGE 超过 90 天仍未解决。第7条没有规定约谈后的观察期：约谈后问题仍未解决"
        "即建议责令限期整改，是本工具的推断（interview_followup_days）")


def test_within_the_follow_up_period_the_office_follows_up(tmp_path):
    history = AGE_INTERVIEW.replace("2026-05-01", "2026-10-01")
    ladder = audit(profile(tmp_path, "宁夏水利学会.yaml", history)).ladder
    assert (ladder.stage, ladder.next_step, ladder.letter, ladder.deadline, ladder.inferred) == (
        "interview", "follow_up", None, None, False)
    assert ladder.next_step_label == "继续跟踪约谈所提问题的整改（观察期为推断）"
    assert reasons(ladder) == [("GOV-OFFICER-AGE", "violation", "irregular_governance"), ("2026-10-01", "约谈")]
    assert flags(ladder) == ["followup_inferred"]
    assert "观察期至 2026-12-30（90 天，推断" in ladder.flags[0].text


def test_a_lax_organisation_finding_calls_for_an_order_without_inference(tmp_path):
    # within the follow-up period, a society with no council at all (组织涣散): an order at once, not inferred
    history = AGE_INTERVIEW.replace("2026-05-01", "2026-10-01")
    ladder = audit(profile(tmp_path, "宁夏水利学会.yaml", history, lambda d: d["governance"].pop("council"))).ladder
    assert (ladder.stage, ladder.next_step, ladder.inferred) == ("interview", "rectification", False)
    assert ladder.next_step_label == "建议责令限期整改"
    assert reasons(ladder) == [("GOV-COUNCIL-MISSING", "violation", "lax_organisation"), ("2026-10-01", "约谈")]
    assert flags(ladder) == []


def test_the_inference_is_said_wherever_the_step_is_shown(cli, tmp_path):
    f = profile(tmp_path, "宁夏水利学会.yaml", AGE_INTERVIEW)
    term = cli("audit", str(f), "--as-of", AS_OF).out
    assert "监管阶段：已约谈 → 建议责令限期整改（约谈所列问题逾期未解决，推断）" in term
    assert "⚑ 约谈后转入责令限期整改（推断）：约谈（2026-05-01）所列问题 GOV-OFFICER-AGE 超过 90" in term
    both = profile(tmp_path, "宁夏水利学会.yaml", AGE_INTERVIEW, name="q.yaml")
    table = cli("audit", str(f), str(both), "--as-of", AS_OF).out  # the summary table of a batch
    assert table.count("责令限期整改（推断）") == 2
    ladder = json.loads(cli("audit", str(f), "--as-of", AS_OF, "-f", "json").out)["results"][0]["ladder"]
    assert (ladder["inferred"], ladder["flags"][0]["code"]) == (True, "escalation_inferred")
    html = cli("audit", str(f), "--as-of", AS_OF, "-f", "html").out
    assert "<td>责令限期整改（推断）</td>" in html and 'data-flag="escalation_inferred"' in html
    md = cli("audit", str(f), "--as-of", AS_OF, "-f", "markdown").out
    assert "| 责令限期整改（推断） |" in md and "- ⚑ **约谈后转入责令限期整改（推断）**" in md
    csv = cli("audit", str(f), "--as-of", AS_OF, "-f", "csv").out
    assert "责令限期整改（推断）" in csv
    explained = cli("explain", str(f), "--as-of", AS_OF).out
    assert "约谈后已超过观察期（interview_followup_days，推断）：是" in explained
    assert "建议下一步：建议责令限期整改（约谈所列问题逾期未解决，推断）" in explained
    assert "⚑ 约谈后转入责令限期整改（推断）" in explained
    en = cli("audit", str(f), "--as-of", AS_OF, "--lang", "en").out
    assert "order rectification with a deadline (the interview's problems outlast the follow-up period: an inference)" in en


def test_the_as_of_day_decides_the_follow_up_period(tmp_path):
    f = profile(tmp_path, "宁夏水利学会.yaml", AGE_INTERVIEW)
    ladder = audit(f, on="2026-07-30").ladder  # day 90 after the interview: still within the period
    assert (ladder.stage, ladder.next_step, flags(ladder)) == ("interview", "follow_up", ["followup_inferred"])
    ladder = audit(f, on="2026-07-31").ladder  # day 91
    assert (ladder.stage, ladder.next_step, flags(ladder)) == ("interview", "rectification", ["escalation_inferred"])
