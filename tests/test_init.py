"""Issue 16 §1: `compliance init` writes a profile to fill in — every section and field with its Chinese title,
the schema modeline, nothing filled in for the person — and `validate` lists exactly the fields left to fill."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .conftest import AS_OF, PROBLEM_TAIL, SAMPLES

NAME = "宁夏某某学会"
# file:line:col: path: message (the path may be followed by its Chinese title in brackets)
PROBLEM = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+):(?P<col>\d+): " + PROBLEM_TAIL)
TO_FILL = "待填写：此项不能为空"


def _init(cli, tmp_path: Path, *args: str) -> tuple[Path, str]:
    target = tmp_path / f"{NAME}.yaml"
    r = cli("init", NAME, "-o", str(target), *args, cwd=tmp_path)
    assert r.code == 0, r.err
    return target, r.err


def _problems(out: str) -> dict[str, tuple[int, str]]:
    found = {}
    for line in out.splitlines():
        m = PROBLEM.match(line)
        if m:
            found[m["path"]] = (int(m["line"]), m["message"])
    return found


def _null_paths(data, parts=()) -> list[tuple]:
    """Every key of the loaded skeleton that has no value after its colon."""
    out = []
    if isinstance(data, dict):
        for k, v in data.items():
            out += [(*parts, k)] if v is None else _null_paths(v, (*parts, k))
    return out


def test_init_then_validate_lists_exactly_the_fields_to_fill_in(cli, tmp_path):
    from compliance.loading import load
    from compliance.problem import join_path

    target, said = _init(cli, tmp_path)
    text = target.read_text(encoding="utf-8")
    lines = text.splitlines()
    r = cli("validate", str(target), "--as-of", AS_OF)
    assert r.code == 2
    problems = _problems(r.out)
    doc = load(target)
    marked, optional = set(), set()
    for parts in _null_paths(doc.data):
        line = lines[doc.locate(parts)[0] - 1]
        if "· 待填写" in line:
            marked.add(join_path(parts))
        else:
            assert "· 选填" in line, line  # an empty value is either to be filled in or optional
            optional.add(join_path(parts))
    assert set(problems) == marked  # exactly the fields marked 待填写, nothing else
    assert {message for _, message in problems.values()} == {TO_FILL}
    for path, (line, _) in problems.items():  # each problem is on the line of its field
        assert "· 待填写" in lines[line - 1], (path, lines[line - 1])
    assert not optional & set(problems)
    assert f"还有 {len(marked)} 项待填写" in said
    assert len(marked) >= 40 and len(optional) >= 10
    # what a person must fill in, by kind: a text, a date, a yes/no, a choice, a list, a field of an optional section
    for path in ("society.id", "society.registered_on", "charter.party_leadership_clause", "party.organisation",
                 "branches", "governance.council.members", "secretary_general.name"):
        assert path in problems, path
    assert "society.name" not in problems and f"name: {NAME}" in text


def test_skeleton_has_every_section_titles_modeline_and_examples_marked(cli, tmp_path):
    from compliance.profile import Profile

    target, _ = _init(cli, tmp_path)
    text = target.read_text(encoding="utf-8")
    first = text.splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema=") and first.endswith("profile.schema.json")
    schema = (tmp_path / first.split("=", 1)[1]).resolve()
    assert schema.is_file(), schema  # the modeline points at the checkout's schema, relative to the profile
    for name, field in Profile.model_fields.items():  # every section, each with its Chinese title
        assert re.search(rf"^{name}:.*# {re.escape(field.title)}", text, re.M), name
    assert re.search(r"^  credit_code:\s+# 统一社会信用代码 · 待填写$", text, re.M)
    assert re.search(r"^    birth_date:\s+# 出生日期 · 待填写", text, re.M) is None  # members are a list…
    assert re.search(r"^    #   birth_date:\s+# 出生日期 · 必填 · 日期，示例：2024-05-01$", text, re.M)  # …as a comment
    assert re.search(r"^  # 本档案在科协的唯一编号，例如 NX-XH-001；用于报告、基线和文件名。\n  id:\s+# 档案编号 · 待填写$", text, re.M)
    assert re.search(r"^  registered_on:\s+# 登记日期 · 待填写 · 日期，示例：2024-05-01$", text, re.M)
    code = "".join(line.split("#")[0] for line in text.splitlines())
    assert "NX-XH-001" not in code and "2024-05-01" not in code  # examples are in comments only


def test_a_skeleton_audited_as_is_is_not_a_clean_bill(cli, tmp_path):
    target, _ = _init(cli, tmp_path)
    r = cli("audit", str(target), "--as-of", AS_OF, "-f", "json")
    assert r.code == 2
    import json

    result = json.loads(r.out)["results"][0]
    assert result["valid"] is False and result["findings"] == []
    assert {e["message"] for e in result["errors"]} == {TO_FILL}


def test_filling_in_exactly_the_listed_fields_gives_a_valid_profile(cli, tmp_path):
    """A person types a value after each colon `validate` names, and nothing else: the profile is then valid.
    The values are a sample society's (lists that may be empty are written [])."""
    from compliance.loading import load
    from compliance.problem import split_path
    from compliance.profile_yaml import scalar
    from compliance.shape import node

    society = load(SAMPLES / "宁夏计算机学会.yaml").data
    target, _ = _init(cli, tmp_path)
    problems = _problems(cli("validate", str(target), "--as-of", AS_OF).out)
    lines = target.read_text(encoding="utf-8").splitlines()
    for path, (line, _) in problems.items():
        value, shape, field = society, node(), None
        for part in split_path(path):
            field = next(f for f in shape.fields if f.name == part)
            shape = field.shape
            value = value.get(part, field.example) if isinstance(value, dict) else field.example
        if isinstance(value, list) and path not in ("governance.council.members", "membership.counts"):
            value = [v for v in value if not isinstance(v, dict)]  # records: none; names, scope: as the sample
        code, sep, comment = lines[line - 1].partition("  #")
        lines[line - 1] = f"{code.rstrip()} {scalar(value)}{sep}{comment}"
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    r = cli("validate", str(target), "--as-of", AS_OF)
    assert r.code == 0, r.out
    r = cli("audit", str(target), "--as-of", AS_OF, "-q")
    assert r.code in (0, 1), r.err


