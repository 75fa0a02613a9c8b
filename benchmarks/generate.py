"""Deterministic generator of realistic society profiles (fictional Ningxia societies), for samples and benchmarks.

    python benchmarks/generate.py N DIR [--seed S] [--as-of DATE]   N profiles with a realistic mix of problems
    python benchmarks/generate.py --samples DIR                     the bundled samples/ (one story each)
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from compliance.profile_yaml import ProfileDumper as _Dumper  # noqa: F401 - the tests dump generated profiles with it
from compliance.profile_yaml import dump as dump_profile

SAMPLE_AS_OF = date(2026, 11, 27)
SCHEMA_REF = "../schemas/profile.schema.json"

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红斌宇浩凯健俊帆帅旭宁博文晨辉鹏飞琳雪梅兰婷慧佳颖倩欣晓峰海波建国志新春荣"
DISCIPLINES = [
    ("计算机", ["计算机科学与技术学术交流", "软件与信息服务", "网络安全科普", "技术咨询与培训"]),
    ("生态", ["生态学学术交流", "黄河流域生态保护研究", "生态科普", "决策咨询"]),
    ("农学", ["农业科学学术交流", "农业技术推广", "农民科技培训", "农业科普"]),
    ("医学", ["医学学术交流", "继续医学教育", "健康科普", "医学科技评价"]),
    ("水利", ["水利学术交流", "节水技术推广", "水利科普", "技术咨询"]),
    ("气象", ["气象学术交流", "防灾减灾科普", "气象服务"]),
    ("煤炭", ["煤炭科技学术交流", "安全生产培训", "技术服务"]),
    ("枸杞产业", ["枸杞产业技术研究", "技术推广与培训", "产业科普"]),
    ("葡萄与葡萄酒", ["葡萄与葡萄酒学术交流", "产区技术服务", "品鉴培训"]),
    ("地质", ["地质学术交流", "地质灾害科普", "技术咨询"]),
    ("化工", ["化工学术交流", "安全技术培训", "技术服务"]),
    ("电力", ["电力学术交流", "新能源技术推广", "用电安全科普"]),
    ("中医药", ["中医药学术交流", "中医药科普", "技术培训"]),
    ("环境科学", ["环境科学学术交流", "环保科普", "环境技术咨询"]),
    ("机械工程", ["机械工程学术交流", "工程师能力评价", "技术服务"]),
    ("林学", ["林学学术交流", "防沙治沙技术推广", "林业科普"]),
]
EMPLOYERS = {
    "高校": ["宁夏大学", "北方民族大学", "宁夏医科大学", "宁夏理工学院"],
    "科研院所": ["宁夏农林科学院", "自治区科学技术发展战略和信息研究所", "宁夏环境科学研究院"],
    "企业": ["国家能源集团宁夏煤业公司", "宁夏电力公司", "共享装备股份有限公司"],
    "非公企业": ["宁夏某科技有限公司", "银川某信息技术有限公司", "中卫某农业发展有限公司"],
    "基层一线": ["永宁县农业技术推广中心", "西吉县人民医院", "盐池县气象局", "贺兰县中学"],
    "政府机关": ["自治区科技厅", "银川市科协"],
    "其他": ["自由职业"],
}


class Maker:
    """Builds one profile dict around `as_of`, with helpers the stories use."""

    def __init__(self, rng: random.Random, as_of: date):
        self.rng, self.as_of = rng, as_of
        self.used_names: set[str] = set()

    def name(self) -> str:
        for _ in range(1000):
            n = self.rng.choice(SURNAMES) + "".join(self.rng.choice(GIVEN) for _ in range(self.rng.choice((1, 2))))
            if n not in self.used_names:
                self.used_names.add(n)
                return n
        raise RuntimeError("names exhausted")

    def day_between(self, start: date, end: date) -> date:
        return start + timedelta(days=self.rng.randint(0, max(0, (end - start).days)))

    def ago(self, lo_days: int, hi_days: int) -> date:
        return self.as_of - timedelta(days=self.rng.randint(lo_days, hi_days))

    def born(self, age_lo: int, age_hi: int) -> date:
        return self.ago(age_lo * 365 + 30, age_hi * 365 + 300)


def base_profile(m: Maker, idx: int, discipline: tuple[str, list[str]] | None = None) -> dict[str, Any]:
    """A fully compliant, realistic society."""
    rng, as_of = m.rng, m.as_of
    field_name, scope = discipline or rng.choice(DISCIPLINES)
    kind = rng.choice(["学会", "学会", "学会", "协会", "研究会"])
    name = f"宁夏{field_name}{kind}"
    registered = date(rng.randint(1982, 2016), rng.randint(1, 12), rng.randint(1, 28))
    term_start = m.ago(300, 1000)
    term_end = date(term_start.year + 5, term_start.month, min(term_start.day, 28)) - timedelta(days=1)
    n_council = rng.randint(27, 45)

    roles = ["理事长"] + ["副理事长"] * rng.randint(4, 7) + ["常务理事"] * rng.randint(6, 10)
    roles += ["理事"] * (n_council - len(roles))
    sectors = ["高校", "科研院所", "企业", "非公企业", "基层一线", "政府机关", "其他"]
    weights = [30, 20, 14, 8, 16, 8, 4]
    members = []
    for i, role in enumerate(roles):
        officer = role in ("理事长", "副理事长")
        age_hi = 66 if officer else 62
        age_lo = 45 if officer else 31
        sector = rng.choices(sectors, weights)[0]
        if i % 5 == 1:
            sector = "基层一线"
        member = {
            "name": m.name(), "birth_date": m.born(age_lo, age_hi), "gender": rng.choice(["男", "男", "女"]),
            "role": role, "sector": sector, "employer": rng.choice(EMPLOYERS[sector]),
        }
        if i % 4 == 2:  # keep the young share comfortably above the threshold
            member["birth_date"] = m.born(33, 43)
        if officer and rng.random() < 0.4:
            member["consecutive_terms"] = 2
        if role != "理事" and rng.random() < 0.5:
            member["party_member"] = True
        members.append(member)
    president = members[0]["name"]
    vice = members[1]["name"]

    party_members = rng.randint(5, 40)
    party_org = "党支部" if party_members < 50 else "党总支"
    established = registered + timedelta(days=rng.randint(200, 4000))
    if established > as_of - timedelta(days=400):
        established = as_of - timedelta(days=400)
    president_heads = rng.random() < 0.6
    party_activities = []
    for months_back in range(1, 24, rng.choice((2, 3))):
        day = as_of - timedelta(days=30 * months_back + rng.randint(0, 20))
        party_activities.append({"date": day, "title": rng.choice(
            ["支部党员大会", "主题党日活动", "专题党课", "理论学习中心组学习", "组织生活会", "参观红色教育基地"])})
    party_activities.sort(key=lambda a: a["date"])

    vetting = [
        {"body": "理事会", "elected_on": term_start, "vetted_on": term_start - timedelta(days=rng.randint(10, 40))},
        {"body": "监事会", "elected_on": term_start, "vetted_on": term_start - timedelta(days=rng.randint(10, 40))},
        {"body": "秘书处", "elected_on": term_start + timedelta(days=rng.randint(1, 30)),
         "vetted_on": term_start - timedelta(days=5)},
    ]
    matters = []
    for j, (matter, cat) in enumerate(rng.sample([
        ("年度工作计划和预算", "重大决策"), ("聘任秘书处副秘书长", "重要干部任免"), ("承办全国学术年会", "重大项目安排"),
        ("购置办公设备（8万元）", "大额资金使用"), ("修订财务管理制度", "重大决策"), ("设立青年工作委员会", "重大决策"),
        ("与企业共建科技服务站", "重大项目安排")], 4)):
        decided = m.ago(40 + 120 * j, 100 + 120 * j)
        matters.append({"matter": matter, "category": cat, "decided_on": decided,
                        "reviewed_on": decided - timedelta(days=rng.randint(3, 20))})

    meetings = []
    for k in range(4):
        day = m.ago(60 + 180 * k, 150 + 180 * k)
        if day > term_start:
            meetings.append({"date": day, "attendance": n_council - rng.randint(0, 5), "expected": n_council,
                             "topics": rng.sample(["年度工作报告", "财务报告", "会员发展", "分支机构考核", "换届筹备", "学术年会筹备"], 2)})
    meetings.sort(key=lambda x: x["date"])

    years = list(range(as_of.year - 3, as_of.year + (1 if as_of.month >= 7 else 0)))
    individual = rng.randint(300, 3000)
    counts = []
    for y in years:
        individual += rng.randint(5, 80)
        counts.append({"year": y, "individual": individual, "group": rng.randint(10, 60),
                       "young": individual // rng.randint(3, 5), "enterprise": individual // rng.randint(5, 9),
                       "non_public": individual // rng.randint(8, 15), "student": individual // rng.randint(10, 20)})

    expected_year = as_of.year - 1 if as_of.month >= 7 else as_of.year - 2
    branches = []
    branch_names = ["青年工作委员会", "科普工作委员会", "学术工作委员会", "产学研合作工作委员会", "继续教育工作委员会",
                    "标准化工作委员会", "企业工作委员会", "女科技工作者工作委员会"]
    for bname in rng.sample(branch_names, rng.randint(3, 6)):
        est = m.day_between(registered + timedelta(days=365), as_of - timedelta(days=800))
        branches.append({
            "name": bname, "kind": "分支机构", "established_on": est,
            "resolution_ref": f"第{rng.randint(3, 8)}届理事会第{rng.randint(1, 6)}次会议决议", "within_scope": True,
            "last_activity_on": m.ago(10, 200),
            "activities_per_year": {y: rng.randint(2, 8) for y in range(expected_year - 1, as_of.year + 1)},
            "assessments": [{"year": y, "result": rng.choice(["优秀", "合格", "合格"])}
                            for y in range(expected_year - 2, expected_year + 1)],
        })

    activities = []
    for _ in range(rng.randint(12, 28)):
        akind = rng.choices(["学术会议", "科普", "培训", "论坛", "技术服务", "座谈交流"], [4, 4, 2, 1, 2, 1])[0]
        start = m.ago(5, 540)
        act: dict[str, Any] = {"name": _activity_name(rng, field_name, akind, start), "kind": akind, "start": start,
                               "role": rng.choices(["主办", "承办", "协办"], [6, 2, 2])[0]}
        if akind in ("学术会议", "培训", "论坛"):
            act["end"] = start + timedelta(days=rng.randint(0, 2))
            act["participants"] = rng.randint(60, 600)
            if rng.random() < 0.5:
                act["fees"] = [{"amount": float(rng.choice([300, 500, 800, 1200])) * act["participants"] // 10,
                                "payer": "参会人员", "purpose": "注册费", "payer_role": "参会人员"}]
        if akind == "学术会议":
            act["high_level"] = rng.random() < 0.6
            act["partners"] = rng.sample(["中国科协学会服务中心", "宁夏大学", "宁夏农林科学院", "相关全国学会"], 1)
            act["international"] = rng.random() < 0.2
        if akind == "论坛":
            act["role"] = "主办"
            act["filing_ref"] = f"宁科协备〔{start.year}〕{rng.randint(1, 90)}号"
        if akind == "科普":
            act["audiences"] = rng.sample(["青少年", "农民", "产业工人", "老年人", "领导干部", "公众"], rng.randint(1, 3))
            if rng.random() < 0.5:
                act["led_by"] = [rng.choice(["理事长", "秘书长"])]
            act["online"] = rng.random() < 0.4
        activities.append(act)
    # every healthy society has a recent conference and a recent led popular-science event
    activities.append({"name": f"{as_of.year if as_of.month > 3 else as_of.year - 1}年宁夏{field_name}学术年会",
                       "kind": "学术会议", "start": m.ago(20, 200), "role": "主办", "high_level": True,
                       "participants": rng.randint(200, 500), "partners": ["宁夏大学"]})
    activities.append({"name": f"全国科普日{field_name}进社区", "kind": "科普", "start": m.ago(30, 90), "role": "主办",
                       "audiences": ["公众", "青少年"], "led_by": ["理事长"], "campaign": "全国科普日"})
    ethics_day = as_of - timedelta(days=150)
    activities.append({"name": f"{ethics_day.year}年{field_name}科学道德和学风建设宣讲", "kind": "学风道德宣讲",
                       "start": ethics_day, "role": "主办"})
    activities.sort(key=lambda a: a["start"])

    grades = {y: rng.choice(["A", "B", "B"]) for y in range(max(registered.year + 1, as_of.year - 6), expected_year + 1)}
    ca_awarded = m.ago(200, 1500)
    profile: dict[str, Any] = {
        "schema_version": 1,
        "society": {
            "id": f"NX-{idx:04d}", "name": name,
            "credit_code": f"5164{rng.randint(0, 9999):04d}MJ{rng.randint(0, 9999999):07d}{rng.choice('0123456789X')}",
            "type": kind, "discipline": field_name, "registered_on": registered,
            "supervisory_unit": "宁夏回族自治区科学技术协会", "registration_authority": "宁夏回族自治区民政厅",
            "member_since": registered + timedelta(days=rng.randint(10, 200)), "status": "正常",
            "activity_funds": float(rng.choice([30000, 50000, 100000, 200000])),
            "address": f"银川市金凤区{rng.choice(['北京中路', '宁安大街', '亲水大街', '康平路'])}{rng.randint(1, 300)}号",
            "contact": f"{m.name()} 0951-{rng.randint(5000000, 6999999)}",
        },
        "charter": {
            "adopted_on": term_start, "party_leadership_clause": True, "party_building_clause": True,
            "business_scope": list(scope), "term_years": 5, "officer_age_limit": 70, "term_limit": 2,
        },
        "party": {
            "formal_members": party_members, "organisation": party_org, "established_on": established,
            "secretary": {"name": president if president_heads else vice,
                          "council_role": "理事长" if president_heads else "副理事长"},
            "president_is_party_head": president_heads, "activities": party_activities, "vetting": vetting,
            "major_matters": sorted(matters, key=lambda x: x["decided_on"]),
            "three_sync": {"registration": True, "annual_inspection": True, "assessment": True},
        },
        "governance": {
            "congress": {"last_held": term_start, "delegates": rng.randint(120, 400)},
            "council": {"term_start": term_start, "term_end": term_end, "members": members, "meetings": meetings},
            "standing_council": {"members": [x["name"] for x in members if x["role"] != "理事"]},
            "supervisory": {"kind": "监事会", "members": [m.name() for _ in range(3)]},
            "office": True,
        },
        "secretary_general": {"name": m.name(), "full_time": True, "appointment": "聘任", "birth_date": m.born(35, 55),
                              "social_insurance_by_society": True},
        "staff": {"full_time": rng.randint(2, 6), "part_time": rng.randint(0, 3), "trained_this_year": rng.randint(1, 4)},
        "membership": {"counts": counts, "last_review": m.ago(20, 250), "tiers": True},
        "branches": sorted(branches, key=lambda b: b["established_on"]),
        "activities": activities,
        "foreign": [],
        "awards": [],
        "outputs": {
            "journals": [{"name": f"宁夏{field_name}", "issn": f"CN64-{rng.randint(1000, 1099)}/N"}] if rng.random() < 0.3 else [],
            "think_tank_reports": [{"title": f"关于推进宁夏{field_name}领域{t}的建议", "date": m.ago(30, 330),
                                    "channel": rng.choice(["《科技决策咨询》", "政协科协界委员提案"])}
                                   for t in rng.sample(["人才队伍建设", "科技成果转化", "数字化转型", "绿色低碳发展"], 2)],
            "talent_recommendations": [{"name": members[rng.randint(5, n_council - 1)]["name"], "date": m.ago(30, 300),
                                        "programme": rng.choice(["宁夏青年科技奖", "自治区青年拔尖人才", "最美科技工作者"])}],
            "service_teams": [{"name": f"{field_name}科技服务团", "established_on": m.ago(400, 1500)}],
            "service_stations": [{"name": "青年博士创新站", "established_on": m.ago(200, 900)}] if rng.random() < 0.5 else [],
            "government_services": [{"name": f"{field_name}领域技术评价项目", "date": m.ago(60, 600),
                                     "amount": float(rng.randint(5, 40) * 10000)}],
        },
        "popular_science": {"department": rng.random() < 0.3, "committee": True, "full_time_staff": rng.randint(0, 2),
                            "new_media": ["微信公众号", "科普中国"]},
        "evaluations": {
            "association": [{"year": y, "grade": g} for y, g in sorted(grades.items())],
            "civil_affairs": {"grade": rng.choice(["3A", "4A", "4A", "5A"]), "awarded_on": ca_awarded,
                              "expires_on": date(ca_awarded.year + 5, ca_awarded.month, min(ca_awarded.day, 28))},
        },
        "oversight": [],
    }
    if rng.random() < 0.3:
        profile["foreign"].append({"partner": "某国际学会", "country": rng.choice(["德国", "日本", "新加坡"]), "kind": "合作",
                                   "date": m.ago(60, 400), "approval_ref": f"宁外办〔{as_of.year - 1}〕{rng.randint(10, 99)}号"})
    _records(profile, as_of, field_name)
    return profile


_PARTY_KIND = {"支部党员大会": "党员大会", "专题党课": "党课", "主题党日活动": "主题党日"}


def _records(p: dict[str, Any], as_of: date, field_name: str) -> None:
    """The records of a well-run society that take no random draw (so the rest of a profile stays as it was):
    三会一课, party-building rules, the work plan, the previous council, 年检, annual reports, 三会对接."""
    party = p["party"]
    half = party["formal_members"] // 2 + 1
    for a in party["activities"]:
        if a["title"] in _PARTY_KIND:
            a["kind"] = _PARTY_KIND[a["title"]]
            if a["kind"] == "党员大会":
                a["attendance"] = half
    for quarter in range(4):  # a branch member meeting every quarter, and a lecture
        day = as_of - timedelta(days=20 + 91 * quarter)
        party["activities"].append({"date": day, "title": f"{day.year}年第{(day.month - 1) // 3 + 1}季度支部党员大会",
                                    "kind": "党员大会", "attendance": half})
    party["activities"].append({"date": as_of - timedelta(days=75), "title": "书记讲党课", "kind": "党课"})
    party["activities"].sort(key=lambda a: a["date"])
    party["rules"] = ["“三会一课”制度", "党支部议事规则", "“三重一大”事项党组织前置研究制度"]
    plan_year = as_of.year if (as_of.month, as_of.day) >= (2, 20) else as_of.year - 1
    p["governance"]["work_plans"] = [{"year": plan_year, "adopted_on": date(plan_year, 2, 20), "party_building": True}]
    _previous_council(p, as_of)
    report_year = as_of.year - 1 if as_of.month >= 4 else as_of.year - 2
    inspection_year = as_of.year - 1 if as_of.month >= 7 else as_of.year - 2
    registered = p["society"]["registered_on"].year
    p["evaluations"]["annual_inspections"] = [{"year": y, "result": "合格"}
                                              for y in range(max(registered, inspection_year - 2), inspection_year + 1)]
    p["evaluations"]["annual_reports"] = [{"year": y, "submitted_on": date(y + 1, 3, 20)}
                                          for y in range(max(registered, report_year - 2), report_year + 1)]
    p["outputs"]["grassroots_links"] = [{"partner": f"永宁县{field_name}学会", "date": as_of - timedelta(days=100),
                                         "form": "活动共办"}]


def _previous_council(p: dict[str, Any], as_of: date) -> None:
    """The previous term, just before the current one, with somewhat lower shares of 中青年 and 基层一线 members."""
    council = p["governance"]["council"]
    members = council["members"]
    start = council["term_start"]
    young = sum(1 for x in members if _age(x["birth_date"], as_of) < 55)
    grassroots = sum(1 for x in members if x["sector"] in ("基层一线", "企业", "非公企业"))
    council["previous"] = {"term_start": date(start.year - 5, start.month, min(start.day, 28)),
                           "term_end": start - timedelta(days=1), "size": len(members),
                           "middle_young": max(0, young - 2), "grassroots": max(0, grassroots - 2)}


def _age(born: date, on: date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def _activity_name(rng: random.Random, field_name: str, kind: str, start: date) -> str:
    topics = {
        "学术会议": ["学术研讨会", "青年学者论坛", "专题学术报告会", "学术沙龙"],
        "科普": ["科普进校园", "科普下乡", "科技活动周科普展", "科普讲座", "应急科普宣传"],
        "培训": ["专业技术人员继续教育培训", "新技术应用培训班", "秘书处业务培训"],
        "论坛": ["产业发展论坛", "创新发展论坛"],
        "技术服务": ["企业技术诊断服务", "科技成果评价", "团体标准研制"],
        "座谈交流": ["科技工作者座谈会", "会员单位交流会"],
    }
    return f"{start.year}年{field_name}{rng.choice(topics[kind])}"


# ------------------------------------------------------------------ stories: typical problems


def story_no_party_org(p: dict, m: Maker) -> None:
    party = p["party"]
    party.update({"formal_members": 6, "organisation": "none", "president_is_party_head": False,
                  "activities": [], "vetting": [], "major_matters": []})
    party.pop("established_on")
    party.pop("secretary")
    party.pop("three_sync")


def story_part_time_sg(p: dict, m: Maker) -> None:
    p["secretary_general"].update({"full_time": False, "appointment": "选任", "social_insurance_by_society": False})


def story_ageing_council(p: dict, m: Maker) -> None:
    members = p["governance"]["council"]["members"]
    for i, member in enumerate(members):
        member["birth_date"] = m.born(52, 66)
        if _age(member["birth_date"], m.as_of) < 55:  # no 中青年 (under 55) left; no extra random draw
            member["birth_date"] -= timedelta(days=4 * 365)
        if member["sector"] in ("基层一线", "企业", "非公企业"):
            member["sector"] = "高校" if i % 2 else "科研院所"
            member["employer"] = "宁夏大学" if i % 2 else "宁夏农林科学院"
    members[0]["birth_date"] = m.born(73, 74)
    members[0]["consecutive_terms"] = 3
    members[0].pop("party_member", None)


def story_inactive_branch(p: dict, m: Maker) -> None:
    b = p["branches"][0]
    b["last_activity_on"] = m.ago(1100, 1300)
    b["activities_per_year"] = {y: 0 for y in range(m.as_of.year - 2, m.as_of.year + 1)}
    b["assessments"] = [a for a in b["assessments"] if a["year"] < m.as_of.year - 3]


def story_nominal_fees(p: dict, m: Maker) -> None:
    p["activities"].append({
        "name": f"{m.as_of.year}中国（宁夏）智慧产业博览会高峰论坛", "kind": "论坛", "start": m.ago(40, 120), "role": "挂名",
        "partners": ["银川某会展服务有限公司"],
        "fees": [{"amount": 50000.0, "payer": "协办单位", "purpose": "冠名费", "payer_role": "实际举办方"}],
        "filing_ref": None, "supervised": False, "participants": 800})
    p["activities"].sort(key=lambda a: a["start"])


def story_compulsory(p: dict, m: Maker) -> None:
    p["activities"].append({
        "name": f"{m.as_of.year}年会员大会暨学术年会", "kind": "学术会议", "start": m.ago(60, 150), "role": "主办",
        "participants": 260, "fees": [{"amount": 78000.0, "payer": "参会人员", "purpose": "注册费", "payer_role": "参会人员"}],
        "compulsory": {"sponsorship": True, "purchase": True},
        "partners": ["宁夏大学"]})
    p["activities"].sort(key=lambda a: a["start"])


def story_foreign_donation(p: dict, m: Maker) -> None:
    p["foreign"].append({"partner": "某境外基金会", "country": "中国香港", "kind": "捐赠", "date": m.ago(90, 200),
                         "amount": 300000.0, "approval_ref": None})


def story_two_c(p: dict, m: Maker) -> None:
    grades = p["evaluations"]["association"]
    for g in grades[-2:]:
        g["grade"] = "C"


def story_rectification_overdue(p: dict, m: Maker) -> None:
    """An interview, then a rectification order whose deadline passed with the cited problems still there."""
    council = p["governance"]["council"]
    term_end = m.ago(500, 560)
    council["term_start"] = date(term_end.year - 5, term_end.month, min(term_end.day, 28))
    council["term_end"] = term_end
    p["governance"]["congress"]["last_held"] = council["term_start"]
    _previous_council(p, m.as_of)
    for v in p["party"]["vetting"]:
        v["elected_on"] = council["term_start"]
        v["vetted_on"] = council["term_start"] - timedelta(days=12)
    p["charter"]["adopted_on"] = council["term_start"]
    p["branches"][-1]["resolution_ref"] = None
    interview = m.ago(330, 360)
    order = interview + timedelta(days=45)
    deadline = order + timedelta(days=180)
    p["oversight"] = [
        {"date": interview, "kind": "约谈", "doc_no": f"宁科协学函〔{interview.year}〕{m.rng.randint(10, 40)}号",
         "cited_rules": ["GOV-ELECTION-OVERDUE", "BRANCH-NO-RESOLUTION"], "cited_clauses": ["4", "5"],
         "note": "约谈理事长、秘书长，要求说明逾期未换届和分支机构设立程序问题"},
        {"date": order, "kind": "责令限期整改", "doc_no": f"宁科协学函〔{order.year}〕{m.rng.randint(41, 80)}号",
         "deadline": deadline, "cited_rules": ["GOV-ELECTION-OVERDUE", "BRANCH-NO-RESOLUTION"], "cited_clauses": ["4", "5"]},
    ]


STORIES: dict[str, tuple[str, Callable[[dict, Maker], None]]] = {
    "no_party_org": ("有 6 名正式党员，但一直没有建立党的组织。", story_no_party_org),
    "part_time_sg": ("秘书长由副理事长所在单位的在职干部兼任，未全职履职。", story_part_time_sg),
    "ageing_council": ("理事会老化：理事长 73 岁且已连任三届，理事会中没有 55 岁以下的中青年理事和基层一线、企业的理事，两类比例都比上届下降。",
                       story_ageing_council),
    "inactive_branch": ("一个分支机构三年多没有开展活动，也不再参加年度考核，学会一直没有清理。", story_inactive_branch),
    "nominal_fees": ("学会给一家会展公司的“高峰论坛”挂名，并向其收取 5 万元“冠名费”。", story_nominal_fees),
    "compulsory": ("年会要求参会会员单位必须赞助并订购会议论文集。", story_compulsory),
    "foreign_donation": ("接受境外基金会 30 万元捐赠，未按外事管理规定审批备案。", story_foreign_donation),
    "two_c": ("最近两个年度科协评价均为 C 等次；学会仍在开展活动，科协也没有认定情节严重：不撤销，两年C等次按“活力不足”建议约谈。",
              story_two_c),
    "rectification_overdue": ("理事会逾期一年多未换届、一个分支机构设立无决议；被约谈后又被责令限期整改，期限已过，问题仍在。",
                              story_rectification_overdue),
}

SAMPLES = [
    ("宁夏计算机学会.yaml", "计算机", None, "合规：各项要求均已落实的学会。"),
    ("宁夏生态学会.yaml", "生态", None, "合规：各项要求均已落实的学会。"),
    ("宁夏农学会.yaml", "农学", "no_party_org", None),
    ("宁夏医学会.yaml", "医学", "part_time_sg", None),
    ("宁夏水利学会.yaml", "水利", "ageing_council", None),
    ("宁夏气象学会.yaml", "气象", "inactive_branch", None),
    ("宁夏电力学会.yaml", "电力", "nominal_fees", None),
    ("宁夏煤炭学会.yaml", "煤炭", "compulsory", None),
    ("宁夏环境科学学会.yaml", "环境科学", "foreign_donation", None),
    ("宁夏地质学会.yaml", "地质", "two_c", None),
    ("宁夏林学会.yaml", "林学", "rectification_overdue", None),
]


# ------------------------------------------------------------------ YAML output


def _drop_none(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _drop_none(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_drop_none(v) for v in value]
    return value


def dump(profile: dict, story: str, schema_ref: str = SCHEMA_REF) -> str:
    return dump_profile(_drop_none(profile), [f"故事：{story}"], schema_ref, schema_order=False)


def make(idx: int, rng: random.Random, as_of: date, story: str | None = None,
         discipline: tuple[str, list[str]] | None = None) -> tuple[dict, str]:
    m = Maker(rng, as_of)
    profile = base_profile(m, idx, discipline)
    if story:
        STORIES[story][1](profile, m)
    return profile, STORIES[story][0] if story else "合规"


def write_samples(directory: Path, as_of: date = SAMPLE_AS_OF) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    by_name = dict(DISCIPLINES)
    for idx, (filename, field_name, story, note) in enumerate(SAMPLES, start=1):
        rng = random.Random(f"sample-{idx}")
        profile, text = make(idx, rng, as_of, story, (field_name, by_name[field_name]))
        profile["society"]["id"] = f"NX-S{idx:02d}"
        profile["society"]["name"] = Path(filename).stem
        (directory / filename).write_text(dump(profile, note or text), encoding="utf-8")


def write_batch(n: int, directory: Path, seed: int, as_of: date, schema_ref: str | None = None) -> None:
    """N profiles, about a third compliant and the rest with one or two typical problems each."""
    directory.mkdir(parents=True, exist_ok=True)
    names = list(STORIES)
    for idx in range(1, n + 1):
        rng = random.Random(f"{seed}-{idx}")
        chosen = [] if rng.random() < 0.35 else rng.sample(names, rng.choice((1, 1, 2)))
        m = Maker(rng, as_of)
        profile = base_profile(m, idx)
        for story in chosen:
            STORIES[story][1](profile, m)
        note = "；".join(STORIES[s][0] for s in chosen) or "合规"
        ref = schema_ref or str(Path(__file__).resolve().parent.parent / "schemas" / "profile.schema.json")
        (directory / f"society-{idx:05d}.yaml").write_text(dump(profile, note, ref), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("n", nargs="?", type=int)
    ap.add_argument("directory", nargs="?", type=Path)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--as-of", type=date.fromisoformat, default=SAMPLE_AS_OF)
    ap.add_argument("--samples", type=Path, help="write the bundled samples into this folder")
    args = ap.parse_args(argv)
    if args.samples:
        write_samples(args.samples, args.as_of)
        return 0
    if args.n is None or args.directory is None:
        ap.error("N and DIR are required (or --samples DIR)")
    write_batch(args.n, args.directory, args.seed, args.as_of)
    return 0


if __name__ == "__main__":
    sys.exit(main())
