"""Facts about the governance bodies (item 4): congress, council and its composition, term and deferral,
the secretary-general, and one fact per council member."""

from __future__ import annotations

from datetime import date

from .calendar import age, months_between
from .registry import Row, subject
from .society import society


def _members(r: Row) -> list:
    council = r.p.governance.council
    return list(council.members) if council else []


def _term_end(r: Row) -> date | None:
    """The council's term end, later if an approved deferral (approved by the as-of date) extends it."""
    g = r.p.governance
    if g.council is None:
        return None
    return max([g.council.term_end, *(d.new_term_end for d in g.deferrals if d.approved_on <= r.as_of)])


def officer_age_limit(r: Row) -> int:
    """The charter's age limit for officers, or the parameter when the charter sets none."""
    return r.p.charter.officer_age_limit or r.param("officer_age_limit")


@society("governance.has_congress", bool, zh="会员（代表）大会有召开记录", en="a member congress has been held",
         sources=["governance.congress.last_held"])
def has_congress(r: Row) -> bool:
    congress = r.p.governance.congress
    return congress is not None and congress.last_held is not None


@society("governance.has_council", bool, zh="设有理事会", en="a council exists", sources=["governance.council"])
def has_council(r: Row) -> bool:
    return r.p.governance.council is not None


@society("governance.has_supervisory", bool, zh="设有监事会或监事", en="a supervisory board or supervisor exists",
         sources=["governance.supervisory"])
def has_supervisory(r: Row) -> bool:
    return r.p.governance.supervisory is not None


@society("governance.has_office", bool, zh="设有办事机构（秘书处）", en="an office (secretariat) exists",
         sources=["governance.office"])
def has_office(r: Row) -> bool:
    return r.p.governance.office


@society("governance.congress_months_since", int, unit="months", zh="距最近一次会员（代表）大会的整月数",
         en="whole months since the last member congress", sources=["governance.congress.last_held"])
def congress_months_since(r: Row) -> int | None:
    congress = r.p.governance.congress
    if congress is None or congress.last_held is None:
        return None
    return months_between(congress.last_held, r.as_of)


@society("governance.council_term_end", date, unit="date", zh="本届理事会届满日期", en="end of the council's term",
         sources=["governance.council.term_end"])
def council_term_end(r: Row) -> date | None:
    council = r.p.governance.council
    return council.term_end if council else None


@society("governance.council_overdue_days", int, unit="days", zh="理事会超过届满日期（含已批准的延期）的天数，未到期为负数",
         en="days past the council's term end (approved deferrals included); negative before it",
         sources=["governance.council.term_end", "governance.deferrals[].new_term_end", "governance.deferrals[].approved_on"])
def council_overdue_days(r: Row) -> int | None:
    end = r.memo(_term_end)
    return None if end is None else (r.as_of - end).days


@society("governance.deferral_months", int, unit="months", zh="已批准延期换届的整月数",
         en="whole months of approved deferral of the election",
         sources=["governance.council.term_end", "governance.deferrals[].new_term_end", "governance.deferrals[].approved_on"])
def deferral_months(r: Row) -> int | None:
    end = r.memo(_term_end)
    return None if end is None else max(0, months_between(r.p.governance.council.term_end, end))


@society("governance.council_elected_after_policy", bool, zh="本届理事会在《意见》印发之日或之后产生",
         en="the current council took office on or after the day the policy was issued",
         sources=["governance.council.term_start"], params={"policy_effective_date": "date"})
def council_elected_after_policy(r: Row) -> bool | None:
    council = r.p.governance.council
    return council.term_start >= r.param("policy_effective_date") if council else None


@society("governance.council_meetings_12m", int, unit="times", zh="近12个月理事会会议次数",
         en="council meetings in the look-back year", sources=["governance.council.meetings[].date"],
         params={"recent_window_days": "int"})
def council_meetings_12m(r: Row) -> int | None:
    council = r.p.governance.council
    return sum(1 for m in council.meetings if r.within(m.date)) if council else None


@society("governance.council_size", int, unit="persons", zh="理事人数", en="council members",
         sources=["governance.council.members"])
def council_size(r: Row) -> int:
    return len(r.memo(_members))


@society("governance.middle_young_share", float, unit="ratio",
         zh="理事会中中青年（基准日不满 middle_young_age 周岁）理事的比例",
         en="share of council members younger than middle_young_age at the as-of date",
         sources=["governance.council.members[].birth_date"], params={"middle_young_age": "int"})
def middle_young_share(r: Row) -> float | None:
    members = r.memo(_members)
    if not members:
        return None
    young = sum(1 for m in members if age(m.birth_date, r.as_of) < r.param("middle_young_age"))
    return round(young / len(members), 4)


def _previous_share(r: Row, count: str) -> float | None:
    """A count of the previous council's members (middle_young, grassroots) as a share of its size."""
    council = r.p.governance.council
    prev = council.previous if council else None
    return round(getattr(prev, count) / prev.size, 4) if prev else None


