"""The command line as a user runs it: exit codes, messages, languages, JSON report, output files."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sysconfig
from pathlib import Path

import jsonschema
import pytest

from tests.conftest import AS_OF, ROOT, SAMPLES


def test_version(cli):
    from compliance import __version__

    r = cli("--version")
    assert (r.code, r.out) == (0, f"compliance {__version__}\n")


def test_validate_samples_ok(cli):
    r = cli("validate", "samples/")
    assert r.code == 0, r.out
    assert "11 个格式正确" in r.out and "invalid" not in r.out


def test_validate_invalid_samples_one_line_per_problem(cli):
    r = cli("validate", "samples/invalid/", "-q")
    assert r.code == 2
    lines = r.out.strip().splitlines()
    assert len(lines) == 5  # the unknown-key file's misspelt field is one problem, not also a missing field
    assert not any("secretary_general.full_time" in ln for ln in lines)
    for line in lines:
        file, lineno, col, rest = line.split(":", 3)
        assert file.startswith("samples/invalid/") and lineno.isdigit() and col.isdigit() and rest.strip()
    assert any("重复的键 “discipline”" in ln for ln in lines)


def test_validate_english(cli):
    r = cli("validate", "samples/invalid/", "--lang", "en", "-q")
    assert r.code == 2
    assert "required field is missing" in r.out and "duplicate key 'discipline'" in r.out


def test_audit_one_file_table(cli):
    r = cli("audit", "samples/宁夏农学会.yaml", "--as-of", AS_OF)
    assert r.code == 1
    assert "PARTY-ORG-MISSING" in r.out and "第1条" in r.out and "坚持党对学会的全面领导" in r.out
    assert "原文：根据党章规定，设立党的组织，定期开展党的活动。" in r.out
    assert "samples/宁夏农学会.yaml:" in r.out
    assert "整改：" in r.out


def test_audit_english(cli):
    r = cli("audit", "samples/宁夏农学会.yaml", "--as-of", AS_OF, "--lang", "en")
    assert r.code == 1
    assert "item 1" in r.out and "formal party members" in r.out and "fix:" in r.out


def test_audit_compliant_exits_0(cli):
    assert cli("audit", "samples/宁夏计算机学会.yaml", "--as-of", AS_OF).code == 0


def test_fail_on_levels(cli):
    f = "samples/宁夏医学会.yaml"  # one warning only
    assert cli("audit", f, "--as-of", AS_OF).code == 0
    assert cli("audit", f, "--as-of", AS_OF, "--fail-on", "warning").code == 1
    assert cli("audit", "samples/宁夏计算机学会.yaml", "--as-of", AS_OF, "--fail-on", "advice").code == 1
    assert cli("audit", "samples/宁夏农学会.yaml", "--as-of", AS_OF, "--fail-on", "never").code == 0


def test_audit_folder_exits_1_with_summary(cli):
    r = cli("audit", "samples/", "--as-of", AS_OF)
    assert r.code == 1
    assert "检查汇总" in r.out and "共 11 个档案" in r.out


def test_batch_with_invalid_file_still_audits_the_rest_and_exits_2(cli, tmp_path):
    shutil.copy(SAMPLES / "宁夏农学会.yaml", tmp_path / "a.yaml")
    shutil.copy(SAMPLES / "invalid" / "重复键.yaml", tmp_path / "b.yaml")
    r = cli("audit", str(tmp_path), "--as-of", AS_OF, "--format", "json")
    assert r.code == 2
    report = json.loads(r.out)
    by_file = {Path(x["file"]).name: x for x in report["results"]}
    assert by_file["a.yaml"]["valid"] and by_file["a.yaml"]["findings"]
    assert not by_file["b.yaml"]["valid"] and by_file["b.yaml"]["errors"][0]["line"] == 11


def test_missing_path_exits_2(cli):
    r = cli("audit", "no/such/file.yaml")
    assert r.code == 2 and "路径不存在" in r.err


def test_bad_as_of_exits_2(cli):
    r = cli("audit", "samples/", "--as-of", "2026-13-01")
    assert r.code == 2 and "YYYY-MM-DD" in r.err


def test_unknown_option_is_usage_error(cli):
    r = cli("audit", "samples/", "--no-such-option")
    assert r.code == 2 and "没有选项 --no-such-option" in r.err and r.out == ""


def test_json_report_matches_its_schema(cli):
    r = cli("audit", "samples/", "--as-of", AS_OF, "--format", "json")
    report = json.loads(r.out)
    schema = json.loads((ROOT / "schemas" / "report.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(report, schema)
    assert report["as_of"] == AS_OF and report["summary"]["files"] == 11
    finding = report["results"][0]["findings"][0]
    assert {"rule", "clause", "severity", "message", "path", "line", "column"} <= set(finding)
    assert {"id", "name"} == set(report["results"][0]["society"])


def test_json_is_deterministic(cli):
    a = cli("audit", "samples/", "--as-of", AS_OF, "--format", "json").out
    b = cli("audit", "samples/", "--as-of", AS_OF, "--format", "json").out
    c = cli("audit", "samples/", "--as-of", AS_OF, "--format", "json", subprocess=True).out  # another hash seed
    assert a == b == c and json.loads(a)["summary"]["files"] == 11


def test_output_file_written_and_input_protected(cli, tmp_path):
    out = tmp_path / "report.json"
    r = cli("audit", "samples/宁夏农学会.yaml", "--as-of", AS_OF, "-f", "json", "-o", str(out))
    assert r.code == 1 and json.loads(out.read_text(encoding="utf-8"))["summary"]["violation"] == 1
    target = tmp_path / "p.yaml"
    shutil.copy(SAMPLES / "宁夏农学会.yaml", target)
    before = target.read_bytes()
    r = cli("audit", str(target), "--as-of", AS_OF, "-f", "json", "-o", str(target))
    assert r.code == 2 and "拒绝写入" in r.err
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temp file left


def test_schema_command_prints_the_committed_schema(cli):
    r = cli("schema")
    assert json.loads(r.out) == json.loads((ROOT / "schemas" / "profile.schema.json").read_text(encoding="utf-8"))
    r = cli("schema", "--report")
    assert json.loads(r.out) == json.loads((ROOT / "schemas" / "report.schema.json").read_text(encoding="utf-8"))


def test_exclude_and_ignore_file(cli, tmp_path):
    (tmp_path / "skip").mkdir()
    shutil.copy(SAMPLES / "宁夏农学会.yaml", tmp_path / "a.yaml")
    shutil.copy(SAMPLES / "invalid" / "重复键.yaml", tmp_path / "skip" / "b.yaml")
    assert cli("validate", str(tmp_path)).code == 2
    assert cli("validate", str(tmp_path), "--exclude", "skip").code == 0
    (tmp_path / ".complianceignore").write_text("skip/\n", encoding="utf-8")
    assert cli("validate", str(tmp_path)).code == 0


def test_python_dash_m_and_lang_env(cli):
    """The real process: `python -m compliance` reads COMPLIANCE_LANG, and exits 2, 1 and 0."""
    f = "samples/invalid/缺少必填字段.yaml"
    r = cli("validate", f, env={"COMPLIANCE_LANG": "en"}, subprocess=True)
    assert r.code == 2
    assert f"{f}:" in r.out and "society.registered_on: required field is missing" in r.out
    assert "society.registered_on（登记日期）：缺少必填字段" not in r.out
    r = cli("validate", f, subprocess=True)  # without it, Chinese (the helper drops the caller's variable)
    assert r.code == 2 and "society.registered_on（登记日期）：缺少必填字段" in r.out
    assert cli("audit", "samples/宁夏农学会.yaml", "--as-of", AS_OF, subprocess=True).code == 1
    assert cli("audit", "samples/宁夏计算机学会.yaml", "--as-of", AS_OF, subprocess=True).code == 0


def test_lang_env_in_process(cli, monkeypatch):
    f = "samples/invalid/缺少必填字段.yaml"
    assert "required field is missing" in cli("validate", f, env={"COMPLIANCE_LANG": "en"}).out
    monkeypatch.setenv("COMPLIANCE_LANG", "en")  # a developer's own setting does not leak into the tests
    r = cli("validate", f)
    assert "society.registered_on（登记日期）：缺少必填字段" in r.out
    assert os.environ["COMPLIANCE_LANG"] == "en"  # and the caller's environment is restored after the call


def test_console_script(tmp_path):
    """The `compliance` command that pip installs runs the same CLI with the same exit codes."""
    script = Path(sysconfig.get_path("scripts")) / "compliance"
    if not script.exists():
        pytest.fail(f"{script} is missing: install the project first (pip install -e .)")
    env = {k: v for k, v in os.environ.items() if k != "COMPLIANCE_LANG"} | {"COLUMNS": "200", "NO_COLOR": "1"}
    p = subprocess.run([str(script), "audit", "samples/宁夏农学会.yaml", "--as-of", AS_OF], cwd=ROOT, env=env,
                       capture_output=True, text=True, timeout=300, check=False)
    assert p.returncode == 1, p.stderr
    assert "PARTY-ORG-MISSING" in p.stdout and "Traceback" not in p.stderr
    p = subprocess.run([str(script), "audit", "no/such/file.yaml"], cwd=tmp_path, env=env,
                       capture_output=True, text=True, timeout=300, check=False)
    assert p.returncode == 2 and "路径不存在" in p.stderr


@pytest.mark.parametrize("args", [
    ("audit", "samples/宁夏林学会.yaml", "samples/invalid/重复键.yaml", "--as-of", AS_OF),  # table, errors, exit 2
    ("validate", "samples/invalid/", "--lang", "en"),
], ids=["audit-table", "validate-en"])
def test_in_process_runs_match_the_real_process(cli, args):
    """The tests run the CLI in-process for speed: same exit code, stdout and stderr as `python -m compliance`."""
    assert cli(*args) == cli(*args, subprocess=True)
