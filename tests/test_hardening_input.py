"""Hardening, input side (issue 10): numbers, hidden characters, waivers and dates that cannot be true yet.

Every refusal is exit 2 with a message naming the file, its line and the field; nothing out of bounds reaches
the rules engine (which silently drops findings or crashes on Infinity and exponent numbers).
"""

from __future__ import annotations

import io
import json
import re
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from compliance.loading import parse
from compliance.validate import validate
from tests.conftest import AS_OF, SAMPLES

DAY = date.fromisoformat(AS_OF)
FARM = "宁夏农学会.yaml"  # no foreign records, one non-waivable violation of its own
ECO = "宁夏生态学会.yaml"  # the fullest sample


@dataclass
class Out:
    code: int
    out: str
    err: str


def run_main(*args: str) -> Out:
    """The CLI in this process (fast enough to run hundreds of times); fails on an internal error."""
    from compliance.cli import main

    out, err = io.StringIO(), io.StringIO()
    code = 0
    with redirect_stdout(out), redirect_stderr(err):
        try:
            main(list(args))
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
    assert "internal error" not in err.getvalue() and "内部错误" not in err.getvalue(), err.getvalue()
    return Out(code, out.getvalue(), err.getvalue())


def _text(name: str) -> str:
    return (SAMPLES / name).read_text(encoding="utf-8")


def _edit(text: str, old: str, new: str) -> str:
    assert re.search(old, text, re.M), old
    return re.sub(old, lambda _: new, text, count=1, flags=re.M)


def _write(tmp_path: Path, text: str, name: str = "p.yaml") -> Path:
    f = tmp_path / name
    f.write_text(text, encoding="utf-8")
    return f


def _line_of(text: str, needle: str) -> int:
    return next(i for i, ln in enumerate(text.splitlines(), 1) if needle in ln)


def _refused(f: Path, path: str, key: str, line: int | None = None) -> dict:
    """Audit `f` as JSON and as a table: exit 2, and the error names the file, the field and its line."""
    r = run_main("audit", str(f), "--as-of", AS_OF, "-f", "json")
    assert r.code == 2, r.out
    errors = json.loads(r.out)["results"][0]["errors"]
    found = [e for e in errors if e["path"] == path and e["code"] == key]
    assert found, errors
    assert found[0]["file"] == str(f) and found[0]["line"]
    if line is not None:
        assert found[0]["line"] == line
    table = run_main("audit", str(f), "--as-of", AS_OF)
    assert table.code == 2
    assert f"{f}:{found[0]['line']}:" in table.out and path in table.out
    return found[0]


def _problems(text: str, as_of: date = DAY):
    profile, problems = validate(parse(text, "p.yaml"), as_of)
    return profile, problems


# ---------------------------------------------------------------- numbers (items 3 and 11)

DONATION = "foreign:\n- {{partner: 某境外基金会, country: 美国, kind: 捐赠, date: 2026-03-01, amount: {}}}"


@pytest.mark.parametrize("amount,key", [
    (".inf", "v_not_finite"), ("-.inf", "v_not_finite"), (".nan", "v_not_finite"), ("1.0e+309", "v_not_finite"),
    ("10000000000000000", "v_le"), (str(2**63), "v_le"), ("0.00001", "v_decimals"), ("1e-320", "v_decimals"),
    ("12.345", "v_decimals"), ("-5", "v_ge"),
])
def test_an_amount_the_engine_cannot_take_is_refused_never_a_silent_pass(tmp_path, amount, key):
    """Before: the unapproved donation and every other finding vanished (exit 0) or the engine crashed (139)."""
    text = _edit(_text(FARM), r"^foreign: \[\]", DONATION.format(amount))
    f = _write(tmp_path, text)
    err = _refused(f, "foreign[0].amount", key, _line_of(text, "某境外基金会"))
    assert amount.lstrip("-") in err["message"] or key == "v_le"  # what was written, not `inf`


def test_a_plain_amount_is_audited(tmp_path):
    f = _write(tmp_path, _edit(_text(FARM), r"^foreign: \[\]", DONATION.format("50000.5")))
    r = run_main("audit", str(f), "--as-of", AS_OF, "-f", "json")
    assert r.code == 1 and "FOREIGN-NO-APPROVAL" in {x["rule"] for x in json.loads(r.out)["results"][0]["findings"]}