@society("governance.previous_middle_young_share", float, unit="ratio", zh="上届理事会中青年理事的比例",
         en="share of young and middle-aged members of the previous council",
         sources=["governance.council.previous.middle_young", "governance.council.previous.size"])
def previous_middle_young_share(r: Row) -> float | None:
    return _previous_share(r, "middle_young")


@society("governance.previous_grassroots_share", float, unit="ratio", zh="上届理事会基层一线理事的比例",
         en="share of grassroots members of the previous council",
         sources=["governance.council.previous.grassroots", "governance.council.previous.size"])
def previous_grassroots_share(r: Row) -> float | None:
    return _previous_share(r, "grassroots")


@society("governance.grassroots_share", float, unit="ratio", zh="理事会中基层一线和企业（grassroots_sectors）理事的比例",
         en="share of council members from the grassroots sectors (grassroots_sectors)",
         sources=["governance.council.members[].sector"], params={"grassroots_sectors": "list"})
def grassroots_share(r: Row) -> float | None:
    members = r.memo(_members)
    if not members:
        return None
    sectors = r.param("grassroots_sectors")
    return round(sum(1 for m in members if m.sector in sectors) / len(members), 4)


@society("governance.has_council_rules", bool, zh="有理事会议事规则", en="the council has rules of procedure",
         sources=["governance.council.rules"])
def has_council_rules(r: Row) -> bool | None:
    council = r.p.governance.council
    return council.rules if council else None


@society("governance.has_congress_rules", bool, zh="会员（代表）大会有议事规则", en="the member congress has rules of procedure",
         sources=["governance.congress.rules"])
def has_congress_rules(r: Row) -> bool | None:
    congress = r.p.governance.congress
    return congress.rules if congress else None


@society("governance.has_supervisory_rules", bool, zh="监事会（监事）有工作制度", en="the supervisory board has working rules",
         sources=["governance.supervisory.rules"])
def has_supervisory_rules(r: Row) -> bool | None:
    supervisory = r.p.governance.supervisory
    return supervisory.rules if supervisory else None


@society("governance.supervisory_elected_on", date, unit="date",
         zh="本届监事会（监事）产生日期（未填写时取本届理事会起始日期）",
         en="when the current supervisory board took office (the council's term start if not recorded)",
         sources=["governance.supervisory.elected_on", "governance.council.term_start"])
def supervisory_elected_on(r: Row) -> date | None:
    g = r.p.governance
    if g.supervisory is None:
        return None
    return g.supervisory.elected_on or (g.council.term_start if g.council else None)


@society("governance.supervisory_elected_after_policy", bool, zh="本届监事会（监事）在《意见》印发之日或之后产生",
         en="the current supervisory board took office on or after the day the policy was issued",
         params={"policy_effective_date": "date"}, uses=["governance.supervisory_elected_on"])
def supervisory_elected_after_policy(r: Row) -> bool | None:
    day = r["governance.supervisory_elected_on"]
    return None if day is None else day >= r.param("policy_effective_date")


@society("secretary_general.appointed_on", date, unit="date",
         zh="本届秘书处人选产生日期（未填写时取本届理事会起始日期）",
         en="when the current secretariat was appointed (the council's term start if not recorded)",
         sources=["secretary_general.appointed_on", "governance.council.term_start"])
def sg_appointed_on(r: Row) -> date | None:
    sg, council = r.p.secretary_general, r.p.governance.council
    if sg is None:
        return None
    return sg.appointed_on or (council.term_start if council else None)


@society("secretary_general.appointed_after_policy", bool, zh="本届秘书处人选在《意见》印发之日或之后产生",
         en="the current secretariat was appointed on or after the day the policy was issued",
         params={"policy_effective_date": "date"}, uses=["secretary_general.appointed_on"])
def sg_appointed_after_policy(r: Row) -> bool | None:
    day = r["secretary_general.appointed_on"]
    return None if day is None else day >= r.param("policy_effective_date")


@society("secretary_general.exists", bool, zh="有秘书长", en="a secretary-general exists", sources=["secretary_general"])
def sg_exists(r: Row) -> bool:
    return r.p.secretary_general is not None


@society("secretary_general.full_time", bool, zh="秘书长专职", en="the secretary-general works full time",
         sources=["secretary_general.full_time"])
def sg_full_time(r: Row) -> bool | None:
    sg = r.p.secretary_general
    return sg.full_time if sg else None


@society("secretary_general.appointment", str, zh="秘书长产生方式（选任或聘任）", en="how the secretary-general took office",
         sources=["secretary_general.appointment"], enum="secretary_general.appointment")
def sg_appointment(r: Row) -> str | None:
    sg = r.p.secretary_general
    return sg.appointment if sg else None


@society("secretary_general.name", str, zh="秘书长姓名", en="name of the secretary-general",
         sources=["secretary_general.name"])
def sg_name(r: Row) -> str | None:
    sg = r.p.secretary_general
    return sg.name if sg else None


