"""`compliance explain` in the terminal: each rule's verdict, its condition part by part with this profile's
values, their file:line and the parameters behind them; then the ladder and the waivers. Plain text, every line
escaped (`escapes.visible`) once it is composed.
"""

from __future__ import annotations

from ..escapes import visible
from ..explain import Blame, Explanation, Item, Operand, ParamUse, Part, RuleExplanation, Source
from ..i18n import paren, t

MARK = {"holds": "✔", "fails": "✖", "missing": "？"}
MAX_NAMES = 8  # items named per group of items the rule did not match


def render(x: Explanation) -> str:
    lang = x.lang
    out = [t("x_head", lang, name=x.society_name, id=x.society_id, file=x.file, as_of=x.as_of)]
    out += [f"  {n}" for n in x.notes]
    for rule in x.rules:
        out += ["", *_rule(rule, lang, x.file, x.as_of)]
    out += ["", *ladder_lines(x.ladder, lang), "", *_waivers(x, lang)]
    if x.errors:
        out += ["", t("x_errors", lang), *(f"  {e}" for e in x.errors)]
    return "\n".join(visible(line) for line in out) + "\n"  # profile text can never reach the terminal raw


def _rule(r: RuleExplanation, lang: str, file: str, as_of: str) -> list[str]:
    meta = [r.clause_ref, r.severity_label] + ([] if r.waivable else [t("x_not_waivable", lang)])
    meta.append(t("x_rule_at", lang, place=f"{r.file}:{r.line}" if r.line else r.file))
    out = [f"■ {r.id}  {r.title}", "  " + " · ".join(meta), f"  {t('quote', lang)}{t('colon', lang)}{r.quote}"]
    if r.basis:
        out.append(f"  {t('basis', lang)}{t('colon', lang)}{r.basis}")
    if not r.in_force:
        start, end = r.effective
        said = t("x_not_in_force", lang, as_of=as_of, start=start or "—", end=end or "—")
        return [*out, f"  {t('x_verdict', lang)}{t('colon', lang)}{said}"]
    verdict = t("x_fired", lang, n=len(r.findings)) if r.fired else t("x_not_fired", lang)
    out.append(f"  {t('x_verdict', lang)}{t('colon', lang)}{verdict}")
    each = "" if r.subject == "society" else paren(t("x_each", lang, subject=r.subject_label), lang)
    out.append(f"  {t('field_condition', lang)}{each}{t('colon', lang)}{r.condition}")
    if not r.items:
        return [*out, "  " + t("x_no_items", lang, subject=r.subject_label)]
    if r.subject == "society":
        item = r.items[0]
        if not item.matched:
            out += ["  " + t("x_why_not", lang), *(f"    {_blame(b, lang)}" for b in item.why)]
        out += tree(item.part, lang, 2, file)
    else:
        out += _list_items(r, lang, file)
    for f in r.findings:
        out.append(f"  {t('x_finding', lang)}{t('colon', lang)}{file}:{f.line}:{f.column} {f.path} — "
                   f"{f.message}")
        for note in ([f.waiver] if f.waiver else []) + _baseline(f.new, lang):
            out.append(f"      {note}")
    return out


def _list_items(r: RuleExplanation, lang: str, file: str) -> list[str]:
    out: list[str] = []
    matched = [i for i in r.items if i.matched]
    if matched:
        out.append("  " + t("x_matched", lang, n=len(matched)))
        for item in matched:
            out.append(f"    • {_item_name(item, file)}")
            out += tree(item.part, lang, 6, file)
    unmatched = len(r.items) - len(matched)
    if unmatched:
        out.append("  " + t("x_unmatched", lang, n=unmatched))
        for group in r.groups:
            names = [i["name"] + paren(t("list_sep", lang).join(i["values"]), lang)
                     for i in group.items[:MAX_NAMES]]
            if len(group.items) > MAX_NAMES:
                names.append(t("x_and_more", lang, n=len(group.items) - MAX_NAMES))
            out.append(f"    {t('x_because', lang, n=len(group.items))}")
            out += [f"      {_blame(b, lang, value=False)}" for b in group.why]
            out.append(f"      {t('enum_sep', lang).join(names)}")
    return out


def _item_name(item: Item, file: str) -> str:
    return f"{item.name}  {item.path}  {file}:{item.line}"


def _blame(b: Blame, lang: str, value: bool = True) -> str:
    state = t(f"x_state_{b.state}", lang) + (t("x_wanted_false", lang) if b.negated else "")
    shown = t("semicolon", lang) + t("x_actual", lang, value=b.shown) if value else ""
    return f"{MARK[b.state]} {b.text}{paren(state + shown, lang)}"


def tree(part: Part, lang: str, indent: int, file: str) -> list[str]:
    """A condition part by part with each part's truth; comparisons with their values and where they come from."""
    pad = " " * indent
    if part.kind != "compare":
        out = [f"{pad}{MARK[part.state]} {t('x_' + part.kind, lang)}"]
        for child in part.parts:
            out += tree(child, lang, indent + 2, file)
        return out
    assert part.operand is not None and part.against is not None
    said = t(f"x_state_{part.state}", lang) + t("semicolon", lang) + t("x_actual", lang, value=part.operand.shown)
    out = [f"{pad}{MARK[part.state]} {part.text}{paren(said, lang)}"]
    out += _operand(part.operand, lang, indent + 4, file)
    other = part.against.operand
    if other is not None:
        out.append(f"{pad}    {other.label}{t('colon', lang)}{other.shown}")
        out += _operand(other, lang, indent + 4, file)
    if part.against.param is not None:
        out += _param(part.against.param, lang, indent + 4, reference=True)
    return out