def test_init_refuses_to_overwrite(cli, tmp_path):
    target = tmp_path / "已有.yaml"
    target.write_text("keep: me\n", encoding="utf-8")
    r = cli("init", NAME, "-o", str(target), cwd=tmp_path)
    assert r.code == 2
    assert "已存在，不会覆盖" in r.err
    assert target.read_text(encoding="utf-8") == "keep: me\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["已有.yaml"]  # no temp file left behind


def test_init_names_the_file_after_the_society(cli, tmp_path):
    r = cli("init", NAME, cwd=tmp_path)
    assert r.code == 0, r.err
    assert (tmp_path / f"{NAME}.yaml").is_file()


@pytest.mark.parametrize(("name", "said"), [("  ", "不能为空白"), ("宁夏\x1b[31m学会", "控制字符")])
def test_init_checks_the_name_like_the_field_it_fills(cli, tmp_path, name, said):
    r = cli("init", name, "-o", str(tmp_path / "x.yaml"), cwd=tmp_path)
    assert r.code == 2
    assert "学会名称无效" in r.err and said in r.err
    assert not (tmp_path / "x.yaml").exists()


def test_init_in_english_explains_in_english(cli, tmp_path):
    target = tmp_path / "x.yaml"
    r = cli("init", NAME, "-o", str(target), "--lang", "en", cwd=tmp_path)
    assert r.code == 0
    text = target.read_text(encoding="utf-8")
    assert "How to fill it in" in text and "· to fill in" in text
    assert "fields to fill in" in r.err
