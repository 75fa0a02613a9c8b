"""The fast loader (yaml-rs on the plain YAML subset, positions found by `locator`) must be invisible: on every
sample, fixture base, generated profile, rewritten style and mutant it gives exactly the data, the errors and the
line and column of every field path that the PyYAML loader gives.
"""

from __future__ import annotations

import math
import sys
from datetime import date

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from compliance import loading
from compliance.loading import LoadError, fast_load, parse
from tests.conftest import AS_OF, ROOT, SAMPLES
from tests.test_fuzz import EDGE_VALUES, SAMPLE_TEXTS, mutants

sys.path.insert(0, str(ROOT / "benchmarks"))
import generate  # noqa: E402

GENERATED = {f"generated-{i}": generate.dump(*generate.make(i, generate.random.Random(i), generate.SAMPLE_AS_OF,
                                                            story=sorted(generate.STORIES)[i % len(generate.STORIES)]))
             for i in range(1, 41)}
BASES = {p.name: p.read_text(encoding="utf-8") for p in sorted((ROOT / "rules" / "tests").glob("base*.yaml"))}


def _restyled() -> dict[str, str]:
    """The samples rewritten by PyYAML in other styles: block only, wider indents, flow leaves, a comment per key."""
    out = {}
    for name, text in SAMPLE_TEXTS.items():
        data = yaml.load(text, Loader=yaml.CSafeLoader)  # noqa: S506 - the safe C loader
        out[f"{name}-block"] = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=False)
        out[f"{name}-indent4"] = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, indent=4,
                                                default_flow_style=False)
        out[f"{name}-flow"] = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=None,
                                             width=60)
        out[f"{name}-comments"] = "\n".join(line + ("  # 注释" if line.rstrip().endswith(":") else "")
                                            for line in text.splitlines())
    return out


TEXTS = {**SAMPLE_TEXTS, **BASES, **GENERATED, **_restyled()}


def _slow(text: str, monkeypatch: pytest.MonkeyPatch | None = None) -> loading.Document | LoadError:
    saved = loading._yaml_rs
    loading._yaml_rs = None
    try:
        return parse(text, "p.yaml")
    except LoadError as exc:
        return exc
    finally:
        loading._yaml_rs = saved


def _fast(text: str) -> loading.Document | LoadError:
    try:
        return parse(text, "p.yaml")
    except LoadError as exc:
        return exc


