"""Issue 11 parts 2 and 3: one format registry drives the CLI, `--report` and the sinks; one vocabulary with its
labels in the catalogue; clauses written one way in every format; English output without Chinese punctuation.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import textwrap
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from .conftest import AS_OF, ROOT, SAMPLES

FOREST = "宁夏林学会.yaml"  # under a rectification order, with a deadline; most-cited items 5 and 4
FULL_WIDTH = "：、（）；，"


def _audit(cli, *args: str):
    return cli("audit", *args, "--as-of", AS_OF, "-q")


@pytest.fixture(scope="module")
def safeguard_profile(tmp_path_factory) -> Path:
    """A sample whose civil-affairs grade is gone: EVAL-CIVIL-AFFAIRS fires, under clause 保障措施(三)."""
    text = (SAMPLES / "宁夏计算机学会.yaml").read_text(encoding="utf-8")
    line = next(ln for ln in text.splitlines() if ln.startswith("  civil_affairs:"))
    path = tmp_path_factory.mktemp("safeguard") / "宁夏计算机学会.yaml"
    path.write_text(text.replace(line + "\n", ""), encoding="utf-8")
    return path


# ------------------------------------------------------------------ clause references and punctuation


def test_sarif_cites_safeguard_clauses_as_written(cli, safeguard_profile):
    for lang, ref, cite in (("zh", "保障措施(三)", "《意见》保障措施(三)"), ("en", "safeguards (3)", "policy safeguards (3)")):
        r = _audit(cli, str(safeguard_profile), "-f", "sarif", "--lang", lang)
        run = json.loads(r.out)["runs"][0]
        rule = next(d for d in run["tool"]["driver"]["rules"] if d["id"] == "EVAL-CIVIL-AFFAIRS")
        assert rule["help"]["text"].startswith(cite + ("：" if lang == "zh" else ": ")), rule["help"]["text"]
        assert rule["help"]["markdown"].startswith(f"**{cite}**")
        result = next(x for x in run["results"] if x["ruleId"] == "EVAL-CIVIL-AFFAIRS")
        suffix = f"（{ref}）" if lang == "zh" else f" ({ref})"
        assert result["message"]["text"].endswith(suffix), result["message"]["text"]
        assert "第保障措施" not in r.out and "第保障" not in r.out
        numbered = next(d for d in run["tool"]["driver"]["rules"] if d["id"] == "PARTY-ORG-MISSING")
        assert numbered["help"]["text"].startswith("《意见》第1条：" if lang == "zh" else "policy item 1: ")


def test_safeguard_clause_in_every_english_format(cli, safeguard_profile, tmp_path):
    outs = {fmt: tmp_path / f"out.{fmt}" for fmt in ("table", "markdown", "html", "junit", "github")}
    reports = [a for fmt, path in outs.items() for a in ("--report", f"{fmt}={path}")]
    r = _audit(cli, str(safeguard_profile), "--lang", "en", "--fail-on", "advice", *reports, "-f", "json")
    assert r.code == 1, r.err
    text = {fmt: path.read_text(encoding="utf-8") for fmt, path in outs.items()}
    assert "safeguards (3)" in text["table"] and "保障措施" not in text["table"].split("\n", 1)[1]
    assert "| safeguards (3) |" in text["markdown"]
    assert '<span class="tag">safeguards (3)</span>' in text["html"]
    assert "title=EVAL-CIVIL-AFFAIRS (policy safeguards (3))" in text["github"]
    case = next(el for el in ET.fromstring(text["junit"]).iter("testcase") if el.get("name").startswith("EVAL-CIVIL"))
    assert "\npolicy safeguards (3): " in case.find("failure").text


def test_english_terminal_table_has_no_chinese_punctuation_in_its_own_words(cli, tmp_path):
    out = tmp_path / "table.txt"
    r = _audit(cli, str(SAMPLES), "--lang", "en", "-o", str(out))
    text = out.read_text(encoding="utf-8")
    assert r.code == 1
    assert "stage: under a rectification order" in text and "stage：" not in text
    assert "policy: " in text and "fix: " in text and "policy：" not in text
    assert "item 5, item 4" in text and "item 5、item 4" not in text
    zh = tmp_path / "table-zh.txt"
    _audit(cli, str(SAMPLES), "-o", str(zh))
    assert "第5条、第4条" in zh.read_text(encoding="utf-8")  # Chinese keeps its own punctuation


def test_english_reports_have_no_chinese_punctuation_around_their_labels(cli, tmp_path):
    html, md = tmp_path / "r.html", tmp_path / "r.md"
    r = _audit(cli, str(SAMPLES / FOREST), "--lang", "en", "-f", "json", "--report", f"html={html}",
               "--report", f"markdown={md}")
    page = html.read_text(encoding="utf-8")
    assert '<html lang="en">' in page and "stage: under a rectification order" in page
    assert re.search(r" \(deadline \d{4}-\d\d-\d\d\)</p>", page) and "（deadline" not in page
    assert "policy: " in page and "fix: " in page
    assert md.read_text(encoding="utf-8").startswith(f"## Society compliance check ({AS_OF})")
    assert "| item 5 |" in md.read_text(encoding="utf-8")
    history = [x["text"] for x in json.loads(r.out)["results"][0]["ladder"]["reasons"] if x["kind"] == "history"]
    assert any(", deadline " in h for h in history), history
    for h in history:  # the entry's kind and number are the profile's own words; what joins them is English
        assert not re.search(r"[（）：，]", h), h


def test_english_rules_show_and_coverage(cli):
    shown = cli("rules", "show", "EVAL-CIVIL-AFFAIRS", "--lang", "en").out
    head = shown.splitlines()[1]
    assert head.startswith("item: safeguards (3)    severity: advice    subject: society"), head
    assert not re.search(r"^[A-Za-z][A-Za-z ]*：", shown, re.M), shown  # labels end in ": "
    assert "(validity of a civil-affairs assessment grade; 《社会组织评估管理办法》" in shown
    assert "condition: evaluations.civil_affairs_valid == false" in shown
    coverage = cli("rules", "coverage", "--lang", "en").out
    assert "safeguards (3)" in coverage and "保障措施(三)" not in coverage
    zh = cli("rules", "show", "EVAL-CIVIL-AFFAIRS").out
    assert "条款：保障措施(三)    级别：建议" in zh and "条件：evaluations.civil_affairs_valid 等于 false" in zh


def test_english_rule_file_errors_enumerate_with_commas(cli, tmp_path):
    import shutil

    from compliance.rulebook import default_rules_dir

    rules = tmp_path / "rules"
    shutil.copytree(default_rules_dir(), rules)
    params = rules / "params.yaml"
    params.write_text(params.read_text(encoding="utf-8").replace("{2024-03-13: both}", "{2024-03-13: bothh}"),
                      encoding="utf-8")
    en = cli("rules", "list", "--rules", str(rules), "--lang", "en")
    assert en.code == 2 and "allowed: either, both" in en.err and "、" not in en.err.split("allowed:")[1]
    zh = cli("rules", "list", "--rules", str(rules))
    assert "可用：either、both" in zh.err


# ------------------------------------------------------------------ one vocabulary


def test_every_term_has_a_label_in_both_languages_and_no_label_lacks_a_term():
    from compliance.i18n import LABELS
    from compliance.vocabulary import LANGS, VOCABULARIES

    for name, terms in VOCABULARIES.items():
        assert set(LABELS[name]) == set(terms), name
        for term in terms:
            assert all(LABELS[name][term].get(lang) for lang in LANGS), (name, term)


def test_report_schema_enumerates_the_vocabulary():
    from compliance.report import report_schema
    from compliance.vocabulary import FAIL_ON, LETTER_KINDS, NEXT_STEPS, SEVERITIES, STAGES

    defs = report_schema()["$defs"]
    assert defs["Finding"]["properties"]["severity"]["enum"] == list(SEVERITIES)
    ladder = defs["Ladder"]["properties"]
    assert ladder["stage"]["enum"] == list(STAGES) and ladder["next_step"]["enum"] == list(NEXT_STEPS)
    assert ladder["letter"]["anyOf"][0]["enum"] == list(LETTER_KINDS)
    assert report_schema()["properties"]["fail_on"]["enum"] == list(FAIL_ON)


def test_ladder_chart_uses_the_stages_and_next_steps_of_the_vocabulary():
    from compliance.ladder import CHART
    from compliance.vocabulary import NEXT_STEPS, STAGES

    assert list(CHART) == list(STAGES)
    for state, triggers in CHART.items():
        assert {spec["to"] for spec in triggers.values()} <= set(STAGES), state
        assert {name for name in triggers if not name.startswith("h_")} <= set(NEXT_STEPS), state


def test_cli_choices_are_the_vocabulary(cli):
    from compliance.vocabulary import FAIL_ON, LETTER_KINDS

    audit_help = cli("audit", "--help").out
    assert f"<{'|'.join(FAIL_ON)}>" in audit_help
    assert f"<{'|'.join(('auto', *LETTER_KINDS))}>" in cli("letter", "--help").out
    r = cli("audit", str(SAMPLES / FOREST), "--fail-on", "severe")
    assert r.code == 2 and "severe" in r.err


def test_no_module_but_the_catalogue_chooses_words_by_language():
    offenders = []
    for path in (ROOT / "src" / "compliance").rglob("*.py"):
        if path.name == "i18n.py":
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.search(r"""lang\S* [!=]= ["'](zh|en)["']|\bzh = lang|\.zh if """, line):
                offenders.append(f"{path.relative_to(ROOT)}:{n}: {line.strip()}")
    templates = (ROOT / "src" / "compliance" / "templates" / "report.html.j2").read_text(encoding="utf-8")
    assert not offenders, offenders
    assert " if zh" not in templates


# ------------------------------------------------------------------ the format registry

DUMMY = '''
"""Two formats for the registry test: `dummy` written whole, `tick` streamed, and a letter format `txt`."""
import sys


def render(report, rules, lang):
    return f"DUMMY {len(report.results)} results, {report.summary.violation} violations, lang {lang}\\n"


class Tick:
    def __init__(self, out, run):
        self.out, self.lang = out or sys.stdout, run.lang

    def add(self, result):
        self.out.write(f"tick {result.society.id}\\n")

    def finish(self, clauses, summary, rows):
        self.out.write(f"ticked {summary.files}\\n")


def stream(out, run):
    return Tick(out, run)


def letter(content, templates):
    return f"LETTER {content.kind}: {content.title}\\n"
'''

MAIN = '''
import sys
from compliance.render import LETTERS, REPORTS
REPORTS.add("dummy", "dummy_format")
REPORTS.add("tick", "dummy_format", streamed=True)
LETTERS.add("txt", "dummy_format", entry="letter")
from compliance.cli import main
main(sys.argv[1:])
'''


@pytest.fixture(scope="module")
def with_dummy(tmp_path_factory):
    """Run the CLI with the dummy formats registered before it is built, as a new module in render/ would be."""
    folder = tmp_path_factory.mktemp("dummy")
    (folder / "dummy_format.py").write_text(textwrap.dedent(DUMMY), encoding="utf-8")
    (folder / "main.py").write_text(textwrap.dedent(MAIN), encoding="utf-8")

    def run(*args: str) -> subprocess.CompletedProcess:
        env = {"PYTHONPATH": str(folder), "COLUMNS": "200", "NO_COLOR": "1", "PATH": "/usr/bin:/bin"}
        return subprocess.run([sys.executable, str(folder / "main.py"), *args], capture_output=True, text=True,
                              cwd=ROOT, env=env, timeout=120)

    return run


def test_a_registered_format_is_in_the_help_and_the_choices(with_dummy):
    help_text = with_dummy("audit", "--help").stdout
    assert "<table|json|sarif|junit|github|markdown|html|xlsx|csv|compact|dummy|tick>" in help_text
    assert "<html|md|docx|pdf|txt>" in with_dummy("letter", "--help").stdout
    r = with_dummy("audit", str(SAMPLES / FOREST), "--report", "nope=x.txt")
    assert r.returncode == 2 and "dummy tick" in r.stderr


def test_a_registered_whole_format_is_written_by_the_sinks(with_dummy, tmp_path):
    out = tmp_path / "d.txt"
    r = with_dummy("audit", str(SAMPLES), "--as-of", AS_OF, "-q", "-f", "dummy")
    assert r.returncode == 1 and r.stdout == "DUMMY 11 results, 11 violations, lang zh\n", r.stderr
    r = with_dummy("audit", str(SAMPLES / FOREST), "--as-of", AS_OF, "-q", "--lang", "en", "-f", "json",
                   "--report", f"dummy={out}")
    assert json.loads(r.stdout)["results"][0]["file"].endswith(FOREST)
    assert out.read_text(encoding="utf-8") == "DUMMY 1 results, 2 violations, lang en\n"


def test_a_registered_streamed_format_gets_each_result(with_dummy, tmp_path):
    out = tmp_path / "t.txt"
    r = with_dummy("audit", str(SAMPLES / FOREST), str(SAMPLES / "宁夏农学会.yaml"), "--as-of", AS_OF, "-q",
                   "-f", "tick")
    assert r.stdout.splitlines() == ["tick NX-S11", "tick NX-S03", "ticked 2"], r.stdout  # in input order
    with_dummy("audit", str(SAMPLES / FOREST), "--as-of", AS_OF, "-q", "--report", f"tick={out}")
    assert out.read_text(encoding="utf-8") == "tick NX-S11\nticked 1\n"


def test_a_registered_letter_format_is_written(with_dummy, tmp_path):
    out = tmp_path / "letter.txt"
    r = with_dummy("letter", str(SAMPLES / FOREST), "--as-of", AS_OF, "-f", "txt", "-o", str(out))
    assert r.returncode == 0, r.stderr
    assert out.read_text(encoding="utf-8").startswith("LETTER prereview: 宁夏科协关于宁夏林学会")


def test_report_option_and_sinks_read_the_registry_in_process(tmp_path):
    """The same without a new process: `--report` parsing and the sinks look formats up when they run."""
    from contextlib import ExitStack

    from compliance.cli.options import report_option
    from compliance.problem import Failure
    from compliance.render import REPORTS, Run
    from compliance.report import Result, SocietyRef
    from compliance.sinks import Sinks

    sys.path.insert(0, str(tmp_path))
    (tmp_path / "dummy_inproc.py").write_text(textwrap.dedent(DUMMY), encoding="utf-8")
    REPORTS.add("dummy", "dummy_inproc")
    try:
        assert report_option(f"dummy={tmp_path / 'x.txt'}") == ("dummy", tmp_path / "x.txt")
        target = tmp_path / "x.txt"
        head = {"tool": {"name": "compliance", "version": "0", "policy": "p"}, "as_of": AS_OF, "lang": "zh",
                "fail_on": "violation"}
        with ExitStack() as stack:
            sinks = Sinks([("dummy", target)], [], Run(head), stack)
            sinks.add(Result(file="a.yaml", society=SocietyRef(id="A", name="甲"), valid=True))
            sinks.close(0, {}, [])
        assert target.read_text(encoding="utf-8") == "DUMMY 1 results, 0 violations, lang zh\n"
    finally:
        del REPORTS["dummy"]
        sys.path.remove(str(tmp_path))
    with pytest.raises(Failure) as info:
        report_option("dummy=x.txt")
    assert "dummy" not in info.value.messages("en")[0].split("one of")[1]


# ------------------------------------------------------------------ pydantic errors, one way


def test_rule_file_field_errors_read_like_profile_errors(cli, tmp_path):
    import shutil

    from compliance.rulebook import default_rules_dir

    rules = tmp_path / "rules"
    shutil.copytree(default_rules_dir(), rules)
    f = rules / "vitality.yaml"
    text = f.read_text(encoding="utf-8")
    f.write_text(text.replace("  severity: warning\n", "  severity: serious\n", 1)
                 .replace("  tags: [evaluation]\n", "  tagz: [evaluation]\n", 1), encoding="utf-8")
    r = cli("rules", "list", "--rules", str(rules))
    assert r.code == 2
    assert re.search(r"vitality\.yaml:\d+:\d+: \[\d+\]\.severity: 取值无效：应为 violation、warning 或 advice 之一", r.err), r.err
    assert re.search(r"vitality\.yaml:\d+:\d+: \[\d+\]\.tagz: 未知字段，是否应为 “tags”？", r.err), r.err
    assert "Input should be" not in r.err and "Extra inputs" not in r.err


def test_parameter_declaration_errors_read_like_profile_errors(cli, tmp_path):
    import shutil

    from compliance.rulebook import default_rules_dir

    rules = tmp_path / "rules"
    shutil.copytree(default_rules_dir(), rules)
    params = rules / "params.yaml"
    text = params.read_text(encoding="utf-8")
    at = text.index("\nmiddle_young_age:")
    params.write_text(text[:at] + text[at:].replace("  unit:", "  units:", 1), encoding="utf-8")
    r = cli("rules", "list", "--rules", str(rules), "--lang", "en")
    assert r.code == 2
    assert "middle_young_age.units: unknown field; did you mean 'unit'?" in r.err, r.err
    assert "middle_young_age.unit: required field is missing" not in r.err  # the typo is said once, as the typo


def test_issuer_and_fixture_errors_are_positioned(cli, tmp_path):
    issuer = tmp_path / "issuer.yaml"
    issuer.write_text("doc_prefix: 宁科协学字\nobjection_days: '15'\n", encoding="utf-8")
    r = cli("letter", str(SAMPLES / FOREST), "--as-of", AS_OF, "--issuer", str(issuer), "-o", str(tmp_path / "l.md"))
    assert r.code == 2 and f"{issuer}:2:1: objection_days: 应为整数，实际是文本 '15'" in r.err, r.err
    fixtures = tmp_path / "fixtures"
    fixtures.mkdir()
    (fixtures / "one.yaml").write_text("base: base.yaml\nas_of: 2026-01-01\ncases: []\nextra: 1\n", encoding="utf-8")
    r = cli("rules", "test", str(fixtures))
    assert r.code == 1
    assert f"✖ {fixtures / 'one.yaml'}:3:1: cases: 至少需要 1 项" in r.out, r.out
    assert f"✖ {fixtures / 'one.yaml'}:4:1: extra: 未知字段（拼写错误？）" in r.out
