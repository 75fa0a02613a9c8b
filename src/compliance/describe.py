"""Rules and facts in words: one rule for `rules show`, the fact registry for `rules fields`, and the clause
coverage matrix."""

from __future__ import annotations

from datetime import date
from typing import Any

from .facts import FACTS, SUBJECTS, Fact, effective
from .i18n import pick, t
from .rulebook import CLAUSES, Rule, Rulebook

_OPS_ZH = {"==": "等于", "!=": "不等于", ">": "大于", ">=": "不小于", "<": "小于", "<=": "不大于", "in": "属于",
           "not_in": "不属于", "exists": "有值", "missing": "无值", "matches": "匹配"}


def condition_text(cond: dict[str, Any], params: dict[str, Any], lang: str, depth: int = 0) -> str:
    join = {"all": (" 且 ", " and "), "any": (" 或 ", " or ")}
    for key, (zh, en) in join.items():
        if key in cond:
            parts = [condition_text(c, params, lang, depth + 1) for c in cond[key]]
            text = (zh if lang == "zh" else en).join(parts)
            return f"（{text}）" if depth and len(parts) > 1 else text
    if "not" in cond:
        inner = condition_text(cond["not"], params, lang, depth + 1)
        return ("并非" if lang == "zh" else "not ") + inner
    op = cond["op"]
    word = _OPS_ZH[op] if lang == "zh" else op
    value = cond.get("value")
    if isinstance(value, dict) and "param" in value:
        shown = f"{value['param']}（={_show(params.get(value['param']), lang)}）"
    elif isinstance(value, dict) and "field" in value:
        shown = value["field"]
    elif isinstance(value, bool):
        shown = "true" if value else "false"
    else:
        shown = "" if value is None else str(value)
    return f"{cond['field']} {word} {shown}".rstrip()


def describe_rule(book: Rulebook, rule: Rule, lang: str, on: date) -> str:
    params = book.params_at(on)
    zh = lang == "zh"
    lines = [
        f"{rule.id}  {pick(rule.title.model_dump(), lang)}",
        f"{'条款' if zh else 'item'}: {rule.clause}    {'级别' if zh else 'severity'}: {t('sev_' + rule.severity, lang)}"
        f"    {'对象' if zh else 'subject'}: {rule.subject}    {'文件' if zh else 'file'}: {book.files[rule.id]}",
        f"{t('quote', lang)}：{rule.quote}",
    ]
    if rule.basis:
        lines.append(f"{t('basis', lang)}：{rule.basis}")
    lines.append(f"{'条件' if zh else 'condition'}：{condition_text(rule.when, params, lang)}")
    for name in rule.params():
        p = book.params[name]
        lines.append(f"{'参数' if zh else 'parameter'} {name} = {params[name]}  ({pick(p.description.model_dump(), lang)}；{p.reference})")
    lines.append(f"{'提示' if zh else 'message'}：{pick(rule.message.model_dump(), lang)}")
    lines.append(f"{t('remedy', lang)}：{pick(rule.remediation.model_dump(), lang)}")
    if rule.ladder:
        lines.append(f"{'退出机制' if zh else 'ladder'}：{rule.ladder}")
    if rule.effective_from or rule.effective_until:
        lines.append(f"{'有效期' if zh else 'in force'}：{rule.effective_from or '—'} ~ {rule.effective_until or '—'}")
    lines.append(t("f_fields", lang, subject=rule.subject))
    for name in rule.fields():
        lines += fact_lines(FACTS[rule.subject][name], lang, params)
    return "\n".join(lines)


def fact_lines(fact: Fact, lang: str, params: dict[str, Any] | None = None) -> list[str]:
    """One fact in words: name, type, label and unit, then the fields, parameters and facts it is computed from."""
    label = fact.zh if lang == "zh" else fact.en
    unit = t("f_unit", lang, unit=t("unit_" + fact.unit, lang)) if fact.unit and fact.unit != "date" else ""
    lines = [f"  {fact.name}  ({fact.type})  {label}{unit}"]
    sep = t("list_sep", lang)
    sources, used_params = effective(fact)
    if sources:
        lines.append(f"      {t('f_sources', lang)}{sep.join(sources)}")
    if used_params:
        shown = [t("f_param_value", lang, name=n, value=_show(params[n], lang)) if params and n in params else n
                 for n in used_params]
        lines.append(f"      {t('f_params', lang)}{sep.join(shown)}")
    if fact.uses:
        lines.append(f"      {t('f_uses', lang)}{sep.join(fact.uses)}")
    if fact.choices:
        lines.append(f"      {t('f_values', lang)}{t('enum_sep', lang).join(fact.choices)}")
    return lines


def _show(value: Any, lang: str) -> str:
    if isinstance(value, list):
        return t("enum_sep", lang).join(map(str, value))
    return str(value)


def fields_text(subjects: list[str], lang: str, params: dict[str, Any] | None = None) -> str:
    """`rules fields`: every fact of each subject, as a policy officer reads it."""
    lines = []
    for name in subjects:
        subject = SUBJECTS[name]
        lines.append(f"{name}  {subject.zh if lang == 'zh' else subject.en}:")
        for fact in FACTS[name].values():
            lines += fact_lines(fact, lang, params)
    return "\n".join(lines)


def fields_data(subjects: list[str], params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """`rules fields --format json`: the same, as data (for tools and an `explain` command)."""
    out = []
    for name in subjects:
        for fact in FACTS[name].values():
            sources, used_params = effective(fact)
            out.append({"subject": name, "name": fact.name, "type": fact.type, "unit": fact.unit,
                        "label": {"zh": fact.zh, "en": fact.en}, "sources": list(sources),
                        "params": {n: (params or {}).get(n) for n in used_params}, "uses": list(fact.uses),
                        "values": list(fact.choices) if fact.choices else None})
    return out


def coverage(book: Rulebook) -> list[dict[str, Any]]:
    """Each clause of the policy with its classification, its rules and what is not checkable."""
    info = {c.clause: c for c in book.clauses}
    rows = []
    for clause in CLAUSES:
        c = info.get(clause)
        rows.append({
            "clause": clause, "title": c.title if c else "", "title_en": c.title_en if c else "",
            "classification": c.classification if c else "unclassified",
            "rules": [r.id for r in book.rules if r.clause == clause],
            "not_checkable": list(c.not_checkable) if c else [], "reason": (c.reason or "") if c else "",
        })
    return rows
