"""The formal letters for each step of the ladder: 约谈通知, 限期整改通知书, 前置审查不通过的通知, 撤销团体会员资格的决定.

`compose` turns a society's findings and ladder into the letter's content once, in the words of a 公文 (each
finding in its rule's `letter` wording); html, md, docx and pdf render that content (`render.letter*`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any

from .i18n import clause_ref
from .letter_issuer import Issuer, load_issuer
from .letter_wording import CN, citation, cn_date, cn_number, fill_letter, wide_brackets
from .parameters import reader_view
from .problem import Failure
from .profile import Profile
from .report import Finding, Result, clause_order
from .rulebook import Rule
from .vocabulary import LETTER_RECORD, LetterKind

__all__ = ["CN", "Determination", "Fact", "Issuer", "Letter", "NothingToCite", "cn_date", "cn_number", "compose",
           "load_issuer", "worded"]

POLICY = "《意见》"  # its first mention in a letter is written in full: see `_define_policy`
POLICY_FULL = "《宁夏科协关于加强新时代学会工作的意见》（宁科协发学字〔2024〕10号，以下简称《意见》）"
BLANK_NUMBER = "\u3000\u3000"  # the number of a 发文字号 not yet assigned: two full-width spaces to write in
SUBJECT = "你会"  # how a letter names the society it is sent to; a rule's letter fact begins with it
DRAFT_NOTE = "本文书由合规检查工具根据学会档案生成，为送审稿，须经{organ}研究决定后方可印发。"


@dataclass
class Fact:
    """One finding as a letter states it: what was found, what is required, where the requirement is written."""

    text: str
    clause: str | None = None
    requirement: str = ""
    basis: str = ""  # the other regulation it rests on (外部依据), as a 公文 cites it: 《中国共产党章程》第三十条

    def cited(self) -> str:
        """The fact followed by where its requirement is written: “……，不符合《意见》第4条的要求和民政部《社会团体章程
        示范文本》的规定。” A clause, not brackets: a 发文字号 cited in brackets would nest brackets of one form
        (“（……（民发〔2012〕166号））”), which Chinese punctuation does not allow."""
        refs = [f"{policy_ref(self.clause)}的要求"] if self.clause else []
        refs += [f"{self.basis}的规定"] if self.basis else []
        return self.text.rstrip("。") + f"，不符合{'和'.join(refs)}。" if refs else self.text

    def item(self) -> Fact:
        """The fact as an item of a list after “你会存在以下问题：”: without the 你会 the list has already said, and
        without its references, which the letter states once for the whole list (see `_grounds`)."""
        return replace(self, text=self.text.removeprefix(SUBJECT), clause=None, basis="")


@dataclass
class Determination:
    """A recorded determination that a society's case is 情节严重 (the ladder records it; issue 13): the
    revocation decision cites it."""

    date: date
    by: str  # the body or meeting that determined it
    grounds: str = ""
    doc_no: str | None = None


@dataclass
class Letter:
    kind: LetterKind
    title: str
    doc_no: str
    recipient: str
    opening: str
    facts: list[Fact]  # listed and numbered after the opening; empty when the opening states the only fact
    basis: str
    layout: str = "file"  # file: 文件格式 (GB/T 9704-2012 ch. 7); letter: 信函格式 (§10.1)
    title_parts: list[str] = field(default_factory=list)  # the title in the pieces it may break between
    items: list[tuple[str, str]] = field(default_factory=list)  # numbered items: (heading, text)
    requirements: list[str] = field(default_factory=list)
    after: list[str] = field(default_factory=list)
    closing: str = "特此通知。"
    signature: str = ""
    date_text: str = ""
    note: str = ""  # the 附注 under the date: 联系人 and telephone, in brackets
    cc: list[str] = field(default_factory=list)
    printer: str = ""  # 印发机关: the 版记 of the 文件格式 only
    print_date_text: str = ""
    draft_note: str = ""  # for the office, never printed: shown on screen, in the file's properties and the output
    mark: str = ""
    history_entry: dict[str, Any] = field(default_factory=dict)

    @property
    def pieces(self) -> list[str]:
        return self.title_parts or [self.title]

    def paragraphs(self) -> list[str]:
        """The body as plain paragraphs, in reading order (used by tests and checks of the wording)."""
        out = [self.opening]
        out += [f"{i}.{f.cited()}" for i, f in enumerate(self.facts, 1)]
        out.append(self.basis)
        out += [f"{cn_number(i)}、{h}{t}" for i, (h, t) in enumerate(self.items, 1)]
        out += [f"（{cn_number(i)}）{r}" for i, r in enumerate(self.requirements, 1)]
        out += self.after
        out.append(self.closing)
        return [p for p in out if p]


class NothingToCite(Failure):
    """A letter would cite no problem: it is not written, even with --force (exit 1)."""

    exit_code = 1


def policy_ref(clause: str) -> str:
    """Where in the policy a requirement is written, as a letter cites it: 《意见》第4条, 《意见》保障措施（三）."""
    return wide_brackets(clause_ref(clause, "zh", cite=True))


def worded(rule: Rule, fact: Mapping[str, Any], params: Mapping[str, Any], ratios: Any = ()) -> Fact:
    """One finding in its rule's letter wording (`letter: {fact, requirement}` in the rule file), filled with the
    finding's values as a 公文 writes them, with the outside regulation it rests on (`basis`) cited."""
    return Fact(fill_letter(rule.letter.fact, fact, params, ratios), rule.clause,
                fill_letter(rule.letter.requirement, fact, params, ratios), citation(rule.basis))


