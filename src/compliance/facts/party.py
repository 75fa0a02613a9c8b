"""Facts about party building (items 1–3 of the policy): the party organisation, its activities, and the
political vetting and prior review records, one fact per record."""

from __future__ import annotations

from datetime import date

from .registry import Row, subject
from .society import society


@society("party.formal_members", int, unit="persons", zh="正式党员人数", en="formal party members",
         sources=["party.formal_members"])
def formal_members(r: Row) -> int:
    return r.p.party.formal_members


@society("party.organisation", str, zh="党组织形式（未建立为 none）", en="form of the party organisation (none if there is none)",
         sources=["party.organisation"], enum="party.organisation")
def organisation(r: Row) -> str:
    return r.p.party.organisation


@society("party.has_org", bool, zh="已建立党组织", en="a party organisation exists", sources=["party.organisation"])
def has_org(r: Row) -> bool:
    return r.p.party.organisation != "none"


@society("party.functional", bool, zh="党组织为功能型党组织", en="the party organisation is a functional one",
         sources=["party.organisation"])
def functional(r: Row) -> bool:
    return r.p.party.organisation == "功能型党组织"


@society("party.org_days_after_registration", int, unit="days", zh="党组织成立日期晚于登记日期的天数",
         en="days between registration and the founding of the party organisation",
         sources=["party.established_on", "party.organisation", "society.registered_on"])
def org_days_after_registration(r: Row) -> int | None:
    party = r.p.party
    if party.established_on is None or party.organisation == "none":
        return None
    return (party.established_on - r.p.society.registered_on).days


@society("party.has_secretary", bool, zh="有党组织负责人", en="the party organisation has a head",
         sources=["party.secretary"])
def has_secretary(r: Row) -> bool:
    return r.p.party.secretary is not None


@society("party.secretary_in_council", bool, zh="党组织负责人在理事会或秘书处任职（双向进入）",
         en="the party head holds a post in the council or secretariat",
         sources=["party.secretary.council_role"])
def secretary_in_council(r: Row) -> bool:
    secretary = r.p.party.secretary
    return secretary is not None and secretary.council_role != "none"


@society("party.secretary_name", str, zh="党组织负责人姓名", en="name of the party head", sources=["party.secretary.name"])
def secretary_name(r: Row) -> str | None:
    secretary = r.p.party.secretary
    return secretary.name if secretary else None


@society("party.president_is_party_head", bool, zh="理事长兼任党组织负责人", en="the president also heads the party organisation",
         sources=["party.president_is_party_head"])
def president_is_party_head(r: Row) -> bool:
    return r.p.party.president_is_party_head


@society("party.activities_12m", int, unit="times", zh="近12个月党的活动次数", en="party activities in the look-back year",
         sources=["party.activities[].date"], params={"recent_window_days": "int"})
def activities_12m(r: Row) -> int:
    return sum(1 for a in r.p.party.activities if r.within(a.date))


@society("party.council_vetting_recorded", bool, zh="本届理事会选举有政治把关记录（选举日期与本届起始日期相差不超过 vetting_match_days 天）",
         en="the current council's election has a vetting record (election within vetting_match_days of the term start)",
         sources=["party.vetting[].body", "party.vetting[].elected_on", "governance.council.term_start"],
         params={"vetting_match_days": "int"})
def council_vetting_recorded(r: Row) -> bool | None:
    council = r.p.governance.council
    return None if council is None else vetting_recorded(r, "理事会", council.term_start)


# ---------------------------------------------------------------- one fact per vetting record

vetting = subject("vetting", "政治把关记录", "political vetting record", items=lambda p: p.party.vetting,
                  path="party.vetting[{}]")


@vetting("body", str, zh="被选举或聘任的机构", en="body elected or appointed", sources=["party.vetting[].body"],
         enum="party.vetting[].body")
def vetting_body(r: Row) -> str:
    return r.item.body


@vetting("elected_on", date, unit="date", zh="选举/聘任日期", en="election or appointment date",
         sources=["party.vetting[].elected_on"])
def vetting_elected_on(r: Row) -> date:
    return r.item.elected_on


@vetting("vetted", bool, zh="有党组织政治把关记录", en="the party organisation vetted the candidates",
         sources=["party.vetting[].vetted_on"])
