"""Facts about the society's work (items 6–22): hosted activities, outputs and popular science, and one fact
per activity, foreign cooperation or donation, and award."""

from __future__ import annotations

from datetime import date

from .. import profile as schema_models
from .calendar import months_between
from .registry import Row, subject
from .society import society


def _hosted(r: Row) -> list:
    """Activities the society hosted, organised or co-organised (not those it only lent its name to)."""
    roles = r.param("hosting_roles")
    return [a for a in r.p.activities if a.role in roles]


def _recent_of_kind(r: Row, kind: str) -> list:
    return [a for a in r.memo(_hosted) if a.kind == kind and r.within(a.start)]


def _conferences(r: Row) -> list:
    return _recent_of_kind(r, "学术会议")


def _popsci(r: Row) -> list:
    return _recent_of_kind(r, "科普")


_HOSTED = ["activities[].role", "activities[].start"]
_HOSTED_PARAMS = {"hosting_roles": "list", "recent_window_days": "int"}


@society("activities.conferences_12m", int, unit="count", zh="近12个月主办、承办或协办（hosting_roles）的学术会议数",
         en="academic conferences hosted (hosting_roles) in the look-back year",
         sources=[*_HOSTED, "activities[].kind"], params=_HOSTED_PARAMS)
def conferences_12m(r: Row) -> int:
    return len(r.memo(_conferences))


@society("activities.high_level_conferences_12m", int, unit="count", zh="其中高质量高水平学术会议数",
         en="of which high-level conferences", sources=[*_HOSTED, "activities[].kind", "activities[].high_level"],
         params=_HOSTED_PARAMS)
def high_level_conferences_12m(r: Row) -> int:
    return sum(1 for a in r.memo(_conferences) if a.high_level)


@society("activities.popsci_12m", int, unit="count", zh="近12个月主办、承办或协办的科普活动数",
         en="popular-science activities hosted in the look-back year", sources=[*_HOSTED, "activities[].kind"],
         params=_HOSTED_PARAMS)
def popsci_12m(r: Row) -> int:
    return len(r.memo(_popsci))


@society("activities.popsci_led_12m", int, unit="count", zh="其中理事长或秘书长带头参加的科普活动数",
         en="of which led by the president or secretary-general",
         sources=[*_HOSTED, "activities[].kind", "activities[].led_by"], params=_HOSTED_PARAMS)
def popsci_led_12m(r: Row) -> int:
    return sum(1 for a in r.memo(_popsci) if a.led_by)


@society("activities.international_12m", int, unit="count", zh="近12个月主办、承办或协办的国际性活动数",
         en="international activities hosted in the look-back year", sources=[*_HOSTED, "activities[].international"],
         params=_HOSTED_PARAMS)
def international_12m(r: Row) -> int:
    return sum(1 for a in r.memo(_hosted) if a.international and r.within(a.start))


@society("activities.audiences_12m", int, unit="count", zh="近12个月科普活动覆盖的对象类别数",
         en="kinds of audience reached by popular science in the look-back year",
         sources=[*_HOSTED, "activities[].kind", "activities[].audiences"], params=_HOSTED_PARAMS)
def audiences_12m(r: Row) -> int:
    return len({audience for a in r.memo(_popsci) for audience in a.audiences})


@society("activities.key_audiences_12m", int, unit="count",
         zh="近12个月科普活动覆盖的五类重点人群（popsci_key_audiences）的类别数",
         en="kinds of the five key groups (popsci_key_audiences) reached by popular science in the look-back year",
         sources=[*_HOSTED, "activities[].kind", "activities[].audiences"],
         params={**_HOSTED_PARAMS, "popsci_key_audiences": "list"})
def key_audiences_12m(r: Row) -> int:
    key = r.param("popsci_key_audiences")
    return len({audience for a in r.memo(_popsci) for audience in a.audiences if audience in key})


@society("activities.science_day_12m", int, unit="count", zh="近12个月主办、承办或协办的“全国科普日”活动数",
         en="National Science Popularisation Day activities hosted in the look-back year",
         sources=[*_HOSTED, "activities[].campaign"], params=_HOSTED_PARAMS)
def science_day_12m(r: Row) -> int:
    return sum(1 for a in r.memo(_hosted) if a.campaign == "全国科普日" and r.within(a.start))


@society("activities.ethics_lectures_12m", int, unit="count", zh="近12个月主办、承办或协办的科学道德和学风建设宣讲次数",
         en="talks on research ethics and academic integrity hosted in the look-back year",
         sources=[*_HOSTED, "activities[].kind"], params=_HOSTED_PARAMS)
def ethics_lectures_12m(r: Row) -> int:
    return len(_recent_of_kind(r, "学风道德宣讲"))


