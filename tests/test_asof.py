"""--as-of is a point-in-time view (issue 14 part 1): the society as it stood on that day, entries dated later left
out and counted; a date after the real today (pinned by COMPLIANCE_TODAY) is the typo to catch, whatever the as-of."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
from pydantic import BaseModel

from tests.conftest import AS_OF, SAMPLES, TODAY, run_cli

YEAR_END = "2025-12-31"


def _audit(*args: str, env: dict | None = None):
    r = run_cli("audit", *args, "-f", "json", env=env)
    return r, json.loads(r.out) if r.out.strip() else None


def _result(report: dict, society_id: str) -> dict:
    return next(x for x in report["results"] if x["society"]["id"] == society_id)


def _rules(result: dict) -> set[str]:
    return {f["rule"] for f in result["findings"]}


def _write(tmp_path: Path, text: str, name: str = "p.yaml") -> Path:
    f = tmp_path / name
    f.write_text(text, encoding="utf-8")
    return f


def _sample(name: str) -> str:
    return (SAMPLES / name).read_text(encoding="utf-8")


def _later_dates(text: str, key: str, day: str) -> int:
    return sum(1 for m in re.finditer(rf"\b{key}: (\d{{4}}-\d\d-\d\d)", text) if m.group(1) > day)


# ---------------------------------------------------------------- the samples at the year end


def test_every_sample_is_valid_at_the_year_end_and_says_what_it_left_out():
    r, report = _audit(str(SAMPLES), "--as-of", YEAR_END)
    assert r.code == 1, r.err  # violations of that day, no invalid profile
    assert report["summary"]["invalid"] == 0 and report["summary"]["files"] == 11
    assert all(x["left_out"] > 0 and sum(x["left_out_by"].values()) == x["left_out"] for x in report["results"])
    assert report["summary"]["left_out"] == sum(x["left_out"] for x in report["results"])
    table = run_cli("audit", str(SAMPLES), "--as-of", YEAR_END)
    assert f"基准日 {YEAR_END} 之后的记录共 {report['summary']['left_out']} 项未计入" in table.out
    farm = _result(report, "NX-S03")
    assert f"基准日 {YEAR_END} 之后的 {farm['left_out']} 项记录未计入本次审查" in table.out


def test_at_the_real_day_nothing_is_left_out():
    _, report = _audit(str(SAMPLES), "--as-of", AS_OF)
    assert report["summary"]["left_out"] == 0 and all(x["left_out_by"] == {} for x in report["results"])


def test_an_activity_after_the_day_is_left_out_with_its_finding():
    """煤炭学会's compulsory sponsorship happened at its 2026 congress: not a finding of 2025's year end."""
    text = _sample("宁夏煤炭学会.yaml")
    _, early = _audit(str(SAMPLES / "宁夏煤炭学会.yaml"), "--as-of", YEAR_END)
    _, late = _audit(str(SAMPLES / "宁夏煤炭学会.yaml"), "--as-of", AS_OF)
    assert "ACT-COMPULSORY" in _rules(late["results"][0]) and "ACT-COMPULSORY" not in _rules(early["results"][0])
    activities = text[text.index("\nactivities:"):text.index("\nforeign:") if "\nforeign:" in text else None]
    assert early["results"][0]["left_out_by"]["activities"] == _later_dates(activities, "start", YEAR_END)


def test_oversight_after_the_day_is_not_yet_history():
    """林学会 was interviewed in 2025-12 and ordered to rectify in 2026-02: at the year end it stood interviewed."""
    _, early = _audit(str(SAMPLES / "宁夏林学会.yaml"), "--as-of", YEAR_END)
    _, late = _audit(str(SAMPLES / "宁夏林学会.yaml"), "--as-of", AS_OF)
    assert early["results"][0]["ladder"]["stage"] == "interview" and early["results"][0]["ladder"]["deadline"] is None
    assert early["results"][0]["left_out_by"]["oversight"] == 1
    assert late["results"][0]["ladder"]["stage"] == "rectification"


def test_entries_on_both_sides_of_the_day(tmp_path):
    """One profile, events before and after the day: only those up to the day count, in every kind of list."""
    text = _sample("宁夏农学会.yaml")
    assert "\nforeign: []\n" in text
    text = text.replace("\nforeign: []\n", (
        "\nforeign:\n"
        "- {partner: 甲基金会, country: 美国, kind: 捐赠, date: 2025-06-01, amount: 1000}\n"
        "- {partner: 乙基金会, country: 美国, kind: 捐赠, date: 2026-03-01, amount: 2000}\n"))
    f = _write(tmp_path, text)
    _, early = _audit(str(f), "--as-of", YEAR_END)
    _, late = _audit(str(f), "--as-of", AS_OF)
    early_foreign = [x["path"] for x in early["results"][0]["findings"] if x["rule"] == "FOREIGN-NO-APPROVAL"]
    late_foreign = [x["path"] for x in late["results"][0]["findings"] if x["rule"] == "FOREIGN-NO-APPROVAL"]
    assert early_foreign == ["foreign[0].approval_ref"]
    assert late_foreign == ["foreign[0].approval_ref", "foreign[1].approval_ref"]
    assert early["results"][0]["left_out_by"]["foreign"] == 1
    assert early["results"][0]["left_out_by"]["membership.counts"] == 1  # the 2026 count
    assert "branches[].activities_per_year" in early["results"][0]["left_out_by"]


def test_a_step_done_after_the_day_had_not_been_done_on_it(tmp_path):
    """A vetting recorded after the election but done after the day: on that day the vetting was missing."""
    text = _sample("宁夏生态学会.yaml")
    m = re.search(r"- \{body: (\S+), elected_on: (\d{4}-\d\d-\d\d), vetted_on: (\d{4}-\d\d-\d\d)\}", text)
    assert m, "the sample has a vetting record"
    moved = text.replace(m.group(0), f"- {{body: {m.group(1)}, elected_on: 2025-12-01, vetted_on: 2026-01-10}}")
    f = _write(tmp_path, moved)
    _, early = _audit(str(f), "--as-of", YEAR_END)
    _, late = _audit(str(f), "--as-of", AS_OF)
    assert "PARTY-VETTING-MISSING" in _rules(early["results"][0])
    assert "PARTY-VETTING-MISSING" not in _rules(late["results"][0])
    assert early["results"][0]["left_out_by"]["party.vetting[].vetted_on"] == 1


def test_ages_are_counted_from_the_as_of_day():
    """水利学会's president, born 1953-06-20, is over the limit of 70 from his 71st birthday on."""
    _, before = _audit(str(SAMPLES / "宁夏水利学会.yaml"), "--as-of", "2024-06-19")
    _, after = _audit(str(SAMPLES / "宁夏水利学会.yaml"), "--as-of", "2024-06-21")
    assert "GOV-OFFICER-AGE" not in _rules(before["results"][0])
    assert "GOV-OFFICER-AGE" in _rules(after["results"][0])


