"""Report formats: SARIF validates against the official schema, JUnit parses, GitHub annotations, Markdown, HTML."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from xml.etree import ElementTree as ET

import jsonschema
import pytest

from tests.conftest import AS_OF, ROOT, SAMPLES

SARIF_SCHEMA = ROOT / "tests" / "data" / "sarif-schema-2.1.0.json"


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    from tests.conftest import run_cli

    folder = tmp_path_factory.mktemp("reports")
    shutil.copytree(ROOT / "samples", folder / "samples", ignore=shutil.ignore_patterns("invalid"))
    shutil.copy(ROOT / "samples" / "invalid" / "重复键.yaml", folder / "samples" / "broken.yaml")
    args = ["audit", "samples", "--as-of", AS_OF, "-q", "-f", "github"]
    for fmt in ("sarif", "junit", "markdown", "html", "json"):
        args += ["--report", f"{fmt}={folder / ('report.' + fmt)}"]
    r = run_cli(*args, cwd=folder)
    assert r.code == 2  # one invalid profile
    return folder, r


def test_sarif_is_valid_2_1_0(outputs):
    folder, _ = outputs
    sarif = json.loads((folder / "report.sarif").read_text(encoding="utf-8"))
    jsonschema.validate(sarif, json.loads(SARIF_SCHEMA.read_text(encoding="utf-8")))
    run = sarif["runs"][0]
    rules = {d["id"]: d for d in run["tool"]["driver"]["rules"]}
    assert rules["PARTY-ORG-MISSING"]["properties"]["clause"] == "1"
    assert rules["PARTY-ORG-MISSING"]["defaultConfiguration"]["level"] == "error"
    assert "根据党章规定" in rules["PARTY-ORG-MISSING"]["fullDescription"]["text"]
    result = next(r for r in run["results"] if r["ruleId"] == "PARTY-ORG-MISSING")
    region = result["locations"][0]["physicalLocation"]["region"]
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "samples/宁夏农学会.yaml"
    assert (region["startLine"], region["startColumn"]) == (29, 3)
    assert {r["level"] for r in run["results"]} == {"error", "warning", "note"}
    assert any(r["ruleId"] == "PROFILE-INVALID" for r in run["results"])


def test_junit_parses(outputs):
    folder, _ = outputs
    root = ET.parse(folder / "report.junit").getroot()
    suites = root.findall("testsuite")
    assert len(suites) == 12
    nong = next(s for s in suites if s.get("name") == "宁夏农学会")
    failures = [c for c in nong.findall("testcase") if c.find("failure") is not None]
    assert [c.get("name").split()[0] for c in failures] == ["PARTY-ORG-MISSING"]
    assert int(nong.get("tests")) >= 60 and nong.get("failures") == "1"
    broken = next(s for s in suites if s.get("file", "").endswith("broken.yaml"))
    assert broken.get("errors") == "1"
    assert int(root.get("failures")) == sum(int(s.get("failures")) for s in suites)


def test_github_annotations(outputs):
    _, r = outputs
    lines = r.out.strip().splitlines()
    assert "::error file=samples/宁夏农学会.yaml,line=29,col=3,title=PARTY-ORG-MISSING (《意见》第1条)::" in r.out
    assert any(ln.startswith("::warning file=samples/宁夏医学会.yaml") for ln in lines)
    assert any(ln.startswith("::notice ") for ln in lines)
    assert any(ln.startswith("::error file=samples/broken.yaml,line=11,col=3,title=PROFILE-INVALID::") for ln in lines)
    for ln in lines:
        assert re.match(r"^::(error|warning|notice) file=[^,]+,line=\d+,col=\d+,title=[^:]+::.+$", ln), ln


def test_markdown_summary(outputs):
    folder, _ = outputs
    md = (folder / "report.markdown").read_text(encoding="utf-8")
    assert md.startswith("## 学会合规检查（2026-11-27）")
    assert "| 宁夏林学会 | `samples/宁夏林学会.yaml` | 责令限期整改中 | 前置审查不通过 | 2 | 0 | 1 |" in md
    assert "<details><summary>宁夏农学会" in md and "PARTY-ORG-MISSING" in md


def _chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if shutil.which(name):
            return shutil.which(name)
    pytest.fail("headless Chromium is needed for the browser test: apt-get install chromium (.ci/run does it)")


def test_html_report_loads_in_chromium_without_errors(outputs, tmp_path):
    folder, _ = outputs
    html = (folder / "report.html").read_text(encoding="utf-8")
    assert "http://" not in html and "https://" not in html  # self-contained
    p = subprocess.run([_chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        f"--user-data-dir={tmp_path / 'profile'}", "--enable-logging=stderr", "--v=0",
                        "--dump-dom", (folder / "report.html").as_uri()],
                       capture_output=True, text=True, timeout=120, check=False)
    dom = p.stdout
    assert 'data-ready="1"' in dom  # the script ran to the end
    assert "CONSOLE" not in p.stderr and "Uncaught" not in p.stderr, p.stderr[-2000:]
    clause_bars = re.findall(r'<rect class="bar" x="180" y="\d+" width="([\d.]+)"', dom)
    stage_bars = re.findall(r'<rect class="bar stage" x="180" y="\d+" width="([\d.]+)"', dom)
    assert len(clause_bars) >= 5 and any(float(w) > 0 for w in clause_bars)
    assert len(stage_bars) == 6 and any(float(w) > 0 for w in stage_bars)
    assert dom.count('class="panel society"') == 12


def test_html_escapes_society_names(cli, tmp_path):
    text = (ROOT / "samples" / "宁夏农学会.yaml").read_text(encoding="utf-8")
    (tmp_path / "x.yaml").write_text(text.replace("name: 宁夏农学会", "name: <img src=x onerror=alert(1)>学会", 1),
                                     encoding="utf-8")
    out = tmp_path / "r.html"
    assert cli("audit", str(tmp_path / "x.yaml"), "--as-of", AS_OF, "-f", "html", "-o", str(out)).code == 1
    html = out.read_text(encoding="utf-8")
    assert "<img src=x" not in html and "&lt;img src=x" in html


def test_chart_labels_are_whole_or_marked_shortened(cli):
    """A clause title too long for the chart's label room ends in "…"; it is never cut off silently."""
    import html as html_lib

    page = cli("audit", str(SAMPLES), "--as-of", AS_OF, "-f", "html").out
    labels = [html_lib.unescape(x) for x in re.findall(r'<text x="0" y="\d+">([^<]*)</text>', page)]
    titles = [html_lib.unescape(x) for x in re.findall(r'<title>([^<]*): \d+</title>', page)]
    assert len(labels) == len(titles) > 5
    assert any(label.endswith("…") for label in labels)
    for label, title in zip(labels, titles, strict=True):
        assert label == title or (label.endswith("…") and title.startswith(label[:-1])), (label, title)