def compose(profile: Profile, result: Result, kind: LetterKind, issuer: Issuer, on: date, params: dict[str, Any],
            wording: Mapping[tuple[str, str], Fact], doc_number: str | None = None, forced: bool = False,
            determination: Determination | None = None) -> Letter:
    """The content of one letter for one society. `wording`: each finding's letter wording by (rule, path), kept
    while auditing (`letter_run.LetterAuditor`); `determination`: the recorded 情节严重 a revocation cites."""
    params = reader_view(params, "letters")
    name = profile.society.name
    ladder = result.ladder
    assert ladder is not None
    style = issuer.style(kind)
    chosen = _cited_findings(result, forced)
    facts = [wording[(f.rule, f.path)] for f in chosen]
    if not facts:
        raise NothingToCite("letter_nothing_to_cite", letter=_kind_label(kind))
    doc_no = f"{style.doc_prefix}〔{on.year}〕{doc_number or BLANK_NUMBER}号"
    year = on.year - 1  # the annual report under pre-review is the previous year's
    parts = issuer.title_parts(kind, name=name, year=str(year))
    note = DRAFT_NOTE.format(organ=issuer.short_name)
    if forced:
        note += f"检查建议为“{ladder.next_step_label}”，本文书系使用者不采纳该建议而生成。"
    contact = f"（联系人：{issuer.contact_person or '______'}，电话：{issuer.contact_phone or '______'}）"
    letter = Letter(kind=kind, layout=style.layout, title="".join(parts), title_parts=parts, doc_no=doc_no,
                    recipient=f"{name}：", opening="", facts=[], basis="", signature=issuer.signature,
                    date_text=cn_date(on), note=contact, cc=list(style.cc),
                    printer=issuer.printer if style.layout == "file" else "",
                    print_date_text=cn_date(on) if style.layout == "file" else "",
                    draft_note=note, mark=issuer.mark(kind))
    entry: dict[str, Any] = {
        "date": on, "kind": LETTER_RECORD[kind], "doc_no": doc_no if doc_number else None,
        "cited_rules": sorted({f.rule for f in chosen}),
        "cited_clauses": sorted({f.clause for f in chosen}, key=clause_order),
        "note": f"未采纳检查建议（建议：{ladder.next_step_label}）" if forced else None,
    }
    _BODIES[kind](letter, facts, profile, issuer, on, params, determination, entry)
    _define_policy(letter)
    letter.history_entry = {k: v for k, v in entry.items() if v not in (None, [], "")}
    return letter


def _cited_findings(result: Result, forced: bool) -> list[Finding]:
    """The findings a letter states: those the ladder cites for its step, whatever their severity (an issue an order
    cited is tracked whatever its rule's severity); a forced letter states every violation found (not waived)."""
    assert result.ladder is not None
    kept = [f for f in result.findings if not f.waived]
    if forced:
        return [f for f in kept if f.severity == "violation"]
    cited = {(r.rule, r.path) for r in result.ladder.reasons if r.kind == "finding"}
    return [f for f in kept if (f.rule, f.path) in cited]


