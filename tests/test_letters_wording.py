"""Every rule's letter wording, filled for a finding of that rule (its first must-trigger case in rules/tests), reads
as a 公文: Chinese dates, no space beside Chinese text, no value left unfilled, full-width brackets, the 外部依据
cited where the rule rests on another regulation; and letters take a finding's words from nowhere else."""

from __future__ import annotations

import re
from datetime import date

import pytest

from compliance.fixtures import patch
from compliance.letter_run import LetterAuditor
from compliance.letter_wording import citation, wide_brackets
from compliance.letters import SUBJECT, Fact
from compliance.loading import Document, parse
from compliance.rulebook import load_rulebook
from compliance.validate import validate
from tests.conftest import AS_OF, SAMPLES
from tests.test_rule_fixtures import CASES

ISO = re.compile(r"\d{4}-\d{1,2}-\d{1,2}")
CJK = r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”]"
SPACED = re.compile(rf"{CJK}[ \t\u3000]+|[ \t\u3000]+{CJK}")
ASCII_BRACKET = re.compile(rf"{CJK}[()]|[()]{CJK}")
RULES = load_rulebook()


def _first_case(rule_id: str):
    return next((c for c in CASES if rule_id in c.case.expect), None)


_auditors: dict[date, LetterAuditor] = {}


def _wording(rule_id: str) -> list[Fact]:
    """The letter wording of each finding of `rule_id` in its first must-trigger fixture case."""
    fixture = _first_case(rule_id)
    assert fixture is not None, f"{rule_id} has no must-trigger case in rules/tests"
    auditor = _auditors.get(fixture.as_of) or _auditors.setdefault(fixture.as_of, LetterAuditor(RULES, fixture.as_of))
    auditor.wording.clear()
    doc = Document(fixture.file, "", patch(fixture.base, fixture.case), parse("x: 1", "patched").root)
    profile, problems = validate(doc, auditor.as_of)
    assert profile is not None, problems
    findings = [f for f in auditor.audit_profile(doc, profile).findings if f.rule == rule_id]
    assert findings, f"{fixture.id} does not fire {rule_id}"
    return [auditor.wording[(f.rule, f.path)] for f in findings]


def _written_as_a_letter(text: str, what: str) -> None:
    assert text, what
    assert not ISO.search(text), (what, text)
    assert not SPACED.search(text), (what, text)
    assert not ASCII_BRACKET.search(text), (what, text)  # 分支（代表）机构, not 分支(代表)机构
    assert "{" not in text and "}" not in text, (what, text)
    assert "—" not in text, (what, text)  # a value the finding did not have, filled as a dash


@pytest.mark.parametrize("rule", RULES.rules, ids=lambda r: r.id)
def test_every_rule_words_its_finding_as_a_letter(rule):
    for fact in _wording(rule.id):
        _written_as_a_letter(fact.text, f"{rule.id} letter.fact")
        _written_as_a_letter(fact.requirement, f"{rule.id} letter.requirement")
        assert fact.text.startswith((SUBJECT, "科协")), (rule.id, fact.text)  # 你会……: the society the letter is sent to
        item = fact.item().text  # as an item of a list after “你会存在以下问题：”: a sentence without its subject
        assert re.match(r"[\u4e00-\u9fff“\d]", item) and not item.startswith((SUBJECT, "于")), (rule.id, item)
        assert fact.text.endswith("。") and fact.requirement.endswith("。"), rule.id
        # the references follow in brackets: a fact ending in brackets would print “……（监事）（《意见》第4条）。”
        assert not fact.text.endswith("）。"), (rule.id, fact.text)
        cited = fact.cited()
        _written_as_a_letter(cited, f"{rule.id} cited")
        policy = f"《意见》第{rule.clause}条" if rule.clause.isdigit() else f"《意见》{wide_brackets(rule.clause)}"
        if rule.basis:  # the 外部依据: the regulation and its article or number, as a 公文 cites it
            assert cited.endswith(f"，不符合{policy}的要求和{fact.basis}的规定。"), (rule.id, cited)
            assert fact.basis == citation(rule.basis)
            assert rule.basis.regulation.replace("(", "（").replace(")", "）") in fact.basis
        else:
            assert fact.basis == "" and cited.endswith(f"，不符合{policy}的要求。"), (rule.id, cited)
        assert "（（" not in cited and "））" not in cited, (rule.id, cited)  # brackets of one form never nest


@pytest.mark.parametrize(("article", "cited"), [
    (None, "民政部《社会团体章程示范文本》"),
    ("第十条", "民政部《社会团体章程示范文本》第十条"),
    ("民发〔2012〕166号", "民政部《社会团体章程示范文本》（民发〔2012〕166号）"),
    ("民发〔2014〕259号 二", "民政部《社会团体章程示范文本》（民发〔2014〕259号）第二条"),
    ("民发〔2014〕259号 一、五", "民政部《社会团体章程示范文本》（民发〔2014〕259号）第一条、第五条"),
    ("一（四）", "民政部《社会团体章程示范文本》第一条第四项"),
    ("附件2", "民政部《社会团体章程示范文本》附件2"),  # anything else: as written
])
def test_citation_of_an_outside_regulation(article, cited):
    from compliance.report import Basis

    assert citation(Basis(regulation="民政部《社会团体章程示范文本》", article=article, sentence="……的规定。")) == cited


