"""Facts for item 7's own categories: the composite signals of 活力不足 and 履职不力 (indicators named in
params.yaml, counted here), and the days the two revocation conditions began to hold (read by the ladder).
"""

from __future__ import annotations

from calendar import monthrange
from collections.abc import Callable
from datetime import date

from .evaluations import c_run
from .registry import FACTS, Row
from .society import society
from .work import last_activity

# ---------------------------------------------------------------- 活力不足: the society's core activities

# indicator -> (applies to this society, missing in the look-back year). The names are the choices of the
# parameter `vitality_indicators`; an indicator that does not apply (no council, no party organisation, no
# branch) is neither missing nor counted.
_VITALITY: dict[str, tuple[Callable[[Row], bool], Callable[[Row], bool]]] = {
    "学术会议": (lambda r: True, lambda r: r["activities.conferences_12m"] == 0),
    "科普活动": (lambda r: True, lambda r: r["activities.popsci_12m"] == 0),
    "理事会会议": (lambda r: r.p.governance.council is not None, lambda r: r["governance.council_meetings_12m"] == 0),
    "党的活动": (lambda r: r.p.party.organisation != "none", lambda r: r["party.activities_12m"] == 0),
    "分支机构活动": (lambda r: any(b.cleanup != "已撤销" for b in r.p.branches),
                 lambda r: not any(r.within(b.last_activity_on) for b in r.p.branches if b.cleanup != "已撤销")),
    "智库成果": (lambda r: True, lambda r: r["outputs.think_tank_12m"] == 0),
    "人才举荐": (lambda r: True, lambda r: r["outputs.talents_12m"] == 0),
}
VITALITY_INDICATORS = tuple(_VITALITY)
_VITALITY_USES = ["activities.conferences_12m", "activities.popsci_12m", "governance.council_meetings_12m",
                  "party.activities_12m", "outputs.think_tank_12m", "outputs.talents_12m"]
# which indicators apply and which are missing are worked out together (one memo): each fact reads them all
_VITALITY_SOURCES = ["governance.council", "party.organisation", "branches[].cleanup", "branches[].last_activity_on"]


def _vitality(r: Row) -> tuple[list[str], list[str]]:
    """(indicators that apply, those missing), in the order of the parameter."""
    applies = [name for name in r.param("vitality_indicators") if _VITALITY[name][0](r)]
    return applies, [name for name in applies if _VITALITY[name][1](r)]


@society("vitality.checked", int, unit="count", zh="适用于本学会的活力指标数（vitality_indicators 中适用的项）",
         en="vitality indicators that apply to the society (of vitality_indicators)",
         sources=_VITALITY_SOURCES, params={"vitality_indicators": "list", "recent_window_days": "int"},
         uses=_VITALITY_USES)
def vitality_checked(r: Row) -> int:
    return len(r.memo(_vitality)[0])


@society("vitality.missing_count", int, unit="count", zh="近12个月缺少的活力指标数",
         en="vitality indicators missing in the look-back year",
         sources=_VITALITY_SOURCES, params={"vitality_indicators": "list", "recent_window_days": "int"},
         uses=["vitality.checked"])
def vitality_missing_count(r: Row) -> int:
    return len(r.memo(_vitality)[1])


@society("vitality.missing", str, zh="近12个月缺少的活力指标（顿号分隔）", en="the vitality indicators missing",
         uses=["vitality.missing_count"])
def vitality_missing(r: Row) -> str | None:
    return "、".join(r.memo(_vitality)[1]) or None


# ---------------------------------------------------------------- 履职不力: the yearly duties recorded


def _branches_unassessed(r: Row) -> bool:
    """A branch not wound up has no assessment for the year it should have one (the branch fact's own formula)."""
    facts = FACTS["branch"]
    return any(not Row(facts, b, r.ctx)["assessed_expected_year"] for b in r.p.branches if b.cleanup != "已撤销")


# duty -> unmet. The names are the choices of the parameter `duty_indicators`. A record that is missing (no
# inspection result, no grade) is not counted: it shows a gap in the file, not a duty left undone.
_DUTIES: dict[str, Callable[[Row], bool]] = {
    "年度工作报告": lambda r: r["evaluations.report_missing"],
    "年检": lambda r: r["evaluations.inspection_result"] in ("基本合格", "不合格", "未参检"),
    "会员核查": lambda r: not r["membership.reviewed"]
    or r["membership.review_months_since"] > r.param("membership_review_months"),
    "分支机构考核": _branches_unassessed,
}
DUTY_INDICATORS = tuple(_DUTIES)


def _duties(r: Row) -> list[str]:
    return [name for name in r.param("duty_indicators") if _DUTIES[name](r)]


@society("duties.unmet_count", int, unit="count", zh="未履行的年度职责数（duty_indicators 中的项）",
         en="yearly duties left undone (of duty_indicators)",
         sources=["branches[].assessments[].year", "branches[].established_on", "branches[].cleanup"],
         params={"duty_indicators": "list", "membership_review_months": "int"},
         uses=["evaluations.report_missing", "evaluations.inspection_result", "membership.reviewed",
               "membership.review_months_since", "evaluations.expected_year"])
def duties_unmet_count(r: Row) -> int:
    return len(r.memo(_duties))


@society("duties.unmet", str, zh="未履行的年度职责（顿号分隔）", en="the yearly duties left undone", uses=["duties.unmet_count"])
def duties_unmet(r: Row) -> str | None:
    return "、".join(r.memo(_duties)) or None


# ---------------------------------------------------------------- when the revocation conditions began to hold


@society("evaluations.c_condition_since", date, unit="date",
         zh="“连续两年C等次”开始成立之日：连续C等次达到 revocation_grades_years 年的那一年度的次年1月1日（未达到则无值）",
         en="the day the run of C grades reached revocation_grades_years (1 January after that graded year; none if not)",
         sources=["evaluations.association[].year", "evaluations.association[].grade"],
         params={"revocation_grades_years": "int"})
def c_condition_since(r: Row) -> date | None:
    run = sorted(r.memo(c_run))
    needed = r.param("revocation_grades_years")
    # a year's grade can be known at the earliest once the year is over
    return date(run[needed - 1] + 1, 1, 1) if len(run) >= needed else None


def _add_months(day: date, months: int) -> date:
    """The same day `months` later (the last day of the month when it has no such day)."""
    years, month0 = divmod(day.month - 1 + months, 12)
    year, month = day.year + years, month0 + 1
    return date(year, month, min(day.day, monthrange(year, month)[1]))


@society("activities.inactive_since", date, unit="date",
         zh="“长期不开展活动”开始成立之日：最近一次活动（从未活动的为登记日期）后满 society_inactive_months 个月之日",
         en="the day the society had gone society_inactive_months without activity (from its last activity, or "
            "registration)",
         sources=["activities[].role", "activities[].start", "branches[].last_activity_on", "society.registered_on"],
         params={"hosting_roles": "list", "society_inactive_months": "int"})
def inactive_since(r: Row) -> date:
    return _add_months(r.memo(last_activity), r.param("society_inactive_months"))
