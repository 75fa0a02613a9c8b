"""Turn a validated profile into flat engine facts with derived figures, for one as-of date.

All date arithmetic lives here; rules only compare the figures. `FIELDS` lists what each fact type carries.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from .profile import Profile

# Every field a rule may test, by subject, with its type: the rule loader rejects anything else.
FIELDS: dict[str, dict[str, str]] = {
    "society": {
        "society.name": "str", "society.type": "str", "society.status": "str",
        "society.registered_after_policy": "bool", "society.months_registered": "int", "society.days_registered": "int",
        "charter.party_leadership_clause": "bool", "charter.party_building_clause": "bool",
        "party.formal_members": "int", "party.organisation": "str", "party.has_org": "bool", "party.functional": "bool",
        "party.org_days_after_registration": "int", "party.has_secretary": "bool", "party.secretary_in_council": "bool",
        "party.secretary_name": "str", "party.president_is_party_head": "bool", "party.activities_12m": "int",
        "party.council_vetting_recorded": "bool",
        "governance.has_congress": "bool", "governance.has_council": "bool", "governance.has_supervisory": "bool",
        "governance.has_office": "bool", "governance.congress_months_since": "int",
        "governance.council_term_end": "str", "governance.council_overdue_days": "int",
        "governance.deferral_months": "int", "governance.council_elected_after_policy": "bool",
        "governance.council_meetings_12m": "int", "governance.council_size": "int",
        "governance.young_share": "float", "governance.grassroots_share": "float",
        "governance.has_council_rules": "bool",
        "secretary_general.exists": "bool", "secretary_general.full_time": "bool",
        "secretary_general.appointment": "str", "secretary_general.name": "str", "secretary_general.age": "int",
        "secretary_general.age_limit": "int",
        "staff.full_time": "int",
        "membership.year": "int", "membership.individual": "int", "membership.group": "int",
        "membership.review_months_since": "int", "membership.reviewed": "bool", "membership.individual_change": "int",
        "membership.young": "int", "membership.enterprise": "int", "membership.non_public": "int",
        "membership.student": "int", "membership.tiers": "bool",
        "activities.conferences_12m": "int", "activities.high_level_conferences_12m": "int",
        "activities.popsci_12m": "int", "activities.popsci_led_12m": "int", "activities.international_12m": "int",
        "activities.audiences_12m": "int", "activities.last_months_since": "int",
        "outputs.think_tank_12m": "int", "outputs.talents_12m": "int", "outputs.service_units": "int",
        "outputs.gov_services_24m": "int",
        "popular_science.department": "bool", "popular_science.committee": "bool", "popular_science.new_media": "int",
        "evaluations.latest_year": "int", "evaluations.latest_grade": "str", "evaluations.consecutive_c": "int",
        "evaluations.c_years": "str", "evaluations.expected_year": "int", "evaluations.missing_expected": "bool",
        "evaluations.civil_affairs_valid": "bool",
    },
    "council_member": {
        "name": "str", "role": "str", "sector": "str", "age": "int", "age_limit": "int", "terms": "int",
        "term_limit": "int", "is_officer": "bool", "retired_official": "bool", "has_retired_approval": "bool",
    },
    "vetting": {"body": "str", "elected_on": "str", "vetted": "bool", "vetted_late": "bool", "after_policy": "bool"},
    "major_matter": {"matter": "str", "category": "str", "decided_on": "str", "reviewed": "bool",
                     "reviewed_late": "bool", "after_policy": "bool"},
    "branch": {"name": "str", "kind": "str", "has_resolution": "bool", "within_scope": "bool",
               "months_since_activity": "int", "age_months": "int", "assessed_expected_year": "bool",
               "expected_year": "int", "last_result": "str", "cleanup": "str"},
    "activity": {"name": "str", "kind": "str", "role": "str", "start": "str", "within_scope": "bool",
                 "fee_total": "float", "fees_from_partners": "float", "compulsory_any": "bool",
                 "compulsory_items": "str", "supervised": "bool", "has_filing": "bool", "after_policy": "bool"},
    "foreign": {"partner": "str", "country": "str", "kind": "str", "date": "str", "amount": "float",
                "has_approval": "bool", "after_policy": "bool"},
    "award": {"name": "str", "date": "str", "has_approval": "bool", "fees_charged": "float",
              "co_host_for_profit": "bool", "after_policy": "bool"},
}

OFFICER_ROLES = ("理事长", "副理事长")
GRASSROOTS = ("基层一线", "企业", "非公企业")
HOSTING = ("主办", "承办", "协办")


def months_between(earlier: date, later: date) -> int:
    """Whole calendar months from `earlier` to `later` (negative when later is earlier)."""
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    if later.day < earlier.day:
        months -= 1
    return months


def age(born: date, on: date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def _clean(d: dict[str, Any]) -> dict[str, Any]:
    """Drop absent values: in the engine a missing field makes every comparison false (SQL-like NULL)."""
    return {k: (_clean(v) if isinstance(v, dict) else v) for k, v in d.items() if v is not None}


def _nest(flat: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in flat.items():
        head, _, tail = key.partition(".")
        if tail:
            out.setdefault(head, {})[tail] = value
        else:
            out[key] = value
    return out


def expected_grade_year(as_of: date, due_month: int) -> int:
    """The latest year whose association grade should exist at `as_of`."""
    return as_of.year - 1 if as_of.month >= due_month else as_of.year - 2


def build(p: Profile, as_of: date, params: dict[str, Any]) -> list[dict[str, Any]]:
    """All facts of one profile. The society fact comes last (negation in durable_rules is order-dependent)."""
    policy_day: date = params["policy_effective_date"]
    year_ago = as_of - timedelta(days=365)
    two_years_ago = as_of - timedelta(days=730)

    def recent(d: date | None, since: date = year_ago) -> bool:
        return d is not None and since < d <= as_of

    facts: list[dict[str, Any]] = []

    def add(subject: str, path: str, fields: dict[str, Any]) -> None:
        facts.append(_clean(dict(fields, t=subject, k=len(facts), path=path)))

    age_limit = p.charter.officer_age_limit or params["officer_age_limit"]
    term_limit = p.charter.term_limit or params["officer_term_limit"]
    due_month = params["evaluation_due_month"]
    expected_year = expected_grade_year(as_of, due_month)

    # ---- council members
    council = p.governance.council
    members = council.members if council else []
    for i, m in enumerate(members):
        add("council_member", f"governance.council.members[{i}]", {
            "name": m.name, "role": m.role, "sector": m.sector, "age": age(m.birth_date, as_of),
            "age_limit": age_limit, "terms": m.consecutive_terms, "term_limit": term_limit,
            "is_officer": m.role in OFFICER_ROLES, "retired_official": m.retired_official,
            "has_retired_approval": bool(m.retired_official_approval),
        })

    # ---- party records
    for i, v in enumerate(p.party.vetting):
        add("vetting", f"party.vetting[{i}]", {
            "body": v.body, "elected_on": v.elected_on.isoformat(), "vetted": v.vetted_on is not None,
            "vetted_late": v.vetted_on is not None and v.vetted_on > v.elected_on,
            "after_policy": v.elected_on >= policy_day,
        })
    for i, mm in enumerate(p.party.major_matters):
        add("major_matter", f"party.major_matters[{i}]", {
            "matter": mm.matter, "category": mm.category, "decided_on": mm.decided_on.isoformat(),
            "reviewed": mm.reviewed_on is not None,
            "reviewed_late": mm.reviewed_on is not None and mm.reviewed_on > mm.decided_on,
            "after_policy": mm.decided_on >= policy_day,
        })

    # ---- branches
    for i, b in enumerate(p.branches):
        last = b.last_activity_on or b.established_on
        results = {a.year: a.result for a in b.assessments}
        latest = results[max(results)] if results else None
        add("branch", f"branches[{i}]", {
            "name": b.name, "kind": b.kind, "has_resolution": bool(b.resolution_ref), "within_scope": b.within_scope,
            "months_since_activity": months_between(last, as_of), "age_months": months_between(b.established_on, as_of),
            "assessed_expected_year": expected_year in results or b.established_on.year > expected_year,
            "expected_year": expected_year, "last_result": latest, "cleanup": b.cleanup,
        })

    # ---- activities
    for i, a in enumerate(p.activities):
        compulsory = [k for k, v in a.compulsory.model_dump().items() if v]
        add("activity", f"activities[{i}]", {
            "name": a.name, "kind": a.kind, "role": a.role, "start": a.start.isoformat(), "within_scope": a.within_scope,
            "fee_total": float(sum(f.amount for f in a.fees)),
            "fees_from_partners": float(sum(f.amount for f in a.fees if f.payer in ("协办单位", "企业"))),
            "compulsory_any": bool(compulsory), "compulsory_items": "、".join(_COMPULSION_ZH[c] for c in compulsory),
            "supervised": a.supervised, "has_filing": bool(a.filing_ref), "after_policy": a.start >= policy_day,
        })
    for i, f in enumerate(p.foreign):
        add("foreign", f"foreign[{i}]", {
            "partner": f.partner, "country": f.country, "kind": f.kind, "date": f.date.isoformat(),
            "amount": f.amount, "has_approval": bool(f.approval_ref), "after_policy": f.date >= policy_day,
        })
    for i, aw in enumerate(p.awards):
        add("award", f"awards[{i}]", {
            "name": aw.name, "date": aw.date.isoformat(), "has_approval": bool(aw.approval_ref),
            "fees_charged": float(aw.fees_charged), "co_host_for_profit": aw.co_host_for_profit,
            "after_policy": aw.date >= policy_day,
        })

    add("society", "", _nest(_society(p, as_of, params, recent, two_years_ago, age_limit, expected_year)))
    return facts


_COMPULSION_ZH = {"participation": "强制参加", "sponsorship": "强制赞助", "donation": "强制捐赠", "purchase": "强制订购"}


def _society(p: Profile, as_of: date, params: dict, recent, two_years_ago: date, age_limit: int,
             expected_year: int) -> dict[str, Any]:
    s, party, g = p.society, p.party, p.governance
    council = g.council
    members = council.members if council else []
    youth = params["youth_age"]
    young = sum(1 for m in members if age(m.birth_date, as_of) < youth)
    grassroots = sum(1 for m in members if m.sector in GRASSROOTS)
    policy_day: date = params["policy_effective_date"]

    # 换届: the term ends at term_end, later if an approved deferral extends it.
    overdue = deferral = None
    if council:
        effective_end = max([council.term_end, *(d.new_term_end for d in g.deferrals if d.approved_on <= as_of)])
        overdue = (as_of - effective_end).days
        deferral = max(0, months_between(council.term_end, effective_end))
    # whether the current council's election has a vetting record at all (its content is checked per record)
    vetting_recorded = None
    if council:
        vetting_recorded = any(v.body == "理事会" and abs((v.elected_on - council.term_start).days) <= 90
                               for v in party.vetting)

    counts = sorted(p.membership.counts, key=lambda c: c.year)
    latest = counts[-1]
    change = latest.individual - counts[-2].individual if len(counts) > 1 else None
    review = p.membership.last_review

    acts = p.activities
    hosted = [a for a in acts if a.role in HOSTING]
    conferences = [a for a in hosted if a.kind == "学术会议" and recent(a.start)]
    popsci = [a for a in hosted if a.kind == "科普" and recent(a.start)]
    audiences = {aud for a in popsci for aud in a.audiences}
    last_dates = [a.start for a in hosted if a.start <= as_of]
    last_dates += [b.last_activity_on for b in p.branches if b.last_activity_on and b.last_activity_on <= as_of]
    last_months = months_between(max(last_dates), as_of) if last_dates else months_between(s.registered_on, as_of)

    grades = {gy.year: gy.grade for gy in p.evaluations.association}
    consecutive_c, c_years = 0, []
    if grades:
        year = max(grades)
        while grades.get(year) == "C":
            consecutive_c += 1
            c_years.append(year)
            year -= 1
    ca = p.evaluations.civil_affairs
    sg = p.secretary_general
    out = p.outputs
    return {
        "society.name": s.name, "society.type": s.type, "society.status": s.status,
        "society.registered_after_policy": s.registered_on >= policy_day,
        "society.months_registered": months_between(s.registered_on, as_of),
        "society.days_registered": (as_of - s.registered_on).days,
        "charter.party_leadership_clause": p.charter.party_leadership_clause,
        "charter.party_building_clause": p.charter.party_building_clause,
        "party.formal_members": party.formal_members, "party.organisation": party.organisation,
        "party.has_org": party.organisation != "none", "party.functional": party.organisation == "功能型党组织",
        "party.org_days_after_registration": (party.established_on - s.registered_on).days
        if party.established_on and party.organisation != "none" else None,
        "party.has_secretary": party.secretary is not None,
        "party.secretary_in_council": party.secretary is not None and party.secretary.council_role != "none",
        "party.secretary_name": party.secretary.name if party.secretary else None,
        "party.president_is_party_head": party.president_is_party_head,
        "party.activities_12m": sum(1 for a in party.activities if recent(a.date)),
        "party.council_vetting_recorded": vetting_recorded,
        "governance.has_congress": g.congress is not None and g.congress.last_held is not None,
        "governance.has_council": council is not None,
        "governance.has_supervisory": g.supervisory is not None,
        "governance.has_office": g.office,
        "governance.congress_months_since": months_between(g.congress.last_held, as_of)
        if g.congress and g.congress.last_held else None,
        "governance.council_term_end": council.term_end.isoformat() if council else None,
        "governance.council_overdue_days": overdue, "governance.deferral_months": deferral,
        "governance.council_elected_after_policy": council.term_start >= policy_day if council else None,
        "governance.council_meetings_12m": sum(1 for m in council.meetings if recent(m.date)) if council else None,
        "governance.council_size": len(members),
        "governance.young_share": round(young / len(members), 4) if members else None,
        "governance.grassroots_share": round(grassroots / len(members), 4) if members else None,
        "governance.has_council_rules": council.rules if council else None,
        "secretary_general.exists": sg is not None,
        "secretary_general.full_time": sg.full_time if sg else None,
        "secretary_general.appointment": sg.appointment if sg else None,
        "secretary_general.name": sg.name if sg else None,
        "secretary_general.age": age(sg.birth_date, as_of) if sg and sg.birth_date else None,
        "secretary_general.age_limit": age_limit,
        "staff.full_time": p.staff.full_time,
        "membership.year": latest.year, "membership.individual": latest.individual, "membership.group": latest.group,
        "membership.review_months_since": months_between(review, as_of) if review else None,
        "membership.reviewed": review is not None,
        "membership.individual_change": change,
        "membership.young": latest.young, "membership.enterprise": latest.enterprise,
        "membership.non_public": latest.non_public, "membership.student": latest.student,
        "membership.tiers": p.membership.tiers,
        "activities.conferences_12m": len(conferences),
        "activities.high_level_conferences_12m": sum(1 for a in conferences if a.high_level),
        "activities.popsci_12m": len(popsci),
        "activities.popsci_led_12m": sum(1 for a in popsci if a.led_by),
        "activities.international_12m": sum(1 for a in hosted if a.international and recent(a.start)),
        "activities.audiences_12m": len(audiences),
        "activities.last_months_since": last_months,
        "outputs.think_tank_12m": sum(1 for r in out.think_tank_reports if recent(r.date)),
        "outputs.talents_12m": sum(1 for r in out.talent_recommendations if recent(r.date)),
        "outputs.service_units": len(out.service_teams) + len(out.service_stations),
        "outputs.gov_services_24m": sum(1 for r in out.government_services if recent(r.date, two_years_ago)),
        "popular_science.department": p.popular_science.department,
        "popular_science.committee": p.popular_science.committee,
        "popular_science.new_media": len(p.popular_science.new_media),
        "evaluations.latest_year": max(grades) if grades else None,
        "evaluations.latest_grade": grades[max(grades)] if grades else None,
        "evaluations.consecutive_c": consecutive_c,
        "evaluations.c_years": "、".join(str(y) for y in sorted(c_years)) or None,
        "evaluations.expected_year": expected_year,
        "evaluations.missing_expected": expected_year not in grades and s.registered_on.year <= expected_year,
        "evaluations.civil_affairs_valid": ca is not None and ca.expires_on >= as_of,
    }

