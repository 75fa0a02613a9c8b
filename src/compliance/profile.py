"""The society profile schema: one YAML document per society, as pydantic models.

Every field has a Chinese title and description (they show up in the JSON Schema); unknown keys are errors.
Built when first used (`defer_build`): the whole schema once, for `Profile`, not once per nested model.
"""

import math
import re
from datetime import date
from decimal import Decimal
from typing import Annotated, Any, ClassVar, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    GetCoreSchemaHandler,
    WithJsonSchema,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError, PydanticKnownError, core_schema

from .escapes import hidden_char

# Bounds of every number a profile may hold (README, 保证 / Guarantees). Anything outside is refused at validation,
# so the facts and the rules engine only ever see plain finite numbers that JSON writes without an exponent.
MAX_COUNT = 10_000_000  # people, meetings, activities: far above any society
MAX_YUAN = 1_000_000_000_000  # 1 万亿元 per amount; amounts are in yuan with at most two decimals (分)
YUAN_DECIMALS = 2
FIRST_YEAR, LAST_YEAR = 1949, 2100
FIRST_DAY, LAST_DAY = date(1900, 1, 1), date(2100, 12, 31)


class Mark:
    """A marker in a field's type, read by the checks that walk the validated profile (see `validate`)."""

    def __init__(self, name: str):
        self.name = name

    def __repr__(self) -> str:
        return f"Mark({self.name})"


MAY_BE_FUTURE = Mark("may_be_future")  # term ends, deferral ends, expiry dates, deadlines: may lie ahead
YEAR = Mark("year")  # an integer that is a calendar year (it cannot lie ahead either)
# The point-in-time view at an --as-of day (see `asof`). Every list-item model with a date or year field marks
# the field that says when the entry came to exist (SINCE: entries after the day are left out), or says in
# `as_of_kept` why its entries are kept whole; a test holds every model to it.
SINCE = Mark("since")
LATEST = Mark("latest")  # the latest of a recurring event (last review, last activity): kept at an earlier day


class _Check:
    """A one-argument validator run after (or before, or instead of) the type's own: pydantic's AfterValidator and
    friends inspect the function's signature at every use of the type (~100 uses, ~10 ms at every start-up)."""

    __slots__ = ("func", "mode")

    def __init__(self, func: Any, mode: str = "after"):
        self.func, self.mode = func, mode

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        if self.mode == "plain":
            return core_schema.no_info_plain_validator_function(self.func)
        make = (core_schema.no_info_after_validator_function if self.mode == "after"
                else core_schema.no_info_before_validator_function)
        return make(self.func, handler(source))


# ---------------------------------------------------------------- text

def text(*, lines: bool = False, required: bool = True) -> Any:
    """The type of profile text: never a control, bidi or separator character; line breaks and tabs only when
    `lines` (free text such as notes); when `required`, neither empty nor only whitespace."""

    def check(value: str) -> str:
        bad = hidden_char(value, lines)
        if bad is not None:
            key = "v_line_break" if bad in "\n\t\r" and not lines else "v_hidden_char"
            raise PydanticCustomError(key, "hidden character {char}", {"char": f"U+{ord(bad):04X}"})
        if required and not value.strip():
            raise PydanticCustomError("v_blank", "blank text", {})
        return value

    if required:
        return Annotated[str, Field(min_length=1), _Check(check)]
    return Annotated[str, _Check(check)]


Text = text()  # one line, required: names, ids, refs, titles
Line = text(required=False)  # one line, may be empty: optional references, addresses, list items
Note = text(lines=True)  # several lines allowed: notes, justifications


# ---------------------------------------------------------------- numbers and dates

