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