@pytest.mark.parametrize("written,value", [("-0.0", 0.0), ("1e5", 100000.0), ("0.07", 0.07), ("12", 12.0)])
def test_amounts_are_normalised_before_the_facts(written, value):
    from compliance.facts import build
    from compliance.rulebook import load_rulebook

    profile, problems = _problems(_edit(_text(FARM), r"^foreign: \[\]", DONATION.format(written)))
    assert problems == []
    fact = next(x for x in build(profile, DAY, load_rulebook().params_at(DAY)) if x["t"] == "foreign")
    assert fact["amount"] == value and json.dumps(fact["amount"]) == repr(value)  # no "-0.0", no exponent


def test_the_facts_of_every_sample_are_plain_json_numbers():
    from compliance.facts import build
    from compliance.rulebook import load_rulebook

    params = load_rulebook().params_at(DAY)
    for f in sorted(SAMPLES.glob("*.yaml")):
        profile, problems = _problems(f.read_text(encoding="utf-8"))
        assert problems == [], f
        payload = json.dumps(build(profile, DAY, params), ensure_ascii=False)
        assert not re.search(r"Infinity|NaN|\d[eE][-+]?\d", payload), f


def test_a_fee_total_beyond_the_bound_is_refused(tmp_path):
    text = _text(FARM).replace("  - {amount: 70800.0, payer: 参会人员, purpose: 注册费, payer_role: 参会人员}\n",
                               "  - {amount: 900000000000, payer: 参会人员}\n  - {amount: 900000000000, payer: 企业}\n", 1)
    _refused(_write(tmp_path, text), "activities[5].fees", "v_total_too_large")


@pytest.mark.parametrize("written", ["0123", "1:20", "0x1f", "0o17", "1_000", "'12'"])
def test_yaml_11_number_forms_are_text_and_refused_in_a_count(tmp_path, written):
    """YAML 1.1 read 0123 as 83 and 1:20 as 80; now they are text, and a count says so where it was written."""
    text = _edit(_text(ECO), r"formal_members: \d+", f"formal_members: {written}")
    err = _refused(_write(tmp_path, text), "party.formal_members", "v_number_text", _line_of(text, "formal_members"))
    assert written.strip("'") in err["message"] and "十进制" in err["message"]


def test_a_leading_zero_in_a_text_field_is_kept_as_written():
    profile, problems = _problems(_edit(_text(ECO), r"oversight: \[\]", "oversight:\n- {date: 2026-01-05, kind: 约谈, doc_no: 0123}"))
    assert problems == [] and profile.oversight[0].doc_no == "0123"


@pytest.mark.parametrize("written,key", [(str(2**63), "v_le"), ("10000001", "v_le"), ("5.0", "v_type"), ("true", "v_type")])
def test_counts_are_bounded_integers(tmp_path, written, key):
    text = _edit(_text(ECO), r"formal_members: \d+", f"formal_members: {written}")
    _refused(_write(tmp_path, text), "party.formal_members", key)


@pytest.mark.parametrize("written,key", [("!!int 0x1Z", "bad_scalar"), ("!!float abc", "bad_scalar"),
                                         ("!!bool maybe", "bad_scalar"), ("!!timestamp x", "bad_scalar"),
                                         ("1" * 60, "number_too_long")])
def test_unreadable_scalars_are_positioned_errors(tmp_path, written, key):
    """Before: an internal error (ValueError, KeyError, AttributeError) with no position."""
    text = _edit(_text(ECO), r"formal_members: \d+", f"formal_members: {written}")
    _refused(_write(tmp_path, text), "party.formal_members", key, _line_of(text, "formal_members"))


@pytest.mark.parametrize("written", ["0", "1704067200", "'1704067200'", "1800-01-01"])
def test_a_date_is_never_a_number(tmp_path, written):
    """Pydantic's lax dates read 0 as 1970-01-01 and 1704067200 as 2024-01-01."""
    text = _edit(_text(ECO), r"registered_on: \d{4}-\d\d-\d\d", f"registered_on: {written}")
    _, problems = _problems(text)
    assert [p.path for p in problems] == ["society.registered_on"]
    assert problems[0].key in ("v_type", "v_date", "v_date_range")