def _yuan(value: Any) -> float:
    """An amount in yuan: a finite number within 0..MAX_YUAN with at most two decimals; -0.0 becomes 0."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise PydanticKnownError("float_type")
    if isinstance(value, float) and not math.isfinite(value):
        raise PydanticCustomError("v_not_finite", "not a finite number", {})
    if value < 0:
        raise PydanticKnownError("greater_than_equal", {"ge": 0})
    if value > MAX_YUAN:
        raise PydanticKnownError("less_than_equal", {"le": MAX_YUAN})
    # repr is the shortest text that reads back as the same float: the decimal the person wrote
    exponent = Decimal(repr(value)).as_tuple().exponent
    if isinstance(exponent, int) and exponent < -YUAN_DECIMALS:
        raise PydanticCustomError("v_decimals", "too many decimals", {"places": YUAN_DECIMALS})
    return float(value) + 0.0  # + 0.0 turns -0.0 into 0.0


_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _day(value: Any) -> Any:
    """Dates are YAML dates or quoted YYYY-MM-DD text; a number is never read as a Unix timestamp."""
    if value.__class__ is date:
        return value
    if isinstance(value, bool | int | float):
        raise PydanticKnownError("date_type")
    if isinstance(value, str) and not _ISO_DAY.match(value):
        raise PydanticCustomError("v_date", "not a YYYY-MM-DD date", {})
    return value


def _day_range(value: date) -> date:
    if not FIRST_DAY <= value <= LAST_DAY:
        raise PydanticCustomError("v_date_range", "date out of range",
                                  {"first": FIRST_DAY.isoformat(), "last": LAST_DAY.isoformat()})
    return value


Day = Annotated[date, _Check(_day, "before"), Field(strict=False), _Check(_day_range)]
FutureDay = Annotated[Day, MAY_BE_FUTURE]
Since = Annotated[Day, SINCE]  # the day an entry came to exist
Latest = Annotated[Day, LATEST]
Count = Annotated[int, Field(ge=0, le=MAX_COUNT)]
Year = Annotated[int, Field(ge=FIRST_YEAR, le=LAST_YEAR), YEAR]
SinceYear = Annotated[Year, SINCE]  # the year an entry is about
Money = Annotated[float, _Check(_yuan, "plain"), WithJsonSchema(
    {"type": "number", "minimum": 0, "maximum": MAX_YUAN, "description": "元，最多两位小数（精确到分）"})]
SocietyId = Annotated[Text, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")]


def not_before(field: str, earlier: str, key: str, name: str = "start") -> Any:
    """A validator for a model: date `field` must not come before date `earlier` (declared above it)."""

    def check(cls: type, value: date | None, info: Any) -> date | None:
        start = info.data.get(earlier)
        if value is not None and start is not None and value < start:
            raise PydanticCustomError(key, key, {"actual": value.isoformat(), name: start.isoformat()})
        return value

    return field_validator(field)(check)


def _empty() -> list:
    """An empty list, as a default: pydantic reads a builtin's signature from its text (~0.4 ms for each of
    ~30 list fields at every start-up), a Python function's at once."""
    return []


def F(title: str, description: str = "", **kw):  # noqa: N802 - reads like a column header
    """A field with its Chinese title and description."""
    return Field(title=title, description=description or title, **kw)


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, defer_build=True)


# ---------------------------------------------------------------- identity and charter

SocietyType = Literal["学会", "协会", "研究会"]
SocietyStatus = Literal["正常", "停止活动", "已注销", "已撤销团体会员资格"]


class Society(Model):
    id: SocietyId = F("档案编号", "本档案在科协的唯一编号，例如 NX-XH-001；用于报告、基线和文件名。")
    name: Text = F("学会名称", "登记证书上的全称。")
    credit_code: Text = F("统一社会信用代码", "18 位统一社会信用代码。", pattern=r"^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$")
    type: SocietyType = F("类型", "学会、协会或研究会。")
    discipline: Text = F("学科领域")
    registered_on: Since = F("登记日期", "民政部门登记成立的日期。")
    supervisory_unit: Text = F("业务主管单位")
    registration_authority: Text = F("登记管理机关")
    member_since: Day | None = F("加入科协日期", "成为自治区科协团体会员的日期。", default=None)
    status: SocietyStatus = F("状态", default="正常")
    activity_funds: Money | None = F("活动资金（元）", default=None)
    address: Line | None = F("地址", default=None)
    contact: Line | None = F("联系人及电话", default=None)


class Charter(Model):
    adopted_on: Day = F("章程核准日期", "现行章程通过或核准的日期。")
    party_leadership_clause: bool = F("载入坚持党的全面领导", "章程是否载明坚持党的全面领导。")
    party_building_clause: bool = F("载入加强党的建设", "章程是否载明党的建设有关内容。")
    business_scope: list[Text] = F("业务范围", "章程规定的业务范围，逐项列出。", min_length=1)
    term_years: Annotated[int, Field(ge=1, le=10)] = F("理事会每届年限", default=5)
    officer_age_limit: Annotated[int, Field(ge=30, le=100)] | None = F("负责人最高任职年龄", "章程规定的负责人最高任职年龄（周岁）。", default=None)
    term_limit: Annotated[int, Field(ge=1, le=10)] | None = F("负责人连任届数上限", default=None)


