"""An 80-column terminal (issue 16, part 3): wrapped lines keep their indent and never break inside a word, date,
path or rule id; the summary table drops columns before it cuts a stage or a next step; `rules coverage` names
each classification in Chinese and wraps its reasons; `-f compact` gives one line per finding for editors and grep.
"""

from __future__ import annotations

import json
import re
import shutil

import pytest

from compliance.render.wrap import cells
from tests.conftest import AS_OF, SAMPLES

NARROW = {"COLUMNS": "80"}
LATIN = re.compile(r"[A-Za-z0-9_\-./:%']")


def report(cli, *args: str) -> dict:
    return json.loads(cli("audit", *args, "--as-of", AS_OF, "-q", "-f", "json").out)


def block(lines: list[str], start: int, indent: int, hang: int) -> tuple[list[str], int]:
    """The lines of one wrapped text starting at `start`: its first line at `indent`, the rest at `indent + hang`."""
    out = [lines[start][indent:]]
    i = start + 1
    while i < len(lines) and lines[i].startswith(" " * (indent + hang)) and lines[i][indent + hang] != " " \
            and hang:
        out.append(lines[i][indent + hang:])
        i += 1
    return out, i


def assert_wrapped_between_phrases(pieces: list[str], text: str) -> None:
    """`pieces` are `text` broken into lines, only at a space or beside a Chinese character or mark."""
    at = 0
    for k, piece in enumerate(pieces):
        while text[at] == " ":
            at += 1
        assert text.startswith(piece, at), (pieces, text)
        at += len(piece)
        if k + 1 < len(pieces) and at < len(text) and text[at] != " ":
            assert not (LATIN.match(text[at - 1]) and LATIN.match(text[at])), f"broken inside a word: {pieces}"
            assert text[at] not in "，。、；：）》”", f"a line starts with a closing mark: {pieces}"
    assert text[at:].strip() == ""


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_findings_wrap_at_80_columns_with_their_indent_between_phrases(cli, lang):
    out = cli("audit", "samples", "--as-of", AS_OF, "-q", "--lang", lang, env=NARROW).out
    lines = out.splitlines()
    assert max(cells(line) for line in lines) <= 80
    data = report(cli, "samples", "--lang", lang)
    quote, basis, remedy = ("原文：", "外部依据：", "整改：") if lang == "zh" else ("policy: ", "outside basis: ", "fix: ")
    checked = 0
    for result in data["results"]:
        for f in result["findings"]:
            head = next(i for i, line in enumerate(lines) if f" {f['rule']} {result['file']}:{f['line']}:" in line)
            message, i = block(lines, head + 1, 6, 0)
            while not lines[i].startswith(" " * 6 + quote):  # a message is wrapped at the same indent
                message.append(lines[i][6:])
                i += 1
            assert_wrapped_between_phrases(message, f["message"])
            pieces, i = block(lines, i, 6, cells(quote))
            assert_wrapped_between_phrases([pieces[0][len(quote):], *pieces[1:]], f["quote"])
            if f["basis"]:  # the other regulation the rule rests on, between the quote and the remedy
                pieces, i = block(lines, i, 6, cells(basis))
                assert pieces[0].startswith(basis) and f["basis"]["regulation"] in "".join(pieces)
            pieces, i = block(lines, i, 6, cells(remedy))
            assert pieces[0].startswith(remedy)
            assert_wrapped_between_phrases([pieces[0][len(remedy):], *pieces[1:]], f["remediation"])
            checked += 1
    assert checked == sum(len(r["findings"]) for r in data["results"]) > 10
    wrapped = [line for line in lines if line.startswith(" " * (6 + cells(remedy))) and line.strip()]
    assert wrapped, "nothing needed wrapping: the test would not show the indent"


def test_an_error_line_wraps_under_its_text(cli, tmp_path):
    path = tmp_path / ("很长的文件名" * 3 + ".yaml")
    text = (SAMPLES / "宁夏计算机学会.yaml").read_text(encoding="utf-8")
    path.write_text(text.replace("registered_on: 1989-05-25", "registered_on: 1989年5月25日"), encoding="utf-8")
    lines = cli("audit", str(path), "--as-of", AS_OF, env=NARROW).out.splitlines()
    first = next(i for i, line in enumerate(lines) if line.startswith("  ✖ "))
    assert lines[first + 1].startswith("    ") and not lines[first + 1].startswith("     ")
    assert "1989-05-25" in "".join(lines[first:first + 4])  # the suggested date is not cut in two


