"""Work lists (issue 14 part 2): filters by stage, next step, deadline, society, rule and clause, applied in every
format; unknown names are errors with the closest name; the terminal summary and the HTML report worst first with a
deadline column; baseline findings marked known on the terminal."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest

from tests.conftest import AS_OF, SAMPLES, run_cli

# What the samples show at AS_OF (see each sample's story): 林学会 is under a rectification order whose deadline
# (2026-08-07) has passed; three societies are recommended an interview (an ageing council, an inactive branch:
# 内部治理不规范; two C grades: at least 活力不足); banned conduct (fees, compulsion, a foreign donation) is 履职不力 and goes to rectification.
FOREST, FARM, WATER = "NX-S11", "NX-S03", "NX-S05"
INTERVIEW = {"NX-S05", "NX-S06", "NX-S10"}  # NX-S10: two C grades count at least as 活力不足 (issue 13)


def _json(*args: str, code: int | None = None) -> dict:
    r = run_cli("audit", str(SAMPLES), "--as-of", AS_OF, "-f", "json", *args)
    if code is not None:
        assert r.code == code, r.err
    return json.loads(r.out)


def _ids(report: dict) -> set[str]:
    return {x["society"]["id"] for x in report["results"]}


def test_stage_lists_the_societies_at_that_stage_in_every_format(tmp_path):
    csv_file, md_file = tmp_path / "w.csv", tmp_path / "w.md"
    r = run_cli("audit", str(SAMPLES), "--as-of", AS_OF, "-f", "json", "--stage", "rectification",
                "--report", f"csv={csv_file}", "--report", f"markdown={md_file}")
    report = json.loads(r.out)
    assert _ids(report) == {FOREST} and report["filters"] == {"stages": ["rectification"]}
    assert report["summary"]["files"] == 1
    rows = list(csv.DictReader(io.StringIO(csv_file.read_text(encoding="utf-8-sig"))))
    assert {row["档案编号"] for row in rows} == {FOREST}
    md = md_file.read_text(encoding="utf-8")
    assert "宁夏林学会" in md and "宁夏农学会" not in md
    assert "工作清单：显示 1 个学会（共审查 11 个）" in r.err


def test_stage_by_its_chinese_label_and_several_values():
    assert _ids(_json("--stage", "责令限期整改中", "--stage", "normal")) == _ids(_json())
    assert _ids(_json("--stage", "rectification,interview")) == {FOREST}


def test_next_step_lists_the_recommendations():
    assert _ids(_json("--next-step", "interview")) == INTERVIEW
    assert _ids(_json("--next-step", "约谈")) == INTERVIEW
    assert _ids(_json("--next-step", "prereview")) == {FOREST}


def test_overdue_and_due_within():
    assert _ids(_json("--overdue")) == {FOREST}
    assert _ids(_json("--due-within", "365")) == set()  # the only deadline has passed
    # 19 days before the deadline of 2026-08-07: due within 30, not overdue
    early = run_cli("audit", str(SAMPLES), "--as-of", "2026-07-19", "-f", "json", "--due-within", "30")
    assert _ids(json.loads(early.out)) == {FOREST}
    assert json.loads(early.out)["results"][0]["ladder"]["days_remaining"] == 19
    early = run_cli("audit", str(SAMPLES), "--as-of", "2026-07-19", "-f", "json", "--due-within", "10")
    assert _ids(json.loads(early.out)) == set()
    both = run_cli("audit", str(SAMPLES), "--as-of", "2026-07-19", "-f", "json", "--due-within", "30", "--overdue")
    assert _ids(json.loads(both.out)) == {FOREST}


def test_society_ids_repeated_or_comma_separated():
    assert _ids(_json("--society", FARM, "--society", WATER)) == {FARM, WATER}
    assert _ids(_json("--society", f"{FARM},{WATER}")) == {FARM, WATER}


def test_an_unknown_society_id_is_bad_input_with_the_closest_id_and_the_rest_reported():
    r = run_cli("audit", str(SAMPLES), "--as-of", AS_OF, "-f", "json", "--society", FARM, "--society", "NX-S3")
    assert r.code == 2
    assert "--society NX-S3：本次审查的档案中没有这个学会编号（是否应为 “NX-S03”？）" in r.err
    assert _ids(json.loads(r.out)) == {FARM}


def test_rule_lists_only_that_rules_findings_and_their_societies():
    report = _json("--rule", "PARTY-ORG-MISSING", code=1)
    assert _ids(report) == {FARM}
    assert {f["rule"] for f in report["results"][0]["findings"]} == {"PARTY-ORG-MISSING"}
    assert report["summary"]["violation"] == 1 and report["summary"]["advice"] == 0


def test_skip_rule_leaves_findings_out_and_changes_the_exit_code():
    kept = _json("--society", FARM, code=1)
    assert "PARTY-ORG-MISSING" in {f["rule"] for f in kept["results"][0]["findings"]}
    skipped = _json("--society", FARM, "--skip-rule", "PARTY-ORG-MISSING", code=0)
    assert "PARTY-ORG-MISSING" not in {f["rule"] for f in skipped["results"][0]["findings"]}
    assert skipped["results"][0]["findings"], "the other findings stay"


@pytest.mark.parametrize("written", ["5", "第5条", "item 5"])
def test_clause_lists_the_findings_on_that_item(written):
    report = _json("--clause", written)
    assert _ids(report) == {FOREST, "NX-S06"}
    assert {f["clause"] for r in report["results"] for f in r["findings"]} == {"5"}


@pytest.mark.parametrize("args,text", [
    (["--stage", "rectificaton"], "--stage rectificaton：没有这一项（是否应为 “责令限期整改中（rectification）”？）；"
                                      "可用：正常（normal）、已约谈（interview）"),
    (["--next-step", "intervew"], "--next-step intervew：没有这一项（是否应为 “约谈（interview）”？）"),
    (["--rule", "GOV-OFFICER-AEG"], "--rule GOV-OFFICER-AEG：没有这条规则（是否应为 “GOV-OFFICER-AGE”？）"),
    (["--skip-rule", "party-org-missin"], "--skip-rule party-org-missin：没有这条规则（是否应为 “PARTY-ORG-MISSING”？）"),
    (["--clause", "23"], "--clause 23：没有这一项（是否应为 “3”？）；可用：1、2、3"),
    (["--due-within", "-3"], "--due-within -3：天数不能为负"),
])
def test_an_unknown_name_stops_before_any_audit(tmp_path, args, text):
    out = tmp_path / "r.json"
    r = run_cli("audit", str(SAMPLES), "--as-of", AS_OF, "-o", str(out), *args)
    assert r.code == 2 and text in r.err, r.err
    assert not out.exists() and r.out == ""


def test_an_unknown_name_in_english():
    r = run_cli("audit", str(SAMPLES), "--as-of", AS_OF, "--rule", "GOV-OFFICER-AEG", "--lang", "en")
    assert r.code == 2 and "--rule GOV-OFFICER-AEG: no such rule (did you mean 'GOV-OFFICER-AGE'?)" in r.err


def test_an_invalid_profile_stays_on_every_list():
    r = run_cli("audit", str(SAMPLES), str(SAMPLES / "invalid" / "类型错误.yaml"), "--as-of", AS_OF, "-f", "json",
                "--stage", "rectification")
    report = json.loads(r.out)
    assert r.code == 2 and len(report["results"]) == 2
    assert [x["valid"] for x in report["results"]] == [True, False]


# ---------------------------------------------------------------- worst first, deadlines, known findings


def _summary_names(out: str) -> list[str]:
    table = out[out.index("检查汇总"):]
    return re.findall(r"^│ (宁夏\S+)", table, flags=re.M)


def test_terminal_summary_is_worst_first_with_the_deadline():
    r = run_cli("audit", str(SAMPLES), "--as-of", AS_OF)
    names = _summary_names(r.out)
    assert len(names) == 11
    assert names[0] == "宁夏林学会"  # the only one past normal on the ladder
    report = _json()
    harsh = {"interview": 1, "rectification": 2, "prereview": 3, "revocation": 4}  # the harsher next step first
    rank = {x["society"]["name"]: (harsh.get(x["ladder"]["next_step"], 0),
                                   sum(f["severity"] == "violation" and not f["waived"] for f in x["findings"]))
            for x in report["results"]}
    normal = [rank[n] for n in names[1:]]
    assert normal == sorted(normal, reverse=True)
    row = next(line for line in r.out.splitlines() if line.startswith("│ 宁夏林学会"))
    assert "2026-08-07（逾期 112 天）" in row


def test_html_report_is_worst_first_with_a_deadline_column(tmp_path):
    out = tmp_path / "r.html"
    run_cli("audit", str(SAMPLES), "--as-of", AS_OF, "-f", "html", "-o", str(out))
    html = out.read_text(encoding="utf-8")
    body = html[html.index('<table id="societies">'):]
    names = re.findall(r'<a href="#s\d+">([^<]+)</a>', body)
    assert names[0] == "宁夏林学会" and len(names) == 11
    assert "<th data-type=\"text\">整改期限</th>" in body
    assert '<td class="error">2026-08-07（逾期 112 天）</td>' in body
    sections = re.findall(r'<section class="panel society" id="s\d+">\s*<h3>([^<]+)</h3>', html)
    assert sections == names


def test_baseline_findings_are_marked_known_on_the_terminal(tmp_path):
    base = tmp_path / "last.json"
    run_cli("audit", str(SAMPLES / "宁夏农学会.yaml"), "--as-of", AS_OF, "-f", "json", "-o", str(base))
    r = run_cli("audit", str(SAMPLES / "宁夏农学会.yaml"), "--as-of", AS_OF, "--baseline", str(base))
    assert r.code == 0
    marks = [line for line in r.out.splitlines() if "PARTY-ORG-MISSING" in line and "依据（第7条情形）" not in line]
    assert marks and "违规 · 基线已知" in marks[0]
    fresh = run_cli("audit", str(SAMPLES / "宁夏农学会.yaml"), "--as-of", AS_OF)
    assert "基线已知" not in fresh.out