def test_every_number_in_the_schema_is_bounded():
    from compliance.profile import json_schema

    def walk(node, where):
        if isinstance(node, dict):
            if node.get("type") in ("integer", "number") and "const" not in node:
                assert "minimum" in node and "maximum" in node, where
            for k, v in node.items():
                walk(v, f"{where}.{k}")
        elif isinstance(node, list):
            for i, v in enumerate(node):
                walk(v, f"{where}[{i}]")

    walk(json_schema(), "schema")


# ---------------------------------------------------------------- hidden characters (item 4)

# name -> (YAML escape, message key, characters that must never reach any output)
HIDDEN = {
    "ESC": ("\\e]0;标题\\a\\e[2J", "v_hidden_char", "\x1b\x07"), "SOH": ("\\x01", "v_hidden_char", "\x01"),
    "DEL": ("\\x7f", "v_hidden_char", "\x7f"), "NEL": ("\\x85", "v_hidden_char", "\x85"),
    "RLO": ("\\u202e", "v_hidden_char", "\u202e"), "LRI": ("\\u2066", "v_hidden_char", "\u2066"),
    "newline": ("\\n::error::伪造", "v_line_break", ""), "tab": ("\\t", "v_line_break", "\t"),
    "CR": ("\\r", "v_line_break", "\r"),
}
FIELDS = {  # one of each kind of text: required line, optional line, list item, a council member's name
    "society.name": (r"  name: 宁夏生态学会", '  name: "宁夏生态学会{}"'),
    "society.address": (r"  address: [^\n]+", '  address: "银川市{}"'),
    "charter.business_scope[0]": (r"  business_scope: \[", '  business_scope: ["学术交流{}", '),
    "governance.council.members[0].name": (r"  - \{name: 严凯,", '  - {{name: "严凯{}",'),
}


@pytest.mark.parametrize("char", sorted(HIDDEN))
def test_hidden_characters_are_refused_where_they_were_written(tmp_path, char):
    escape, key, raw = HIDDEN[char]
    old, new = FIELDS["society.name"]
    text = _edit(_text(ECO), old, new.format(escape))
    f = _write(tmp_path, text)
    _refused(f, "society.name", key, _line_of(text, "  name: \"宁夏生态学会"))
    for fmt in ("table", "json", "github", "junit", "markdown", "html", "sarif"):
        r = run_main("audit", str(f), "--as-of", AS_OF, "-f", fmt)
        assert r.code == 2 and not any(c in r.out for c in raw), fmt
        assert not any(line.startswith("::error::伪造") for line in r.out.splitlines()), fmt


@pytest.mark.parametrize("path", sorted(FIELDS))
def test_every_kind_of_text_field_refuses_them(path):
    old, new = FIELDS[path]
    for escape, key, _ in (HIDDEN["ESC"], HIDDEN["newline"]):
        _, problems = _problems(_edit(_text(ECO), old, new.format(escape)))
        assert [(p.path, p.key) for p in problems] == [(path, key)]
        assert "\x1b" not in problems[0].format() and "\n" not in problems[0].format()


def test_free_text_may_have_line_breaks_but_no_controls():
    ok = _edit(_text(ECO), r"oversight: \[\]", 'oversight:\n- {date: 2026-01-05, kind: 约谈, note: "第一行\\n第二行\\t说明"}')
    assert _problems(ok)[1] == []
    for escape in ("\\e[2J", "\\r", "\\u2028"):
        bad = _edit(_text(ECO), r"oversight: \[\]", f'oversight:\n- {{date: 2026-01-05, kind: 约谈, note: "第一行{escape}"}}')
        assert [(p.path, p.key) for p in _problems(bad)[1]] == [("oversight[0].note", "v_hidden_char")], escape


def test_blank_text_is_refused():
    _, problems = _problems(_edit(_text(ECO), r"  name: 宁夏生态学会", "  name: '　 '"))
    assert [(p.path, p.key) for p in problems] == [("society.name", "v_blank")]


def test_hidden_characters_in_keys_are_shown_escaped(tmp_path):
    text = _edit(_text(ECO), r"  discipline:", '  "x\\e[2J\\u202e": 1\n  discipline:')
    f = _write(tmp_path, text)
    r = run_main("audit", str(f), "--as-of", AS_OF)
    assert r.code == 2 and "society.x\\x1b[2J\\u202e" in r.out and "\x1b" not in r.out and "\u202e" not in r.out


