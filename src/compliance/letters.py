"""The formal letters for each step of the ladder: 约谈通知, 限期整改通知书, 前置审查不通过的通知, 撤销团体会员资格的决定.

`compose` turns a society's findings and ladder into the letter's content once; html/md/docx render that content.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .i18n import clause_ref
from .parameters import reader_view
from .problem import ProblemsFailure, problems_of
from .profile import Profile
from .report import Result, clause_order
from .vocabulary import LETTER_RECORD, LetterKind

POLICY_TITLE = "《宁夏科协关于加强新时代学会工作的意见》"
POLICY_NO = "宁科协发学字〔2024〕10号"
_DIGITS = "零一二三四五六七八九"


def cn_number(n: int) -> str:
    """A positive integer in Chinese numerals as official documents number items: 一 … 十, 十一, 二十一,
    一百零一, 一百一十, 一千零一十, 十万, 一万零五, 一亿零一万."""
    if not 0 < n < 10**16:
        raise ValueError(f"no Chinese numeral for {n}")
    groups = []  # four digits each, lowest first
    while n:
        n, group = divmod(n, 10_000)
        groups.append(group)
    out, gap = "", False
    for index in reversed(range(len(groups))):
        group = groups[index]
        if not group:
            gap = bool(out)
            continue
        out += ("零" if out and (gap or group < 1000) else "") + _below_10000(group) + _GROUPS[index]
        gap = False
    return out[1:] if out.startswith("一十") else out  # 十一, not 一十一, at the start of a number


_GROUPS = ("", "万", "亿", "万亿")


def _below_10000(n: int) -> str:
    out, gap = "", False
    for value, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit, n = divmod(n, value)
        if digit:
            out += ("零" if gap else "") + _DIGITS[digit] + name
            gap = False
        elif out:
            gap = True
    return out


class Numerals:
    """`cn(3)` is 三; `cn[i]` numbers the i-th item from zero (what templates wrote before: `cn[loop.index0]`)."""

    def __call__(self, n: int) -> str:
        return cn_number(n)

    def __getitem__(self, index: int) -> str:
        return cn_number(index + 1)


CN = Numerals()


class Issuer(BaseModel):
    """Who issues the letters; every field has a default, a YAML file given with --issuer overrides them."""

    model_config = ConfigDict(extra="forbid", strict=True)
    organ: str = Field("宁夏回族自治区科学技术协会", description="发文机关全称")
    short_name: str = Field("宁夏科协", description="发文机关简称（用于标题）")
    mark: str = Field("宁夏回族自治区科学技术协会文件", description="发文机关标志（版头红字）")
    doc_prefix: str = Field("宁科协学函", description="发文字号前缀")
    signature: str = Field("宁夏回族自治区科学技术协会", description="署名")
    department: str = Field("宁夏科协学会部", description="承办部门（整改报告报送对象）")
    cc: list[str] = Field(default_factory=lambda: ["自治区民政厅"], description="抄送机关")
    printer: str = Field("宁夏科协办公室", description="印发机关")
    contact_person: str = Field("学会部", description="联系人")
    contact_phone: str = Field("0951-0000000", description="联系电话")
    interview_place: str = Field("宁夏科协会议室", description="约谈地点")
    objection_days: int = Field(15, ge=1, description="对撤销决定提出异议的天数")


def load_issuer(path: str | Path | None) -> Issuer:
    """The issuer settings of `--issuer` (defaults without one); a bad file raises positioned problems."""
    if path is None:
        return Issuer()
    from .loading import load

    doc = load(path)
    try:
        return Issuer.model_validate(doc.data)
    except ValidationError as exc:
        raise ProblemsFailure(problems_of(doc, exc, Issuer)) from None


@dataclass
class Fact:
    text: str
    clause: str | None = None


@dataclass
class Letter:
    kind: LetterKind
    title: str
    doc_no: str
    recipient: str
    opening: str
    facts: list[Fact]
    basis: str
    items: list[tuple[str, str]] = field(default_factory=list)  # numbered items: (heading, text)
    requirements: list[str] = field(default_factory=list)
    after: list[str] = field(default_factory=list)
    closing: str = "特此通知。"
    signature: str = ""
    date_text: str = ""
    cc: list[str] = field(default_factory=list)
    printer: str = ""
    print_date_text: str = ""
    contact: str = ""
    draft_note: str = ""
    mark: str = ""
    history_entry: dict[str, Any] = field(default_factory=dict)

    def paragraphs(self) -> list[str]:
        """The body as plain paragraphs, in reading order (used by the DOCX and by tests)."""
        out = [self.opening]
        out += [f"{i}. {f.text}" for i, f in enumerate(self.facts, 1)]
        out.append(self.basis)
        out += [f"{cn_number(i)}、{h}{t}" for i, (h, t) in enumerate(self.items, 1)]
        out += [f"（{cn_number(i)}）{r}" for i, r in enumerate(self.requirements, 1)]
        out += self.after
        out.append(self.closing)
        if self.contact:
            out.append(self.contact)
        return out


def cn_date(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def _cited(text: str, clause: str | None) -> str:
    """A fact followed by the item of the policy it falls under: “……（《意见》第4条）。”"""
    if not clause:
        return text
    return text.rstrip("。.") + f"（{clause_ref(clause, 'zh', cite=True)}）。"


def compose(profile: Profile, result: Result, kind: LetterKind, issuer: Issuer, on: date, params: dict[str, Any],
            doc_number: str | None = None, forced: bool = False) -> Letter:
    """The content of one letter for one society."""
    params = reader_view(params, "letters")
    name = profile.society.name
    ladder = result.ladder
    assert ladder is not None
    number = doc_number or "  "
    doc_no = f"{issuer.doc_prefix}〔{on.year}〕{number}号"
    facts = [Fact(_cited(r.text, r.clause), r.clause) for r in ladder.reasons if r.kind == "finding"]
    if not facts or kind != ladder.letter:  # a forced letter lists every violation found
        facts = [Fact(_cited(f.message, f.clause), f.clause)
                 for f in result.findings if f.severity == "violation" and not f.waived] or facts
    remedies = list(dict.fromkeys(f.remediation for f in result.findings
                                  if f.severity == "violation" and not f.waived and
                                  any(x.clause == f.clause for x in facts)))
    cited_rules = sorted({r.rule for r in ladder.reasons if r.kind == "finding" and r.rule})
    cited_clauses = sorted({f.clause for f in facts if f.clause}, key=clause_order)
    basis_ref = f"{POLICY_TITLE}（{POLICY_NO}）"
    draft = "【送审稿】本文书由合规检查工具根据学会档案生成，须经宁夏科协研究决定后方可印发。"
    if forced:
        draft += f"检查建议为“{ladder.next_step_label}”，本文书系使用者不采纳该建议而生成。"
    letter = Letter(kind=kind, title="", doc_no=doc_no, recipient=f"{name}：", opening="", facts=facts, basis="",
                    signature=issuer.signature, date_text=cn_date(on), cc=list(issuer.cc), printer=issuer.printer,
                    print_date_text=cn_date(on), contact=f"联系人：{issuer.contact_person}，电话：{issuer.contact_phone}。",
                    draft_note=draft, mark=issuer.mark)
    entry: dict[str, Any] = {"date": on, "kind": LETTER_RECORD[kind], "doc_no": doc_no.replace(" ", "")
                             if doc_number else None, "cited_rules": cited_rules, "cited_clauses": cited_clauses}

    if kind == "interview":
        letter.title = f"{issuer.short_name}关于对{name}主要负责人进行工作约谈的通知"
        letter.opening = "经查，你会存在以下问题："
        letter.basis = (f"根据{basis_ref}第7条“对内部治理不规范、活力不足的学会，将对主要负责人进行工作约谈”的规定，"
                        "决定对你会主要负责人进行工作约谈。现将有关事项通知如下：")
        letter.items = [
            ("约谈时间：", "____年__月__日__时（另行电话通知）。"),
            ("约谈地点：", f"{issuer.interview_place}。"),
            ("约谈对象：", "你会理事长（会长）、秘书长，党组织负责人一并参加。"),
            ("需提交材料：", f"关于上述问题的书面情况说明和初步整改方案，请于约谈前{params['interview_materials_workdays']}个工作日报送"
                        f"{issuer.department}。"),
            ("有关要求：", "请约谈对象准时参加。因故不能参加的，须提前书面说明并经同意后委托其他负责人参加。"),
        ]
    elif kind == "rectification":
        days = params["rectification_days"]
        deadline = on + timedelta(days=days)
        letter.title = f"{issuer.short_name}关于责令{name}限期整改的通知"
        letter.opening = "经查，你会存在以下问题："
        letter.basis = (f"上述问题不符合{basis_ref}有关要求。根据该意见第7条“对履职不力、组织涣散的，责令限期整改”的规定，"
                        f"现责令你会自收到本通知之日起{days}日内（于{cn_date(deadline)}前）完成整改，"
                        f"并将书面整改报告（整改措施、完成情况及佐证材料）报送{issuer.department}。整改要求如下：")
        letter.requirements = remedies or ["针对上述问题逐项制定整改措施，明确责任人和完成时限。"]
        letter.after = ["逾期未整改或整改后仍无明显改进的，将给予年度工作报告前置审查不通过处理。"]
        entry["deadline"] = deadline
    elif kind == "prereview":
        order = next((o for o in reversed(profile.oversight) if o.kind == "责令限期整改"), None)
        year = on.year - 1
        letter.title = f"{issuer.short_name}关于{name}{year}年度工作报告前置审查不通过的通知"
        if order is not None:
            deadline = ladder.deadline or (order.deadline.isoformat() if order.deadline else "")
            ref = f"（{order.doc_no}）" if order.doc_no else ""
            letter.opening = (f"{cn_date(order.date)}，{issuer.short_name}印发《关于责令{name}限期整改的通知》{ref}，"
                              f"责令你会于{_cn_iso(deadline)}前完成整改。经核查，整改期限届满后，下列问题仍无明显改进：")
        else:
            letter.opening = "经查，你会下列问题经责令整改后仍无明显改进："
        letter.basis = (f"根据{basis_ref}第7条“限期整改后仍无明显改进的，给予年度工作报告前置审查不通过处理”的规定，"
                        f"经研究，你会{year}年度工作报告前置审查不通过。")
        letter.after = [f"请你会继续对照上述问题认真整改，并于{params['prereview_report_days']}日内将整改情况书面报告"
                        f"{issuer.department}。整改仍不到位的，将按照该意见第7条有关规定作进一步处理。"]
        entry["result"] = "不通过"
    else:  # revocation
        letter.title = f"{issuer.short_name}关于撤销{name}团体会员资格的决定"
        letter.closing = "特此决定。"
        letter.contact = ""
        letter.opening = "经查，你会存在以下情形："
        steps = [f"{cn_date(o.date)}{_step_text(o)}" for o in profile.oversight if o.kind != "整改报告"]
        if steps:
            letter.facts = facts + [Fact("此前已采取的措施：" + "；".join(steps) + "。")]
        letter.basis = (f"根据{basis_ref}第7条“年度评价连续两年C等次和长期不开展活动、情节严重的，按规定撤销团体会员资格”的规定，"
                        f"经____会议研究，决定撤销{name}{issuer.short_name}团体会员资格。")
        letter.after = [f"自本决定印发之日起，{name}不得以{issuer.short_name}团体会员名义开展活动。",
                        f"如对本决定有异议，可自收到本决定之日起{issuer.objection_days}日内向{issuer.short_name}书面提出。"]
    letter.history_entry = {k: v for k, v in entry.items() if v not in (None, [], "")}
    return letter


def _cn_iso(iso: str) -> str:
    return cn_date(date.fromisoformat(iso)) if iso else "____年__月__日"


def _step_text(o) -> str:
    ref = f"（{o.doc_no}）" if o.doc_no else ""
    if o.kind == "约谈":
        return f"对你会主要负责人进行工作约谈{ref}"
    if o.kind == "责令限期整改":
        return f"责令你会限期整改{ref}" + (f"，期限至{cn_date(o.deadline)}" if o.deadline else "")
    if o.kind == "前置审查":
        return f"你会年度工作报告前置审查{o.result or ''}{ref}"
    return f"{o.kind}{ref}"
