"""The last sentence of item 7 on dated histories (issue 13 point 4): 年度评价连续两年C等次和长期不开展活动、情节严重的，
按规定撤销团体会员资格. Revocation is recommended only when the objective condition holds under revocation_mode
(default both) and a determination of 情节严重 is recorded (on or before the as-of day, after the condition arose);
otherwise "提请研究是否情节严重" beside the ordinary step. The revocation letter needs the determination or --force."""

from __future__ import annotations

import json

from tests.conftest import AS_OF, ROOT
from tests.ladder_cases import audit, flags, profile, reasons, rules_with

# 宁夏地质学会: graded C for 2024 and 2025 (the condition "连续两年C等次" arose on 2026-01-01)
SAMPLE = "宁夏地质学会.yaml"
DETERMINED = ("- {date: 2026-11-20, kind: 情节严重认定, doc_no: 宁科协纪〔2026〕3号, "
              "determined_by: 宁夏科协第十届常委会第三次会议, grounds: 连续两年C等次且两年多未开展活动}\n")


def _inactive(data: dict) -> None:
    """No activity of its own or of a branch since registration (2009): long inactive (SOCIETY-INACTIVE)."""
    data["activities"] = []
    data["branches"] = []


def test_two_c_grades_alone_under_both_are_an_interview(tmp_path):
    ladder = audit(profile(tmp_path, SAMPLE)).ladder
    assert (ladder.stage, ladder.next_step, ladder.letter, ladder.deadline) == ("normal", "interview", "interview", None)
    assert reasons(ladder) == [("EVAL-C-TWICE", "violation", "lacking_vitality")]
    assert flags(ladder) == [] and ladder.revocation_mode == "both"


def test_both_conditions_without_a_determination_are_put_to_the_association(tmp_path):
    ladder = audit(profile(tmp_path, SAMPLE, "", _inactive)).ladder
    assert (ladder.stage, ladder.next_step, ladder.letter, ladder.deadline) == ("normal", "interview", "interview", None)
    assert reasons(ladder) == [("EVAL-C-TWICE", "violation", "lacking_vitality"),
                               ("SOCIETY-INACTIVE", "violation", "lacking_vitality")]
    assert flags(ladder) == ["study_seriousness"]
    assert ladder.flags[0].label == "提请研究是否情节严重"
    assert ladder.flags[0].text.startswith(
        "年度评价连续两年C等次和长期不开展活动成立（revocation_mode: both），但没有 2026-01-01 以后作出的情节严重认定。")
    assert ladder.determination is None


def test_a_recorded_determination_makes_it_a_revocation(tmp_path):
    ladder = audit(profile(tmp_path, SAMPLE, DETERMINED, _inactive)).ladder
    assert (ladder.stage, ladder.next_step, ladder.letter, ladder.deadline) == (
        "normal", "revocation", "revocation", None)
    assert reasons(ladder) == [("EVAL-C-TWICE", "violation", "revocation_grades"),
                               ("SOCIETY-INACTIVE", "violation", "revocation_inactive"),
                               ("2026-11-20", "情节严重认定")]
    assert ladder.determination.model_dump() == {
        "date": "2026-11-20", "determined_by": "宁夏科协第十届常委会第三次会议",
        "grounds": "连续两年C等次且两年多未开展活动", "doc_no": "宁科协纪〔2026〕3号"}
    assert flags(ladder) == []


def test_a_determination_made_before_the_condition_arose_does_not_count(tmp_path):
    early = DETERMINED.replace("2026-11-20", "2025-12-01")
    ladder = audit(profile(tmp_path, SAMPLE, early, _inactive)).ladder
    assert (ladder.stage, ladder.next_step, ladder.letter) == ("normal", "interview", "interview")
    assert reasons(ladder) == [("EVAL-C-TWICE", "violation", "lacking_vitality"),
                               ("SOCIETY-INACTIVE", "violation", "lacking_vitality"), ("2025-12-01", "情节严重认定")]
    assert flags(ladder) == ["study_seriousness", "determination_early"]
    assert ladder.flags[1].text == "2025-12-01 的情节严重认定早于撤销条件成立之日 2026-01-01，不能作为撤销的依据，须重新研究认定"


def test_a_determination_after_the_as_of_day_is_not_yet_there(tmp_path):
    ladder = audit(profile(tmp_path, SAMPLE, DETERMINED, _inactive), on="2026-11-19").ladder
    assert (ladder.stage, ladder.next_step, ladder.letter) == ("normal", "interview", "interview")
    assert reasons(ladder) == [("EVAL-C-TWICE", "violation", "lacking_vitality"),
                               ("SOCIETY-INACTIVE", "violation", "lacking_vitality")]
    assert flags(ladder) == ["study_seriousness"]


def test_a_determination_is_not_enough_when_the_conditions_do_not_hold(tmp_path):
    ladder = audit(profile(tmp_path, SAMPLE, DETERMINED)).ladder  # C grades only, revocation_mode both
    assert (ladder.stage, ladder.next_step, ladder.letter) == ("normal", "interview", "interview")
    assert reasons(ladder) == [("EVAL-C-TWICE", "violation", "lacking_vitality"), ("2026-11-20", "情节严重认定")]
    assert flags(ladder) == ["determination_unmet"]
    assert ladder.flags[0].text == (
        "2026-11-20 经宁夏科协第十届常委会第三次会议认定情节严重，但第7条撤销的条件在基准日不成立（“年度评价连续两年C等次”"
        "和“长期不开展活动”须同时成立，另须记录“情节严重”认定，revocation_mode: both），不建议撤销")


