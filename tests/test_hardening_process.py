"""Issue 10, the process and output side: git and file names never become options, numbers never crash the engine,
a crashed worker costs one file, hostile text is inert in every format, signals end cleanly, every input and
template is bounded, clear messages instead of internal errors, output files keep sane modes."""

from __future__ import annotations

import io
import json
import os
import re
import shlex
import shutil
import signal
import stat
import subprocess
import sys
import time
from datetime import date
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
import yaml

from tests.conftest import AS_OF, ROOT, SAMPLES, default_stop_signals, run_cli
from tests.test_interrupt import _running_with

AGRI = "宁夏农学会.yaml"  # violations; exit 1 when audited alone
FOREST = "宁夏林学会.yaml"
GIT = ["git", "-c", "user.email=t@example.invalid", "-c", "user.name=t", "-c", "init.defaultBranch=main"]


def _repo(folder: Path, *names: str) -> Path:
    folder.mkdir()
    for name in names:
        shutil.copy(SAMPLES / name, folder / name)
    subprocess.run([*GIT, "init", "-q"], cwd=folder, check=True)
    subprocess.run([*GIT, "add", "."], cwd=folder, check=True)
    subprocess.run([*GIT, "commit", "-qm", "profiles"], cwd=folder, check=True)
    return folder


def _results(out: str) -> list[dict]:
    return json.loads(out)["results"]


# ------------------------------------------------------------------ 1. --changed-since


def test_changed_since_value_is_never_a_git_option(cli, tmp_path):
    repo = _repo(tmp_path / "repo", AGRI, FOREST)
    victim = repo / FOREST
    before = victim.read_bytes()
    for value in (f"--output={victim}", "-ovictim", "--"):
        r = cli("audit", str(repo), f"--changed-since={value}", "--as-of", AS_OF)
        assert r.code == 2 and "--changed-since" in r.err and "“-”" in r.err, (value, r.err)
    assert victim.read_bytes() == before


def test_changed_since_end_of_options_before_the_ref(tmp_path):
    from compliance.discover import GitError, changed_since

    repo = _repo(tmp_path / "repo", AGRI)
    with pytest.raises(GitError):
        changed_since([repo / AGRI], "-p")
    with pytest.raises(GitError) as info:  # a ref git does not know is git's error, not an option
        changed_since([repo / AGRI], "no-such-ref")
    assert info.value.key == "git_failed"