# ---------------------------------------------------------------- party organisation

PartyOrgType = Literal["党委", "党总支", "党支部", "联合党支部", "功能型党组织", "none"]
CouncilRole = Literal["理事长", "副理事长", "常务理事", "理事"]
Body = Literal["理事会", "监事会", "秘书处", "常务理事会"]


class PartySecretary(Model):
    name: Text = F("姓名")
    council_role: Literal["理事长", "副理事长", "常务理事", "理事", "秘书长", "监事长", "none"] = F(
        "在学会任职", "党组织负责人在理事会/秘书处的职务（双向进入、交叉任职）；未任职填 none。"
    )


PartyActivityKind = Literal["党员大会", "支委会", "党小组会", "党课", "主题党日", "其他"]


class PartyActivity(Model):
    date: Since = F("日期")
    title: Text = F("活动名称")
    kind: PartyActivityKind | None = F(
        "活动类型", "“三会一课”的类型：党员大会、支委会、党小组会、党课，或主题党日、其他；未注明则不计入“三会一课”的核查。",
        default=None)
    attendance: Count | None = F("到会党员人数", "到会的有表决权的党员人数（党员大会须有半数以上到会方可进行）。", default=None)


class Vetting(Model):
    body: Body = F("机构", "被选举或聘任的机构。")
    elected_on: Since = F("选举/聘任日期")
    vetted_on: Day | None = F("党组织政治把关日期", "没有把关记录则留空。", default=None)


MatterCategory = Literal["重大决策", "重要干部任免", "重大项目安排", "大额资金使用"]


class MajorMatter(Model):
    matter: Text = F("事项")
    category: MatterCategory = F("三重一大类别")
    decided_on: Since = F("决策日期")
    reviewed_on: Day | None = F("党组织前置审查日期", "没有前置审查则留空。", default=None)


class ThreeSync(Model):
    registration: bool = F("与登记同步")
    annual_inspection: bool = F("与年检同步")
    assessment: bool = F("与评估同步")


class Party(Model):
    formal_members: Count = F("正式党员人数", "学会专职工作人员及负责人中的正式党员人数。")
    organisation: PartyOrgType = F("党组织形式", "尚未建立党组织填 none。")
    established_on: Day | None = F("党组织成立日期", default=None)
    secretary: PartySecretary | None = F("党组织负责人", default=None)
    president_is_party_head: bool = F("理事长兼任党组织负责人", default=False)
    instructor: Line | None = F(
        "党建工作指导员", "上级党组织选派的党建工作指导员（或联络员）姓名；正式党员不足 3 名、未建立党组织的学会，以此实现党的工作覆盖。",
        default=None)
    rules: list[Text] = F("党建工作制度", "成文的党建工作制度名称，如“三会一课”制度、党组织议事规则（以制度常态化保障学会党建）。",
                          default_factory=_empty)
    activities: list[PartyActivity] = F("党的活动", "按日期记录的党组织活动。", default_factory=_empty)
    vetting: list[Vetting] = F("政治把关记录", "理事会、监事会、秘书处人选的政治把关。", default_factory=_empty)
    major_matters: list[MajorMatter] = F("三重一大事项", "重大事项及其党组织前置审查。", default_factory=_empty)
    three_sync: ThreeSync | None = F("三同步", "党建工作与登记、年检、评估同步。", default=None)


# ---------------------------------------------------------------- governance bodies

Sector = Literal["高校", "科研院所", "企业", "非公企业", "基层一线", "政府机关", "其他"]
Gender = Literal["男", "女"]


class CouncilMember(Model):
    as_of_kept: ClassVar[str] = "the sitting council: a birth date is not the day a member joined"

    name: Text = F("姓名")
    birth_date: Day = F("出生日期")
    gender: Gender = F("性别")
    role: CouncilRole = F("职务")
    sector: Sector = F("所在领域", "高校、科研院所、企业、非公企业、基层一线、政府机关或其他。")
    employer: Line | None = F("工作单位", default=None)
    consecutive_terms: Annotated[int, Field(ge=1, le=20)] = F("连任届数", "含本届在内已连续担任该职务的届数。", default=1)
    retired_official: bool = F("退（离）休领导干部", default=False)
    retired_official_approval: Line | None = F("兼职审批文号", "退（离）休领导干部兼职的审批或备案文号。", default=None)
    party_member: bool = F("党员", default=False)


