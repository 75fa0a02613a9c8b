"""What a new user tripped over: binary output on a terminal, a workbook given to validate, enumeration errors
half in English, `rules list` out of clause order, and the summary's order within one stage."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.conftest import AS_OF, ROOT, SAMPLES

TERMINAL_REFUSAL = "xlsx 是二进制文件，不能显示在终端上：请用 -o 文件名 指定输出文件（或重定向到文件）"


@pytest.fixture
def terminal(monkeypatch):
    """Standard output stands in for a terminal (the one check the CLI makes)."""
    import compliance.output

    monkeypatch.setattr(compliance.output, "stdout_is_terminal", lambda: True)


def test_xlsx_to_a_terminal_is_refused(cli, terminal):
    r = cli("audit", "samples/", "-f", "xlsx", "--as-of", AS_OF)
    assert r.code == 2
    assert r.err.strip() == TERMINAL_REFUSAL
    assert r.out == ""


def test_xlsx_to_a_terminal_is_refused_in_english(cli, terminal):
    r = cli("audit", "samples/", "-f", "xlsx", "--as-of", AS_OF, "--lang", "en")
    assert r.code == 2
    assert r.err.strip() == ("xlsx is a binary file and cannot be shown on a terminal: name an output file with "
                             "-o FILE (or redirect to a file)")


def test_xlsx_with_output_file_on_a_terminal_is_written(cli, terminal, tmp_path):
    target = tmp_path / "r.xlsx"
    r = cli("audit", "samples/宁夏农学会.yaml", "-f", "xlsx", "-o", str(target), "--as-of", AS_OF)
    assert r.code == 1, r.err
    assert target.read_bytes().startswith(b"PK\x03\x04")


def test_text_format_on_a_terminal_is_shown(cli, terminal):
    r = cli("audit", "samples/宁夏医学会.yaml", "--as-of", AS_OF, "-q")
    assert r.code == 0, r.err
    assert "宁夏医学会" in r.out


def test_xlsx_redirected_to_a_file_is_written(tmp_path):
    target = tmp_path / "r.xlsx"
    env = {k: v for k, v in os.environ.items() if k != "COMPLIANCE_LANG"}
    with target.open("wb") as out:
        p = subprocess.run([sys.executable, "-m", "compliance", "audit", str(SAMPLES / "宁夏农学会.yaml"), "-f", "xlsx",
                            "--as-of", AS_OF], stdout=out, stderr=subprocess.PIPE, cwd=ROOT, env=env, timeout=300,
                           check=False)
    assert p.returncode == 1, p.stderr.decode()
    assert target.read_bytes().startswith(b"PK\x03\x04")


WORKBOOK_HINT = "这是 Excel 工作簿，不是 YAML 档案：工作簿请用 compliance import 文件.xlsx -o 档案.yaml 转成档案后再检查"


@pytest.fixture(scope="module")
def workbook(tmp_path_factory):
    from tests.conftest import run_cli

    target = tmp_path_factory.mktemp("wb") / "r.xlsx"
    assert run_cli("audit", "samples/宁夏医学会.yaml", "-f", "xlsx", "-o", str(target), "--as-of", AS_OF).code == 0
    return target


def test_validate_a_workbook_says_how_to_import_it(cli, workbook):
    r = cli("validate", str(workbook), "-q")
    assert r.code == 2
    assert r.out.splitlines()[0] == f"{workbook}: {WORKBOOK_HINT}"
    assert "NUL" not in r.out + r.err


def test_validate_a_workbook_in_english(cli, workbook):
    r = cli("validate", str(workbook), "-q", "--lang", "en")
    assert r.code == 2
    assert r.out.splitlines()[0] == (f"{workbook}: this is an Excel workbook, not a YAML profile: turn a workbook into "
                                     "a profile with compliance import FILE.xlsx -o PROFILE.yaml, then check that")


def test_audit_a_workbook_says_how_to_import_it_and_audits_the_rest(cli, workbook):
    r = cli("audit", str(workbook), "samples/宁夏医学会.yaml", "--as-of", AS_OF, "-q")
    assert r.code == 2
    assert f"{workbook}: {WORKBOOK_HINT}" in r.out + r.err
    assert "宁夏医学会" in r.out


def test_an_old_xls_by_its_name(cli, tmp_path):
    old = tmp_path / "表.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    r = cli("validate", str(old), "-q")
    assert r.code == 2
    assert r.out.splitlines()[0] == f"{old}: {WORKBOOK_HINT}"


def _profile(tmp_path, *edits: tuple[str, str]):
    text = (SAMPLES / "宁夏生态学会.yaml").read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text
        text = text.replace(old, new, 1)
    f = tmp_path / "p.yaml"
    f.write_text(text, encoding="utf-8")
    return f


def _message(cli, tmp_path, edit: tuple[str, str], path: str, lang: str = "zh") -> str:
    r = cli("validate", str(_profile(tmp_path, edit)), "-q", "--lang", lang)
    assert r.code == 2
    (line,) = [ln for ln in r.out.splitlines() if f": {path}" in ln]
    return line.split(": ", 1)[1]


def test_choices_are_written_in_chinese(cli, tmp_path):
    said = _message(cli, tmp_path, ("  type: 学会", "  type: 学术团体"), "society.type")
    assert said == "society.type（类型）：取值无效：应为 学会、协会 或 研究会 之一，实际是 '学术团体'"


def test_choices_in_english(cli, tmp_path):
    said = _message(cli, tmp_path, ("  type: 学会", "  type: 学术团体"), "society.type", "en")
    assert said == "society.type: invalid value: expected one of 学会, 协会 or 研究会, found '学术团体'"


def test_a_close_choice_is_suggested(cli, tmp_path):
    said = _message(cli, tmp_path, ("  organisation: 党支部", "  organisation: 支部"), "party.organisation")
    assert said == ("party.organisation（党组织形式）：取值无效：应为 党委、党总支、党支部、联合党支部、功能型党组织 或 none 之一，"
                    "实际是 '支部'（是否应为 “党支部”？）")


@pytest.mark.parametrize("word", ["是", "否", "有", "无"])
def test_yes_no_in_chinese_says_to_write_true_false(cli, tmp_path, word):
    said = _message(cli, tmp_path, ("party_leadership_clause: true", f"party_leadership_clause: {word}"),
                    "charter.party_leadership_clause")
    assert said == (f"charter.party_leadership_clause（载入坚持党的全面领导）：类型错误：应为 true 或 false，实际是 '{word}'"
                    "（是/否 请写作 true/false）")


def test_other_text_in_a_true_false_field_has_a_space_before_true(cli, tmp_path):
    said = _message(cli, tmp_path, ("party_leadership_clause: true", "party_leadership_clause: 也许"),
                    "charter.party_leadership_clause")
    assert said == "charter.party_leadership_clause（载入坚持党的全面领导）：类型错误：应为 true 或 false，实际是 '也许'"


def test_rules_list_is_in_clause_order(cli):
    import json

    from compliance.report import clause_order

    r = cli("rules", "list")
    assert r.code == 0
    rows = [[c.strip() for c in line.split("│")[1:3]] for line in r.out.splitlines() if line.startswith("│")]
    rows = [(rid, clause) for rid, clause in rows if rid]  # a folded title adds lines with an empty id
    assert rows[0][1] == "第1条" and rows[-1][1] == "保障措施(三)"
    clause_of = {x["id"]: x["clause"] for x in json.loads(cli("rules", "list", "-f", "json").out)}
    keys = [(clause_order(clause_of[rid]), rid) for rid, _ in rows]
    assert keys == sorted(keys) and len(rows) == len(clause_of)


def test_rules_list_json_is_in_clause_order(cli):
    import json

    from compliance.report import clause_order

    rules = json.loads(cli("rules", "list", "-f", "json").out)
    keys = [(clause_order(x["clause"]), x["id"]) for x in rules]
    assert keys == sorted(keys) and rules[0]["clause"] == "1"


def _summary(out: str) -> list[tuple[str, str]]:
    head = out.index("检查汇总")
    return [(cells[0], cells[2]) for line in out[head:].splitlines() if line.startswith("│")
            for cells in [[c.strip() for c in line.split("│")[1:-1]]]]


def test_summary_lists_the_harsher_next_step_first_within_a_stage(cli):
    r = cli("audit", "samples/", "--as-of", AS_OF, "-q")
    rows = _summary(r.out)
    names = [name for name, _ in rows]
    assert names.index("宁夏电力学会") < names.index("宁夏水利学会")  # 责令限期整改 before 约谈, both 正常 with 2 违规
    steps = [step for _, step in rows[1:]]  # after 宁夏林学会, the one society past 正常
    harsh = {"责令限期整改": 2, "约谈": 1, "—": 0}
    assert [harsh[s] for s in steps] == sorted((harsh[s] for s in steps), reverse=True)
    assert steps[0] == "责令限期整改" and steps[-1] == "—"


def test_worst_first_orders_steps_by_the_ladder():
    from compliance.report import Row, worst_first

    def row(name, stage, step, violation):
        return Row(name, True, stage, "", step, violation, 0, 0, [])

    rows = [row("a", "normal", "interview", 3), row("b", "normal", "rectification", 1), row("c", "normal", None, 5),
            row("d", "interview", "rectification", 0), row("e", "normal", "rectification", 2),
            row("f", "normal", "follow_up", 4)]
    assert [r.name for r in worst_first(rows)] == ["d", "e", "b", "a", "c", "f"]


@pytest.mark.parametrize("written", ["[]", "{}", "[是]"])
def test_a_list_or_mapping_in_a_true_false_field_is_a_positioned_type_error(cli, tmp_path, written):
    """Found by the mutation fuzzer: a list where 是/否 was looked up crashed the message ("unhashable type")."""
    said = _message(cli, tmp_path, ("party_leadership_clause: true", f"party_leadership_clause: {written}"),
                    "charter.party_leadership_clause")
    assert said.startswith("charter.party_leadership_clause（载入坚持党的全面领导）：类型错误：应为 true 或 false")
