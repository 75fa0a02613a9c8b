"""Facts about the society itself: identity, registration, charter and staff. The society fact is asserted last."""

from __future__ import annotations

from .calendar import months_between
from .registry import Row, subject

society = subject("society", "学会", "society", last=True)


@society("society.name", str, zh="学会名称", en="society name", sources=["society.name"])
def society_name(r: Row) -> str:
    return r.p.society.name


@society("society.type", str, zh="学会类型（学会、协会、研究会）", en="type (学会, 协会 or 研究会)",
         sources=["society.type"], enum="society.type")
def society_type(r: Row) -> str:
    return r.p.society.type


@society("society.status", str, zh="学会状态", en="status", sources=["society.status"], enum="society.status")
def society_status(r: Row) -> str:
    return r.p.society.status


@society("society.registered_after_policy", bool, zh="在《意见》印发之日或之后登记成立",
         en="registered on or after the day the policy was issued",
         sources=["society.registered_on"], params={"policy_effective_date": "date"})
def registered_after_policy(r: Row) -> bool:
    return r.p.society.registered_on >= r.param("policy_effective_date")


@society("society.months_registered", int, unit="months", zh="登记成立至基准日的整月数",
         en="whole months from registration to the as-of date", sources=["society.registered_on"])
def months_registered(r: Row) -> int:
    return months_between(r.p.society.registered_on, r.as_of)


@society("society.days_registered", int, unit="days", zh="登记成立至基准日的天数",
         en="days from registration to the as-of date", sources=["society.registered_on"])
def days_registered(r: Row) -> int:
    return (r.as_of - r.p.society.registered_on).days


@society("charter.party_leadership_clause", bool, zh="章程载明坚持党的全面领导",
         en="the charter states the party's overall leadership", sources=["charter.party_leadership_clause"])
def party_leadership_clause(r: Row) -> bool:
    return r.p.charter.party_leadership_clause


@society("charter.party_building_clause", bool, zh="章程载明加强党的建设", en="the charter has party-building provisions",
         sources=["charter.party_building_clause"])
def party_building_clause(r: Row) -> bool:
    return r.p.charter.party_building_clause


@society("staff.full_time", int, unit="persons", zh="专职工作人员人数", en="full-time staff", sources=["staff.full_time"])
def staff_full_time(r: Row) -> int:
    return r.p.staff.full_time