def _kind_label(kind: str) -> str:
    from .i18n import label

    return label("letter", kind, "zh")


def _state(letter: Letter, facts: list[Fact], listed: str, before: str = "", check: str = "经查",
           one_cited: bool = True, against: str = f"对照{POLICY}要求，") -> str:
    """The facts. One is stated in the opening with where its requirement is written (“经查，你会……，不符合《意见》
    第4条的要求和《中国共产党章程》第三十条的规定。”); several are listed after `listed`, and where their requirements
    are written is said once after the list: returned, for the paragraph that follows to begin with (“上述情况不符合
    ……”), empty when there is nothing more to say. `before`: what the opening recalls first; `one_cited`: whether
    the facts' references are named; `against`: what the list is checked against."""
    if len(facts) == 1:
        only = facts[0]
        letter.opening = f"{before}{check}，{only.cited() if one_cited else only.text}"
        return ""
    letter.opening = f"{before}{against}{check}，{listed}"
    letter.facts = [f.item() for f in facts]
    return _grounds(facts) if one_cited else ""


def _grounds(facts: list[Fact]) -> str:
    """Where the listed facts' requirements are written, said once as a 公文 does after a list of problems: “上述情况
    不符合《意见》第4条、第6条的要求和民政部《社会团体章程示范文本》的规定。” (per item, the references of a
    regulation cited with its 发文字号 would nest brackets and repeat themselves item after item)."""
    refs = [policy_ref(c) for c in sorted({f.clause for f in facts if f.clause}, key=clause_order)]
    bases = list(dict.fromkeys(f.basis for f in facts if f.basis))
    parts = [refs[0] + "".join(f"、{r.removeprefix(POLICY)}" for r in refs[1:]) + "的要求"] if refs else []
    parts += [f"{'、'.join(bases)}的规定"] if bases else []
    return f"上述情况不符合{'和'.join(parts)}。" if parts else ""


def _interview(letter: Letter, facts: list[Fact], profile: Profile, issuer: Issuer, on: date,
               params: dict[str, Any], determination: Determination | None, entry: dict[str, Any]) -> None:
    grounds = _state(letter, facts, "你会存在以下问题：")
    letter.basis = (f"{grounds}根据{POLICY}第7条规定，决定于____年__月__日__时在{issuer.interview_place}对你会主要负责人"
                    "进行工作约谈，请你会理事长、秘书长和党组织负责人参加，并于约谈前"
                    f"{params['interview_materials_workdays']}个工作日将书面情况说明和初步整改方案报送{issuer.department}。")


def _rectification(letter: Letter, facts: list[Fact], profile: Profile, issuer: Issuer, on: date,
                   params: dict[str, Any], determination: Determination | None, entry: dict[str, Any]) -> None:
    # One deadline, a date: the one the ladder tracks (the history entry's `deadline`), not a period counted
    # from a day of receipt nobody records (README: 退出机制与公文).
    deadline = on + timedelta(days=params["rectification_days"])
    grounds = _state(letter, facts, "你会存在以下问题：")
    requirements = list(dict.fromkeys(f.requirement for f in facts if f.requirement))
    order = (f"根据{POLICY}第7条规定，现责令你会于{cn_date(deadline)}前完成整改，并将书面整改报告报送"
             f"{issuer.department}")
    warning = "整改期满仍无明显改进的，将给予年度工作报告前置审查不通过处理。"  # item 7, at the deadline
    if len(requirements) > 1:
        letter.basis = f"{grounds}{order}。整改要求如下："
        letter.requirements = requirements
        letter.after = [warning]
    else:  # one paragraph: what is required, the order with its date, what follows if it is not met
        letter.basis = grounds + "".join(requirements) + f"{order}。{warning}"
    entry["deadline"] = deadline


