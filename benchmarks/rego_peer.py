"""A peer to compare with: thirteen of the project's rules written in Rego and run by regopy (rego-cpp).

    python benchmarks/rego_peer.py [FILE_OR_DIR ...]   compare findings with `compliance audit`, file by file

The peer parses each file with PyYAML's C loader, turns dates into ISO text (Rego has no date type) and
evaluates the policy below; its findings (rule id and field path) must equal ours for those rules on every
file and every rule fixture (`rules/tests`) before `run.py` times it. regopy is the `benchmark` extra.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
RULES = ("GOV-CONGRESS-MISSING", "GOV-SUPERVISORY-MISSING", "GOV-ELECTION-OVERDUE", "GOV-OFFICER-AGE",
         "GOV-SG-PART-TIME", "PARTY-CHARTER-LEADERSHIP", "PARTY-ORG-MISSING", "PARTY-ACTIVITY-FEW",
         "BRANCH-INACTIVE", "ACT-NOMINAL", "ACT-COMPULSORY", "FOREIGN-NO-APPROVAL", "MEMBER-TOO-FEW")

# The same conditions as rules/*.yaml and the fact formulas in src/compliance/facts, with the same paths
# (the fact's path, then the rule's `locate`). Parameters come in as data, as the rules read them.
POLICY = r"""
package compliance

import rego.v1

as_of := data.as_of
since := data.since
p := data.params

ymd(s) := [to_number(substring(s, 0, 4)), to_number(substring(s, 5, 2)), to_number(substring(s, 8, 2))]

borrow(earlier, later) := 1 if later < earlier
borrow(earlier, later) := 0 if later >= earlier

months_between(a, b) := m if {
    [ay, am, ad] := ymd(a)
    [by, bm, bd] := ymd(b)
    m := (((by - ay) * 12) + bm - am) - borrow(ad, bd)
}

age(born, on) := y if {
    [ay, am, ad] := ymd(born)
    [by, bm, bd] := ymd(on)
    y := (by - ay) - borrow((am * 100) + ad, (bm * 100) + bd)
}

present(x) if {
    x != null
    x != ""
}

within(day) if {
    since < day
    day <= as_of
}

after_policy(day) if day >= p.policy_effective_date

gov := input.governance

congress_held if present(gov.congress.last_held)

findings contains ["GOV-CONGRESS-MISSING", "governance.congress"] if not congress_held

has_supervisory if gov.supervisory != null

findings contains ["GOV-SUPERVISORY-MISSING", "governance.supervisory"] if not has_supervisory

findings contains ["GOV-ELECTION-OVERDUE", "governance.council.term_end"] if {
    council := gov.council
    council != null
    ends := [d.new_term_end | some d in object.get(gov, "deferrals", []); d.approved_on <= as_of]
    as_of > max(array.concat([council.term_end], ends))
}

age_limit := input.charter.officer_age_limit if present(input.charter.officer_age_limit)
else := p.officer_age_limit

findings contains ["GOV-OFFICER-AGE", sprintf("governance.council.members[%d].birth_date", [i])] if {
    some i, m in gov.council.members
    m.role in p.officer_roles
    age(m.birth_date, as_of) > age_limit
}

findings contains ["GOV-SG-PART-TIME", "secretary_general.full_time"] if {
    input.secretary_general != null
    input.secretary_general.full_time == false
}

findings contains ["PARTY-CHARTER-LEADERSHIP", "charter.party_leadership_clause"] if {
    input.charter.party_leadership_clause == false
}

findings contains ["PARTY-ORG-MISSING", "party.organisation"] if {
    input.party.organisation == "none"
    input.party.formal_members >= p.party_org_min_members
}

findings contains ["PARTY-ACTIVITY-FEW", "party.activities"] if {
    input.party.organisation != "none"
    n := count([a | some a in object.get(input.party, "activities", []); within(a.date)])
    n > 0
    n < p.min_party_activities_per_year
}

last_activity(b) := b.last_activity_on if present(object.get(b, "last_activity_on", null))
else := b.established_on

findings contains ["BRANCH-INACTIVE", sprintf("branches[%d].last_activity_on", [i])] if {
    some i, b in object.get(input, "branches", [])
    months_between(last_activity(b), as_of) >= p.branch_inactive_months
    object.get(b, "cleanup", "正常") == "正常"
}

findings contains ["ACT-NOMINAL", sprintf("activities[%d].role", [i])] if {
    some i, a in object.get(input, "activities", [])
    after_policy(a.start)
    a.role == "挂名"
}

findings contains ["ACT-COMPULSORY", sprintf("activities[%d].compulsory", [i])] if {
    some i, a in object.get(input, "activities", [])
    after_policy(a.start)
    some kind in ["participation", "sponsorship", "donation", "purchase"]
    object.get(object.get(a, "compulsory", {}), kind, false) == true
}

findings contains ["FOREIGN-NO-APPROVAL", sprintf("foreign[%d].approval_ref", [i])] if {
    some i, f in object.get(input, "foreign", [])
    after_policy(f.date)
    not present(object.get(f, "approval_ref", null))
}

latest := c if {
    counts := input.membership.counts
    year := max([x.year | some x in counts])
    some c in counts
    c.year == year
}

# a mixed membership meets the condition with the total; one kind alone must meet its own minimum
findings contains ["MEMBER-TOO-FEW", "membership.counts"] if {
    latest.individual < p.min_individual_members
    object.get(latest, "group", 0) < p.min_group_members
    not mixed_enough
}