def test_a_waiver_approved_after_the_day_is_left_out(tmp_path):
    text = _sample("宁夏水利学会.yaml") + ("waivers:\n- {rule: GOV-OFFICER-AGE, justification: 换届在即, approved_by: 学会部, "
                                          "approved_on: 2026-10-01}\n")
    f = _write(tmp_path, text)
    _, early = _audit(str(f), "--as-of", "2026-09-30")
    _, late = _audit(str(f), "--as-of", AS_OF)
    age = [x for x in early["results"][0]["findings"] if x["rule"] == "GOV-OFFICER-AGE"]
    assert age and not age[0]["waived"] and early["results"][0]["left_out_by"]["waivers"] == 1
    assert all(x["waived"] for x in late["results"][0]["findings"] if x["rule"] == "GOV-OFFICER-AGE")


def test_a_society_registered_after_the_day_cannot_be_audited_then():
    r, report = _audit(str(SAMPLES / "宁夏农学会.yaml"), "--as-of", "1990-01-01")
    assert r.code == 2
    (e,) = [e for e in report["results"][0]["errors"] if e["code"] == "asof_not_yet"]
    assert e["path"] == "society.registered_on" and e["line"] == 11 and "1990-01-01" in e["message"]


def test_no_member_count_up_to_the_day_is_a_positioned_error(tmp_path):
    text = _sample("宁夏农学会.yaml")
    _, report = _audit(str(SAMPLES / "宁夏农学会.yaml"), "--as-of", AS_OF)
    years = sorted(int(y) for y in re.findall(r"\{year: (\d{4}), individual", text))
    r, early = _audit(str(SAMPLES / "宁夏农学会.yaml"), "--as-of", f"{years[0] - 1}-12-31")
    assert r.code == 2
    (e,) = [e for e in early["results"][0]["errors"] if e["code"] == "asof_none_yet"]
    assert e["path"] == "membership.counts" and str(years[0]) in e["message"] and e["line"]


# ---------------------------------------------------------------- today: the limit of every date