def test_letters_state_findings_only_in_the_rules_letter_wording(cli, tmp_path):
    """The rectification notice states the rule's `letter` fact and requirement, never the terminal message or
    remediation, and cites the party constitution as the 外部依据 next to the policy's item."""
    rule = RULES.by_id["PARTY-ORG-MISSING"]
    out = tmp_path / "l.md"
    assert cli("letter", str(SAMPLES / "宁夏农学会.yaml"), "--as-of", AS_OF, "-f", "md", "-o", str(out)).code == 0
    text = out.read_text(encoding="utf-8")
    assert "经查，你会有正式党员6名，至今没有建立党的组织，不符合《宁夏科协关于加强新时代学会工作的意见》" in text
    assert "第1条的要求和《中国共产党章程》第三十条的规定。" in text
    assert rule.letter.requirement.replace("{params.party_org_min_members}", "3") in text
    for terminal in ("（达到", "尚未建立党的组织", "在档案中记录", "党员 7"):  # the message's and remediation's words
        assert terminal not in text, terminal


def test_a_cited_finding_without_letter_wording_is_a_bug_not_a_fallback(auditor):
    """`compose` has no second source of words: a finding missing from the wording is an error, not the message."""
    from compliance.letters import compose, load_issuer

    day = date.fromisoformat(AS_OF)
    doc, profile = _checked("宁夏农学会.yaml")
    result = auditor.audit_profile(doc, profile)
    with pytest.raises(KeyError):
        compose(profile, result, "rectification", load_issuer(None), day, auditor.params, {})


def _checked(name: str):
    from compliance.validate import load_profile

    checked = load_profile(SAMPLES / name, date.fromisoformat(AS_OF))
    return checked.doc, checked.profile



def _rules_copy(tmp_path):
    import shutil

    from compliance.rulebook import default_rules_dir

    target = tmp_path / "rules"
    shutil.copytree(default_rules_dir(), target)
    return target


_ORG_MISSING_LETTER = ("  letter:\n    fact: 你会有正式党员{party.formal_members}名，至今没有建立党的组织。\n"
                       "    requirement: 按照党章规定，有正式党员{params.party_org_min_members}人以上的，都应当成立党的基层组织。"
                       "请你会向上级党组织申请成立党支部。\n")


@pytest.mark.parametrize(("letter", "error"), [
    ("", "].letter: 缺少必填字段"),
    ("  letter:\n    fact: 你会有正式党员{party.formal_members}名，至今没有建立党的组织。\n", "].letter.requirement: 缺少必填字段"),
    (_ORG_MISSING_LETTER.replace("至今没有建立党的组织", "档案中没有党组织"), "PARTY-ORG-MISSING：公文用语不能含 “档案”"),
    (_ORG_MISSING_LETTER.replace("{party.formal_members}名", "{party.formal_members} 名"), "公文用语不能含 空格"),
])
def test_a_rule_without_proper_letter_wording_is_refused_at_load(cli, tmp_path, letter, error):
    """Every rule can be cited in a letter (a forced one cites every violation): a rule file whose rule has no letter
    wording, or wording a 公文 cannot print, is refused with its file and line; no letter is written from it."""
    rules = _rules_copy(tmp_path)
    party = rules / "party.yaml"
    text = party.read_text(encoding="utf-8")
    assert _ORG_MISSING_LETTER in text
    party.write_text(text.replace(_ORG_MISSING_LETTER, letter), encoding="utf-8")
    out = tmp_path / "l.md"
    r = cli("letter", str(SAMPLES / "宁夏农学会.yaml"), "--as-of", AS_OF, "-f", "md", "-o", str(out), "--rules", str(rules))
    assert r.code == 2 and error in r.err and re.search(r"party\.yaml:\d+:\d+: ", r.err), r.err
    assert not out.exists()


def test_every_bundled_rule_has_its_letter_wording():
    """The rule set as shipped: each rule's letter fact is a sentence about the society (你会……) and its requirement
    says what the society is to do or what the policy asks; neither is the terminal message."""
    for rule in RULES.rules:
        assert rule.letter.fact.startswith((SUBJECT, "科协")) and rule.letter.fact.endswith("。"), rule.id
        assert rule.letter.requirement.endswith("。"), rule.id
        assert rule.letter.fact != rule.message.zh and rule.letter.requirement != rule.remediation.zh, rule.id