def test_the_name_of_an_invalid_profile_is_shown_escaped(tmp_path):
    f = _write(tmp_path, _edit(_text(ECO), r"  name: 宁夏生态学会", '  name: "宁夏\\e]0;x\\a生态学会"'))
    r = run_main("audit", str(f), "--as-of", AS_OF)
    assert r.code == 2 and "\x1b" not in r.out and "\x07" not in r.out and "宁夏\\x1b]0;x\\x07生态学会" in r.out


# ---------------------------------------------------------------- waivers (item 5)

WATER = "宁夏水利学会.yaml"  # GOV-OFFICER-AGE and GOV-OFFICER-TERMS, both waivable


def _with_waivers(tmp_path: Path, waivers: str, name: str = WATER) -> Path:
    return _write(tmp_path, _text(name) + "waivers:\n" + waivers)


def test_a_waiver_applies_only_from_its_approval(tmp_path):
    w = "- {rule: GOV-OFFICER-AGE, justification: 留任至换届, approved_by: 学会部, approved_on: 2099-01-01}\n"
    r = run_main("audit", str(_with_waivers(tmp_path, w)), "--as-of", AS_OF, "-f", "json")
    assert r.code == 1
    result = json.loads(r.out)["results"][0]
    f = next(x for x in result["findings"] if x["rule"] == "GOV-OFFICER-AGE")
    # approved after the as-of day: as the society stood that day there was no waiver (left out, counted)
    assert not f["waived"] and f["waiver"] is None and result["left_out_by"] == {"waivers": 1}
    later = run_main("audit", str(tmp_path / "p.yaml"), "--as-of", "2099-01-02", "-f", "json")
    f = next(x for x in json.loads(later.out)["results"][0]["findings"] if x["rule"] == "GOV-OFFICER-AGE")
    assert f["waived"]


@pytest.mark.parametrize("entry,path,key", [
    ("{rule: GOV-OFFICER-AGE, justification: 临时, approved_by: 学会部, approved_on: 2026-10-01, expires_on: 2026-09-01}",
     "expires_on", "v_expiry_before_approval"),
    ("{rule: GOV-OFFICER-AGE, justification: '  \u3000', approved_by: 学会部, approved_on: 2026-10-01}",
     "justification", "v_blank"),
    ("{rule: GOV-NO-SUCH, justification: 临时, approved_by: 学会部, approved_on: 2026-10-01}", "rule", "waiver_unknown_rule"),
    ("{rule: ACT-COMPULSORY, justification: 临时, approved_by: 学会部, approved_on: 2026-10-01}", "rule", "waiver_not_allowed"),
])
def test_a_bad_waiver_in_a_profile_is_refused_on_the_terminal(tmp_path, entry, path, key):
    f = _with_waivers(tmp_path, f"- {entry}\n")
    err = _refused(f, f"waivers[0].{path}", key, _line_of(f.read_text(encoding="utf-8"), "- {rule:"))
    assert err["message"] in run_main("audit", str(f), "--as-of", AS_OF).out


@pytest.mark.parametrize("entry,path", [
    ("{society: NX-S05, rule: GOV-OFFICER-AGE, justification: x, approved_by: y, approved_on: 2026-10-01, expires_on: 2026-01-01}",
     "[0].expires_on"),
    ("{society: NX-S05, rule: GOV-OFFICER-AGE, justification: ' ', approved_by: y, approved_on: 2026-10-01}", "[0].justification"),
    ("{society: NX-S05, rule: GOV-NO-SUCH, justification: x, approved_by: y, approved_on: 2026-10-01}", "[0].rule"),
    ("{society: NX-OTHER, rule: GOV-NO-SUCH, justification: x, approved_by: y, approved_on: 2026-10-01}", "[0].rule"),
    ("{society: \"NX\\e[2J\", rule: GOV-OFFICER-AGE, justification: x, approved_by: y, approved_on: 2026-10-01}", "[0].society"),
])
def test_a_bad_waiver_in_a_waiver_file_is_refused_on_the_terminal(tmp_path, entry, path):
    wf = _write(tmp_path, f"- {entry}\n", "waivers.yaml")
    r = run_main("audit", str(SAMPLES / WATER), "--as-of", AS_OF, "--waivers", str(wf))
    assert r.code == 2 and f"{wf}:1:" in r.err and re.search(rf"{re.escape(path)}(: |（.+?）：)", r.err)
    assert "\x1b" not in r.err


