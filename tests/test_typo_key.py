"""A misspelt key leaves its field missing too: the user gets one message, on the typo's line, naming the right key
(not "缺少必填字段" first, on another line)."""

from __future__ import annotations

import pytest

from tests.conftest import AS_OF, SAMPLES


@pytest.mark.parametrize(("right", "typo", "parent"), [
    ("credit_code", "credit_cod", "society"),
    ("birth_date", "birth_dte", "governance.council.members[0]"),
])
def test_a_misspelt_key_is_one_problem_on_its_own_line(cli, tmp_path, right, typo, parent):
    text = (SAMPLES / "宁夏农学会.yaml").read_text(encoding="utf-8")
    assert f" {right}: " in text
    f = tmp_path / "p.yaml"
    f.write_text(text.replace(f" {right}: ", f" {typo}: ", 1), encoding="utf-8")
    typo_line = next(i for i, line in enumerate(f.read_text(encoding="utf-8").splitlines(), 1) if f" {typo}: " in line)
    r = cli("validate", str(f), "--as-of", AS_OF)
    assert r.code == 2
    said = [line for line in r.out.splitlines() if line.startswith(str(f))]
    assert said == [f"{f}:{typo_line}:{said[0].split(':')[2]}: {parent}.{typo}: 未知字段，是否应为 “{right}”？"], said


def test_a_missing_field_without_a_near_key_is_still_reported(cli, tmp_path):
    text = (SAMPLES / "宁夏农学会.yaml").read_text(encoding="utf-8")
    f = tmp_path / "p.yaml"
    f.write_text(text.replace(" credit_code: ", " zzzzzz: ", 1), encoding="utf-8")
    out = cli("validate", str(f), "--as-of", AS_OF).out
    assert "society.credit_code（统一社会信用代码）：缺少必填字段" in out and "society.zzzzzz" in out
