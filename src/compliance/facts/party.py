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
    if council is None:
        return None
    window = r.param("vetting_match_days")
    return any(v.body == "理事会" and abs((v.elected_on - council.term_start).days) <= window for v in r.p.party.vetting)


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