def test_a_waiver_file_waiver_not_yet_approved_does_not_apply(tmp_path):
    wf = _write(tmp_path, "- {society: NX-S05, rule: GOV-OFFICER-AGE, justification: 留任, approved_by: 学会部, "
                          "approved_on: 2027-01-01}\n", "waivers.yaml")
    r = run_main("audit", str(SAMPLES / WATER), "--as-of", AS_OF, "--waivers", str(wf), "-f", "json")
    assert r.code == 1
    f = next(x for x in json.loads(r.out)["results"][0]["findings"] if x["rule"] == "GOV-OFFICER-AGE")
    assert not f["waived"] and "尚未生效" in f["waiver"]


# ---------------------------------------------------------------- dates that cannot have happened yet (item 13)

@pytest.mark.parametrize("old,new,path,key", [
    (r"last_review: \d{4}-\d\d-\d\d", "last_review: 2030-01-01", "membership.last_review", "v_date_future"),
    (r"\{year: 2026, individual", "{year: 2027, individual", "membership.counts[3].year", "v_year_future"),
    (r"birth_date: 1978-05-31", "birth_date: 2027-05-31", "secretary_general.birth_date", "v_date_future"),
    (r"member_since: \d{4}-\d\d-\d\d", "member_since: 2026-12-01", "society.member_since", "v_date_future"),
    (r"activities_per_year: \{2024", "activities_per_year: {2031", "branches[0].activities_per_year[2031]", "v_year_future"),
    (r"\{year: 2025, result", "{year: 2027, result", "branches[0].assessments[2].year", "v_year_future"),
])
def test_history_after_the_as_of_date_is_refused(tmp_path, old, new, path, key):
    text = _edit(_text(ECO), old, new)
    _refused(_write(tmp_path, text), path, key, _line_of(text, new))


def test_every_date_in_a_profile_follows_the_rule():
    """Each date of the fullest sample, moved after the as-of date: refused at its own line, unless the field
    may lie ahead (term ends, deferral ends, expiry dates, deadlines, ends of activities, waiver dates)."""
    text = _text(ECO) + ("waivers:\n- {rule: GOV-SG-PART-TIME, justification: 招聘中, approved_by: 学会部, "
                         "approved_on: 2026-09-01, expires_on: 2027-03-01}\n")
    waivers_at = text.index("\nwaivers:")
    ordering = {"v_end_before_start", "v_term_end_before_start", "v_expiry_before_award", "v_deadline_before_order"}
    checked = 0
    for m in re.finditer(r"\b\d{4}(-\d\d-\d\d)\b", text):
        moved = text[: m.start()] + "2030" + m.group(1) + text[m.end():]
        line = text.count("\n", 0, m.start()) + 1
        before = text[text.rfind("\n", 0, m.start()) + 1: m.start()]
        field = before.rstrip(": ").split()[-1].strip("{,")
        _, problems = _problems(moved)
        if "previous:" in before:  # the previous council's term ended: its end cannot lie ahead
            field = "previous." + field
        if field in {"term_end", "new_term_end", "expires_on", "deadline", "end"} or (
                field == "approved_on" and m.start() > waivers_at):
            assert not [p for p in problems if p.key == "v_date_future"], (line, field, problems)
        elif any(p.key in ordering for p in problems):  # a start moved past its end: the model says so first
            continue
        else:
            assert [(p.key, p.line) for p in problems if p.line == line] == [("v_date_future", line)], (line, field)
            checked += 1
    assert checked > 40


def test_the_limit_is_a_parameter_of_the_check():
    from compliance.validate import future_dates

    profile, problems = _problems(_text(ECO))
    assert problems == [] and profile is not None
    assert future_dates(profile, not_after=DAY) == []
    early = future_dates(profile, not_after=date(2025, 6, 1))
    assert "membership.last_review" in {path for path, _, _ in early}
    assert any(key == "v_year_future" for _, key, _ in early)


def test_dates_that_may_lie_ahead_are_accepted():
    text = _edit(_text(ECO), r"oversight: \[\]",
                 "oversight:\n- {date: 2026-11-01, kind: 责令限期整改, deadline: 2027-02-01}")
    assert _problems(text)[1] == []