class Meeting(Model):
    date: Since = F("日期")
    attendance: Count = F("出席人数")
    expected: Count | None = F("应出席人数", "应出席的理事人数；填写后核查是否达到法定出席比例。", default=None)
    topics: list[Line] = F("议题", default_factory=_empty)
    party_building: bool = F("研究党建工作", "会议议题包含党建工作（党务、业务同谋划同部署）。", default=False)


class Congress(Model):
    last_held: Latest | None = F("最近一次召开日期", "会员（代表）大会最近一次召开的日期。", default=None)
    delegates: Count | None = F("代表人数", default=None)
    rules: bool = F("有议事规则", default=True)


class PreviousCouncil(Model):
    term_start: Day = F("上届起始日期")
    term_end: Day = F("上届届满日期")
    size: Annotated[int, Field(ge=1, le=MAX_COUNT)] = F("上届理事人数")
    middle_young: Count = F("上届中青年理事人数", "换届时不满 middle_young_age 周岁（默认 55 周岁）的理事人数。")
    grassroots: Count = F("上届基层一线理事人数", "所在领域计为基层一线（grassroots_sectors：基层一线、企业、非公企业）的理事人数。")

    _term = not_before("term_end", "term_start", "v_term_end_before_start")

    @model_validator(mode="after")
    def _counts_within_size(self) -> "PreviousCouncil":
        for name in ("middle_young", "grassroots"):
            count = getattr(self, name)
            if count > self.size:
                raise PydanticCustomError("v_count_exceeds_size", "count exceeds size",
                                          {"field": name, "count": count, "size": self.size})
        return self


class Council(Model):
    term_start: Day = F("本届起始日期")
    term_end: FutureDay = F("本届届满日期")
    rules: bool = F("有理事会议事规则", default=True)
    members: list[CouncilMember] = F("理事", "本届全体理事。", min_length=1)
    meetings: list[Meeting] = F("理事会会议", default_factory=_empty)
    previous: PreviousCouncil | None = F(
        "上届理事会构成", "上一届理事会的起止日期、人数和中青年、基层一线理事人数，用于核查“扩大比例”的趋势。", default=None)

    _term = not_before("term_end", "term_start", "v_term_end_before_start")


class StandingCouncil(Model):
    members: list[Text] = F("常务理事", "常务理事姓名。", default_factory=_empty)
    meetings: list[Meeting] = F("常务理事会会议", default_factory=_empty)


class Supervisory(Model):
    kind: Literal["监事会", "监事"] = F("形式")
    members: list[Text] = F("监事", "监事姓名。", min_length=1)
    rules: bool = F("有监事工作制度", default=True)
    elected_on: Day | None = F("本届监事选举日期", "未填写则视为与本届理事会同时产生（本届理事会起始日期）。", default=None)


class Deferral(Model):
    approved_on: Since = F("批准日期")
    approval_ref: Text = F("批准文号")
    new_term_end: FutureDay = F("延期至")


class WorkPlan(Model):
    year: Year = F("年度")
    adopted_on: Since = F("通过日期", "理事会（常务理事会）审议通过年度工作计划的日期。")
    party_building: bool = F("含党建工作安排", "年度工作计划是否同时部署党建工作（党务、业务同谋划同部署）。")


class Governance(Model):
    congress: Congress | None = F("会员（代表）大会", default=None)
    council: Council | None = F("理事会", default=None)
    standing_council: StandingCouncil | None = F("常务理事会", default=None)
    supervisory: Supervisory | None = F("监事会（监事）", default=None)
    office: bool = F("设有办事机构（秘书处）", default=False)
    deferrals: list[Deferral] = F("延期换届批准", default_factory=_empty)
    work_plans: list[WorkPlan] = F("年度工作计划", "逐年的工作计划及其是否含党建工作安排。", default_factory=_empty)


