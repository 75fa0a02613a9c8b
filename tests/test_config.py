"""The settings file (issue 16, part 3): `compliance.yaml` or `[tool.compliance]` in pyproject.toml, found by
walking up from the current folder, sets fail_on, lang, exclude, waivers, issuer, jobs and rules; the command
line wins; a wrong key or value is a positioned error with a suggestion; `compliance config` says where each
setting came from.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import AS_OF, SAMPLES

WARNING_ONLY = SAMPLES / "宁夏医学会.yaml"  # one warning (GOV-SG-PART-TIME), no violation: exit 0 by default


def folder(tmp_path: Path, *parts: str) -> Path:
    path = tmp_path.joinpath(*parts)
    path.mkdir(parents=True, exist_ok=True)
    return path


def test_a_settings_file_above_the_current_folder_sets_fail_on(cli, tmp_path):
    assert cli("audit", str(WARNING_ONLY), "--as-of", AS_OF, cwd=tmp_path).code == 0
    (tmp_path / "compliance.yaml").write_text("# 年度审查\nfail_on: warning\n", encoding="utf-8")
    deeper = folder(tmp_path, "档案", "2026")
    assert cli("audit", str(WARNING_ONLY), "--as-of", AS_OF, cwd=deeper).code == 1
    # the command line wins
    assert cli("audit", str(WARNING_ONLY), "--as-of", AS_OF, "--fail-on", "violation", cwd=deeper).code == 0


def test_the_nearest_settings_file_wins(cli, tmp_path):
    (tmp_path / "compliance.yaml").write_text("fail_on: warning\n", encoding="utf-8")
    inner = folder(tmp_path, "inner")
    (inner / "compliance.yaml").write_text("fail_on: never\n", encoding="utf-8")
    assert cli("audit", str(SAMPLES / "宁夏农学会.yaml"), "--as-of", AS_OF, cwd=inner).code == 0
    assert cli("audit", str(SAMPLES / "宁夏农学会.yaml"), "--as-of", AS_OF, cwd=tmp_path).code == 1


def test_pyproject_table_is_read_and_a_pyproject_without_one_is_passed_over(cli, tmp_path):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.compliance]\nfail_on = "warning"\n',
                                             encoding="utf-8")
    inner = folder(tmp_path, "inner")
    (inner / "pyproject.toml").write_text('[tool.ruff]\nline-length = 100\n', encoding="utf-8")
    assert cli("audit", str(WARNING_ONLY), "--as-of", AS_OF, cwd=inner).code == 1


def test_paths_are_relative_to_the_settings_file(cli, tmp_path):
    (tmp_path / "compliance.yaml").write_text("waivers: 豁免/waivers.yaml\n", encoding="utf-8")
    folder(tmp_path, "豁免")
    (tmp_path / "豁免" / "waivers.yaml").write_text(
        "- society: NX-S04\n  rule: GOV-SG-PART-TIME\n  justification: 换届后改为专职\n"
        "  approved_by: 学会部\n  approved_on: 2026-10-01\n", encoding="utf-8")
    r = cli("audit", str(WARNING_ONLY), "--as-of", AS_OF, "--fail-on", "warning", cwd=folder(tmp_path, "a", "b"))
    assert r.code == 0 and "已豁免" in r.out and "换届后改为专职" in r.out


def test_lang_from_the_settings_file_the_environment_and_the_command_line(cli, tmp_path):
    (tmp_path / "compliance.yaml").write_text("lang: en\n", encoding="utf-8")
    missing = str(SAMPLES / "invalid" / "缺少必填字段.yaml")
    assert "required field is missing" in cli("validate", missing, cwd=tmp_path).out
    assert "缺少必填字段" in cli("validate", missing, cwd=tmp_path, env={"COMPLIANCE_LANG": "zh"}).out
    assert "缺少必填字段" in cli("validate", missing, "--lang", "zh", cwd=tmp_path).out
    assert cli("audit", "--help", cwd=tmp_path).out.startswith("Usage: compliance audit")
    assert "Error: missing argument 'RULE'" in cli("rules", "show", cwd=tmp_path).err


def test_exclude_and_jobs_apply_to_every_command_that_has_them(cli, tmp_path):
    profiles = folder(tmp_path, "profiles")
    shutil.copy(WARNING_ONLY, profiles / "keep.yaml")
    shutil.copy(SAMPLES / "invalid" / "类型错误.yaml", profiles / "draft-1.yaml")
    assert cli("validate", str(profiles), cwd=tmp_path).code == 2
    (tmp_path / "compliance.yaml").write_text("exclude: [draft-*]\njobs: 1\n", encoding="utf-8")
    r = cli("validate", str(profiles), cwd=tmp_path)
    assert r.code == 0 and "共检查 1 个文件" in r.out
    assert cli("audit", str(profiles), "--as-of", AS_OF, cwd=tmp_path).code == 0


@pytest.mark.parametrize(("text", "error"), [
    ("fail_on: warning\njbos: 2\n", "compliance.yaml:2:1: 未知的设置 “jbos”（是否应为 “jobs”？）；可用：fail_on、lang、"),
    ("fail_on: warnig\n", "compliance.yaml:1:1: fail_on（达到此级别即以 1 退出）：取值无效：应为 violation、warning、advice、"
                          "never 之一，实际是 'warnig'（是否应为 “warning”？）"),
    ("\n\njobs: 0\n", "compliance.yaml:3:1: jobs（并行进程数）：数值应不小于 1，实际是 0"),
    ("rules: [a, b]\n", "compliance.yaml:1:1: rules（规则目录）：类型错误：应为文本"),
    ("- fail_on: warning\n", "compliance.yaml:1:1: 配置文件的顶层必须是键值映射"),
    ("fail_on：warning\n", "compliance.yaml:1:8: “fail_on” 后面是全角冒号 “：”"),
])
def test_a_wrong_setting_is_a_positioned_error_for_every_command(cli, tmp_path, text, error):
    (tmp_path / "compliance.yaml").write_text(text, encoding="utf-8")
    for args in (("audit", str(WARNING_ONLY)), ("rules", "list"), ("config",)):
        r = cli(*args, cwd=tmp_path)
        assert r.code == 2 and error in r.err, (args, r.err)


def test_a_wrong_setting_in_pyproject_is_positioned_at_its_line(cli, tmp_path):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.compliance]\nlang = "en"\nfail-on = 1\n',
                                             encoding="utf-8")
    r = cli("audit", str(WARNING_ONLY), cwd=tmp_path)
    assert r.code == 2 and "pyproject.toml:6:1: 未知的设置 “fail-on”（是否应为 “fail_on”？）" in r.err
    (tmp_path / "pyproject.toml").write_text('[tool.compliance]\nlang = "en\n', encoding="utf-8")
    r = cli("audit", str(WARNING_ONLY), cwd=tmp_path)
    assert r.code == 2 and re.search(r"pyproject\.toml:2:\d+: TOML 语法错误", r.err), r.err


def test_config_prints_each_setting_and_where_it_came_from(cli, tmp_path):
    r = cli("config", cwd=tmp_path)
    assert r.code == 0 and "没有找到配置文件" in r.out
    assert re.search(r"fail_on +violation（默认值）", r.out) and re.search(r"jobs +CPU 核数（\d+）（默认值）", r.out)
    (tmp_path / "compliance.yaml").write_text("fail_on: warning\nlang: en\nrules: 我的规则\n", encoding="utf-8")
    deeper = folder(tmp_path, "sub")
    r = cli("config", cwd=deeper)
    assert r.code == 0 and f"config file: {tmp_path / 'compliance.yaml'}" in r.out
    assert re.search(r"fail_on +warning \(\.\./compliance\.yaml:1\)", r.out), r.out
    assert re.search(r"lang +en \(\.\./compliance\.yaml:2\)", r.out)
    assert re.search(rf"rules +{re.escape(str(tmp_path / '我的规则'))} \(\.\./compliance\.yaml:3\)", r.out)
    assert re.search(r"waivers +\(none\) \(default\)", r.out)
    r = cli("config", cwd=deeper, env={"COMPLIANCE_LANG": "zh"})
    assert re.search(r"lang +zh（环境变量 COMPLIANCE_LANG）", r.out)
    r = cli("config", "--lang", "zh", cwd=deeper)
    assert re.search(r"lang +zh（命令行）", r.out)
