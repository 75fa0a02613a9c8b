"""Errors a person can act on (issue 16, part 2): each names the field by its Chinese title, the slips of a
Chinese input method (full-width colon, dates written the Chinese way, Chinese keys) are named as such with the
fix, and unknown names (rules, subjects, formats, commands) suggest the closest.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import AS_OF, SAMPLES

SAMPLE = SAMPLES / "宁夏计算机学会.yaml"


def profile(tmp_path: Path, old: str, new: str, name: str = "档案.yaml") -> Path:
    """The sample profile with one line changed, as a person would edit it."""
    text = SAMPLE.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / name
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def line_of(path: Path, needle: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


def test_a_missing_field_is_named_by_its_chinese_title_and_its_path(cli, tmp_path):
    path = profile(tmp_path, "  credit_code: 51644670MJ92003994\n", "")
    r = cli("validate", str(path), "--as-of", AS_OF)
    assert r.code == 2
    assert f"{path}:5:1: society.credit_code（统一社会信用代码）：缺少必填字段" in r.out
    r = cli("validate", str(path), "--as-of", AS_OF, "--lang", "en")
    assert f"{path}:5:1: society.credit_code: required field is missing" in r.out


def test_a_nested_field_has_its_title_in_the_audit_table_too(cli, tmp_path):
    path = profile(tmp_path, "  formal_members: 19", "  formal_members: 十九")
    r = cli("audit", str(path), "--as-of", AS_OF)
    assert r.code == 2
    assert "party.formal_members（正式党员人数）：类型错误：应为整数" in r.out


def test_a_full_width_colon_is_reported_on_its_own_line_with_the_fix(cli, tmp_path):
    path = profile(tmp_path, "  formal_members: 19", "  formal_members：19")
    line = line_of(path, "formal_members：19")
    r = cli("validate", str(path), "--as-of", AS_OF)
    assert r.code == 2
    assert f"{path}:{line}:17: “formal_members” 后面是全角冒号 “：”，应使用半角冒号 :" in r.out
    assert "mapping values" not in r.out
    r = cli("validate", str(path), "--as-of", AS_OF, "--lang", "en")
    assert f"{path}:{line}:17: 'formal_members' is followed by the full-width colon" in r.out


def test_a_full_width_colon_in_a_one_key_mapping_is_named_too(cli, tmp_path):
    path = profile(tmp_path, "  three_sync: {registration: true, annual_inspection: true, assessment: true}",
                   "  three_sync:\n    registration：true")
    r = cli("validate", str(path), "--as-of", AS_OF)
    assert r.code == 2 and "party.three_sync（三同步）：“registration” 后面是全角冒号 “：”" in r.out


def test_an_unreadable_file_is_headed_by_its_name_in_the_audit(cli, tmp_path):
    path = profile(tmp_path, "  formal_members: 19", "  formal_members：19")
    r = cli("audit", str(path), "--as-of", AS_OF)
    assert r.code == 2
    assert r.out.splitlines()[0] == str(path)
    assert "— (—)" not in r.out


@pytest.mark.parametrize("written", ["2024/5/1", "2024.5.1", "2024年5月1日", "2024-5-1"])
def test_a_date_written_another_way_says_how_to_write_it(cli, tmp_path, written):
    path = profile(tmp_path, "registered_on: 1989-05-25", f"registered_on: {written}")
    r = cli("validate", str(path), "--as-of", AS_OF)
    assert r.code == 2
    assert f"society.registered_on（登记日期）：日期写法不对：'{written}' 应写作 2024-05-01" in r.out
    r = cli("validate", str(path), "--as-of", AS_OF, "--lang", "en")
    assert f"'{written}' should be 2024-05-01" in r.out


@pytest.mark.parametrize(("written", "why"), [
    ("1989-02-30", "日期不存在：1989年2月没有30日（该月只有 28 天）"),
    ("2024-02-30", "日期不存在：2024年2月没有30日（该月只有 29 天）"),
    ("1989-04-31", "日期不存在：1989年4月没有31日（该月只有 30 天）"),
    ("1989-13-01", "日期不存在：月份应为 1 至 12，实际是 13"),
])
def test_an_impossible_date_says_why(cli, tmp_path, written, why):
    path = profile(tmp_path, "registered_on: 1989-05-25", f"registered_on: {written}")
    r = cli("validate", str(path), "--as-of", AS_OF)
    assert r.code == 2 and f"society.registered_on（登记日期）：{why}" in r.out


def test_a_chinese_key_suggests_the_english_one_with_that_title(cli, tmp_path):
    path = profile(tmp_path, "society:", "学会:")
    r = cli("validate", str(path), "--as-of", AS_OF)
    assert r.code == 2
    assert "学会: 未知字段：字段名要用英文，是否应为 “society”（基本信息）？" in r.out
    path = profile(tmp_path, "  formal_members: 19", "  正式党员: 19", "党员.yaml")
    r = cli("validate", str(path), "--as-of", AS_OF)
    assert "party.正式党员: 未知字段：字段名要用英文，是否应为 “formal_members”（正式党员人数）？" in r.out
    r = cli("validate", str(path), "--as-of", AS_OF, "--lang", "en")
    assert "did you mean 'formal_members' (正式党员人数)?" in r.out


def test_a_chinese_key_without_a_matching_title_says_keys_are_english(cli, tmp_path):
    path = profile(tmp_path, "  formal_members: 19", "  formal_members: 19\n  随便写写: 1")
    r = cli("validate", str(path), "--as-of", AS_OF)
    assert r.code == 2 and "party.随便写写: 未知字段：字段名要用英文" in r.out


def test_an_unknown_rule_suggests_the_closest(cli):
    r = cli("rules", "show", "GOV-OFFICER-AG")
    assert r.code == 2 and "没有这条规则：GOV-OFFICER-AG（是否应为 “GOV-OFFICER-AGE”？）" in r.err
    r = cli("rules", "show", "gov-officer-agg", "--lang", "en")
    assert r.code == 2 and "no such rule: gov-officer-agg (did you mean 'GOV-OFFICER-AGE'?)" in r.err
    r = cli("explain", str(SAMPLE), "PARTY-ORG-MISING", "--as-of", AS_OF)
    assert r.code == 2 and "没有这条规则：PARTY-ORG-MISING（是否应为 “PARTY-ORG-MISSING”？）" in r.err


def test_an_unknown_subject_suggests_the_closest(cli):
    r = cli("rules", "fields", "branh")
    assert r.code == 2 and "没有这种事实类型：branh（是否应为 “branch”？）" in r.err


def test_an_unknown_format_suggests_the_closest(cli):
    r = cli("audit", str(SAMPLE), "-f", "jsn")
    assert r.code == 2 and "“jsn” 不是可选的取值（是否应为 “json”？）" in r.err
    r = cli("audit", str(SAMPLE), "--report", "sarf=x.sarif")
    assert r.code == 2 and "没有格式 “sarf”（是否应为 “sarif”？）" in r.err
    r = cli("letter", str(SAMPLE), "--kind", "interveiw")
    assert r.code == 2 and "是否应为 “interview”？" in r.err


def test_an_unknown_command_suggests_the_closest(cli):
    r = cli("audti", str(SAMPLE))
    assert r.code == 2 and "没有命令 “audti”（是否应为 “audit”？）" in r.err
    r = cli("rules", "shwo", "GOV-OFFICER-AGE", "--lang", "en")
    assert r.code == 2 and "no such command 'shwo' (did you mean 'show'?)" in r.err