@society("foreign.cooperation_12m", int, unit="count", zh="近12个月经审批或备案的境外合作数（与境外民间科技组织的学科和技术合作交流）",
         en="approved cooperations with foreign bodies in the look-back year",
         sources=["foreign[].kind", "foreign[].date", "foreign[].approval_ref"], params={"recent_window_days": "int"})
def foreign_cooperation_12m(r: Row) -> int:
    return sum(1 for f in r.p.foreign if f.kind == "合作" and f.approval_ref and r.within(f.date))


@society("outputs.grassroots_links_12m", int, unit="count", zh="近12个月与基层“三会”对接的记录数",
         en="links with grassroots societies in the look-back year", sources=["outputs.grassroots_links[].date"],
         params={"recent_window_days": "int"})
def grassroots_links_12m(r: Row) -> int:
    return sum(1 for x in r.p.outputs.grassroots_links if r.within(x.date))


@society("activities.last_months_since", int, unit="months",
         zh="距最近一次活动（学会主办、承办或协办的活动，或分支机构的活动）的整月数；从未活动的自登记日期起算",
         en="whole months since the last activity of the society or a branch (since registration if none)",
         sources=[*_HOSTED, "branches[].last_activity_on", "society.registered_on"], params={"hosting_roles": "list"})
def last_months_since(r: Row) -> int:
    return months_between(r.memo(last_activity), r.as_of)


def last_activity(r: Row) -> date:
    """The day of the last activity of the society (hosted) or of a branch; the registration day if none."""
    days = [a.start for a in r.memo(_hosted) if a.start <= r.as_of]
    days += [b.last_activity_on for b in r.p.branches if b.last_activity_on and b.last_activity_on <= r.as_of]
    return max(days) if days else r.p.society.registered_on


@society("outputs.think_tank_12m", int, unit="count", zh="近12个月报送的智库成果数", en="think-tank reports in the look-back year",
         sources=["outputs.think_tank_reports[].date"], params={"recent_window_days": "int"})
def think_tank_12m(r: Row) -> int:
    return sum(1 for x in r.p.outputs.think_tank_reports if r.within(x.date))


@society("outputs.talents_12m", int, unit="count", zh="近12个月举荐人才人次", en="talent recommendations in the look-back year",
         sources=["outputs.talent_recommendations[].date"], params={"recent_window_days": "int"})
def talents_12m(r: Row) -> int:
    return sum(1 for x in r.p.outputs.talent_recommendations if r.within(x.date))


@society("outputs.service_units", int, unit="count", zh="科技服务团和工作站的数量", en="service teams and stations",
         sources=["outputs.service_teams", "outputs.service_stations"])
def service_units(r: Row) -> int:
    return len(r.p.outputs.service_teams) + len(r.p.outputs.service_stations)


@society("outputs.gov_services_24m", int, unit="count", zh="近 gov_services_window_days 天承接的政府购买服务项目数",
         en="government-purchased services in the last gov_services_window_days days",
         sources=["outputs.government_services[].date"], params={"gov_services_window_days": "int"})
def gov_services_24m(r: Row) -> int:
    return sum(1 for x in r.p.outputs.government_services if r.within(x.date, "gov_services_window_days"))


@society("popular_science.department", bool, zh="设有独立科普工作部门", en="a popular-science department exists",
         sources=["popular_science.department"])
def popsci_department(r: Row) -> bool:
    return r.p.popular_science.department


@society("popular_science.committee", bool, zh="设有科普工作专门委员会", en="a popular-science committee exists",
         sources=["popular_science.committee"])
def popsci_committee(r: Row) -> bool:
    return r.p.popular_science.committee


@society("popular_science.new_media", int, unit="count", zh="科普新媒体平台数", en="popular-science new-media channels",
         sources=["popular_science.new_media"])
def popsci_new_media(r: Row) -> int:
    return len(r.p.popular_science.new_media)


# ---------------------------------------------------------------- one fact per activity

activity = subject("activity", "业务活动", "activity", items=lambda p: p.activities, path="activities[{}]")

# The words the schema gives each compulsion (强制参加 …) are what a message shows.
_COMPULSIONS = {name: f.title for name, f in schema_models.Compulsion.model_fields.items()}


@activity("name", str, zh="名称", en="name", sources=["activities[].name"])
def activity_name(r: Row) -> str:
    return r.item.name


@activity("kind", str, zh="活动类型", en="kind", sources=["activities[].kind"], enum="activities[].kind")
def activity_kind(r: Row) -> str:
    return r.item.kind


@activity("role", str, zh="学会角色（主办、协办、承办或挂名）", en="the society's role", sources=["activities[].role"],
          enum="activities[].role")
