"""Rules and facts in words: one rule for `rules show`, the fact registry for `rules fields`, and the clause
coverage matrix."""

from __future__ import annotations

from datetime import date
from typing import Any

from .facts import FACTS, SUBJECTS, Fact, effective
from .i18n import clause_ref, label, pick, t
from .problem import Failure, closest
from .rulebook import CLAUSES, Rulebook


def condition_text(cond: dict[str, Any], params: dict[str, Any], lang: str, depth: int = 0) -> str:
    for key in ("all", "any"):
        if key in cond:
            parts = [condition_text(c, params, lang, depth + 1) for c in cond[key]]
            text = t(f"cond_{key}", lang).join(parts)
            return t("group", lang, text=text) if depth and len(parts) > 1 else text
    if "not" in cond:
        return t("cond_not", lang) + condition_text(cond["not"], params, lang, depth + 1)
    op = cond["op"]
    word = label("op", op, lang)
    value = cond.get("value")
    if isinstance(value, dict) and "param" in value:
        shown = t("f_param_value", lang, name=value["param"], value=_show(params.get(value["param"]), lang))
    elif isinstance(value, dict) and "field" in value:
        shown = value["field"]
    elif isinstance(value, bool):
        shown = "true" if value else "false"
    else:
        shown = "" if value is None else str(value)
    return f"{cond['field']} {word} {shown}".rstrip()


def describe_rule(book: Rulebook, rule_id: str, lang: str, on: date) -> str:
    """`rules show`: one rule in words, with the parameters in force `on` and the facts it reads."""
    rule = book.by_id.get(rule_id.upper())
    if rule is None:
        raise Failure("rule_unknown", rule=rule_id, near=closest(rule_id.upper(), book.by_id))
    params = book.params_at(on)

    def field(key: str, value: object) -> str:
        return f"{t(key, lang)}{t('colon', lang)}{value}"

    lines = [
        f"{rule.id}  {pick(rule.title.model_dump(), lang)}",
        "    ".join((field("col_clause", clause_ref(rule.clause, lang)),
                     field("col_severity", label("severity", rule.severity, lang)),
                     field("field_subject", rule.subject), field("col_file", book.files[rule.id]))),
        field("field_class", label("rule_class", rule.rule_class, lang)),
        field("quote", rule.quote),
        field("field_quote_terms", t("list_sep", lang).join(rule.quote_terms)),
    ]
    if rule.basis:
        lines.append(field("basis", rule.basis.text()))
        if rule.basis.source:
            lines.append(field("basis_source", rule.basis.source))
    lines.append(field("field_condition", condition_text(rule.when, params, lang)))
    for name in rule.params():
        p = book.params[name]
        about = pick(p.description.model_dump(), lang) + t("semicolon", lang) + p.reference
        lines.append(f"{t('field_parameter', lang)} {name} = {_show(params[name], lang)}  ({about})")
    lines.append(field("field_message", pick(rule.message.model_dump(), lang)))
    lines.append(field("remedy", pick(rule.remediation.model_dump(), lang)))
    lines.append(field("field_letter_fact", rule.letter.fact))
    lines.append(field("field_letter_requirement", rule.letter.requirement))
    lines.append(field("field_ladder", label("weight", rule.ladder, lang)))
    if rule.effective_from or rule.effective_until:
        lines.append(field("field_in_force", f"{rule.effective_from or '—'} ~ {rule.effective_until or '—'}"))
    lines.append(t("f_fields", lang, subject=rule.subject))
    for name in rule.fields():
        lines += fact_lines(FACTS[rule.subject][name], lang, params)
    return "\n".join(lines)


def fact_lines(fact: Fact, lang: str, params: dict[str, Any] | None = None) -> list[str]:
    """One fact in words: name, type, label and unit, then the fields, parameters and facts it is computed from."""
    name = pick({"zh": fact.zh, "en": fact.en}, lang)
    unit = t("f_unit", lang, unit=t("unit_" + fact.unit, lang)) if fact.unit and fact.unit != "date" else ""
    lines = [f"  {fact.name}  ({fact.type})  {name}{unit}"]
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


def subjects_named(subject: str | None) -> list[str]:
    """The fact subjects `rules fields SUBJECT` asks for (all without one); an unknown one is an error."""
    if subject is not None and subject not in SUBJECTS:
        raise Failure("f_no_subject", subject=subject, subjects=" ".join(SUBJECTS), near=closest(subject, SUBJECTS))
    return [subject] if subject else list(SUBJECTS)


def fields_text(subjects: list[str], lang: str, params: dict[str, Any] | None = None) -> str:
    """`rules fields`: every fact of each subject, as a policy officer reads it."""
    lines = []
    for name in subjects:
        subject = SUBJECTS[name]
        lines.append(f"{name}  {pick({'zh': subject.zh, 'en': subject.en}, lang)}:")
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


def rules_data(book: Rulebook) -> list[dict[str, Any]]:
    """`rules list --format json`: every rule without its condition, with the file it is in, in clause order."""
    from .report import rule_order

    return [dict(r.model_dump(mode="json", exclude={"when"}), file=book.files[r.id])
            for r in sorted(book.rules, key=rule_order)]
