"""Facts about membership (item 4: dynamic management) and one fact per branch or representative office (item 5)."""

from __future__ import annotations

from .calendar import months_between
from .registry import Row, subject
from .society import society


def _counts(r: Row) -> list:
    """The yearly member counts, oldest first."""
    return sorted(r.p.membership.counts, key=lambda c: c.year)


def _latest(r: Row):
    return r.memo(_counts)[-1]


@society("membership.year", int, unit="year", zh="最近一次会员人数的年度", en="year of the latest member count",
         sources=["membership.counts[].year"])
def membership_year(r: Row) -> int:
    return _latest(r).year


@society("membership.individual", int, unit="persons", zh="个人会员人数（最近年度）", en="individual members (latest year)",
         sources=["membership.counts[].year", "membership.counts[].individual"])
def individual(r: Row) -> int:
    return _latest(r).individual


@society("membership.group", int, unit="units", zh="单位会员数量（最近年度）", en="group members (latest year)",
         sources=["membership.counts[].year", "membership.counts[].group"])
def group(r: Row) -> int:
    return _latest(r).group


@society("membership.total", int, unit="count", zh="会员总数：个人会员与单位会员之和（最近年度）",
         en="individual and group members together (latest year)",
         sources=["membership.counts[].year", "membership.counts[].individual", "membership.counts[].group"])
def total(r: Row) -> int:
    latest = _latest(r)
    return latest.individual + latest.group


@society("membership.mixed", bool, zh="个人会员、单位会员混合组成（两类都有，最近年度）",
         en="both individual and group members (latest year)",
         sources=["membership.counts[].year", "membership.counts[].individual", "membership.counts[].group"])
def mixed(r: Row) -> bool:
    latest = _latest(r)
    return latest.individual > 0 and latest.group > 0


@society("membership.review_months_since", int, unit="months", zh="距最近一次会员清理核查的整月数",
         en="whole months since the last membership review", sources=["membership.last_review"])
def review_months_since(r: Row) -> int | None:
    review = r.p.membership.last_review
    return months_between(review, r.as_of) if review else None


@society("membership.reviewed", bool, zh="有会员清理核查记录", en="a membership review is recorded",
         sources=["membership.last_review"])
def reviewed(r: Row) -> bool:
    return r.p.membership.last_review is not None


@society("membership.individual_change", int, unit="persons", zh="个人会员人数比上一个记录年度的增减",
         en="change in individual members since the previous recorded year",
         sources=["membership.counts[].year", "membership.counts[].individual"])
def individual_change(r: Row) -> int | None:
    counts = r.memo(_counts)
    return counts[-1].individual - counts[-2].individual if len(counts) > 1 else None


@society("membership.young", int, unit="persons", zh="青年会员人数（最近年度）", en="young members (latest year)",
         sources=["membership.counts[].year", "membership.counts[].young"])
def young(r: Row) -> int | None:
    return _latest(r).young


@society("membership.enterprise", int, unit="persons", zh="企业科技工作者会员人数（最近年度）",
         en="members working in enterprises (latest year)", sources=["membership.counts[].year", "membership.counts[].enterprise"])
def enterprise(r: Row) -> int | None:
    return _latest(r).enterprise


@society("membership.non_public", int, unit="persons", zh="非公领域会员人数（最近年度）", en="members from the non-public sector (latest year)",
         sources=["membership.counts[].year", "membership.counts[].non_public"])
def non_public(r: Row) -> int | None:
    return _latest(r).non_public


@society("membership.student", int, unit="persons", zh="学生会员人数（最近年度）", en="student members (latest year)",
         sources=["membership.counts[].year", "membership.counts[].student"])
def student(r: Row) -> int | None:
    return _latest(r).student


@society("membership.tiers", bool, zh="有分级分类会员体系", en="members are organised in tiers", sources=["membership.tiers"])
def tiers(r: Row) -> bool:
    return r.p.membership.tiers


# ---------------------------------------------------------------- one fact per branch

branch = subject("branch", "分支（代表）机构", "branch or representative office", items=lambda p: p.branches,
                 path="branches[{}]")


def _results(r: Row) -> dict[int, str]:
    return {a.year: a.result for a in r.item.assessments}


@branch("name", str, zh="名称", en="name", sources=["branches[].name"])
def branch_name(r: Row) -> str:
    return r.item.name


@branch("kind", str, zh="类型（分支机构或代表机构）", en="kind (branch or representative office)", sources=["branches[].kind"],
        enum="branches[].kind")
def branch_kind(r: Row) -> str:
    return r.item.kind


@branch("has_resolution", bool, zh="有设立决议（内部民主程序）", en="set up by a recorded council resolution",
        sources=["branches[].resolution_ref"])
def has_resolution(r: Row) -> bool:
    return bool(r.item.resolution_ref)


@branch("within_scope", bool, zh="在章程业务范围内", en="within the charter's business scope", sources=["branches[].within_scope"])
def branch_within_scope(r: Row) -> bool:
    return r.item.within_scope


@branch("months_since_activity", int, unit="months", zh="距最近一次活动的整月数（从未活动的，自设立日期起算）",
        en="whole months since the last activity (since its founding if it never had one)",
        sources=["branches[].last_activity_on", "branches[].established_on"])
def months_since_activity(r: Row) -> int:
    b = r.item
    return months_between(b.last_activity_on or b.established_on, r.as_of)


@branch("age_months", int, unit="months", zh="设立至今的整月数", en="whole months since it was set up",
        sources=["branches[].established_on"])
def age_months(r: Row) -> int:
    return months_between(r.item.established_on, r.as_of)


@branch("expected_year", int, unit="year", zh="应已有考核结果的最近年度", en="latest year whose assessment should exist",
        uses=["society:evaluations.expected_year"])
def branch_expected_year(r: Row) -> int:
    return r.society["evaluations.expected_year"]


@branch("assessed_expected_year", bool, zh="有 expected_year 年度的考核结果（该年度之后设立的不要求）",
        en="assessed for expected_year (not required if set up after that year)",
        sources=["branches[].assessments[].year", "branches[].established_on"], uses=["expected_year"])
def assessed_expected_year(r: Row) -> bool:
    year = r["expected_year"]
    return any(a.year == year for a in r.item.assessments) or r.item.established_on.year > year


@branch("last_result", str, zh="最近一次年度考核结果", en="result of the latest assessment",
        sources=["branches[].assessments[].year", "branches[].assessments[].result"], enum="branches[].assessments[].result")
def last_result(r: Row) -> str | None:
    results = r.memo(_results)
    return results[max(results)] if results else None


@branch("cleanup", str, zh="清理状态", en="clean-up status", sources=["branches[].cleanup"], enum="branches[].cleanup")
def cleanup(r: Row) -> str:
    return r.item.cleanup


@branch("own_seal", bool, zh="自行刻制印章", en="made its own seal", sources=["branches[].own_seal"])
def own_seal(r: Row) -> bool:
    return r.item.own_seal


@branch("own_bank_account", bool, zh="单独开设银行账户", en="opened its own bank account", sources=["branches[].own_bank_account"])
def own_bank_account(r: Row) -> bool:
    return r.item.own_bank_account


@branch("collects_fees", bool, zh="未经授权自行收取会费", en="collects membership fees on its own", sources=["branches[].collects_fees"])
def collects_fees(r: Row) -> bool:
    return r.item.collects_fees