def test_a_date_after_today_is_refused_even_at_a_later_as_of(tmp_path):
    text = re.sub(r"last_review: \d{4}-\d\d-\d\d", "last_review: 2026-12-01", _sample("宁夏生态学会.yaml"))
    f = _write(tmp_path, text)
    r, report = _audit(str(f), "--as-of", "2030-01-01")
    assert r.code == 2
    (e,) = report["results"][0]["errors"]
    assert e["path"] == "membership.last_review" and e["code"] == "v_date_future" and TODAY in e["message"]


@pytest.mark.parametrize("old,new,path", [
    (r"\{year: 2026, individual", "{year: 2027, individual", "membership.counts[3].year"),
    (r"birth_date: 1978-05-31", "birth_date: 2026-12-31", "secretary_general.birth_date"),
    (r"member_since: \d{4}-\d\d-\d\d", "member_since: 2026-11-29", "society.member_since"),
    (r"registered_on: \d{4}-\d\d-\d\d", "registered_on: 2027-01-01", "society.registered_on"),
])
def test_every_date_and_year_field_follows_today(tmp_path, old, new, path):
    text, n = re.subn(old, new, _sample("宁夏生态学会.yaml"), count=1)
    assert n == 1
    r, report = _audit(str(_write(tmp_path, text)), "--as-of", YEAR_END)
    assert r.code == 2 and path in {e["path"] for e in report["results"][0]["errors"]}


def test_a_date_between_the_as_of_and_today_is_accepted_and_a_latest_date_kept(tmp_path):
    """A last membership review after the day: the profile keeps no earlier one; no review finding is made
    from the later date, and the profile is valid."""
    text = re.sub(r"last_review: \d{4}-\d\d-\d\d", "last_review: 2026-06-01", _sample("宁夏生态学会.yaml"))
    r, report = _audit(str(_write(tmp_path, text)), "--as-of", YEAR_END)
    assert report["results"][0]["valid"], report["results"][0]["errors"]
    assert "MEMBER-DYNAMIC" not in _rules(report["results"][0])
    assert "membership.last_review" not in report["results"][0]["left_out_by"]


def test_today_is_pinned_by_the_environment():
    r, report = _audit(str(SAMPLES / "宁夏生态学会.yaml"))
    assert report["as_of"] == TODAY  # the default as-of day is today
    r, report = _audit(str(SAMPLES / "宁夏生态学会.yaml"), "--as-of", YEAR_END, env={"COMPLIANCE_TODAY": "2026-01-01"})
    assert r.code == 2 and "v_date_future" in {e["code"] for e in report["results"][0]["errors"]}
    assert "2026-01-01" in report["results"][0]["errors"][0]["message"]


@pytest.mark.parametrize("value", ["2026-13-01", "tomorrow", "0001-01-01"])
def test_a_wrong_pinned_today_is_a_clear_error(value):
    r = run_cli("audit", str(SAMPLES / "宁夏生态学会.yaml"), "--as-of", AS_OF, env={"COMPLIANCE_TODAY": value})
    assert r.code == 2 and f"COMPLIANCE_TODAY＝{value}" in r.err and "YYYY-MM-DD" in r.err


# ---------------------------------------------------------------- every list-item model declares its date


def test_every_list_item_model_declares_when_its_entries_came_to_exist():
    from compliance.asof import list_item_models, undeclared

    assert len(list_item_models()) >= 15
    assert undeclared() == []


def test_a_list_item_model_without_a_declaration_is_caught():
    """What the check above would say of a list record added without saying which date makes it exist."""
    from compliance.asof import undeclared
    from compliance.profile import SINCE, Day

    class Inspection(BaseModel):
        held_on: Day
        note: str = ""

    class Dated(BaseModel):
        held_on: Day

    class Holder(BaseModel):
        inspections: list[Inspection] = []
        plain: list[str] = []

    assert undeclared(Holder) == ["Inspection"]

    from typing import Annotated

    class Marked(BaseModel):
        held_on: Annotated[Day, SINCE]

    class Holder2(BaseModel):
        inspections: list[Marked] = []

    assert undeclared(Holder2) == []
    assert Dated  # a model outside any list is not held to it


def test_the_view_of_a_profile_with_nothing_later_is_the_same_object():
    from compliance.asof import view
    from compliance.loading import load
    from compliance.validate import validate

    profile, _ = validate(load(SAMPLES / "宁夏生态学会.yaml"))
    assert view(profile, date.fromisoformat(AS_OF)).profile is profile
    assert view(profile, date.fromisoformat(YEAR_END)).profile is not profile
