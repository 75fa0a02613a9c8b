"""Facts about evaluations (item 7 and 保障措施): the association's yearly grades and the civil-affairs grade."""

from __future__ import annotations

from .calendar import expected_grade_year
from .registry import Row
from .society import society

_GRADES = ["evaluations.association[].year", "evaluations.association[].grade"]


def _grades(r: Row) -> dict[int, str]:
    return {g.year: g.grade for g in r.p.evaluations.association}


def c_run(r: Row) -> list[int]:
    """The years of the unbroken run of C grades ending with the latest graded year, latest first."""
    grades = r.memo(_grades)
    run: list[int] = []
    if grades:
        year = max(grades)
        while grades.get(year) == "C":
            run.append(year)
            year -= 1
    return run


@society("evaluations.latest_year", int, unit="year", zh="最近一次年度评价的年度", en="year of the latest grade",
         sources=_GRADES)
def latest_year(r: Row) -> int | None:
    grades = r.memo(_grades)
    return max(grades) if grades else None


@society("evaluations.latest_grade", str, zh="最近一次年度评价等次", en="latest grade", sources=_GRADES,
         enum="evaluations.association[].grade")
def latest_grade(r: Row) -> str | None:
    grades = r.memo(_grades)
    return grades[max(grades)] if grades else None


@society("evaluations.consecutive_c", int, unit="years", zh="截至最近评价年度连续评为C等次的年数",
         en="consecutive C grades up to the latest graded year", sources=_GRADES)
def consecutive_c(r: Row) -> int:
    return len(r.memo(c_run))


@society("evaluations.c_years", str, zh="连续C等次的年度（顿号分隔）", en="the years of those C grades", sources=_GRADES)
def c_years(r: Row) -> str | None:
    return "、".join(str(y) for y in sorted(r.memo(c_run))) or None


@society("evaluations.expected_year", int, unit="year", zh="基准日应已有评价结果的最近年度（evaluation_due_month 起为上一年度）",
         en="latest year whose grade should exist at the as-of date (last year from evaluation_due_month on)",
         params={"evaluation_due_month": "int"})
def expected_year(r: Row) -> int:
    return expected_grade_year(r.as_of, r.param("evaluation_due_month"))


@society("evaluations.missing_expected", bool, zh="缺少 expected_year 年度的评价结果（该年度之后成立的不要求）",
         en="no grade for expected_year (not required of a society registered after that year)",
         sources=[*_GRADES, "society.registered_on"], uses=["evaluations.expected_year"])
def missing_expected(r: Row) -> bool:
    year = r["evaluations.expected_year"]
    return year not in r.memo(_grades) and r.p.society.registered_on.year <= year


@society("evaluations.civil_affairs_valid", bool, zh="民政社会组织评估等级在有效期内", en="the civil-affairs grade is still valid",
         sources=["evaluations.civil_affairs.expires_on"])
def civil_affairs_valid(r: Row) -> bool:
    ca = r.p.evaluations.civil_affairs
    return ca is not None and ca.expires_on >= r.as_of


# ---------------------------------------------------------------- 年检 and the annual work report


@society("evaluations.inspection_expected_year", int, unit="year",
         zh="基准日应已有年检结论的最近年度（annual_inspection_due_month 起为上一年度）",
         en="latest year whose annual-inspection result should exist (last year from annual_inspection_due_month on)",
         params={"annual_inspection_due_month": "int"})
def inspection_expected_year(r: Row) -> int:
    return expected_grade_year(r.as_of, r.param("annual_inspection_due_month"))


@society("evaluations.inspection_result", str, zh="inspection_expected_year 年度的年检结论（没有记录时无值）",
         en="the annual-inspection result for inspection_expected_year (none if not recorded)",
         sources=["evaluations.annual_inspections[].year", "evaluations.annual_inspections[].result"],
         uses=["evaluations.inspection_expected_year"], enum="evaluations.annual_inspections[].result")
def inspection_result(r: Row) -> str | None:
    year = r["evaluations.inspection_expected_year"]
    return next((i.result for i in r.p.evaluations.annual_inspections if i.year == year), None)


@society("evaluations.inspection_missing", bool, zh="缺少 inspection_expected_year 年度的年检结论（该年度之后成立的不要求）",
         en="no annual-inspection result for inspection_expected_year (not required of a society registered later)",
         sources=["society.registered_on"], uses=["evaluations.inspection_result", "evaluations.inspection_expected_year"])
def inspection_missing(r: Row) -> bool:
    return r["evaluations.inspection_result"] is None and \
        r.p.society.registered_on.year <= r["evaluations.inspection_expected_year"]


@society("evaluations.report_expected_year", int, unit="year",
         zh="基准日应已报送年度工作报告的最近年度（annual_report_due_month 起为上一年度）",
         en="latest year whose annual work report should have been submitted (last year from annual_report_due_month on)",
         params={"annual_report_due_month": "int"})
def report_expected_year(r: Row) -> int:
    return expected_grade_year(r.as_of, r.param("annual_report_due_month"))


@society("evaluations.report_missing", bool,
         zh="基准日前没有报送 report_expected_year 年度的工作报告（该年度之后成立的不要求）",
         en="no annual work report for report_expected_year submitted by the as-of date (not required of a society "
            "registered later)",
         sources=["evaluations.annual_reports[].year", "evaluations.annual_reports[].submitted_on", "society.registered_on"],
         uses=["evaluations.report_expected_year"])
def report_missing(r: Row) -> bool:
    year = r["evaluations.report_expected_year"]
    submitted = any(x.year == year and x.submitted_on <= r.as_of for x in r.p.evaluations.annual_reports)
    return not submitted and r.p.society.registered_on.year <= year