class SecretaryGeneral(Model):
    name: Text = F("姓名")
    full_time: bool = F("专职", "是否全职在学会履职。")
    appointment: Literal["选任", "聘任"] = F("产生方式")
    birth_date: Day | None = F("出生日期", default=None)
    social_insurance_by_society: bool | None = F("由学会缴纳社保", default=None)
    appointed_on: Day | None = F("本届秘书处人选产生日期", "秘书长等秘书处人选选任或聘任的日期；未填写则视为与本届理事会同时产生。",
                                 default=None)


class Staff(Model):
    full_time: Count = F("专职工作人员人数")
    part_time: Count = F("兼职工作人员人数", default=0)
    trained_this_year: Count | None = F("本年度参加业务培训人数", default=None)


# ---------------------------------------------------------------- membership and branches


class MembershipYear(Model):
    year: SinceYear = F("年度")
    individual: Count = F("个人会员")
    group: Count = F("单位会员", default=0)
    young: Count | None = F("青年会员", "青年科技工作者会员人数。", default=None)
    enterprise: Count | None = F("企业科技工作者会员", default=None)
    non_public: Count | None = F("非公领域会员", default=None)
    student: Count | None = F("学生会员", default=None)


class Membership(Model):
    counts: list[MembershipYear] = F("逐年会员人数", min_length=1)
    last_review: Latest | None = F("最近一次会员清理核查日期", "会员动态管理：最近一次核查会员信息、清理失联会员的日期。", default=None)
    tiers: bool = F("分级分类会员体系", default=False)


AssessmentResult = Literal["优秀", "合格", "基本合格", "不合格"]
CleanupStatus = Literal["正常", "整改中", "拟撤销", "已撤销"]


class Assessment(Model):
    year: SinceYear = F("年度")
    result: AssessmentResult = F("考核结果")


class Branch(Model):
    name: Text = F("名称")
    kind: Literal["分支机构", "代表机构"] = F("类型")
    established_on: Since = F("设立日期")
    resolution_ref: Line | None = F("内部民主程序决议", "设立该机构的理事会（常务理事会）决议文号或会议名称。", default=None)
    within_scope: bool = F("在章程业务范围内")
    last_activity_on: Latest | None = F("最近一次活动日期", default=None)
    activities_per_year: dict[Year, Count] = F("逐年活动次数", "年度 → 活动次数。", default_factory=dict)
    assessments: list[Assessment] = F("年度考核", default_factory=_empty)
    cleanup: CleanupStatus = F("清理状态", default="正常")
    own_seal: bool = F("自行刻制印章", "分支机构自行刻制印章（未由学会按《社会团体印章管理规定》统一申报制发，或印文未冠学会名称）。",
                       default=False)
    own_bank_account: bool = F("单独开设银行账户", "分支机构以自己名义开设银行账户（民发〔2014〕259号：不得开设银行账户）。",
                               default=False)
    collects_fees: bool = F("自行收取会费", "分支机构未经学会授权自行收取会费或单独制定会费标准（只能在学会授权范围内按学会会费标准代收）。",
                            default=False)


# ---------------------------------------------------------------- activities, foreign, awards

ActivityKind = Literal["学术会议", "科普", "培训", "论坛", "技术服务", "座谈交流", "学风道德宣讲", "其他"]
ActivityRole = Literal["主办", "协办", "承办", "挂名"]
Audience = Literal["青少年", "农民", "产业工人", "老年人", "领导干部", "公务员", "公众"]
FeePurpose = Literal["注册费", "会务费", "培训费", "资料费", "赞助费", "冠名费", "挂名费", "合作费", "管理费", "其他"]
PayerRole = Literal["参会人员", "赞助方", "实际举办方", "合作方", "其他"]
Campaign = Literal["全国科普日", "科技工作者日", "科技活动周", "其他"]


def _activity_kind(value: Any) -> Any:
    """An award recorded as an activity would escape the award checks: it belongs under `awards`."""
    if value == "评比表彰":
        raise PydanticCustomError("v_award_as_activity", "award recorded as an activity", {})
    return value


class Fee(Model):
    amount: Money = F("金额（元）")
    payer: Literal["参会人员", "会员", "协办单位", "企业", "其他"] = F("收取对象")
    purpose: FeePurpose | None = F("收费名目", "注册费、会务费、培训费等，或冠名费、挂名费、合作费、管理费等（后者为借名义收费）。",
                                   default=None)
    payer_role: PayerRole | None = F("付费方角色", "付费方在活动中的角色：参会人员、赞助方、实际举办方（学会只出名义时的真正组织者）、合作方或其他。",
                                     default=None)