def activity_role(r: Row) -> str:
    return r.item.role


@activity("start", date, unit="date", zh="开始日期", en="start date", sources=["activities[].start"])
def activity_start(r: Row) -> date:
    return r.item.start


@activity("within_scope", bool, zh="在章程业务范围内", en="within the charter's business scope",
          sources=["activities[].within_scope"])
def activity_within_scope(r: Row) -> bool:
    return r.item.within_scope


@activity("fee_total", float, unit="yuan", zh="收费合计（元）", en="fees charged in total (yuan)",
          sources=["activities[].fees[].amount"])
def fee_total(r: Row) -> float:
    return sum(f.amount for f in r.item.fees)


def _from_partner(r: Row, fee) -> bool:
    return fee.payer in r.param("partner_payers") or fee.payer_role in r.param("partner_payer_roles")


@activity("fees_from_partners", float, unit="yuan",
          zh="向合作方收取的费用（元）：收取对象属于 partner_payers，或付费方角色属于 partner_payer_roles",
          en="fees collected from partners (a payer in partner_payers or a payer role in partner_payer_roles), in yuan",
          sources=["activities[].fees[].amount", "activities[].fees[].payer", "activities[].fees[].payer_role"],
          params={"partner_payers": "list", "partner_payer_roles": "list"})
def fees_from_partners(r: Row) -> float:
    return sum(f.amount for f in r.item.fees if _from_partner(r, f))


def _banned_fees(r: Row) -> list:
    """Fees taken by lending the name: any fee when the society only lent its name, a fee named for the name
    (banned_fee_purposes), or a fee from a partner in organising the activity."""
    named = r.item.role == "挂名"
    purposes = r.param("banned_fee_purposes")
    return [f for f in r.item.fees if named or f.purpose in purposes or _from_partner(r, f)]


_FEE_SOURCES = ["activities[].role", "activities[].fees[].amount", "activities[].fees[].payer",
                "activities[].fees[].payer_role", "activities[].fees[].purpose"]
_FEE_PARAMS = {"partner_payers": "list", "partner_payer_roles": "list", "banned_fee_purposes": "list"}


@activity("fees_banned", float, unit="yuan",
          zh="借名义收取的费用（元）：学会只挂名时收取的全部费用，名目属于 banned_fee_purposes 的费用，以及向合作方收取的费用",
          en="fees taken by lending the name (yuan): every fee when the society only lent its name, fees named in "
             "banned_fee_purposes, and fees from partners",
          sources=_FEE_SOURCES, params=_FEE_PARAMS)
def fees_banned(r: Row) -> float:
    return sum(f.amount for f in r.memo(_banned_fees))


def _yuan(amount: float) -> str:
    return f"{amount:.2f}".rstrip("0").rstrip(".")


@activity("banned_fee_items", str, zh="借名义收取的各笔费用（收取对象、角色、名目、金额，顿号分隔）",
          en="the fees taken by lending the name: payer, role, purpose and amount", sources=_FEE_SOURCES,
          params=_FEE_PARAMS)
def banned_fee_items(r: Row) -> str | None:
    items = []
    for f in r.memo(_banned_fees):
        role = f"（{f.payer_role}）" if f.payer_role and f.payer_role != f.payer else ""
        items.append(f"{f.payer}{role}{f.purpose or '费用'}{_yuan(f.amount)}元")
    return "、".join(items) or None


def _compulsions(r: Row) -> list[str]:
    return [name for name in _COMPULSIONS if getattr(r.item.compulsory, name)]


@activity("compulsory_any", bool, zh="有强制参加、赞助、捐赠或订购", en="participation, sponsorship, donations or purchases were compulsory",
          sources=["activities[].compulsory"])
def compulsory_any(r: Row) -> bool:
    return bool(r.memo(_compulsions))


@activity("compulsory_items", str, zh="强制要求的名称（顿号分隔）", en="the compulsory items, named",
          sources=["activities[].compulsory"])
def compulsory_items(r: Row) -> str:
    return "、".join(_COMPULSIONS[name] for name in r.memo(_compulsions))


@activity("supervised", bool, zh="对活动全过程监管", en="the society supervised the whole activity",
          sources=["activities[].supervised"])
def supervised(r: Row) -> bool:
    return r.item.supervised


@activity("has_filing", bool, zh="有备案文号", en="the activity was filed", sources=["activities[].filing_ref"])
def has_filing(r: Row) -> bool:
    return bool(r.item.filing_ref)


@activity("after_policy", bool, zh="在《意见》印发之日或之后开始", en="began on or after the day the policy was issued",
          sources=["activities[].start"], params={"policy_effective_date": "date"})
