"""Validation: schema errors and impossible dates, each at file:line:col with the field path, zh and en."""

from __future__ import annotations

from datetime import date

import pytest

from compliance.loading import load
from compliance.validate import validate

AS_OF = date(2026, 11, 27)


def _problems(tmp_path, text: str):
    f = tmp_path / "p.yaml"
    f.write_text(text, encoding="utf-8")
    profile, problems = validate(load(f), AS_OF)
    assert profile is None
    return problems


def _replace(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def _line_of(text: str, needle: str) -> int:
    return next(i for i, ln in enumerate(text.splitlines(), 1) if needle in ln)


def test_valid_sample_gives_profile(sample_text, tmp_path):
    f = tmp_path / "ok.yaml"
    f.write_text(sample_text, encoding="utf-8")
    profile, problems = validate(load(f), AS_OF)
    assert problems == [] and profile.society.name == "宁夏生态学会"


def test_unknown_key_suggests_the_field(tmp_path, sample_text):
    text = _replace(sample_text, "  discipline:", "  disipline:")
    (p,) = [p for p in _problems(tmp_path, text) if p.key.startswith("v_extra")]
    assert p.path == "society.disipline"
    assert p.line == _line_of(text, "disipline")
    assert "discipline" in p.format() and "未知字段" in p.format()
    assert "did you mean 'discipline'" in p.format("en")


def test_wrong_type_names_expected_and_actual(tmp_path, sample_text):
    text = _replace(sample_text, "  party_leadership_clause: true", "  party_leadership_clause: 是")
    (p,) = _problems(tmp_path, text)
    assert p.path == "charter.party_leadership_clause"
    assert p.line == _line_of(text, "party_leadership_clause")
    assert "true 或 false" in p.format() and "'是'" in p.format()
    assert "expected true or false" in p.format("en")


def test_invalid_choice_lists_the_choices(tmp_path, sample_text):
    text = _replace(sample_text, "organisation: 党支部", "organisation: 支部")
    (p,) = _problems(tmp_path, text)
    assert p.key == "v_choice" and "党支部" in p.format() and "联合党支部" in p.format()


def test_missing_required_field(tmp_path, sample_text):
    lines = [ln for ln in sample_text.splitlines() if not ln.startswith("  registered_on:")]
    (p,) = _problems(tmp_path, "\n".join(lines))
    assert p.path == "society.registered_on" and p.key == "v_missing"
    assert p.format().endswith("society.registered_on: 缺少必填字段")


def test_negative_count(tmp_path, sample_text):
    text = _replace(sample_text, "formal_members: ", "formal_members: -")
    (p,) = _problems(tmp_path, text)
    assert p.key == "v_ge" and p.path == "party.formal_members"


def test_quoted_dates_are_accepted(tmp_path, sample_text):
    text = _replace(sample_text, "registered_on: ", "registered_on: '") .replace("\n  supervisory_unit", "'\n  supervisory_unit", 1)
    f = tmp_path / "q.yaml"
    f.write_text(text, encoding="utf-8")
    profile, problems = validate(load(f), AS_OF)
    assert problems == []


def test_impossible_calendar_date(tmp_path, sample_text):
    import re

    text = re.sub(r"registered_on: \d{4}-\d\d-\d\d", "registered_on: 2021-02-30", sample_text, count=1)
    (p,) = _problems(tmp_path, text)
    assert p.path == "society.registered_on"


def test_history_after_as_of_is_refused(tmp_path, sample_text):
    text = _replace(sample_text, "oversight: []", "oversight:\n- {date: 2027-01-05, kind: 约谈}")
    (p,) = _problems(tmp_path, text)
    assert p.key == "v_date_future" and p.path == "oversight[0].date"
    assert "2027-01-05" in p.format() and "2026-11-27" in p.format()


def test_deadline_before_order(tmp_path, sample_text):
    text = _replace(sample_text, "oversight: []",
                    "oversight:\n- {date: 2026-05-05, kind: 责令限期整改, deadline: 2026-04-01}")
    (p,) = _problems(tmp_path, text)
    assert p.key == "v_deadline_before_order" and p.path == "oversight[0].deadline"


def test_birth_after_council_term_started(tmp_path, sample_text):
    import re

    text = re.sub(r"birth_date: \d{4}-\d\d-\d\d", "birth_date: 2025-01-01", sample_text, count=1)
    (p,) = _problems(tmp_path, text)
    assert p.key == "v_birth_after_term_start"
    assert p.path == "governance.council.members[0].birth_date"


def test_activity_ending_before_it_starts(tmp_path, sample_text):
    # appended as the last item of the `activities:` list, which `foreign:` follows
    text = _replace(sample_text, "\nforeign:", "\n- {name: 测试会议, kind: 学术会议, start: 2026-05-02, end: 2026-05-01, role: 主办}\nforeign:")
    (p,) = _problems(tmp_path, text)
    last = len(load(tmp_path / "p.yaml").data["activities"]) - 1
    assert (p.key, p.path, p.line) == ("v_end_before_start", f"activities[{last}].end", _line_of(text, "测试会议"))


@pytest.mark.parametrize("name,path,key", [
    ("类型错误.yaml", "party.formal_members", "v_type"),
    ("缺少必填字段.yaml", "society.registered_on", "v_missing"),
    ("未知字段.yaml", "secretary_general.fulltime", "v_extra_near"),
])
def test_invalid_samples(name, path, key):
    from tests.conftest import SAMPLES

    _, problems = validate(load(SAMPLES / "invalid" / name), AS_OF)
    assert (path, key) in {(p.path, p.key) for p in problems}