def test_under_either_one_condition_and_a_determination_suffice(tmp_path):
    rules = rules_with(tmp_path, revocation_mode="either")
    ladder = audit(profile(tmp_path, SAMPLE), rules=rules).ladder
    assert (ladder.stage, ladder.next_step, ladder.letter, ladder.revocation_mode) == (
        "normal", "interview", "interview", "either")
    assert reasons(ladder) == [("EVAL-C-TWICE", "violation", "lacking_vitality")]
    assert flags(ladder) == ["study_seriousness"]
    ladder = audit(profile(tmp_path, SAMPLE, DETERMINED), rules=rules).ladder
    assert (ladder.stage, ladder.next_step, ladder.letter) == ("normal", "revocation", "revocation")
    assert reasons(ladder) == [("EVAL-C-TWICE", "violation", "revocation_grades"), ("2026-11-20", "情节严重认定")]


def test_revocation_from_a_rectification_in_progress(tmp_path):
    history = ("- {date: 2026-06-01, kind: 责令限期整改, doc_no: 宁科协学函〔2026〕33号, deadline: 2026-12-31, "
               "cited_rules: [SOCIETY-INACTIVE]}\n" + DETERMINED)
    ladder = audit(profile(tmp_path, SAMPLE, history, _inactive)).ladder
    assert (ladder.stage, ladder.next_step, ladder.letter, ladder.deadline, ladder.days_remaining) == (
        "rectification", "revocation", "revocation", "2026-12-31", 34)
    assert reasons(ladder) == [("EVAL-C-TWICE", "violation", "revocation_grades"),
                               ("SOCIETY-INACTIVE", "violation", "revocation_inactive"),
                               ("2026-06-01", "责令限期整改"), ("2026-11-20", "情节严重认定")]


def test_the_revocation_decision_cites_the_determination(cli, tmp_path):
    f = profile(tmp_path, SAMPLE, DETERMINED, _inactive)
    out = tmp_path / "decision.md"
    r = cli("letter", str(f), "--as-of", AS_OF, "-f", "md", "-o", str(out), "--doc-no", "12")
    assert r.code == 0, r.err
    text = out.read_text(encoding="utf-8")
    assert "# 宁夏科协关于撤销宁夏地质学会团体会员资格的决定" in text
    assert ("2026年11月20日，经宁夏科协第十届常委会第三次会议研究（宁科协纪〔2026〕3号），认定你会情节严重："
            "连续两年C等次且两年多未开展活动。") in text
    assert "决定撤销宁夏地质学会的宁夏科协团体会员资格。" in text
    assert "此前" not in text  # the determination is not listed again among the earlier steps
    assert "未采纳检查建议" not in r.out + r.err


def test_without_a_determination_the_decision_is_refused_or_forced(cli, tmp_path):
    f = profile(tmp_path, SAMPLE, "", _inactive)
    out = tmp_path / "decision.md"
    r = cli("letter", str(f), "--as-of", AS_OF, "-f", "md", "-o", str(out), "--kind", "revocation")
    assert r.code == 1 and not out.exists()
    assert ("不建议发出撤销团体会员资格的决定：第7条撤销的条件已成立，但档案中没有条件成立后作出的情节严重认定"
            "（检查建议为“建议对主要负责人进行工作约谈”）") in r.err
    r = cli("letter", str(f), "--as-of", AS_OF, "-f", "md", "-o", str(out), "--kind", "revocation", "--force")
    assert r.code == 0, r.err
    text = out.read_text(encoding="utf-8")
    assert "# 宁夏科协关于撤销宁夏地质学会团体会员资格的决定" in text and "认定你会情节严重" not in text
    assert "本文书未采纳检查建议（建议为“建议对主要负责人进行工作约谈”）" in r.out + r.err
    assert "note: 未采纳检查建议（建议：建议对主要负责人进行工作约谈）" in r.out + r.err


def test_a_determination_must_say_who_and_on_what_grounds(cli, tmp_path):
    f = profile(tmp_path, SAMPLE, "- {date: 2026-11-20, kind: 情节严重认定, doc_no: 宁科协纪〔2026〕3号}\n"
                                  "- {date: 2026-11-21, kind: 约谈, grounds: 不属于约谈}\n")
    r = cli("validate", str(f))
    assert r.code == 2
    lines = [line for line in r.out.splitlines() + r.err.splitlines() if "oversight[" in line]
    assert lines[0].endswith("oversight[0]（监管记录）：类型为 情节严重认定 的监管记录须写明 determined_by、grounds（谁认定、依据什么）")
    assert lines[1].endswith("oversight[1]（监管记录）：grounds 只用于类型为 情节严重认定 的监管记录，这一条的类型是 约谈")


def test_the_profile_schema_has_the_determination():
    schema = json.loads((ROOT / "schemas" / "profile.schema.json").read_text(encoding="utf-8"))
    oversight = schema["$defs"]["Oversight"]
    assert "情节严重认定" in oversight["properties"]["kind"]["enum"]
    assert {"determined_by", "grounds"} <= set(oversight["properties"])
    assert oversight["allOf"] == [{"if": {"properties": {"kind": {"const": "情节严重认定"}}, "required": ["kind"]},
                                   "then": {"required": ["determined_by", "grounds"]}}]