def activity_after_policy(r: Row) -> bool:
    return r.item.start >= r.param("policy_effective_date")


# ---------------------------------------------------------------- one fact per foreign cooperation or donation

foreign = subject("foreign", "境外合作与捐赠", "foreign cooperation or donation", items=lambda p: p.foreign,
                  path="foreign[{}]")


@foreign("partner", str, zh="境外合作方", en="foreign partner", sources=["foreign[].partner"])
def foreign_partner(r: Row) -> str:
    return r.item.partner


@foreign("country", str, zh="国家或地区", en="country or region", sources=["foreign[].country"])
def foreign_country(r: Row) -> str:
    return r.item.country


@foreign("kind", str, zh="类型（合作或捐赠）", en="kind (cooperation or donation)", sources=["foreign[].kind"],
         enum="foreign[].kind")
def foreign_kind(r: Row) -> str:
    return r.item.kind


@foreign("date", date, unit="date", zh="日期", en="date", sources=["foreign[].date"])
def foreign_date(r: Row) -> date:
    return r.item.date


@foreign("amount", float, unit="yuan", zh="金额（元）", en="amount (yuan)", sources=["foreign[].amount"])
def foreign_amount(r: Row) -> float | None:
    return r.item.amount


@foreign("has_approval", bool, zh="有审批或备案文号", en="approved or filed", sources=["foreign[].approval_ref"])
def foreign_has_approval(r: Row) -> bool:
    return bool(r.item.approval_ref)


@foreign("after_policy", bool, zh="在《意见》印发之日或之后", en="on or after the day the policy was issued",
         sources=["foreign[].date"], params={"policy_effective_date": "date"})
def foreign_after_policy(r: Row) -> bool:
    return r.item.date >= r.param("policy_effective_date")


# ---------------------------------------------------------------- one fact per award

award = subject("award", "评比达标表彰", "award", items=lambda p: p.awards, path="awards[{}]")


@award("name", str, zh="名称", en="name", sources=["awards[].name"])
def award_name(r: Row) -> str:
    return r.item.name


@award("date", date, unit="date", zh="日期", en="date", sources=["awards[].date"])
def award_date(r: Row) -> date:
    return r.item.date


@award("has_approval", bool, zh="有评比达标表彰批准文号", en="the award is approved", sources=["awards[].approval_ref"])
def award_has_approval(r: Row) -> bool:
    return bool(r.item.approval_ref)


@award("fees_charged", float, unit="yuan", zh="向参评对象收取的费用（元）", en="fees charged to candidates (yuan)",
       sources=["awards[].fees_charged"])
def fees_charged(r: Row) -> float:
    return r.item.fees_charged


@award("co_host_for_profit", bool, zh="有营利性协办单位", en="a for-profit co-host took part", sources=["awards[].co_host_for_profit"])
def co_host_for_profit(r: Row) -> bool:
    return r.item.co_host_for_profit


@award("after_policy", bool, zh="在《意见》印发之日或之后", en="on or after the day the policy was issued",
       sources=["awards[].date"], params={"policy_effective_date": "date"})
def award_after_policy(r: Row) -> bool:
    return r.item.date >= r.param("policy_effective_date")


# ---------------------------------------------------------------- one fact per standing purchase requirement

purchase = subject("purchase", "强制购买", "compulsory purchase", items=lambda p: p.compulsory_purchases,
                   path="compulsory_purchases[{}]")


@purchase("item", str, zh="产品或刊物", en="product or journal", sources=["compulsory_purchases[].item"])
def purchase_item(r: Row) -> str:
    return r.item.item


@purchase("applies_to", str, zh="要求对象", en="who must buy", sources=["compulsory_purchases[].applies_to"],
          enum="compulsory_purchases[].applies_to")
def purchase_applies_to(r: Row) -> str:
    return r.item.applies_to


@purchase("amount", float, unit="yuan", zh="金额（元）", en="amount (yuan)", sources=["compulsory_purchases[].amount"])
def purchase_amount(r: Row) -> float:
    return r.item.amount


@purchase("since", date, unit="date", zh="要求开始日期", en="in force since", sources=["compulsory_purchases[].since"])
def purchase_since(r: Row) -> date:
    return r.item.since


@purchase("in_force_after_policy", bool, zh="要求在《意见》印发之日或之后仍在执行（未取消，或取消日期不早于印发日期）",
          en="still in force on or after the day the policy was issued",
          sources=["compulsory_purchases[].until"], params={"policy_effective_date": "date"})
def purchase_in_force_after_policy(r: Row) -> bool:
    until = r.item.until
    return until is None or until >= r.param("policy_effective_date")