class Compulsion(Model):
    participation: bool = F("强制参加", default=False)
    sponsorship: bool = F("强制赞助", default=False)
    donation: bool = F("强制捐赠", default=False)
    purchase: bool = F("强制订购产品或刊物", default=False)


class Activity(Model):
    name: Text = F("名称")
    kind: Annotated[ActivityKind, _Check(_activity_kind, "before")] = F(
        "类型", "评比达标表彰不是活动类型，请记入 awards（评比达标表彰），以适用评比表彰的各项检查。")
    start: Since = F("开始日期")
    end: FutureDay | None = F("结束日期", default=None)
    role: ActivityRole = F("学会角色", "主办、协办、承办，或仅挂名。")
    partners: list[Line] = F("合作单位", default_factory=_empty)
    within_scope: bool = F("在章程业务范围内", default=True)
    fees: list[Fee] = F("收费", default_factory=_empty)
    compulsory: Compulsion = F("强制要求", default_factory=Compulsion)
    supervised: bool = F("对活动全过程监管", "作为主办/协办单位时是否切实履职、监管全过程。", default=True)
    filing_ref: Line | None = F("备案文号", "论坛、研讨会等向业务主管单位备案的文号。", default=None)
    international: bool = F("国际性活动", default=False)
    high_level: bool = F("高质量高水平学术会议", default=False)
    participants: Count | None = F("参加人数", default=None)
    audiences: list[Audience] = F("科普对象", default_factory=_empty)
    led_by: list[Literal["理事长", "秘书长"]] = F("负责人带头", "理事长或秘书长带头参加的科普活动。", default_factory=_empty)
    online: bool = F("线上开展", default=False)
    campaign: Campaign | None = F("主题活动", "活动所属的全国性主题活动，如“全国科普日”“科技工作者日”。", default=None)

    _end = not_before("end", "start", "v_end_before_start")

    @field_validator("fees")
    @classmethod
    def _fee_total(cls, fees: list[Fee]) -> list[Fee]:
        """The facts carry the total: it must stay within the bound of one amount, like every amount."""
        total = sum(Decimal(repr(f.amount)) for f in fees)
        if total > MAX_YUAN:
            raise PydanticCustomError("v_total_too_large", "total too large", {"total": str(total), "limit": MAX_YUAN})
        return fees


class Foreign(Model):
    partner: Text = F("境外合作方")
    country: Text = F("国家或地区")
    kind: Literal["合作", "捐赠"] = F("类型")
    date: Since = F("日期")
    amount: Money | None = F("金额（元）", default=None)
    approval_ref: Line | None = F("审批或备案文号", "外事审批或境外捐赠备案文号；没有则留空。", default=None)


class CompulsoryPurchase(Model):
    item: Text = F("产品或刊物", "被要求订购的刊物、论文集、产品等。")
    kind: Literal["刊物", "产品", "其他"] = F("类型")
    applies_to: Literal["会员", "单位会员", "参会人员", "其他"] = F("要求对象")
    amount: Money = F("金额（元）", "每人（每单位）每次或每年须支付的金额。")
    since: Since = F("要求开始日期")
    until: FutureDay | None = F("要求终止日期", "要求已经取消的，填写取消日期；仍在执行的留空。", default=None)

    _until = not_before("until", "since", "v_end_before_start", "start")


class Award(Model):
    name: Text = F("名称")
    date: Since = F("日期")
    approval_ref: Line | None = F("评比达标表彰批准文号", "列入保留项目目录或单独批准的文号；没有则留空。", default=None)
    fees_charged: Money = F("向参评对象收费（元）", default=0)
    co_host_for_profit: bool = F("营利性协办单位", default=False)


# ---------------------------------------------------------------- outputs and evaluations


class Journal(Model):
    name: Text = F("刊名")
    issn: Line | None = F("刊号", "ISSN 或 CN 刊号。", default=None)


class Report(Model):
    title: Text = F("题目")
    date: Since = F("报送日期")
    channel: Text = F("报送渠道", "如《科技决策咨询》、政协提案。")


class Talent(Model):
    name: Text = F("被举荐人")
    date: Since = F("日期")
    programme: Text = F("奖项或人才项目")