def _prereview(letter: Letter, facts: list[Fact], profile: Profile, issuer: Issuer, on: date,
               params: dict[str, Any], determination: Determination | None, entry: dict[str, Any]) -> None:
    order = next((o for o in reversed(profile.oversight) if o.kind == "责令限期整改"), None)
    before, since = "", "责令整改后"
    if order is not None:
        deadline = order.deadline or order.date + timedelta(days=params["rectification_days"])
        how = f"以{order.doc_no}通知" if order.doc_no else ""
        before = f"{cn_date(order.date)}，{issuer.short_name}{how}责令你会于{cn_date(deadline)}前完成整改。"
        since = "整改期限届满后"
    if len(facts) == 1:  # the order cited the problems' references already
        letter.opening = f"{before}{since}，经核查，{facts[0].text.rstrip('。')}，仍无明显改进。"
    else:
        _state(letter, facts, f"{SUBJECT}下列问题仍无明显改进：", before, "经核查", one_cited=False,
               against=f"{since}，对照{POLICY}要求，")
    report_by = on + timedelta(days=params["prereview_report_days"])
    letter.basis = (f"根据{POLICY}第7条规定，经研究，你会{on.year - 1}年度工作报告前置审查结果为不通过。"
                    f"请你会于{cn_date(report_by)}前将整改情况书面报告{issuer.department}。")
    entry["result"] = "不通过"


def _revocation(letter: Letter, facts: list[Fact], profile: Profile, issuer: Issuer, on: date,
                params: dict[str, Any], determination: Determination | None, entry: dict[str, Any]) -> None:
    name, short = profile.society.name, issuer.short_name
    letter.closing = "特此决定。"
    letter.note = ""  # a decision carries no contact line
    # the facts are the conditions of item 7, quoted in full below: they carry no reference of their own
    _state(letter, facts, "你会存在以下情形：", one_cited=False, against="")
    steps = [_step_text(o) for o in sorted(profile.oversight, key=lambda o: o.date) if o.kind not in ("整改报告", "情节严重认定")]
    letter.after = [f"此前，{short}已{'；'.join(steps)}。"] if steps else []
    if determination is not None:
        ref = f"（{determination.doc_no}）" if determination.doc_no else ""
        grounds = f"：{determination.grounds.rstrip('。')}" if determination.grounds else ""
        letter.after.append(f"{cn_date(determination.date)}，经{determination.by}研究{ref}，认定你会情节严重{grounds}。")
    letter.after += [
        f"根据{POLICY}第7条“年度评价连续两年C等次和长期不开展活动、情节严重的，按规定撤销团体会员资格”的规定，"
        f"经____会议研究，决定撤销{name}的{short}团体会员资格。",
        f"自本决定印发之日起，{name}不得以{short}团体会员名义开展活动。如对本决定有异议，"
        f"可自收到本决定之日起{issuer.objection_days}日内向{short}书面提出。",
    ]


_BODIES = {"interview": _interview, "rectification": _rectification, "prereview": _prereview,
           "revocation": _revocation}


def _step_text(o: Any) -> str:
    ref = f"（{o.doc_no}）" if o.doc_no else ""
    when = f"于{cn_date(o.date)}"
    if o.kind == "约谈":
        return f"{when}对你会主要负责人进行工作约谈{ref}"
    if o.kind == "责令限期整改":
        return f"{when}责令你会限期整改{ref}" + (f"，期限至{cn_date(o.deadline)}" if o.deadline else "")
    if o.kind == "前置审查":
        return f"{when}对你会年度工作报告进行前置审查，结果为{o.result}{ref}" if o.result else \
            f"{when}对你会年度工作报告进行前置审查{ref}"
    return f"{when}{o.kind}{ref}"


def _define_policy(letter: Letter) -> None:
    """The policy named in full where a letter first names it, with its 发文字号 (and 以下简称《意见》 when the
    letter names it again); `compose` writes every letter so that this first mention is never inside brackets."""
    texts = [letter.opening, *(f.cited() for f in letter.facts), letter.basis, *letter.requirements, *letter.after]
    again = sum(text.count(POLICY) for text in texts) > 1
    full = POLICY_FULL if again else POLICY_FULL.replace("，以下简称《意见》", "")
    for name in ("opening", "basis"):
        if POLICY in getattr(letter, name):
            setattr(letter, name, getattr(letter, name).replace(POLICY, full, 1))
            return
    for i, text in enumerate(letter.after):  # the decision names it first in its basis, among the paragraphs after
        if POLICY in text:
            letter.after[i] = text.replace(POLICY, full, 1)
            return
