"""`compliance compare LAST.json THIS.json` (issue 14 part 3): the samples folder audited at two dates — findings
new, resolved and persisting, stage changes, societies added or gone, totals by clause, in every format."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from tests.conftest import AS_OF, SAMPLES, run_cli

YEAR_END = "2025-12-31"


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("reports")
    last, this = folder / "2025.json", folder / "2026.json"
    for day, target in ((YEAR_END, last), (AS_OF, this)):
        r = run_cli("audit", str(SAMPLES), "--as-of", day, "-f", "json", "-o", str(target))
        assert r.code == 1, r.err
    return last, this


def _compare(last: Path, this: Path, *args: str) -> dict:
    r = run_cli("compare", str(last), str(this), "-f", "json", *args)
    assert r.code == 0, r.err
    return json.loads(r.out)


def _society(comparison: dict, sid: str) -> dict:
    return next(s for s in comparison["societies"] if s["id"] == sid)


def _counted(report: dict) -> dict[str, set[str]]:
    """Society id → fingerprints of the findings that count (not waived), read from the report itself."""
    return {r["society"]["id"]: {f["fingerprint"] for f in r["findings"] if not f["waived"]} for r in report["results"]}


def test_findings_new_resolved_and_persisting_per_society(reports):
    last, this = reports
    c = _compare(last, this)
    before = _counted(json.loads(last.read_text(encoding="utf-8")))
    after = _counted(json.loads(this.read_text(encoding="utf-8")))
    assert c["last"]["as_of"] == YEAR_END and c["this"]["as_of"] == AS_OF
    assert len(c["societies"]) == 11 and all(s["presence"] == "both" for s in c["societies"])
    for s in c["societies"]:
        old, now = before[s["id"]], after[s["id"]]
        assert len(s["new"]) == len(now - old) and len(s["resolved"]) == len(old - now)
        assert len(s["persisting"]) == len(now & old)
    totals = c["totals"]
    assert totals["new"] == sum(len(after[k] - before[k]) for k in after)
    assert totals["resolved"] == sum(len(before[k] - after[k]) for k in before)
    # the story of 煤炭学会: the compulsory sponsorship of its 2026 congress is new this year
    assert "ACT-COMPULSORY" in {f["rule"] for f in _society(c, "NX-S08")["new"]}


def test_stage_changes(reports):
    c = _compare(*reports)
    forest = _society(c, "NX-S11")
    assert (forest["stage_last"], forest["stage_this"]) == ("interview", "rectification")
    assert c["totals"]["stage_changes"] == 1
    assert c["societies"][0]["id"] == "NX-S11"  # worst first


def test_totals_by_clause_match_each_report(reports):
    last, this = reports
    c = _compare(last, this)
    for side, report in (("last", last), ("this", this)):
        by_clause = json.loads(report.read_text(encoding="utf-8"))["summary"]["by_clause"]
        assert {row["clause"]: row[side] for row in c["by_clause"] if row[side]} == by_clause
    titles = {row["clause"]: row["title"] for row in c["by_clause"]}
    assert titles["1"] == "坚持党对学会的全面领导"


def test_societies_added_and_gone(tmp_path, reports):
    last, _ = reports
    part = tmp_path / "part.json"
    run_cli("audit", str(SAMPLES), "--as-of", AS_OF, "-f", "json", "-o", str(part), "--society", "NX-S03,NX-S05")
    c = _compare(last, part)
    presence = Counter(s["presence"] for s in c["societies"])
    assert presence == {"both": 2, "gone": 9} and c["totals"]["gone"] == 9
    assert all(s["presence"] == "gone" for s in c["societies"][2:])  # at the end
    back = _compare(part, last)
    assert back["totals"]["added"] == 9 and back["totals"]["societies_last"] == 2


def test_an_invalid_profile_is_not_compared_finding_by_finding(tmp_path, reports):
    _, this = reports
    report = json.loads(this.read_text(encoding="utf-8"))
    farm = next(r for r in report["results"] if r["society"]["id"] == "NX-S03")
    farm.update(valid=False, findings=[], ladder=None)
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(report, ensure_ascii=False), encoding="utf-8")
    c = _compare(this, broken)
    farm = _society(c, "NX-S03")
    assert farm["valid_this"] is False and farm["new"] == farm["resolved"] == farm["persisting"] == []
    table = run_cli("compare", str(this), str(broken)).out
    assert re.search(r"宁夏农学会\s*│\s*正常 → 档案无效\s*│\s*—", table)


def test_table_markdown_and_html(reports):
    last, this = reports
    table = run_cli("compare", str(last), str(this))
    assert table.code == 0
    assert f"年度对比：基准日 {YEAR_END} → {AS_OF}" in table.out
    assert "已约谈 → 责令限期整改中" in table.out and "+ 新出现 ACT-COMPULSORY 第6条" in table.out
    md = run_cli("compare", str(last), str(this), "-f", "markdown").out
    assert md.startswith(f"## 年度对比：基准日 {YEAR_END} → {AS_OF}") and "| 宁夏林学会 | 已约谈 → 责令限期整改中 |" in md
    en = run_cli("compare", str(last), str(this), "--lang", "en").out
    assert f"Year over year: as of {YEAR_END} → {AS_OF}" in en and "interviewed → under a rectification order" in en


def test_html_has_a_chart_of_both_years(tmp_path, reports):
    last, this = reports
    out = tmp_path / "c.html"
    r = run_cli("compare", str(last), str(this), "-f", "html", "-o", str(out))
    assert r.code == 0 and f"已写入 {out}" in r.err
    html = out.read_text(encoding="utf-8")
    c = _compare(last, this)
    chart = html[html.index('<svg id="chart-compare"'):html.index("</svg>")]
    assert chart.count('<rect class="last"') == chart.count('<rect class="this"') == len(c["by_clause"])
    first = c["by_clause"][0]
    assert f"{YEAR_END}: {first['last']}</title>" in chart and f"{AS_OF}: {first['this']}</title>" in chart


def test_text_from_the_reports_is_escaped(tmp_path, reports):
    _, this = reports
    report = json.loads(this.read_text(encoding="utf-8"))
    report["results"][0]["society"]["name"] = "<script>alert(1)</script> [点此](https://x.example) @team"
    odd = tmp_path / "odd.json"
    odd.write_text(json.dumps(report, ensure_ascii=False), encoding="utf-8")
    html = run_cli("compare", str(this), str(odd), "-f", "html").out
    assert "<script>alert" not in html and "&lt;script&gt;" in html
    md = run_cli("compare", str(this), str(odd), "-f", "markdown").out
    assert "[点此](https" not in md and "@team" not in md


@pytest.mark.parametrize("content,where,key", [
    ('{"tool": {"name": "compliance"},\n  "as_of": "2026-01-01",\n  "results": [1]}', ":3:15: results[0]:", "类型错误"),
    ('{"tool": {"name": "other"}, "as_of": "x", "results": []}', ":1:11: tool.name:", "取值无效"),
    ('{"version": "2.1.0", "runs": []}', ":1:1: results:", "缺少必填字段"),
    ('{"results": [\n  {"file": "a",]}', ":2:16:", "不是 JSON"),
])
def test_a_file_that_is_not_an_audit_report_is_a_positioned_error(tmp_path, reports, content, where, key):
    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="utf-8")
    r = run_cli("compare", str(reports[0]), str(bad))
    assert r.code == 2 and r.out == ""
    assert f"{bad}{where}" in r.err and key in r.err, r.err
    assert "compare 比较的是 compliance audit -f json 写出的审查报告" in r.err


def test_a_profile_or_a_missing_file_is_refused(tmp_path, reports):
    r = run_cli("compare", str(SAMPLES / "宁夏农学会.yaml"), str(reports[1]))
    assert r.code == 2 and f"{SAMPLES / '宁夏农学会.yaml'}:1:1: 不是 JSON" in r.err
    r = run_cli("compare", str(tmp_path / "nope.json"), str(reports[1]))
    assert r.code == 2 and "文件不存在" in r.err