def vetted(r: Row) -> bool:
    return r.item.vetted_on is not None


@vetting("vetted_late", bool, zh="政治把关晚于选举/聘任（事后把关）", en="vetting took place after the election",
         sources=["party.vetting[].vetted_on", "party.vetting[].elected_on"])
def vetted_late(r: Row) -> bool:
    v = r.item
    return v.vetted_on is not None and v.vetted_on > v.elected_on


@vetting("after_policy", bool, zh="选举/聘任在《意见》印发之日或之后", en="elected on or after the day the policy was issued",
         sources=["party.vetting[].elected_on"], params={"policy_effective_date": "date"})
def vetting_after_policy(r: Row) -> bool:
    return r.item.elected_on >= r.param("policy_effective_date")


# ---------------------------------------------------------------- one fact per major matter (三重一大)

major_matter = subject("major_matter", "三重一大事项", "major matter", items=lambda p: p.party.major_matters,
                       path="party.major_matters[{}]")


@major_matter("matter", str, zh="事项", en="matter", sources=["party.major_matters[].matter"])
def matter(r: Row) -> str:
    return r.item.matter


@major_matter("category", str, zh="三重一大类别", en="category", sources=["party.major_matters[].category"],
              enum="party.major_matters[].category")
def category(r: Row) -> str:
    return r.item.category


@major_matter("decided_on", date, unit="date", zh="决策日期", en="decision date",
              sources=["party.major_matters[].decided_on"])
def decided_on(r: Row) -> date:
    return r.item.decided_on


@major_matter("reviewed", bool, zh="有党组织前置审查记录", en="the party organisation reviewed it beforehand",
              sources=["party.major_matters[].reviewed_on"])
def reviewed(r: Row) -> bool:
    return r.item.reviewed_on is not None


@major_matter("reviewed_late", bool, zh="前置审查晚于决策（事后审查）", en="the review came after the decision",
              sources=["party.major_matters[].reviewed_on", "party.major_matters[].decided_on"])
def reviewed_late(r: Row) -> bool:
    m = r.item
    return m.reviewed_on is not None and m.reviewed_on > m.decided_on


@major_matter("after_policy", bool, zh="决策在《意见》印发之日或之后", en="decided on or after the day the policy was issued",
              sources=["party.major_matters[].decided_on"], params={"policy_effective_date": "date"})
def matter_after_policy(r: Row) -> bool:
    return r.item.decided_on >= r.param("policy_effective_date")


# ---------------------------------------------------------------- coverage, 三会一课, rules and the item-3 proxies


@society("party.has_instructor", bool, zh="有上级党组织选派的党建工作指导员（联络员）", en="a party-work instructor is assigned",
         sources=["party.instructor"])
def has_instructor(r: Row) -> bool:
    return bool(r.p.party.instructor)


@society("party.has_rules", bool, zh="有成文的党建工作制度", en="written party-building rules exist", sources=["party.rules"])
def has_rules(r: Row) -> bool:
    return bool(r.p.party.rules)


def _recent_party(r: Row) -> list:
    return [a for a in r.p.party.activities if r.within(a.date)]


_PARTY_RECENT = ["party.activities[].date", "party.activities[].kind"]


@society("party.typed_activities_12m", int, unit="times", zh="近12个月注明了类型的党的活动次数",
         en="party activities of a stated kind in the look-back year", sources=_PARTY_RECENT,
         params={"recent_window_days": "int"})
def typed_activities_12m(r: Row) -> int:
    return sum(1 for a in r.memo(_recent_party) if a.kind is not None)


@society("party.congresses_12m", int, unit="times", zh="近12个月召开党员大会的次数", en="party member meetings in the look-back year",
         sources=_PARTY_RECENT, params={"recent_window_days": "int"})
def congresses_12m(r: Row) -> int:
    return sum(1 for a in r.memo(_recent_party) if a.kind == "党员大会")


@society("party.lectures_12m", int, unit="times", zh="近12个月上党课的次数", en="party lectures in the look-back year",
         sources=_PARTY_RECENT, params={"recent_window_days": "int"})
def lectures_12m(r: Row) -> int:
    return sum(1 for a in r.memo(_recent_party) if a.kind == "党课")


