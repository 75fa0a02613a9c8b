"""`compliance explain --format markdown`: a reply to the society, ready to paste: for each rule the finding, the
policy, the condition and what the profile shows (labels and profile lines, never internal names), the remedy,
then the society's stage on the ladder. Text from the profile is escaped (no link, HTML or @mention).
"""

from __future__ import annotations

from ..explain import Blame, Explanation, Item, Part, RuleExplanation
from ..i18n import label, paren, t
from ..letters import cn_number
from .safe import markdown_text as md

MAX_NAMES = 8


def render(x: Explanation) -> str:
    lang = x.lang
    out = [t("xm_greeting", lang, name=md(x.society_name), as_of=x.as_of), ""]
    for n, rule in enumerate(x.rules, 1):
        out += [t("xm_rule_title", lang, cn=cn_number(n), n=n, title=md(rule.title)), "", *_rule(rule, lang), ""]
    out += [*_ladder(x.ladder, lang), "", t("xm_closing", lang)]
    return "\n".join(out) + "\n"


def _rule(r: RuleExplanation, lang: str) -> list[str]:
    out = [_verdict(r, lang), ""]
    policy = t("xm_policy", lang, clause=r.clause_ref, quote=md(r.quote))
    out += [policy + (t("xm_basis", lang, basis=md(r.basis)) if r.basis else ""), ""]
    if not r.in_force:
        return out
    key = "xm_condition" if r.subject == "society" else "xm_condition_each"
    out += [t(key, lang, condition=md(r.condition), subject=md(r.subject_label)), ""]
    if r.subject == "society" and r.items:
        item = r.items[0]
        out += [t("xm_checked" if item.matched else "xm_why_not", lang)]
        out += _leaves(_compared(item.part) if item.matched else _decisive(item), lang)
    elif r.fired:
        out.append(t("xm_items", lang, subject=md(r.subject_label)))
        for item in (i for i in r.items if i.matched):
            out.append(t("xm_item", lang, name=md(item.name), line=item.line))
            out += ["  " + line for line in _leaves(_compared(item.part), lang)]
    elif r.items:
        out.append(t("xm_why_not", lang))
        for group in r.groups:
            names = [md(i["name"]) for i in group.items[:MAX_NAMES]]
            if len(group.items) > MAX_NAMES:
                names.append(t("x_and_more", lang, n=len(group.items) - MAX_NAMES))
            why = t("semicolon", lang).join(_blame(b, lang) for b in group.why)
            out.append(t("xm_groups", lang, count=len(group.items), subject=md(r.subject_label),
                         names=paren(t("enum_sep", lang).join(names), lang), why=why))
    else:
        out.append(t("x_no_items", lang, subject=md(r.subject_label)))
    if r.fired:
        out += ["", t("xm_remedy", lang, text=md(r.remediation))]
    return out


def _verdict(r: RuleExplanation, lang: str) -> str:
    if not r.in_force:
        return t("xm_not_in_force", lang)
    if not r.fired:
        return t("xm_not_fired", lang)
    if r.findings and all(f.waived for f in r.findings):
        return t("xm_fired_waived", lang, note=md(r.findings[0].waiver or ""))
    return t("xm_fired", lang)


def _compared(part: Part) -> list[tuple[Part, bool]]:
    """Every comparison of a condition, in order, with whether the rule needs it false (under `not`)."""
    if part.kind == "compare":
        return [(part, False)]
    return [(p, negated != (part.kind == "not")) for child in part.parts for p, negated in _compared(child)]


def _decisive(item: Item) -> list[tuple[Part, bool]]:
    """The comparisons that kept the rule from matching (see explain._blame), as parts."""
    parts = {p.at: p for p, _ in _compared(item.part)}
    return [(parts[b.at], b.negated) for b in item.why if b.at in parts]


def _leaves(parts: list[tuple[Part, bool]], lang: str) -> list[str]:
    out = []
    for part, negated in parts:
        assert part.operand is not None and part.against is not None
        lines = sorted({s.line for s in part.operand.sources if s.present})
        where = t("xm_where", lang, lines=t("enum_sep", lang).join(map(str, lines))) if lines else \
            t("xm_where_missing", lang)
        state = t(f"xm_state_{part.state}", lang) + (t("xm_state_wanted_false", lang) if negated else "")
        other = part.against.operand
        against = part.against.shown + (paren(other.shown, lang) if other is not None else "")
        condition = f"{label('op', part.op or '', lang)} {against}".rstrip()
        out.append(t("xm_leaf", lang, label=md(part.operand.label), value=md(part.operand.shown), where=where,
                     condition=md(condition), state=state))
        p = part.against.param
        if p is not None:
            out.append(t("xm_threshold", lang, label=md(p.label), value=md(p.shown), reference=md(p.reference)))
    return out


def _blame(b: Blame, lang: str) -> str:
    state = t(f"xm_state_{b.state}", lang) + (t("xm_state_wanted_false", lang) if b.negated else "")
    return md(b.text) + paren(state, lang)


def _ladder(ladder: dict, lang: str) -> list[str]:
    if not ladder:
        return []
    out = [t("xm_ladder", lang, stage=md(ladder["stage_label"]), next=md(ladder["next_step_label"]))]
    if ladder["events"]:
        out += ["", t("xm_history", lang)]
        for e in ladder["events"]:
            text = f"{e['date']} {md(e['entry'])}" + (paren(md(e["doc_no"]), lang) if e["doc_no"] else "")
            if e["deadline"]:
                text += t("reason_deadline", lang, deadline=e["deadline"])
            if e["result"]:
                text += t("reason_result", lang, result=md(e["result"]))
            out.append(f"- {text}")
    if ladder.get("improvement"):
        out += ["", md(ladder["improvement"])]
    if ladder.get("flags"):
        colon = t("colon", lang)
        out += ["", *(f"- ⚑ **{md(flag['label'])}**{colon}{md(flag['text'])}" for flag in ladder["flags"])]
    return out