_FULL = "《宁夏科协关于加强新时代学会工作的意见》（宁科协发学字〔2024〕10号，以下简称《意见》）"
_ORDER = ("根据《意见》第7条规定，现责令你会于2027年5月26日前完成整改，并将书面整改报告报送宁夏科协学会部。")
_WARNING = "整改期满仍无明显改进的，将给予年度工作报告前置审查不通过处理。"
SAMPLE_LETTERS = {  # the body of the letter each sample calls for on AS_OF, from the 主送 to the closing
    "宁夏气象学会": [  # interview, one problem
        f"经查，你会分支机构“女科技工作者工作委员会”已41个月没有开展活动，至今没有调整或者清理，不符合{_FULL}第5条的要求。",
        "根据《意见》第7条规定，决定于\\_\\_\\_\\_年\\_\\_月\\_\\_日\\_\\_时在宁夏科协会议室对你会主要负责人进行工作约谈，"
        "请你会理事长、秘书长和党组织负责人参加，并于约谈前3个工作日将书面情况说明和初步整改方案报送宁夏科协学会部。",
    ],
    "宁夏煤炭学会": [  # rectification, one problem: what is required, the order and its date, the consequence
        f"经查，你会在2026年8月24日开展的“2026年会员大会暨学术年会”中存在强制赞助、强制订购产品或刊物的情况，不符合{_FULL}"
        "第6条的要求。",
        "学会不得强制会员或者参加人员赞助、捐赠、订购有关产品或刊物。请你会立即纠正，退还强制收取的款项，今后一律自愿。"
        + _ORDER + _WARNING,
    ],
    "宁夏环境科学学会": [
        f"经查，你会与中国香港“某境外基金会”的捐赠事项，没有按规定办理外事审批或者备案手续，不符合{_FULL}第6条的要求。",
        "学会与境外组织或者个人进行合作、接受境外捐赠，应当遵守有关法律法规和外事管理规定。请你会暂停与“某境外基金会”的"
        "捐赠事项，按规定补办审批、备案手续。" + _ORDER + _WARNING,
    ],
    "宁夏电力学会": [  # rectification, two problems: listed, their references once, then the requirements numbered
        f"对照{_FULL}要求，经查，你会存在以下问题：",
        "1.以挂名方式参与2026年9月21日举办的“2026中国（宁夏）智慧产业博览会高峰论坛”，没有实际参与组织实施。",
        "2.在“2026中国（宁夏）智慧产业博览会高峰论坛”中收取协办单位（实际举办方）冠名费50000元，属于借学会名义收费。",
        "上述情况不符合《意见》第6条的要求和民政部《关于规范社会团体开展合作活动若干问题的规定》（民发〔2012〕166号）的"
        "规定。" + _ORDER + "整改要求如下：",
        "（一）学会不得挂名参与活动。请你会立即停止挂名，今后以主办、协办等名义参与活动的，须签订书面协议并切实履行职责。",
        "（二）学会不得向承办方或者协办方以任何形式收取费用。请你会退还违规收取的费用，建立活动收费审核制度。",
        _WARNING,
    ],
}


@pytest.mark.parametrize("name", list(SAMPLE_LETTERS))
def test_sample_letters_say_exactly_this(cli, tmp_path, name):
    """The whole body of the letter each sample calls for: each problem in its rule's letter wording with the policy's
    item and the outside regulation it rests on, what is required, and the step the ladder takes (test_letters.py has
    the other samples)."""
    out = tmp_path / "l.md"
    assert cli("letter", str(SAMPLES / f"{name}.yaml"), "--as-of", AS_OF, "-f", "md", "-o", str(out)).code == 0
    text = out.read_text(encoding="utf-8")
    body = text[text.index(f"{name}：\n") + len(name) + 2:text.index("特此通知。")]
    assert [p for p in body.split("\n") if p.strip()] == SAMPLE_LETTERS[name]


def test_a_list_of_problems_names_each_item_and_regulation_once(rulebook):
    """After a list, where the problems' requirements are written is said once: the policy's items in order, each
    outside regulation once, whatever the order of the findings."""
    from compliance.letters import compose, load_issuer

    day = date.fromisoformat(AS_OF)
    auditor = LetterAuditor(rulebook, day)
    doc, profile = _checked("宁夏电力学会.yaml")
    result = auditor.audit_profile(doc, profile)
    first, second = sorted(auditor.wording)
    wording = {first: Fact("你会乙。", "6", "要求乙。", "民政部《社会团体章程示范文本》"),
               second: Fact("你会甲。", "4", "要求甲。", "民政部《社会团体章程示范文本》")}
    letter = compose(profile, result, "rectification", load_issuer(None), day, auditor.params, wording)
    assert sorted(f.cited() for f in letter.facts) == sorted(["甲。", "乙。"])  # no references per item
    assert letter.basis.startswith("上述情况不符合《意见》第4条、第6条的要求和民政部《社会团体章程示范文本》的规定。"
                                   "根据《意见》第7条规定，现责令你会于2027年5月26日前完成整改")