@society("secretary_general.age", int, unit="age", zh="秘书长年龄（周岁）", en="age of the secretary-general",
         sources=["secretary_general.birth_date"])
def sg_age(r: Row) -> int | None:
    sg = r.p.secretary_general
    return age(sg.birth_date, r.as_of) if sg and sg.birth_date else None


@society("secretary_general.age_limit", int, unit="age", zh="负责人最高任职年龄（章程未规定时取 officer_age_limit）",
         en="officers' age limit (the charter's, else officer_age_limit)",
         sources=["charter.officer_age_limit"], params={"officer_age_limit": "int"})
def sg_age_limit(r: Row) -> int:
    return officer_age_limit(r)


# ---------------------------------------------------------------- one fact per council member

council_member = subject("council_member", "理事", "council member",
                         items=lambda p: p.governance.council.members if p.governance.council else [],
                         path="governance.council.members[{}]")


@council_member("name", str, zh="姓名", en="name", sources=["governance.council.members[].name"])
def member_name(r: Row) -> str:
    return r.item.name


@council_member("role", str, zh="职务", en="post", sources=["governance.council.members[].role"],
                enum="governance.council.members[].role")
def member_role(r: Row) -> str:
    return r.item.role


@council_member("sector", str, zh="所在领域", en="sector", sources=["governance.council.members[].sector"],
                enum="governance.council.members[].sector")
def member_sector(r: Row) -> str:
    return r.item.sector


@council_member("age", int, unit="age", zh="年龄（周岁）", en="age", sources=["governance.council.members[].birth_date"])
def member_age(r: Row) -> int:
    return age(r.item.birth_date, r.as_of)


@council_member("age_limit", int, unit="age", zh="负责人最高任职年龄（章程未规定时取 officer_age_limit）",
                en="officers' age limit (the charter's, else officer_age_limit)",
                sources=["charter.officer_age_limit"], params={"officer_age_limit": "int"})
def member_age_limit(r: Row) -> int:
    return officer_age_limit(r)


@council_member("terms", int, unit="terms", zh="含本届在内连续任职届数", en="consecutive terms, this one included",
                sources=["governance.council.members[].consecutive_terms"])
def member_terms(r: Row) -> int:
    return r.item.consecutive_terms


@council_member("term_limit", int, unit="terms", zh="负责人连任届数上限（章程未规定时取 officer_term_limit）",
                en="officers' limit of consecutive terms (the charter's, else officer_term_limit)",
                sources=["charter.term_limit"], params={"officer_term_limit": "int"})
def member_term_limit(r: Row) -> int:
    return r.p.charter.term_limit or r.param("officer_term_limit")


@council_member("is_officer", bool, zh="担任负责人职务（officer_roles）", en="holds an officer post (officer_roles)",
                sources=["governance.council.members[].role"], params={"officer_roles": "list"})
def member_is_officer(r: Row) -> bool:
    return r.item.role in r.param("officer_roles")


@council_member("retired_official", bool, zh="退（离）休领导干部", en="a retired official",
                sources=["governance.council.members[].retired_official"])
def member_retired_official(r: Row) -> bool:
    return r.item.retired_official


@council_member("has_retired_approval", bool, zh="有退（离）休领导干部兼职审批文号", en="the retired official's post was approved",
                sources=["governance.council.members[].retired_official_approval"])
def member_has_retired_approval(r: Row) -> bool:
    return bool(r.item.retired_official_approval)


# ---------------------------------------------------------------- one fact per council meeting

council_meeting = subject("council_meeting", "理事会会议", "council meeting",
                          items=lambda p: p.governance.council.meetings if p.governance.council else [],
                          path="governance.council.meetings[{}]")


@council_meeting("date", date, unit="date", zh="日期", en="date", sources=["governance.council.meetings[].date"])
def meeting_date(r: Row) -> date:
    return r.item.date


@council_meeting("attendance", int, unit="persons", zh="出席理事人数", en="members present",
                 sources=["governance.council.meetings[].attendance"])
def meeting_attendance(r: Row) -> int:
    return r.item.attendance


@council_meeting("expected", int, unit="persons", zh="应出席理事人数", en="members expected",
                 sources=["governance.council.meetings[].expected"])
def meeting_expected(r: Row) -> int | None:
    return r.item.expected


@council_meeting("attendance_share", float, unit="ratio", zh="出席人数占应出席人数的比例（未记录应出席人数时无值）",
                 en="share of the expected members present (none if the expected number is not recorded)",
                 sources=["governance.council.meetings[].attendance", "governance.council.meetings[].expected"])
def meeting_attendance_share(r: Row) -> float | None:
    expected = r.item.expected
    return round(r.item.attendance / expected, 4) if expected else None


@council_meeting("after_policy", bool, zh="在《意见》印发之日或之后召开", en="held on or after the day the policy was issued",
                 sources=["governance.council.meetings[].date"], params={"policy_effective_date": "date"})
def meeting_after_policy(r: Row) -> bool:
    return r.item.date >= r.param("policy_effective_date")