def test_changed_since_asks_the_repository_that_holds_the_profiles(cli, tmp_path):
    repo = _repo(tmp_path / "repo", AGRI, FOREST)
    target = repo / FOREST
    target.write_text(target.read_text(encoding="utf-8").replace("tiers: true", "tiers: false"), encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    for cwd in (elsewhere, ROOT):  # not a repository; another repository
        r = cli("audit", str(repo), "--as-of", AS_OF, "-f", "json", "--changed-since", "HEAD", cwd=cwd)
        assert [Path(x["file"]).name for x in _results(r.out)] == [FOREST], r.err


# ------------------------------------------------------------------ 2. file names are never options


def _hook_entry(hook_id: str) -> list[str]:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    return shlex.split(next(h for h in hooks if h["id"] == hook_id)["entry"])


@pytest.mark.parametrize("hook_id", ["compliance-audit", "compliance-validate"])
def test_pre_commit_hook_keeps_a_dash_file_name_a_file_name(tmp_path, hook_id):
    entry = _hook_entry(hook_id)
    assert entry[0] == "compliance" and entry[-1] == "--"
    shutil.copy(SAMPLES / "invalid" / "未知字段.yaml", tmp_path / "-ovictim.yaml")
    shutil.copy(SAMPLES / FOREST, tmp_path / "victim.yaml")
    before = (tmp_path / "victim.yaml").read_bytes()
    # what pre-commit runs: entry + args (none) + the staged file names
    r = run_cli(*entry[1:], "-ovictim.yaml", "victim.yaml", cwd=tmp_path)
    assert (tmp_path / "victim.yaml").read_bytes() == before
    assert r.code == 2 and "-ovictim.yaml:" in r.out  # checked, and reported as the invalid profile it is


def test_cli_accepts_double_dash_before_paths(cli, tmp_path):
    shutil.copy(SAMPLES / AGRI, tmp_path / "-f.yaml")
    r = cli("audit", "--as-of", AS_OF, "-f", "json", "--", "-f.yaml", cwd=tmp_path)
    assert r.code == 1 and [x["file"] for x in _results(r.out)] == ["-f.yaml"]


def test_workflow_example_passes_no_github_value_into_the_script():
    workflow = yaml.safe_load((ROOT / "docs" / "github-actions-compliance.yml").read_text(encoding="utf-8"))
    step = next(s for s in workflow["jobs"]["audit"]["steps"] if s.get("name") == "audit")
    assert "${{" not in step["run"]  # values arrive in the environment, never pasted into the shell script
    command = step["run"][step["run"].index("compliance audit"):]
    assert command.rstrip().endswith("-- profiles/")


# ------------------------------------------------------------------ 3. engine and workers


ENGINE_PROBE = """
import sys
from compliance.engine import Engine, EngineError
engine = Engine({"R": {"all": [{"m": {"$and": [{"t": "x"}, {"$gt": {"v": 100}}]}}]}})
assert engine.run([{"t": "x", "k": 0, "v": 500, "path": "a"}]) == [("R", 0)]
for value in (float("inf"), float("nan"), 1e16, 1e-05, 1e-320, 10**20):
    try:
        engine.run([{"t": "x", "k": 0, "v": value, "path": "fees[0]"}], "p.yaml")
    except EngineError as exc:
        assert exc.path == "fees[0]" and "p.yaml" in str(exc), exc
        continue
    sys.exit(f"{value!r} reached the engine")
assert engine.run([{"t": "x", "k": 0, "v": 500.5, "path": "a"}]) == [("R", 0)]  # and it still works
print("ok")
"""


def test_numbers_the_engine_cannot_read_never_reach_it():
    p = subprocess.run([sys.executable, "-c", ENGINE_PROBE], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert p.returncode == 0 and p.stdout.strip() == "ok", (p.returncode, p.stderr[-2000:])


@pytest.mark.parametrize("amount", [".inf", "1.0e+309", "10000000000000000", "0.00001", "1e-320"])
def test_amount_the_engine_cannot_read_is_a_positioned_error(cli, tmp_path, amount):
    text = (SAMPLES / AGRI).read_text(encoding="utf-8")
    assert "{amount: 70800.0, payer: 参会人员," in text
    f = tmp_path / "p.yaml"
    f.write_text(text.replace("{amount: 70800.0, payer: 参会人员,", f"{{amount: {amount}, payer: 参会人员,"),
                 encoding="utf-8")
    r = cli("audit", str(f), "--as-of", AS_OF)
    assert r.code == 2 and f"{f}:" in r.out and "activities[" in r.out  # positioned: file, line, field path
    r = cli("audit", str(f), "--as-of", AS_OF, "-f", "json")
    error = _results(r.out)[0]["errors"][0]
    assert r.code == 2 and error["line"] and error["path"].startswith("activities[")


def test_every_engine_return_code_is_checked(monkeypatch):
    from compliance import engine

    eng = engine.Engine({"R": {"all": [{"m": {"t": "x"}}]}})
    assert eng.run([{"t": "x", "k": 0}]) == [("R", 0)]
    for code in (2, 3, 7):
        monkeypatch.setattr(engine._dre, "assert_facts", lambda handle, payload, code=code: (code, 0))
        with pytest.raises(engine.EngineError):
            eng.run([{"t": "x", "k": 0}], "p.yaml")


CRASH_SITE = """
import os, signal
from compliance import engine
_run = engine.Engine.run
def run(self, facts, label=""):
    if "CRASH" in label:  # a profile that makes the C core crash, whatever the cause
        os.kill(os.getpid(), signal.SIGSEGV)
    return _run(self, facts, label)
engine.Engine.run = run
"""


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_crashed_worker_costs_one_file_never_the_batch(tmp_path, jobs):
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(CRASH_SITE, encoding="utf-8")
    folder = tmp_path / "profiles"
    folder.mkdir()
    names = sorted(p.name for p in SAMPLES.glob("*.yaml"))[:6]
    for name in names:
        shutil.copy(SAMPLES / name, folder / name)
    crash = folder / names[2]
    crash.write_text(crash.read_text(encoding="utf-8").replace("\n  name: ", "\n  name: CRASH", 1), encoding="utf-8")
    out = tmp_path / "report.json"
    r = run_cli("audit", str(folder), "--as-of", AS_OF, "-j", jobs, "-f", "json", "-o", str(out),
                env={"PYTHONPATH": f"{site}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"},
                subprocess=True)  # a new interpreter, so that it loads the crashing sitecustomize
    assert r.code == 2, r.err
    results = _results(out.read_text(encoding="utf-8"))
    assert [Path(x["file"]).name for x in results] == names
    assert [x["valid"] for x in results] == [True, True, False, True, True, True]
    assert results[2]["errors"][0]["code"] == "worker_crashed" and "SIGSEGV" in results[2]["errors"][0]["message"]
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_jobs_never_exceed_the_number_of_files(monkeypatch):
    from concurrent.futures import ProcessPoolExecutor

    from compliance.batch import audit_files

    sizes = []
    real = ProcessPoolExecutor.__init__

    def record(self, max_workers=None, *args, **kwargs):
        sizes.append(max_workers)
        real(self, max_workers, *args, **kwargs)

    monkeypatch.setattr(ProcessPoolExecutor, "__init__", record)
    files = sorted(SAMPLES.glob("*.yaml"))[:3]
    results = list(audit_files(files, None, date.fromisoformat(AS_OF), "zh", 64))
    assert [r.file for r in results] == [str(f) for f in files] and sizes == [3]


# ------------------------------------------------------------------ 4. hostile text in every format


HOSTILE_NAME = "宁夏\x1b]0;pwned\x07\x1b[2J\n::add-mask::secret\r[批准](https://evil.example) ![i](https://evil.example/i.png) @team <b>x</b>\x01"
HOSTILE_FILE = "p\x1b[31m\n::error::fake\x01|[x](https://evil.example)`@team.yaml"


def _hostile_report():
    from compliance.report import ErrorItem, Finding, Report, Result, SocietyRef, Tally

    finding = Finding(rule="R-1", clause="1", severity="violation", title="t", message=f"message {HOSTILE_NAME}",
                      remediation="fix \x1b[2J\n::error::x", quote="q", path="society.name", line=3, column=1,
                      fingerprint="f")
    good = Result(file=HOSTILE_FILE, society=SocietyRef(id="NX-1", name=HOSTILE_NAME), valid=True, findings=[finding])
    bad = Result(file=HOSTILE_FILE, society=SocietyRef(id=None, name=HOSTILE_NAME), valid=False,
                 errors=[ErrorItem(file=HOSTILE_FILE, line=2, column=1, path="society.name", code="x",
                                   message=f"bad {HOSTILE_NAME}")])
    tally = Tally("violation")
    for r in (good, bad):
        tally.add(r)
    report = Report.model_validate({"tool": {"version": "0"}, "as_of": AS_OF, "lang": "zh", "fail_on": "violation",
                                    "results": [good, bad], "summary": tally.summary(2).model_dump()})
    return report, tally


def test_terminal_table_lets_no_control_sequence_through():
    from rich.console import Console

    from compliance.render.table import print_result, print_summary

    report, tally = _hostile_report()
    buf = io.StringIO()
    console = Console(file=buf, width=200, color_system=None, force_terminal=False, highlight=False, emoji=False)
    for r in report.results:
        print_result(console, r, "zh")
    print_summary(console, tally.rows, report.summary, AS_OF, "zh")
    text = buf.getvalue()
    assert not any(ch in text for ch in "\x1b\x07\r\x01")
    assert not any(line.lstrip().startswith("::") for line in text.splitlines())  # no workflow command in a CI log
    assert "\\x1b]0;pwned" in text  # shown, visibly


def test_github_annotations_cannot_start_a_command_of_their_own():
    from compliance.render.github import render

    report, _ = _hostile_report()
    lines = render(report, [], "zh").splitlines()
    assert len(lines) == 2
    for line in lines:
        assert line.startswith(("::error file=", "::warning file=", "::notice file="))
        assert "\x1b" not in line and "\x07" not in line and "\x01" not in line


def test_junit_always_parses():
    from compliance.render.junit import render

    report, _ = _hostile_report()
    root = ET.fromstring(render(report, [], "zh").encode("utf-8"))
    assert root.find("testsuite").get("name").startswith("宁夏\\x1b]0;pwned")


def test_markdown_neutralises_links_images_mentions_and_html():
    from markdown_it import MarkdownIt

    from compliance.render.markdown import render

    report, _ = _hostile_report()
    md = render(report, [], "zh")
    html = MarkdownIt("commonmark", {"html": True}).enable("table").render(md)
    assert "<a " not in html and "<img" not in html and "<b>" not in html
    assert "@team" not in re.sub(r"<code>.*?</code>", "", html)  # GitHub would notify the team (not from code)
    assert "\x1b" not in md and "\x01" not in md
    assert "[批准](https://evil.example)" in html  # shown as the text it is
    societies = re.findall(r"<tr>(.*?)</tr>", re.search(r"<tbody>(.*?)</tbody>", html, re.S).group(1), re.S)
    assert [row.count("<td>") for row in societies] == [7, 7]  # a "|" in a name or file splits no cell


def test_docx_and_markdown_letters_survive_control_characters():
    from docx import Document

    from compliance.letters import Fact, Letter
    from compliance.render.letter import to_docx, to_markdown

    letter = Letter(kind="rectification", title=f"关于责令{HOSTILE_NAME}限期整改的通知", doc_no="x",
                    recipient=f"{HOSTILE_NAME}：", opening="经查：", facts=[Fact(f"事实\x01{HOSTILE_NAME}")],
                    basis="依据", requirements=[f"要求\x1b{HOSTILE_NAME}"])
    doc = Document(io.BytesIO(to_docx(letter)))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "\\x01" in text and "\x01" not in text and "要求" in text
    md = to_markdown(letter)
    assert "](https://evil.example)" not in md and "\x1b" not in md and "@team" not in md


# ------------------------------------------------------------------ 5. duplicate society.id


def test_duplicate_society_id_in_a_batch_is_an_error_naming_both(cli, tmp_path):
    shutil.copy(SAMPLES / FOREST, tmp_path / "a.yaml")
    shutil.copy(SAMPLES / FOREST, tmp_path / "b.yaml")
    r = cli("audit", str(tmp_path / "a.yaml"), "--as-of", AS_OF, "-f", "json")
    base = tmp_path / "base.json"
    base.write_text(r.out, encoding="utf-8")
    assert cli("audit", str(tmp_path / "a.yaml"), "--as-of", AS_OF, "--baseline", str(base)).code == 0
    r = cli("audit", str(tmp_path / "a.yaml"), str(tmp_path / "b.yaml"), "--as-of", AS_OF, "-f", "json",
            "--baseline", str(base))
    assert r.code == 2
    first, copy = _results(r.out)
    assert first["valid"] and first["findings"]
    assert not copy["valid"] and not copy["findings"]  # inherits nothing from the original's baseline
    error = copy["errors"][0]
    assert error["path"] == "society.id" and error["line"] == 6 and str(tmp_path / "a.yaml") in error["message"]


# ------------------------------------------------------------------ 6. names that are not UTF-8


def test_file_name_not_utf8_is_one_bad_input(cli, tmp_path):
    folder = tmp_path / "unzipped"
    folder.mkdir()
    shutil.copy(SAMPLES / AGRI, folder / "a.yaml")
    gbk = os.fsencode(folder) + b"/" + "宁夏林学会".encode("gbk") + b".yaml"
    shutil.copy(SAMPLES / FOREST, gbk)
    reports = {fmt: tmp_path / f"r.{fmt}" for fmt in ("sarif", "junit", "markdown", "html", "github", "table")}
    args = [arg for fmt, path in reports.items() for arg in ("--report", f"{fmt}={path}")]
    r = cli("audit", str(folder), "--as-of", AS_OF, "-f", "json", *args)
    assert r.code == 2
    results = _results(r.out)
    assert len(results) == 2
    good = next(x for x in results if x["file"].endswith("a.yaml"))
    bad = next(x for x in results if not x["file"].endswith("a.yaml"))
    assert good["valid"] and good["findings"]
    assert not bad["valid"] and "\\xc4\\xfe" in bad["file"] and "宁夏林学会" in bad["errors"][0]["message"]
    for fmt, path in reports.items():
        assert path.exists() and path.stat().st_size > 0, fmt
    ET.parse(reports["junit"])
    json.loads(reports["sarif"].read_text(encoding="utf-8"))
    v = cli("validate", str(folder))
    assert v.code == 2 and "\\xc4\\xfe" in v.out


# ------------------------------------------------------------------ 7. signals


@pytest.fixture(scope="module")
def many(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("many")
    first = shutil.copy(SAMPLES / AGRI, folder / "p0000.yaml")
    for i in range(1, 4000):  # enough work that no run ends before its signal arrives (the audit is ~2 ms a file)
        os.link(first, folder / f"p{i:04d}.yaml")
    return folder


@pytest.mark.parametrize(("sig", "code", "jobs", "when", "group"), [
    (signal.SIGINT, 130, "8", "start", True),  # Ctrl-C reaches every process of the terminal's group
    (signal.SIGTERM, 143, "2", "start", False),  # `kill PID`
    (signal.SIGTERM, 143, "2", "running", False),
    (signal.SIGHUP, 129, "2", "running", True),  # the terminal closes
])
def test_signals_leave_no_worker_no_temp_file_no_open_stdout(many, tmp_path, sig, code, jobs, when, group):
    out = tmp_path / "report.json"
    proc = subprocess.Popen([sys.executable, "-m", "compliance", "audit", str(many), "--as-of", AS_OF, "-j", jobs,
                             "-f", "json", "-o", str(out)], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env=dict(os.environ, PYTHONUNBUFFERED="1"), start_new_session=True,
                            preexec_fn=default_stop_signals)
    deadline = time.time() + 60
    wanted = 2 if when == "start" else int(jobs) + 1  # the first worker forked, or all of them at work
    while len(_running_with(str(many))) < wanted and time.time() < deadline:
        assert proc.poll() is None, "the run ended before the signal was sent: give it more files"
        time.sleep(0.01)
    if when == "running":
        time.sleep(1)
    if group:
        os.killpg(proc.pid, sig)
    else:
        proc.send_signal(sig)
    # communicate() returns only when every process holding stdout and stderr has let go of them
    stdout, stderr = proc.communicate(timeout=60)
    err = stderr.decode("utf-8")
    assert proc.returncode == code, err
    assert "Traceback" not in err and "已中断" in err
    assert not out.exists() and [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []
    assert _running_with(str(many)) == []


# ------------------------------------------------------------------ 8. bounded work


@pytest.mark.parametrize("special", ["fifo", "/dev/zero"])
@pytest.mark.parametrize("option", ["--baseline", "--waivers"])
def test_special_files_are_refused_at_once(cli, tmp_path, special, option):
    path = special
    if special == "fifo":
        path = str(tmp_path / "fifo")
        os.mkfifo(path)
    start = time.monotonic()
    r = cli("audit", str(SAMPLES / AGRI), "--as-of", AS_OF, option, path)
    assert r.code == 2 and f"{path}: 不是普通文件" in r.err
    assert time.monotonic() - start < 60


@pytest.mark.parametrize(("template", "expected"), [
    ("{{ 'x' * 2000000000 }}", "内存上限"),
    ("{{ 'x'.ljust(3000000000) }}", "内存上限"),
    ("{% for i in range(99999) %}{% for j in range(99999) %}{% endfor %}{% endfor %}", "超过 5 秒"),
    ("<p>\n{{ 1/0 }}</p>", "letter.html.j2:2: 模板错误：ZeroDivisionError"),
    ("{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}", "letter.html.j2:1: 模板错误：递归过深"),
    ("{{ letter.title", "letter.html.j2:1: 模板错误：TemplateSyntaxError"),
])
def test_user_templates_are_bounded_in_time_and_memory(cli, tmp_path, template, expected):
    folder = tmp_path / "tpl"
    folder.mkdir()
    (folder / "letter.html.j2").write_text(template, encoding="utf-8")
    r = cli("letter", str(SAMPLES / AGRI), "--as-of", AS_OF, "--templates", str(folder), "-o", str(tmp_path / "l.html"))
    assert r.code == 2 and expected in r.err, r.err
    assert not (tmp_path / "l.html").exists()


def test_a_template_that_is_a_fifo_is_refused(cli, tmp_path):
    folder = tmp_path / "tpl"
    folder.mkdir()
    os.mkfifo(folder / "letter.html.j2")
    r = cli("letter", str(SAMPLES / AGRI), "--as-of", AS_OF, "--templates", str(folder), "-o", str(tmp_path / "l.html"))
    assert r.code == 2 and "letter.html.j2: 不是普通文件" in r.err


# ------------------------------------------------------------------ 9. clear messages, not internal errors


def test_output_naming_a_folder_or_a_missing_folder(cli, tmp_path):
    r = cli("audit", str(SAMPLES / AGRI), "--as-of", AS_OF, "-o", str(tmp_path))
    assert r.code == 2 and f"{tmp_path} 是一个目录" in r.err
    r = cli("audit", str(SAMPLES / AGRI), "--as-of", AS_OF, "--report", f"sarif={tmp_path / 'no' / 'x.sarif'}")
    assert r.code == 2 and f"目录 {tmp_path / 'no'} 不存在" in r.err
    r = cli("letter", str(SAMPLES / AGRI), "--as-of", AS_OF, "-o", str(tmp_path))
    assert r.code == 2 and "是一个目录" in r.err


@pytest.mark.parametrize(("content", "where"), [
    ('{"results": [1]}', "results[0]: 类型错误"),
    ('{"results": [{"findings": 3}]}', "results[0].findings: 类型错误"),
    ('{"results": [{"findings": [{"fingerprint": 7}]}]}', "results[0].findings[0].fingerprint: 类型错误"),
    ("[1]", "类型错误"),
    ('{"no": 1}', "results: 缺少必填字段"),
    ('{"results": [', ":1:14: 不是有效的 JSON 报告"),
])
def test_baseline_of_the_wrong_shape(cli, tmp_path, content, where):
    base = tmp_path / "base.json"
    base.write_text(content, encoding="utf-8")
    r = cli("audit", str(SAMPLES / AGRI), "--as-of", AS_OF, "--baseline", str(base))
    assert r.code == 2 and f"{base}" in r.err and where in r.err, r.err


@pytest.mark.parametrize("day", ["0001-01-01", "0002-06-30", "9999-12-31"])
def test_as_of_out_of_range(day, capsys):
    from compliance.cli import main

    with pytest.raises(SystemExit) as info:  # in-process, as tests may call it
        main(["audit", str(SAMPLES / AGRI), "--as-of", day])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert "超出范围" in err and "internal error" not in err


def test_chinese_numerals():
    from compliance.letters import CN, cn_number

    expected = {1: "一", 10: "十", 11: "十一", 19: "十九", 20: "二十", 21: "二十一", 100: "一百", 101: "一百零一",
                110: "一百一十", 1001: "一千零一", 1010: "一千零一十", 10000: "一万", 10005: "一万零五",
                100000: "十万", 110000: "十一万", 100010000: "一亿零一万"}
    assert {n: cn_number(n) for n in expected} == expected
    assert CN[10] == "十一" and CN(12) == "十二"


def test_letter_with_more_than_ten_requirements():
    from docx import Document

    from compliance.letters import Fact, Letter
    from compliance.render.letter import to_docx, to_html, to_markdown

    letter = Letter(kind="rectification", title="t", doc_no="x", recipient="r：", opening="o", facts=[Fact("f")],
                    basis="b", requirements=[f"要求{i}" for i in range(1, 13)])
    for text in (to_html(letter), to_markdown(letter), "\n".join(letter.paragraphs()),
                 "\n".join(p.text for p in Document(io.BytesIO(to_docx(letter))).paragraphs)):
        assert "（十）要求10" in text and "（十一）要求11" in text and "（十二）要求12" in text


# ------------------------------------------------------------------ 10. output files


@pytest.mark.parametrize("mask", [0o022, 0o002, 0o077])
def test_new_output_files_respect_the_umask(tmp_path, mask):
    from compliance.output import write_atomic

    old = os.umask(mask)
    try:
        write_atomic(tmp_path / "r.json", "{}")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "r.json").stat().st_mode) == 0o666 & ~mask


def test_existing_output_file_keeps_its_mode(cli, tmp_path):
    out = tmp_path / "r.json"
    out.write_text("old", encoding="utf-8")
    os.chmod(out, 0o640)
    cli("audit", str(SAMPLES / AGRI), "--as-of", AS_OF, "-f", "json", "-o", str(out))
    assert stat.S_IMODE(out.stat().st_mode) == 0o640 and out.read_text(encoding="utf-8") != "old"


def test_two_outputs_to_the_same_file_are_refused(cli, tmp_path):
    out = tmp_path / "x"
    r = cli("audit", str(SAMPLES / AGRI), "--as-of", AS_OF, "-o", str(out), "--report", f"sarif={out}")
    assert r.code == 2 and "同一个文件" in r.err and not out.exists()


def test_reports_are_written_when_stdout_is_closed(tmp_path):
    sarif = tmp_path / "out.sarif"
    command = (f"{shlex.quote(sys.executable)} -m compliance audit {shlex.quote(str(SAMPLES))} --as-of {AS_OF} "
               f"--report sarif={shlex.quote(str(sarif))} | head -1")
    p = subprocess.run(["bash", "-c", f"set -o pipefail; {command}"], capture_output=True, text=True, cwd=ROOT,
                       timeout=300)
    assert p.stdout.count("\n") == 1 and "Traceback" not in p.stderr and "internal error" not in p.stderr
    assert p.returncode == 1  # the audit's own exit code: violations found
    assert json.loads(sarif.read_text(encoding="utf-8"))["runs"][0]["results"]