@pytest.mark.parametrize(("lang", "width"), [("zh", 80), ("en", 80), ("en", 60)])
def test_the_summary_never_cuts_a_stage_or_a_next_step(cli, lang, width):
    from compliance.i18n import label

    out = cli("audit", str(SAMPLES), "--as-of", AS_OF, "-q", "--lang", lang, env={"COLUMNS": str(width)}).out
    table = out[out.index("┏"):]
    assert max(cells(line) for line in table.splitlines()) <= width
    rows = [line for line in table.splitlines() if line.startswith("│")]
    for result in report(cli, str(SAMPLES), "--lang", lang)["results"]:
        ladder = result["ladder"]
        step = label("step", ladder["next_step"], lang)
        assert any(f" {ladder['stage_label']} " in row and f" {step} " in row for row in rows), (result["file"], table)
    assert "…" not in table
    if width == 80 and lang == "zh":  # the counts still fit; the least important column went first
        assert "违规" in table and "主要问题条款" not in table


def test_a_wide_terminal_keeps_every_summary_column(cli):
    out = cli("audit", str(SAMPLES), "--as-of", AS_OF, "-q", env={"COLUMNS": "160"}).out
    assert "主要问题条款" in out and "第5条、第4条" in out


def test_rules_coverage_is_readable_at_80_columns(cli):
    from compliance.i18n import LABELS

    out = cli("rules", "coverage", env=NARROW).out
    lines = out.splitlines()
    assert max(cells(line) for line in lines) <= 80 and "…" not in out
    flat = "".join(line.strip() for line in lines)
    for row in json.loads(cli("rules", "coverage", "-f", "json").out):
        assert LABELS["classification"][row["classification"]]["zh"] in out
        for reason in [*row["not_checkable"], *([row["reason"]] if row["reason"] else [])]:
            assert reason.replace(" ", "") in flat.replace(" ", ""), reason
        for rule in row["rules"]:
            assert re.search(rf"(?<![A-Z0-9-]){re.escape(rule)}(?![A-Z0-9-])", out), rule
    assert "mandatory" not in out and "not-checkable" not in out


def test_rules_list_keeps_ids_whole_at_80_columns(cli):
    out = cli("rules", "list", env=NARROW).out
    assert max(cells(line) for line in out.splitlines()) <= 80 and "…" not in out
    ids = {r["id"] for r in json.loads(cli("rules", "list", "-f", "json").out)}
    shown = set(re.findall(r"^│ ([A-Z][A-Z0-9-]+) ", out, re.M))
    assert shown == ids


COMPACT = re.compile(r"^(?P<file>.+):(?P<line>\d+):(?P<col>\d+): \[(?P<sev>violation|warning|advice|error)\] "
                     r"(?P<rule>[A-Z][A-Z0-9-]+) (?P<message>\S.*)$")


def test_compact_gives_one_line_per_finding(cli, tmp_path):
    odd = tmp_path / "a\nb.yaml"  # a line break in a file name cannot start a line of its own
    shutil.copy(SAMPLES / "宁夏农学会.yaml", odd)
    args = (str(SAMPLES), str(SAMPLES / "invalid"), str(odd))
    r = cli("audit", *args, "--as-of", AS_OF, "-f", "compact")
    assert r.code == 2
    lines = r.out.splitlines()
    assert all(COMPACT.match(line) for line in lines), [line for line in lines if not COMPACT.match(line)]
    data = report(cli, *args)
    findings = [(res["file"], f) for res in data["results"] for f in res["findings"] if not f["waived"]]
    errors = [e for res in data["results"] for e in res["errors"]]
    assert len(lines) == len(findings) + len(errors)
    for file, f in findings:
        shown = file.replace("\n", "\\n")
        assert f"{shown}:{f['line']}:{f['column']}: [{f['severity']}] {f['rule']} {f['message']}" in lines
    assert any(line.startswith(str(tmp_path) + "/a\\nb.yaml:") for line in lines)
    invalid = [line for line in lines if "[error] PROFILE-INVALID" in line]
    assert any("society.registered_on（登记日期）：缺少必填字段" in line for line in invalid)


def test_compact_lines_follow_the_file(cli):
    lines = cli("audit", str(SAMPLES / "宁夏水利学会.yaml"), "--as-of", AS_OF, "-f", "compact").out.splitlines()
    positions = [tuple(int(n) for n in COMPACT.match(line).group("line", "col")) for line in lines]
    assert len(positions) > 2 and positions == sorted(positions)


def test_the_ladder_details_wrap_under_their_own_indent(cli):
    """A society in a rectification episode: the grounds, each cited issue, 明显改进 and the flags wrap at 80 columns
    under their own indent, never back at the left edge."""
    out = cli("audit", str(SAMPLES / "宁夏林学会.yaml"), "--as-of", AS_OF, env=NARROW).out
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if "监管阶段：" in line)
    end = next(i for i, line in enumerate(lines) if line.startswith("  第"))
    details = lines[start + 1:end]
    assert any("仍存在 GOV-ELECTION-OVERDUE" in line for line in details) and any("明显改进：否" in line for line in details)
    assert len(details) > 8  # long enough that some of it had to wrap
    for line in details:
        assert line.startswith("    ") and cells(line) <= 80, line