def same(a: object, b: object) -> bool:
    """Equal, with the same types all the way down (1 is not 1.0 or True; a date is not its text)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(map(type, a)) == list(map(type, b)) and list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)
    return a == b


def paths(node: yaml.Node, parts: tuple = ()):
    """Every path in a node tree, and one missing field or item under every mapping and list."""
    yield parts
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            yield from paths(value, (*parts, int(key.value) if key.tag.endswith(":int") else key.value))
        yield (*parts, "no_such_field")
    elif isinstance(node, yaml.SequenceNode):
        for i, value in enumerate(node.value):
            yield from paths(value, (*parts, i))
        yield (*parts, len(node.value))


def assert_same_outcome(text: str) -> None:
    fast, slow = _fast(text), _slow(text)
    if isinstance(slow, LoadError):
        assert isinstance(fast, LoadError), f"fast path accepted what PyYAML refuses: {slow.problem.format()}"
        assert fast.problem == slow.problem
        return
    assert isinstance(fast, loading.Document), fast.problem.format()
    assert same(fast.data, slow.data)
    for p in paths(slow.root):
        assert fast.locate(p) == slow.locate(p), p


def test_the_fast_loader_reads_every_bundled_and_generated_profile() -> None:
    """Not a timing: the profiles people write (block and flow, comments, any indent) take the fast path."""
    taken = [name for name, text in TEXTS.items() if fast_load(text) is not None]
    assert taken == list(TEXTS)


@pytest.mark.parametrize("name", sorted(TEXTS))
def test_data_and_every_position_are_those_of_pyyaml(name: str) -> None:
    assert_same_outcome(TEXTS[name])


def test_every_position_is_found_without_composing_the_whole_file(monkeypatch: pytest.MonkeyPatch) -> None:
    """The locator answers for every path of a generated profile; the whole file is never composed."""
    text = GENERATED["generated-7"]
    slow = _slow(text)
    expected = {p: slow.locate(p) for p in paths(slow.root)}
    doc = _fast(text)
    monkeypatch.setattr(loading.Document, "root", property(lambda self: pytest.fail("composed the whole file")))
    assert {p: doc.locate(p) for p in expected} == expected


TRICKY = [
    "a: 0123", "a: 0o17", "a: 0x1F", "a: 0b101", "a: 1_000", "a: 00", "a: 00.5", "a: 1:20", "a: 12:30:45",
    "a: yes", "a: No", "a: on", "a: OFF", "yes: 1", "on: 2", "~: 1", "null: 1", "1.5: 2", "true: 1", "[a]: 1",
    "a: =", "<<: {b: 1}", "a: !!str 5", "a: !!python/object:os.system x", "a: &x 1\nb: *x", "a: 1\na: 2",
    "1: a\n+1: b", "a:\tb", "a: 1\n---\nb: 2\n", "--- \na: 1\n...\n", "a: '\x01'", 'a: "\\x01"', "a: '\x85'",
    'a: "2024-01-01"', "a: '2024-01-01'", "'2024-01-01': 1", "a: 2024-01-01 10:00:00", "a: 2021-02-30",
    "a: " + "9" * 45, "a: -" + "9" * 40, "a: " + "9" * 40, "a: .nan", "a: -.inf", "a: [0123]", "a: {b: 0x1}",
    "0123: x", "a: |\n  x\n", "a: >\n  x\n", "? a\n: b", "a: b: c", "a: @x", "a: `x", "a: %x", "- a\n- b",
    "", "# only a comment\n", "a", "a: [1, 2", "a: {b: 1", "a:\n  - 1\n - 2", "a: x\r\nb: y\r\n",
    "a: 1\u2028b: 2", "a: \ufeffx", "k" * 1100 + ": 1", "a: " + "[" * 70 + "]" * 70, "a: 'it''s'",
    'a: "x\\ty"', "a: x # c", "a: x #c", "a: C#", "a:\n- 1\n- 2\nb: 3", "a: [1,]", "a: {b, c}",
]


@pytest.mark.parametrize("text", TRICKY)
def test_tricky_and_bad_input_is_read_or_refused_exactly_as_before(text: str) -> None:
    assert_same_outcome(text)


@settings(max_examples=150, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutants())
def test_mutants_are_read_or_refused_exactly_as_before(text: str) -> None:
    assert_same_outcome(text)


@settings(max_examples=150, derandomize=True, deadline=None)
@given(st.sampled_from(sorted(SAMPLE_TEXTS)), st.sampled_from(EDGE_VALUES), st.integers(0, 10_000))
def test_edge_values_in_any_position_are_read_exactly_as_before(name: str, value: str, where: int) -> None:
    lines = SAMPLE_TEXTS[name].splitlines()
    i = where % len(lines)
    if ": " in lines[i]:
        lines[i] = lines[i].split(": ", 1)[0] + ": " + value
    assert_same_outcome("\n".join(lines) + "\n")


def test_findings_and_errors_carry_the_same_positions_either_way(monkeypatch: pytest.MonkeyPatch) -> None:
    """End to end: every sample and generated profile audited with and without the fast loader gives the same
    results, line and column included."""
    from compliance.audit import Auditor
    from compliance.rulebook import load_rulebook

    auditor = Auditor(load_rulebook(), date.fromisoformat(AS_OF))
    files = sorted(SAMPLES.glob("*.yaml")) + sorted((SAMPLES / "invalid").glob("*.yaml"))
    fast = [auditor.audit(f).model_dump() for f in files]
    monkeypatch.setattr(loading, "_yaml_rs", None)
    slow = [auditor.audit(f).model_dump() for f in files]
    assert fast == slow
    assert any(r["findings"] for r in fast) and any(r["errors"] for r in fast)


def test_without_yaml_rs_every_file_takes_the_pyyaml_path(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loading, "_yaml_rs", None)
    text = SAMPLE_TEXTS[sorted(SAMPLE_TEXTS)[0]]
    assert fast_load(text) is None
    doc = parse(text, "p.yaml")
    assert doc._root is not None and doc.locate("society.name") == (7, 3)


def test_a_path_in_a_file_with_a_leading_comment_points_where_pyyaml_does() -> None:
    text = "# 注释 & 说明 = 任何字符\nsociety:\n  name: x\nbranches:\n- {name: a, kind: 分支机构}\n- name: b\n  kind: 代表机构\n"
    assert fast_load(text) is not None
    assert_same_outcome(text)
    assert _fast(text).locate("branches[1].kind") == (7, 3)
