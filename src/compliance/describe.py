"""Rules in words: one rule's metadata and condition for `rules show`, and the clause coverage matrix."""

from __future__ import annotations

from datetime import date
from typing import Any

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
        shown = f"{value['param']}（={params.get(value['param'])}）"
    elif isinstance(value, dict) and "field" in value:
        shown = value["field"]
    elif isinstance(value, bool):
        shown = "true" if value else "false"
    else:
        shown = "" if value is None else str(value)
    return f"{cond['field']} {word} {shown}".rstrip()


def params_used(cond: Any) -> list[str]:
    if isinstance(cond, dict):
        found = [cond["value"]["param"]] if isinstance(cond.get("value"), dict) and "param" in cond["value"] else []
        for key in ("all", "any"):
            for c in cond.get(key, []) or []:
                found += params_used(c)
        if "not" in cond:
            found += params_used(cond["not"])
        return list(dict.fromkeys(found))
    return []


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
    used = params_used(rule.when) + [n[7:] for n in _placeholder_params(rule)]
    for name in dict.fromkeys(used):
        p = book.params[name]
        lines.append(f"{'参数' if zh else 'parameter'} {name} = {params[name]}  ({pick(p.description.model_dump(), lang)}；{p.reference})")
    lines.append(f"{'提示' if zh else 'message'}：{pick(rule.message.model_dump(), lang)}")
    lines.append(f"{t('remedy', lang)}：{pick(rule.remediation.model_dump(), lang)}")
    if rule.ladder:
        lines.append(f"{'退出机制' if zh else 'ladder'}：{rule.ladder}")
    if rule.effective_from or rule.effective_until:
        lines.append(f"{'有效期' if zh else 'in force'}：{rule.effective_from or '—'} ~ {rule.effective_until or '—'}")
    return "\n".join(lines)


def _placeholder_params(rule: Rule) -> list[str]:
    from .rulebook import placeholders

    names = []
    for text in (rule.message.zh, rule.remediation.zh):
        names += [n for n in placeholders(text) if n.startswith("params.")]
    return names


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