@society("party.integration_12m", int, unit="count",
         zh="近12个月部署党建工作的记录数：通过的年度工作计划含党建安排的，加上研究党建工作的理事会、常务理事会会议",
         en="records of party work planned with the society's work in the look-back year: work plans with a "
            "party-building part, and council or standing-council meetings that discussed party building",
         sources=["governance.work_plans[].adopted_on", "governance.work_plans[].party_building",
                  "governance.council.meetings[].date", "governance.council.meetings[].party_building",
                  "governance.standing_council.meetings[].date", "governance.standing_council.meetings[].party_building"],
         params={"recent_window_days": "int"})
def integration_12m(r: Row) -> int:
    g = r.p.governance
    meetings = [*(g.council.meetings if g.council else []), *(g.standing_council.meetings if g.standing_council else [])]
    plans = sum(1 for w in g.work_plans if w.party_building and r.within(w.adopted_on))
    return plans + sum(1 for m in meetings if m.party_building and r.within(m.date))


def vetting_recorded(r: Row, body: str, day: date) -> bool:
    """Whether a vetting record of `body` belongs to the people who took office on `day` (within vetting_match_days)."""
    window = r.param("vetting_match_days")
    return any(v.body == body and abs((v.elected_on - day).days) <= window for v in r.p.party.vetting)


@society("party.supervisory_vetting_recorded", bool,
         zh="本届监事会（监事）人选有政治把关记录（选举日期与 governance.supervisory_elected_on 相差不超过 vetting_match_days 天）",
         en="the current supervisory board's election has a vetting record (within vetting_match_days)",
         sources=["party.vetting[].body", "party.vetting[].elected_on"], params={"vetting_match_days": "int"},
         uses=["governance.supervisory_elected_on"])
def supervisory_vetting_recorded(r: Row) -> bool | None:
    day = r["governance.supervisory_elected_on"]
    return None if day is None else vetting_recorded(r, "监事会", day)


@society("party.secretariat_vetting_recorded", bool,
         zh="本届秘书处人选有政治把关记录（选任或聘任日期与 secretary_general.appointed_on 相差不超过 vetting_match_days 天）",
         en="the current secretariat's appointment has a vetting record (within vetting_match_days)",
         sources=["party.vetting[].body", "party.vetting[].elected_on"], params={"vetting_match_days": "int"},
         uses=["secretary_general.appointed_on"])
def secretariat_vetting_recorded(r: Row) -> bool | None:
    day = r["secretary_general.appointed_on"]
    return None if day is None else vetting_recorded(r, "秘书处", day)


# ---------------------------------------------------------------- one fact per party activity

party_activity = subject("party_activity", "党的活动", "party activity", items=lambda p: p.party.activities,
                         path="party.activities[{}]")


@party_activity("title", str, zh="活动名称", en="title", sources=["party.activities[].title"])
def activity_title(r: Row) -> str:
    return r.item.title


@party_activity("kind", str, zh="活动类型（三会一课等）", en="kind", sources=["party.activities[].kind"],
                enum="party.activities[].kind")
def activity_kind(r: Row) -> str | None:
    return r.item.kind


@party_activity("date", date, unit="date", zh="日期", en="date", sources=["party.activities[].date"])
def activity_date(r: Row) -> date:
    return r.item.date


@party_activity("attendance", int, unit="persons", zh="到会党员人数", en="members present",
                sources=["party.activities[].attendance"])
def activity_attendance(r: Row) -> int | None:
    return r.item.attendance


@party_activity("attendance_share", float, unit="ratio", zh="到会党员占正式党员的比例", en="share of the formal members present",
                sources=["party.activities[].attendance", "party.formal_members"])
def activity_attendance_share(r: Row) -> float | None:
    members = r.p.party.formal_members
    if r.item.attendance is None or members == 0:
        return None
    return round(r.item.attendance / members, 4)


@party_activity("after_policy", bool, zh="在《意见》印发之日或之后", en="on or after the day the policy was issued",
                sources=["party.activities[].date"], params={"policy_effective_date": "date"})
def activity_after_policy(r: Row) -> bool:
    return r.item.date >= r.param("policy_effective_date")