def _operand(o: Operand, lang: str, indent: int, file: str) -> list[str]:
    pad = " " * indent
    out = []
    sources = t("list_sep", lang).join(_source(s, lang, file) for s in o.sources)
    if sources:
        out.append(f"{pad}{t('f_sources', lang)}{sources}")
    for p in o.params:
        out += _param(p, lang, indent)
    return out


def _param(p: ParamUse, lang: str, indent: int, reference: bool = False) -> list[str]:
    pad = " " * indent
    out = [f"{pad}{t('x_param', lang, label=p.label, value=p.shown, name=p.name, place=f'{p.file}:{p.line}')}"]
    if reference:
        out.append(f"{pad}  {t('x_reference', lang, reference=p.reference)}")
    return out


def _source(s: Source, lang: str, file: str) -> str:
    where = paren(f"{file}:{s.line}", lang)
    if not s.present:
        return f"{s.path}{t('x_src_missing', lang)}{where}"
    if s.count is not None:
        return f"{s.path}{t('x_src_items', lang, n=s.count)}{where}"
    written = f" = {s.written}" if s.written is not None else ""
    return f"{s.path}{written}{where}"


def _baseline(new: bool | None, lang: str) -> list[str]:
    if new is None:
        return []
    return [t("x_baseline_new" if new else "x_baseline_known", lang)]


def ladder_lines(ladder: dict, lang: str) -> list[str]:
    """The ladder from its own trace: dated events and the stage each left, what counted, why the next step."""
    if not ladder:
        return []
    colon = t("colon", lang)
    out = [t("x_ladder_title", lang)]
    if ladder["events"]:
        out.append("  " + t("x_history", lang))
        for e in ladder["events"]:
            text = f"{e['date']} {e['entry']}" + (paren(e["doc_no"], lang) if e["doc_no"] else "")
            if e["deadline"]:
                text += t("reason_deadline", lang, deadline=e["deadline"])
            if e["result"]:
                text += t("reason_result", lang, result=e["result"])
            moved = " " + t("x_moved", lang, stage=e["stage_label"]) if e["moved"] else \
                t("x_not_moved", lang, stage=e["stage_label"])
            out.append(f"    {text}{moved}")
    else:
        out.append("  " + t("x_no_history", lang))
    out.append(f"  {t('col_stage', lang)}{colon}{ladder['stage_label']}")
    if ladder["counted"]:
        out.append("  " + t("x_counted", lang))
        out += [f"    {c['rule']}  {c['path']} — {c['weight_label']}" for c in ladder["counted"]]
    else:
        out.append("  " + t("x_counted_none", lang))
    if ladder["not_counted"]:
        out.append("  " + t("x_not_counted", lang))
        out += [f"    {c['rule']}  {c['path']} — {c['why']}" for c in ladder["not_counted"]]
    for which in ("order", "interview"):
        last = ladder["last"].get(which)
        if last:
            doc = paren(last["doc_no"], lang) if last["doc_no"] else ""
            if last["cited"]:
                out.append("  " + t("x_cited", lang, date=last["date"], entry=last["entry"], doc=doc))
                out += [f"    {c['item']}{colon}{t('x_remaining' if c['remaining'] else 'x_resolved', lang)}"
                        for c in last["cited"]]
            else:
                out.append("  " + t("x_cited_none", lang, date=last["date"], entry=last["entry"], doc=doc))
    out.append("  " + t("x_inputs", lang))
    out += [f"    {i['label']}{colon}{i['shown']}" for i in ladder["inputs"]]
    if any(i["name"] == "revocation" for i in ladder["inputs"]) and ladder.get("revocation_mode") in ("either", "both"):
        out.append("      " + t(f"x_mode_{ladder['revocation_mode']}", lang))
    if ladder["deadline"] and ladder["days_remaining"] is not None:
        days = ladder["days_remaining"]
        out.append("  " + t("deadline_left" if days >= 0 else "deadline_over", lang, deadline=ladder["deadline"],
                            days=abs(days)))
    if ladder.get("improvement"):
        out.append(f"  {ladder['improvement']}")
    out += [f"  ⚑ {flag['label']}{colon}{flag['text']}" for flag in ladder.get("flags", [])]
    out.append(f"  {t('col_next', lang)}{colon}{ladder['next_step_label']}{paren(t('x_decision', lang), lang)}")
    return out


def _waivers(x: Explanation, lang: str) -> list[str]:
    out = [t("x_waivers_title", lang)]
    if not x.waivers:
        out.append("  " + t("x_waivers_none", lang))
    for w in x.waivers:
        where = f"{w.file}:{w.line or ''}"
        scope = paren(w.path, lang) if w.path else ""
        target = f" → {w.finding_path}:{w.finding_line}" if w.finding_path is not None else ""
        out.append(f"  {where} {w.rule}{scope}{t('colon', lang)}{w.text}{target}")
    if x.baseline:
        out.append(t("x_baseline", lang, file=x.baseline))
    return out