class ServiceUnit(Model):
    name: Text = F("名称")
    established_on: Since = F("成立日期")


class GovService(Model):
    name: Text = F("项目")
    date: Since = F("日期")
    amount: Money | None = F("金额（元）", default=None)


class GrassrootsLink(Model):
    partner: Text = F("对接的基层“三会”", "如某县医学会、某县教育学会、某县农技协。")
    date: Since = F("日期")
    form: Literal["平台共建", "阵地共用", "活动共办", "其他"] = F("对接方式")


class Outputs(Model):
    journals: list[Journal] = F("科技期刊", default_factory=_empty)
    think_tank_reports: list[Report] = F("智库成果", default_factory=_empty)
    talent_recommendations: list[Talent] = F("人才举荐", default_factory=_empty)
    service_teams: list[ServiceUnit] = F("科技服务团", default_factory=_empty)
    service_stations: list[ServiceUnit] = F("工作站（青年博士创新站等）", default_factory=_empty)
    government_services: list[GovService] = F("承接政府购买服务", default_factory=_empty)
    grassroots_links: list[GrassrootsLink] = F("与基层“三会”对接", "平台共建、阵地共用、活动共办等对接记录。", default_factory=_empty)


class PopularScience(Model):
    department: bool = F("独立科普工作部门", default=False)
    committee: bool = F("科普工作专门委员会", default=False)
    full_time_staff: Count = F("专职科普人员", default=0)
    new_media: list[Line] = F("新媒体平台", "如科普中国、微信公众号。", default_factory=_empty)


Grade = Literal["A", "B", "C"]


class GradeYear(Model):
    year: SinceYear = F("年度")
    grade: Grade = F("等次")


class CivilAffairs(Model):
    grade: Literal["5A", "4A", "3A", "2A", "1A"] = F("等级")
    awarded_on: Day = F("评定日期")
    expires_on: FutureDay = F("有效期至")

    _expiry = not_before("expires_on", "awarded_on", "v_expiry_before_award")


class AnnualInspection(Model):
    year: SinceYear = F("年度", "接受检查的年度（即所报送工作报告的年度）。")
    result: Literal["合格", "基本合格", "不合格", "未参检"] = F("年检结论", "登记管理机关的年度检查结论；未参加年检的填“未参检”。")


class AnnualReport(Model):
    year: Year = F("年度", "工作报告所报告的年度。")
    submitted_on: Since = F("报送日期", "向业务主管单位报送上一年度工作报告的日期。")


class Evaluations(Model):
    association: list[GradeYear] = F("科协年度评价", "自治区科协分级评价，逐年等次。", default_factory=_empty)
    civil_affairs: CivilAffairs | None = F("民政社会组织等级评估", default=None)
    annual_inspections: list[AnnualInspection] = F("年检", "登记管理机关逐年的年度检查结论。", default_factory=_empty)
    annual_reports: list[AnnualReport] = F("年度工作报告报送", "逐年向业务主管单位报送年度工作报告的日期。", default_factory=_empty)


# ---------------------------------------------------------------- oversight history and waivers

OversightKind = Literal["约谈", "责令限期整改", "整改报告", "前置审查", "情节严重认定", "撤销团体会员资格"]
# Fields that belong to one kind of entry only: written on another kind they would be silently ignored.
_KIND_FIELDS = {"deadline": ("责令限期整改",), "result": ("前置审查",), "evidence": ("整改报告",),
                "determined_by": ("情节严重认定",), "grounds": ("情节严重认定",)}
_KIND_REQUIRED = {"情节严重认定": ("determined_by", "grounds")}