mixed_enough if {
    latest.individual > 0
    object.get(latest, "group", 0) > 0
    latest.individual + object.get(latest, "group", 0) >= p.min_mixed_members
}
"""


def missing() -> str | None:
    """Why the peer cannot run here (regopy not installed), or None."""
    try:
        import regopy  # noqa: F401
    except ImportError as exc:
        return f"regopy not installed ({exc}); pip install -e '.[benchmark]'"
    return None


def plain(value: Any) -> Any:
    """The YAML data with dates as ISO text: what a Rego input can hold."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


class Peer:
    """The compiled policy for one as-of date, evaluated once per profile."""

    def __init__(self, as_of: date, params: dict[str, Any]):
        from regopy import Interpreter

        needed = {"policy_effective_date", "officer_age_limit", "officer_roles", "party_org_min_members",
                  "min_party_activities_per_year", "branch_inactive_months", "min_individual_members",
                  "min_group_members", "min_mixed_members"}
        data = {"as_of": as_of.isoformat(),
                "since": (as_of - timedelta(days=params["recent_window_days"])).isoformat(),
                "params": plain({k: v for k, v in params.items() if k in needed})}
        build = Interpreter()
        # add_data() writes \u escapes, which rego-cpp keeps as text (理事长 would not match)
        build.add_data_json(json.dumps(data, ensure_ascii=False))
        build.add_module("compliance.rego", POLICY)
        self._bundle = build.build("x = data.compliance.findings")
        self._rego = Interpreter()

    def findings(self, data: dict) -> set[tuple[str, str]]:
        self._rego.set_input(plain(data))
        out = self._rego.query_bundle(self._bundle)
        if not out.ok():
            raise RuntimeError(f"rego: {out}")
        found = out[0]["x"] if len(out) == 1 else None
        if not isinstance(found, list) or any(len(f) != 2 for f in found):
            raise RuntimeError(f"rego: unexpected output {out}")
        return {(rule, path) for rule, path in found}


def parse(path: Path) -> Any:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)  # noqa: S506 - the safe C loader


def run(files: Iterable[Path], peer: Peer) -> int:
    """Parse and evaluate every file (what run.py times); returns the number of findings."""
    return sum(len(peer.findings(parse(f))) for f in files)


def _ours(findings: Iterable[Any]) -> set[tuple[str, str]]:
    return {(f.rule, f.path) for f in findings if f.rule in RULES}


def compare(files: list[Path], as_of: date, fixtures: Path | None = HERE.parent / "rules" / "tests") -> dict[str, Any]:
    """Findings of the thirteen rules, ours against the peer's, on every valid file and rule fixture."""
    from compliance.audit import Auditor
    from compliance.rulebook import load_rulebook

    rulebook = load_rulebook()
    unknown = [r for r in RULES if r not in rulebook.by_id]
    if unknown:
        return {"ok": False, "detail": f"rules not in the rule set: {unknown}"}
    auditor = Auditor(rulebook, as_of)
    peer = Peer(as_of, rulebook.params_at(as_of))
    differ: list[str] = []
    checked = invalid = total = 0
    for f in files:
        result = auditor.audit(f)
        if not result.valid:
            invalid += 1
            continue
        ours, theirs = _ours(result.findings), peer.findings(parse(f))
        checked += 1
        total += len(ours)
        if ours != theirs:
            differ.append(f"{f}: ours only {sorted(ours - theirs)}, peer only {sorted(theirs - ours)}")
    cases = 0
    if fixtures is not None:
        cases, more = _compare_fixtures(rulebook, fixtures)
        differ += more
    return {"ok": not differ and checked > 0, "files": checked, "invalid_skipped": invalid, "fixtures": cases,
            "findings": total, "differences": differ[:20], "rules": len(RULES)}


def _compare_fixtures(rulebook: Any, directory: Path) -> tuple[int, list[str]]:
    from compliance.audit import Auditor
    from compliance.fixtures import load_cases, patch
    from compliance.loading import Document
    from compliance.loading import parse as parse_text
    from compliance.validate import validate

    cases, errors = load_cases(directory)
    differ = list(errors)
    checked = 0
    pairs: dict[date, tuple[Auditor, Peer]] = {}
    for fixture in cases:
        day = fixture.as_of
        auditor, peer = pairs.get(day) or pairs.setdefault(day, (Auditor(rulebook, day), Peer(day, rulebook.params_at(day))))
        data = patch(fixture.base, fixture.case)
        doc = Document(fixture.file, "", data, parse_text("x: 1", "patched").root)
        profile, _ = validate(doc, fixture.as_of)
        if profile is None:
            continue
        checked += 1
        ours, theirs = _ours(auditor.audit_profile(doc, profile).findings), peer.findings(data)
        if ours != theirs:
            differ.append(f"{fixture.id}: ours only {sorted(ours - theirs)}, peer only {sorted(theirs - ours)}")
    return checked, differ


def main(argv: list[str] | None = None) -> int:
    sys.path.insert(0, str(HERE))
    import generate

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("paths", nargs="*", type=Path, help="profiles or folders (default: samples/)")
    ap.add_argument("--as-of", type=date.fromisoformat, default=generate.SAMPLE_AS_OF)
    args = ap.parse_args(argv)
    reason = missing()
    if reason:
        print(reason, file=sys.stderr)
        return 2
    files = sorted(f for p in (args.paths or [HERE.parent / "samples"])
                   for f in ([p] if p.is_file() else p.glob("*.yaml")))
    outcome = compare(files, args.as_of)
    for line in outcome.pop("differences", []):
        print(line)
    print(outcome)
    return 0 if outcome["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
