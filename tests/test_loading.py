"""Loading: every kind of unreadable or malicious file gives one clear positioned error, never a traceback."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from compliance.loading import MAX_BYTES, LoadError, load


def _load_error(tmp_path: Path, content: bytes | str, name: str = "p.yaml") -> LoadError:
    f = tmp_path / name
    f.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    with pytest.raises(LoadError) as info:
        load(f)
    return info.value


def test_empty_file(tmp_path):
    err = _load_error(tmp_path, "")
    assert err.problem.key == "empty"
    assert "文件为空" in err.problem.format()


def test_comments_only_file_is_empty(tmp_path):
    assert _load_error(tmp_path, "# 只有注释\n\n").problem.key == "empty"


@pytest.mark.parametrize("content,kind", [("- a\n- b\n", "list"), ("hello\n", "str"), ("42\n", "int")])
def test_top_level_must_be_mapping(tmp_path, content, kind):
    err = _load_error(tmp_path, content)
    assert err.problem.key == "not_mapping"
    assert err.problem.values["kind"] == kind
    assert err.problem.line == 1


def test_binary_file(tmp_path):
    err = _load_error(tmp_path, bytes(range(256)))
    assert err.problem.key == "binary"
    assert "NUL" in err.problem.format()


def test_gbk_file_names_the_encoding(tmp_path):
    err = _load_error(tmp_path, "society:\n  name: 宁夏计算机学会\n".encode("gbk"))
    assert err.problem.key == "encoding_gb"
    assert "GBK" in err.problem.format()
    assert "UTF-8" in err.problem.format("en")
    assert err.problem.line == 2


def test_utf8_bom_is_accepted(tmp_path, sample_text):
    f = tmp_path / "bom.yaml"
    f.write_bytes(b"\xef\xbb\xbf" + sample_text.encode("utf-8"))
    doc = load(f)
    assert doc.data["society"]["name"] == "宁夏生态学会"


def test_invalid_yaml_has_line_and_column(tmp_path):
    err = _load_error(tmp_path, "a: 1\nb: {c: 2\nd: 3\n")
    assert err.problem.key == "yaml_syntax"
    assert err.problem.line == 3
    assert err.problem.format().startswith(str(tmp_path / "p.yaml") + ":3:")


def test_tab_indentation(tmp_path):
    err = _load_error(tmp_path, "society:\n\tname: x\n")
    assert err.problem.key == "yaml_tab"
    assert err.problem.line == 2
    assert "制表符" in err.problem.format()


def test_duplicate_key_names_both_lines(tmp_path):
    err = _load_error(tmp_path, "a: 1\nb:\n  c: 1\n  c: 2\n")
    assert err.problem.key == "duplicate_key"
    assert (err.problem.line, err.problem.column) == (4, 3)
    assert "第 3 行" in err.problem.format()


def test_several_documents_refused(tmp_path):
    assert _load_error(tmp_path, "a: 1\n---\nb: 2\n").problem.key == "multiple_documents"


def test_too_large_refused_before_reading(tmp_path):
    f = tmp_path / "big.yaml"
    with open(f, "wb") as fh:  # sparse: refusing it must not depend on reading it
        fh.seek(MAX_BYTES * 50)
        fh.write(b"\n")
    start = time.perf_counter()
    with pytest.raises(LoadError) as info:
        load(f)
    assert info.value.problem.key == "too_large"
    assert time.perf_counter() - start < 5  # generous: it must not read 200 MB


def test_billion_laughs_refused(tmp_path):
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 10):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]")
    err = _load_error(tmp_path, "\n".join(lines) + "\n")
    assert err.problem.key == "alias_bomb"


def test_small_alias_use_is_fine(tmp_path):
    f = tmp_path / "a.yaml"
    f.write_text("x: &d 2024-01-01\ny: *d\n", encoding="utf-8")
    assert load(f).data["y"] == load(f).data["x"]


DEEP = 20_000


@pytest.mark.parametrize("text", [
    "a: " + "[" * DEEP + "]" * DEEP + "\n",
    "a: " + "[ " * DEEP + "]" * DEEP + "\n",
    "a: " + "{b: " * DEEP + "1" + "}" * DEEP + "\n",
    "a:\n" + "- " * DEEP + "x\n",  # nested block sequences, one per dash
    "a:\n" + "-   " * DEEP + "x\n",
    "".join(" " * i + f"k{i}:\n" for i in range(200)) + " " * 200 + "v\n",  # nested block mappings
], ids=["flow", "flow-spaced", "flow-mapping", "block-dashes", "block-wide-dashes", "block-mappings"])
def test_deep_nesting_refused(tmp_path, text):
    start = time.perf_counter()
    err = _load_error(tmp_path, text)
    assert err.problem.key == "too_deep"
    assert "嵌套层次过深" in err.problem.format()
    assert time.perf_counter() - start < 5


def test_missing_file(tmp_path):
    with pytest.raises(LoadError) as info:
        load(tmp_path / "nope.yaml")
    assert info.value.problem.key == "file_missing"


def test_directory_is_not_a_file(tmp_path):
    with pytest.raises(LoadError) as info:
        load(tmp_path)
    assert info.value.problem.key == "not_a_file"


def test_locate_points_at_keys_and_items(tmp_path, sample_text):
    f = tmp_path / "s.yaml"
    f.write_text(sample_text, encoding="utf-8")
    doc = load(f)
    lines = sample_text.splitlines()
    line, col = doc.locate("society.name")
    assert lines[line - 1][col - 1:].startswith("name:")
    line, _ = doc.locate("branches[1].name")
    assert doc.data["branches"][1]["name"] in lines[line - 1]
    # a field that is not in the file points at the nearest enclosing item
    assert doc.locate("branches[1].no_such_field") == doc.locate("branches[1]")