class Oversight(Model):
    # editors see what a kind needs (the validator below says it with the entry's position)
    model_config = ConfigDict(json_schema_extra={"allOf": [
        {"if": {"properties": {"kind": {"const": kind}}, "required": ["kind"]}, "then": {"required": list(fields)}}
        for kind, fields in _KIND_REQUIRED.items()]})

    date: Since = F("日期")
    kind: OversightKind = F(
        "类型", "约谈、责令限期整改、整改报告（学会报送的）、前置审查、情节严重认定（科协研究认定的）或撤销团体会员资格。")
    doc_no: Line | None = F("文号", default=None)
    deadline: FutureDay | None = F("整改期限", "责令限期整改的截止日期。", default=None)
    cited_rules: list[Line] = F("所引规则", "通知书所列问题对应的规则编号。", default_factory=_empty)
    cited_clauses: list[Line] = F("所引条款", default_factory=_empty)
    result: Literal["通过", "不通过"] | None = F("结果", "前置审查的结果。", default=None)
    evidence: list[Text] = F(
        "证明材料", "整改报告所附的证明材料，逐项列出（如换届大会决议、登记机关变更回执）；整改报告须附证明材料才计入“明显改进”。",
        default_factory=_empty)
    determined_by: Text | None = F(
        "认定机关（会议）", "情节严重认定：作出认定的机关或会议，如“宁夏科协第十届常委会第三次会议”。", default=None)
    grounds: Note | None = F("认定依据", "情节严重认定：认定情节严重的事实和理由；可以多行。", default=None)
    note: Note | None = F("备注", "可以多行。", default=None)

    _deadline = not_before("deadline", "date", "v_deadline_before_order", "date")

    @model_validator(mode="after")
    def _fields_of_kind(self) -> "Oversight":
        for name, kinds in _KIND_FIELDS.items():
            if self.kind not in kinds and getattr(self, name) not in (None, []):
                raise PydanticCustomError("v_field_not_for_kind", "field not for this kind",
                                          {"field": name, "kind": self.kind, "kinds": kinds})
        missing = [name for name in _KIND_REQUIRED.get(self.kind, ()) if getattr(self, name) is None]
        if missing:
            raise PydanticCustomError("v_kind_needs", "kind needs fields", {"kind": self.kind, "fields": tuple(missing)})
        return self


class Waiver(Model):
    rule: Text = F("规则编号")
    justification: Note = F("理由", "为什么此项可以暂不整改；可以多行。")
    approved_by: Text = F("批准人")
    approved_on: Annotated[FutureDay, SINCE] = F("批准日期", "豁免自批准之日起生效；晚于检查基准日的豁免尚未生效。")
    expires_on: FutureDay | None = F("失效日期", default=None)
    path: Line | None = F("字段路径", "只豁免这一项（如 branches[2]），留空则豁免该规则的全部发现。", default=None)

    _expiry = not_before("expires_on", "approved_on", "v_expiry_before_approval")


# ---------------------------------------------------------------- the profile


class Profile(Model):
    """One society: everything the checker needs to apply 宁科协发学字〔2024〕10号."""

    model_config = ConfigDict(
        title="学会档案",
        json_schema_extra={"description": "宁夏科协所属学会的合规档案（宁科协发学字〔2024〕10号）。每个学会一个 YAML 文件。"},
    )

    schema_version: Literal[1] = F("档案格式版本", default=1)
    society: Society = F("基本信息", "学会（协会、研究会）的名称、档案编号、统一社会信用代码、登记和业务主管单位等基本信息。")
    charter: Charter = F("章程")
    party: Party = F("党的建设")
    governance: Governance = F("治理机构")
    secretary_general: SecretaryGeneral | None = F("秘书长", default=None)
    staff: Staff = F("办事机构人员")
    membership: Membership = F("会员")
    branches: list[Branch] = F("分支（代表）机构", default_factory=_empty)
    activities: list[Activity] = F("业务活动", default_factory=_empty)
    foreign: list[Foreign] = F("境外合作与捐赠", default_factory=_empty)
    awards: list[Award] = F("评比达标表彰", default_factory=_empty)
    compulsory_purchases: list[CompulsoryPurchase] = F(
        "强制购买", "要求会员或参加人员订购刊物、产品的常设要求（写明金额）；每一项都违反“不得强制……订购有关产品或刊物”。",
        default_factory=_empty)
    outputs: Outputs = F("工作成果", default_factory=Outputs)
    popular_science: PopularScience = F("科普工作", default_factory=PopularScience)
    evaluations: Evaluations = F("评价", default_factory=Evaluations)
    oversight: list[Oversight] = F("监管记录", "约谈、责令限期整改、整改报告、前置审查、情节严重认定、撤销等，按日期记录。", default_factory=_empty)
    waivers: list[Waiver] = F("豁免", default_factory=_empty)


def json_schema() -> dict:
    """The profile JSON Schema (Chinese titles and descriptions included)."""
    schema = Profile.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://compliance.local/schemas/profile.schema.json"
    return schema
