"""A mutation fuzzer over the bundled samples: edge-case values, deleted and duplicated lines, each mutant audited
in-process into every report format (and a letter when it is valid). Whatever the mutant, no exception escapes,
no "internal error" is printed, and the exit code is 0, 1 or 2.

Derandomized with a bounded number of examples, so it runs the same way every time and in well under a minute.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import AS_OF, SAMPLES
from tests.test_hardening_input import run_main

SAMPLE_TEXTS = {f.name: f.read_text(encoding="utf-8") for f in sorted(SAMPLES.glob("*.yaml"))}

EDGE_VALUES = [
    # numbers the rules engine cannot take, and YAML 1.1 number forms
    ".inf", "-.inf", ".nan", ".NaN", "1e309", "1.0e+309", "1e-320", "0.00001", str(2**63), str(-(2**63)),
    "-0.0", "-0", "0123", "00", "1:20", "190:20:30", "0x1F", "0o17", "0b101", "1_000", "1,000", "12.345",
    "9" * 45, "!!int 0x1Z", "!!float abc", "!!bool maybe", "!!timestamp x", "!!binary aGk=", "!!set {a: 1}",
    # hidden characters and huge text
    '"\\e[2J\\e]0;x\\a"', '"\\x01"', '"\\x7f"', '"\\x85"', '"\\u202e"', '"\\u2066"', '"a\\nb"', '"a\\tb"', '"\\r"',
    '"\\u2028"', "'" + "长" * 70_000 + "'", "''", "'   '", "'\u3000'",
    # wrong types and odd dates
    "~", "true", "no", "[]", "{}", "[1, 2]", "{a: 1}", "2030-01-01", "9999-12-31", "0001-01-01", "2021-02-30",
    "2024-01-01 10:00:00", "1704067200", "-1", "0", "*undefined", "&anchor x", "'2024-13-01'",
    # the bounds themselves: accepted, and must still be audited and rendered
    "10000000", "1000000000000", "999999999999.99", "0.01", "1949", "2100", "1900-01-01", "2100-12-31",
]

_BLOCK_VALUE = re.compile(r"^(\s*(?:- )?[A-Za-z_][\w]*: )(\S.*)$")
_FLOW_VALUE = re.compile(r"([{,] ?[A-Za-z_]\w*: )([^,{}\[\]]+)")


def _replace_value(line: str, value: str, which: int) -> str:
    """`line` with one of its scalar values (block `key: v` or one inside a flow mapping) set to `value`."""
    flows = list(_FLOW_VALUE.finditer(line))
    if flows:
        m = flows[which % len(flows)]
        return line[: m.start(2)] + value + line[m.end(2):]
    m = _BLOCK_VALUE.match(line)
    return m.group(1) + value if m else line


@st.composite
def mutants(draw) -> str:
    name = draw(st.sampled_from(sorted(SAMPLE_TEXTS)))
    lines = SAMPLE_TEXTS[name].splitlines()
    for _ in range(draw(st.integers(1, 3))):
        i = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["value", "value", "value", "delete", "duplicate"]))
        if action == "value":
            lines[i] = _replace_value(lines[i], draw(st.sampled_from(EDGE_VALUES)), draw(st.integers(0, 20)))
        elif action == "delete":
            del lines[i]
        else:
            lines.insert(i, lines[i])
    return "\n".join(lines) + "\n"


FORMATS = ("json", "sarif", "junit", "github", "markdown", "html")


@settings(max_examples=70, derandomize=True, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(text=mutants(), letter=st.sampled_from(["html", "md", "docx"]))
def test_mutated_samples_never_crash(text, letter):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        f = folder / "m.yaml"
        f.write_text(text, encoding="utf-8")
        reports = [a for fmt in FORMATS for a in ("--report", f"{fmt}={folder / ('out.' + fmt)}")]
        r = run_main("audit", str(f), "--as-of", AS_OF, *reports)
        assert r.code in (0, 1, 2), r
        assert str(f) in r.out  # the table names the file, valid or not
        if r.code == 2 and not r.err:
            assert "✖" in r.out  # a refusal always says why
        if r.code in (0, 1):
            for fmt in FORMATS:
                assert (folder / f"out.{fmt}").exists(), fmt
            out = run_main("letter", str(f), "--as-of", AS_OF, "--kind", "rectification", "--force",
                           "-f", letter, "-o", str(folder / f"letter.{letter}"))
            assert out.code in (0, 1, 2), out


def test_the_mutations_reach_the_values():
    """The fuzzer really edits values in both block and flow style (else it would test nothing)."""
    assert _replace_value("  name: 宁夏农学会", ".inf", 0) == "  name: .inf"
    assert _replace_value("- {amount: 70800.0, payer: 参会人员}", "0123", 0) == "- {amount: 0123, payer: 参会人员}"
    assert _replace_value("- {amount: 70800.0, payer: 参会人员}", "0123", 1) == "- {amount: 70800.0, payer: 0123}"
