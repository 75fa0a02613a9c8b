"""Why a rule fired or did not for one profile, from the audit's own evaluation: the verdict is the audit's engine
run, each part's truth a probe's (see `probes`), each value the fact the engine got; the ladder and waivers from
their own traces. The model here is rendered by `render/explain_*`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from .audit import Auditor, Trace
from .facts import FACTS, SUBJECTS, Fact, effective
from .i18n import CATALOG, clause_ref, label, pick, t
from .loading import Document, load
from .probes import Probes
from .problem import Failure, closest, split_path
from .profile import Profile
from .report import Finding, Result
from .rulebook import Rule, Rulebook
from .suppress import Baseline, Placed
from .vocabulary import WEIGHTS

_NAMES = ("name", "title", "matter", "partner", "body")  # the attribute that names a profile list item


# ------------------------------------------------------------------ the model


@dataclass
class Source:
    """A profile field a fact is computed from, where it is written and what is written there."""

    path: str  # `branches[2].last_activity_on`; a list the fact reads every item of: `party.activities`
    line: int
    present: bool
    written: str | None = None  # a scalar as written in the file
    count: int | None = None  # a list: how many items


@dataclass
class ParamUse:
    """A parameter in force at the as-of date: what it means, its value, where it comes from."""

    name: str
    label: str
    value: Any
    shown: str
    reference: str
    file: str
    line: int | None


@dataclass
class Operand:
    """One fact of the item: its label, the value the engine got (None: missing), and what it is computed from."""

    field: str
    label: str
    value: Any
    shown: str
    sources: list[Source]
    params: list[ParamUse]


@dataclass
class Against:
    """What a comparison compares with: a literal, a parameter or another fact of the item."""

    kind: str  # value | param | field | none (exists, missing)
    shown: str
    param: ParamUse | None = None
    operand: Operand | None = None


@dataclass
class Part:
    """One sub-condition on one item, with its truth from its probe; `state` is holds, fails or missing (a
    comparison with a missing value is false, and is shown as missing)."""

    at: str
    kind: str  # all | any | not | compare
    holds: bool
    state: str
    text: str  # the sub-condition in words, without this item's values
    parts: list[Part] = field(default_factory=list)
    op: str | None = None
    operand: Operand | None = None
    against: Against | None = None


@dataclass
class Blame:
    """A comparison that decides the rule's outcome for an item; `negated`: the rule needs it to be false."""

    at: str
    text: str
    state: str
    negated: bool
    shown: str  # the item's value


@dataclass
class Item:
    """The rule's condition on one fact (the society, or one item of a profile list)."""

    path: str
    line: int
    name: str
    matched: bool  # the audit's engine run matched the rule on this item
    part: Part
    why: list[Blame]


@dataclass
class Group:
    """Items the rule did not match for the same reason."""

    why: list[Blame]
    items: list[dict[str, Any]]  # name, path, line, values (the shown value of each blamed comparison)


@dataclass
class FindingNote:
    path: str
    line: int
    column: int
    message: str
    waived: bool
    waiver: str | None
    new: bool | None  # with --baseline: not in it


@dataclass
class RuleExplanation:
    id: str
    title: str
    clause: str
    clause_ref: str
    severity: str
    severity_label: str
    subject: str
    subject_label: str
    quote: str
    basis: str | None
    remediation: str
    waivable: bool
    file: str
    line: int | None
    in_force: bool
    effective: tuple[str | None, str | None]  # effective_from, effective_until
    fired: bool
    condition: str = ""
    items: list[Item] = field(default_factory=list)
    groups: list[Group] = field(default_factory=list)
    findings: list[FindingNote] = field(default_factory=list)


@dataclass
class WaiverNote:
    """What one waiver did: applied, expired, pending, superseded, not_waivable, unknown_rule, or unused (it
    covers no finding)."""

    file: str
    line: int | None
    rule: str
    path: str | None
    outcome: str
    text: str
    finding_path: str | None = None
    finding_line: int | None = None


@dataclass
class Explanation:
    file: str
    society_id: str
    society_name: str
    as_of: str
    lang: str
    rules: list[RuleExplanation]
    ladder: dict[str, Any]
    waivers: list[WaiverNote]
    baseline: str | None = None
    errors: list[str] = field(default_factory=list)  # problems the audit reported (e.g. a rejected waiver)
    notes: list[str] = field(default_factory=list)


# ------------------------------------------------------------------ building it


class Explainer:
    """An auditor for one as-of date, and the probes of the rules it explains (built once per set of rules)."""

    def __init__(self, rulebook: Rulebook, as_of: date, lang: str = "zh",
                 extra_waivers: dict[str, list[Placed]] | None = None):
        self.rulebook, self.as_of, self.lang = rulebook, as_of, lang
        self.auditor = Auditor(rulebook, as_of, lang, extra_waivers)
        self._probes: dict[frozenset[str], Probes] = {}

    def probes(self, rules: list[Rule]) -> Probes:
        key = frozenset(r.id for r in rules)
        if key not in self._probes:
            self._probes[key] = Probes(rules, self.auditor.params)
        return self._probes[key]

    def explain(self, doc: Document, profile: Profile, asked: list[str] | None = None, every: bool = False,
                baseline: Baseline | None = None, baseline_name: str | None = None) -> Explanation:
        """The rules `asked` (default: those that fired; `every`: every rule in force) explained for `profile`."""
        lang, book = self.lang, self.rulebook
        trace = Trace()
        result = self.auditor.audit_profile(doc, profile, trace)
        if not result.valid:  # the engine refused a value: the audit's own error, positioned
            raise Failure("x_not_audited", detail="; ".join(e.message for e in result.errors))
        if baseline is not None:
            result = baseline.mark(result)
        in_force = self.auditor.rules
        fired = {rid for rid, _ in trace.fired}
        notes: list[str] = []
        if asked:
            wanted = []
            for rid in asked:
                rule = book.by_id.get(rid.upper())
                if rule is None:
                    raise Failure("rule_unknown", rule=rid, near=closest(rid.upper(), book.by_id))
                if rule not in wanted:
                    wanted.append(rule)
        elif every:
            wanted = list(in_force.values())
        else:
            wanted = [r for r in book.rules if r.id in fired]
            if not wanted:
                notes.append(t("x_none_fired", lang))
        live = [r for r in wanted if r.id in in_force]
        truth = self.probes(live).run(trace.facts, label=doc.file) if live else {}
        ctx = _Context(self, doc, profile, trace, truth)
        rules = [ctx.rule(r, result) if r.id in in_force else ctx.outside(r) for r in wanted]
        return Explanation(
            file=doc.file, society_id=profile.society.id, society_name=profile.society.name,
            as_of=self.as_of.isoformat(), lang=lang, rules=rules, ladder=_ladder(trace.ladder, result, lang),
            waivers=_waivers(trace, result, lang), baseline=baseline_name,
            errors=[f"{e.file}:{e.line or ''}: {e.message}" for e in result.errors], notes=notes)


class _Context:
    """Everything one explanation reads: the profile, the audit's facts and matches, the probes' results."""

    def __init__(self, explainer: Explainer, doc: Document, profile: Profile, trace: Trace,
                 truth: dict[tuple[str, str], set[int]]):
        self.book, self.lang, self.doc, self.profile = explainer.rulebook, explainer.lang, doc, profile
        self.params = explainer.auditor.params
        self.facts, self.fired, self.truth = trace.facts, set(trace.fired), truth
        self.fired_list = trace.fired

    # -------------------------------------------------------------- one rule

    def _head(self, rule: Rule, in_force: bool, fired: bool) -> RuleExplanation:
        lang = self.lang
        subject = SUBJECTS[rule.subject]
        file, line = _rule_place(self.book.source, self.book.files[rule.id], rule.id)
        return RuleExplanation(
            id=rule.id, title=pick(rule.title.model_dump(), lang), clause=rule.clause,
            clause_ref=clause_ref(rule.clause, lang, cite=True), severity=rule.severity,
            severity_label=label("severity", rule.severity, lang), subject=rule.subject,
            subject_label=pick({"zh": subject.zh, "en": subject.en}, lang), quote=rule.quote,
            basis=rule.basis.text() if rule.basis else None,
            remediation=pick(rule.remediation.model_dump(), lang), waivable=rule.waivable, file=file, line=line,
            in_force=in_force, effective=(_plain(rule.effective_from), _plain(rule.effective_until)), fired=fired)

    def outside(self, rule: Rule) -> RuleExplanation:
        """A rule asked for that is not in force at the as-of date: nothing to evaluate."""
        return self._head(rule, False, False)

    def rule(self, rule: Rule, result: Result) -> RuleExplanation:
        out = self._head(rule, True, any(rid == rule.id for rid, _ in self.fired))
        for k, fact in enumerate(self.facts):
            if fact.get("t") != rule.subject:
                continue
            part = self.part(rule, rule.when, "when", fact, k)
            out.items.append(Item(path=fact.get("path", ""), line=self.doc.locate(fact.get("path", ""))[0],
                                  name=self._name(rule.subject, fact.get("path", "")),
                                  matched=(rule.id, k) in self.fired, part=part, why=_blame(part)))
        out.condition = out.items[0].part.text if out.items else self._text(rule, rule.when)
        groups: dict[tuple, Group] = {}
        for item in out.items:
            if item.matched:
                continue
            key = tuple((b.at, b.state, b.negated) for b in item.why)
            group = groups.setdefault(key, Group(why=item.why, items=[]))
            group.items.append({"name": item.name, "path": item.path, "line": item.line,
                                "values": [b.shown for b in item.why]})
        out.groups = list(groups.values())
        for i, (rid, _) in enumerate(self.fired_list):
            if rid == rule.id:
                f: Finding = result.findings[i]
                out.findings.append(FindingNote(f.path, f.line, f.column, f.message, f.waived, f.waiver, f.new))
        return out

    def _text(self, rule: Rule, cond: dict[str, Any]) -> str:
        """The condition in words when there is no item to evaluate it on (an empty list)."""
        return self.part(rule, cond, "when", {"t": rule.subject, "path": ""}, -1).text

    # -------------------------------------------------------------- one part on one item

    def part(self, rule: Rule, cond: dict[str, Any], at: str, fact: dict[str, Any], k: int) -> Part:
        holds = k in self.truth.get((rule.id, at), ())
        lang = self.lang
        for key in ("all", "any"):
            if key in cond:
                parts = [self.part(rule, c, f"{at}.{key}[{i}]", fact, k) for i, c in enumerate(cond[key])]
                text = t(f"cond_{key}", lang).join(t("group", lang, text=p.text) if len(p.parts) > 1 else p.text
                                                    for p in parts)
                return Part(at, key, holds, "holds" if holds else "fails", text, parts)
        if "not" in cond:
            child = self.part(rule, cond["not"], f"{at}.not", fact, k)
            inner = t("group", lang, text=child.text) if len(child.parts) > 1 else child.text
            return Part(at, "not", holds, "holds" if holds else "fails", t("cond_not", lang) + inner, [child])
        facts = FACTS[rule.subject]
        operand = self.operand(facts[cond["field"]], fact)
        op, value = cond["op"], cond.get("value")
        unit_fact = facts[cond["field"]]
        if op in ("exists", "missing"):
            against = Against("none", "")
        elif isinstance(value, dict) and "param" in value:
            param = self.param(value["param"], unit_fact)
            against = Against("param", param.shown, param=param)
        elif isinstance(value, dict) and "field" in value:
            other = self.operand(facts[value["field"]], fact)
            against = Against("field", other.label, operand=other)
        else:
            against = Against("value", _shown(value, unit_fact, lang))
        missing = operand.value is None or (against.operand is not None and against.operand.value is None)
        state = "holds" if holds else "missing" if missing else "fails"
        text = f"{operand.label} {label('op', op, lang)} {against.shown}".rstrip()
        return Part(at, "compare", holds, state, text, op=op, operand=operand, against=against)

    def operand(self, fact: Fact, engine_fact: dict[str, Any]) -> Operand:
        value = _value(engine_fact, fact.name)
        path = engine_fact.get("path", "")
        sources, params = effective(fact)
        return Operand(field=fact.name, label=pick({"zh": fact.zh, "en": fact.en}, self.lang), value=value,
                       shown=_shown(value, fact, self.lang),
                       sources=list({s.path: s for s in (self.source(p, fact.subject, path) for p in sources)}.values()),
                       params=[self.param(p) for p in params])

    def source(self, pattern: str, subject: str, item_path: str) -> Source:
        """Where a source field of a fact is in this profile: the item's own field, or a list it reads."""
        prefix = SUBJECTS[subject].path.format("")
        path = item_path + pattern[len(prefix):] if prefix and item_path and pattern.startswith(prefix) else pattern
        listed, _, _ = path.partition("[]")
        data = _at(self.doc.data, listed)
        line = self.doc.locate(listed)[0]
        if "[]" in path:
            return Source(listed, line, data is not _ABSENT, count=len(data) if isinstance(data, list) else 0)
        if data is _ABSENT:
            return Source(listed, line, False)
        return Source(listed, line, True, written=self.doc.written(listed),
                      count=len(data) if isinstance(data, list) else None)

    def param(self, name: str, unit_of: Fact | None = None) -> ParamUse:
        p = self.book.params[name]
        value = self.params[name]
        file, line = _param_place(self.book.source, name)
        if unit_of is not None:  # a threshold is shown in the unit of the fact it is compared with
            shown = _shown(value, unit_of, self.lang)
        else:
            unit = "ratio" if p.type == "ratio" else p.unit
            shown = _shown(value, None, self.lang, unit=unit)
        return ParamUse(name=name, label=pick(p.description.model_dump(), self.lang), value=_plain(value),
                        shown=shown, reference=p.reference, file=file, line=line)

    def _name(self, subject: str, path: str) -> str:
        subj = SUBJECTS[subject]
        if subj.items is None:
            return self.profile.society.name
        for i, item in enumerate(subj.items(self.profile)):
            if subj.path.format(i) == path:
                named = next((getattr(item, a) for a in _NAMES if isinstance(getattr(item, a, None), str)), None)
                return named or path
        return path


# ------------------------------------------------------------------ reading the parts


def _blame(part: Part, negated: bool = False) -> list[Blame]:
    """The comparisons that give `part` its truth value: the false ones of a false `all`, the true ones of a
    true `any`, every one otherwise; under `not`, the rule wants the opposite."""
    if part.kind == "compare":
        return [Blame(part.at, part.text, part.state, negated, part.operand.shown if part.operand else "")]
    if part.kind == "not":
        return _blame(part.parts[0], not negated)
    decisive = [p for p in part.parts if p.holds == (part.kind == "any")]
    chosen = decisive if decisive and (part.holds == (part.kind == "any")) else part.parts
    return [b for p in chosen for b in _blame(p, negated)]


_ABSENT = object()  # a path the profile does not have


def _at(data: Any, path: str) -> Any:
    """The profile value at a dotted path, or _ABSENT."""
    for part in split_path(path):
        found = part < len(data) if isinstance(data, list) and isinstance(part, int) else \
            isinstance(data, dict) and part in data
        if not found:
            return _ABSENT
        data = data[part]
    return data


def _value(fact: dict[str, Any], name: str) -> Any:
    """A fact's value as the engine got it (the society fact nests `party.x` as {"party": {"x": …}})."""
    if name in fact:
        return fact[name]
    value: Any = fact
    for part in name.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def _shown(value: Any, fact: Fact | None, lang: str, unit: str | None = None) -> str:
    """A value in words: 是/否, a percentage for ratios, a list joined, the unit after numbers; None is missing."""
    unit = unit or (fact.unit if fact else None)
    if value is None:
        return t("x_missing", lang)
    if isinstance(value, bool):
        return t("x_yes" if value else "x_no", lang)
    if isinstance(value, list):
        return t("enum_sep", lang).join(_shown(v, fact, lang, unit) for v in value)
    if isinstance(value, int | float) and unit == "ratio":
        return f"{value * 100:.1f}".rstrip("0").rstrip(".") + "%"
    if isinstance(value, float):
        text = f"{value:g}"
    elif isinstance(value, date):
        return value.isoformat()
    else:
        text = str(value)
    if isinstance(value, int | float) and unit and f"unit_{unit}" in CATALOG and unit != "date":
        return t("x_with_unit", lang, value=text, unit=t(f"unit_{unit}", lang))
    return text


def _shown_path(path: str) -> str:
    """A file as the user would type it: relative to the working folder when it is inside it."""
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return path
    return path if rel.startswith("..") else rel


@lru_cache(maxsize=32)
def _doc(path: str) -> Document | None:
    try:
        return load(path, mapping=False)
    except Exception:  # noqa: BLE001 - the rule set loaded a moment ago; a position is only a courtesy
        return None


def _rule_place(source: str, file: str, rule_id: str) -> tuple[str, int | None]:
    path = str(Path(source) / file)
    doc = _doc(path)
    if doc is not None and isinstance(doc.data, list):
        for i, body in enumerate(doc.data):
            if isinstance(body, dict) and body.get("id") == rule_id:
                return _shown_path(path), doc.locate(f"[{i}]")[0]
    return _shown_path(path), None


def _param_place(source: str, name: str) -> tuple[str, int | None]:
    path = str(Path(source) / "params.yaml")
    doc = _doc(path)
    return _shown_path(path), doc.locate((name,))[0] if doc is not None else None


# ------------------------------------------------------------------ ladder and waivers


def _ladder(trace: dict[str, Any], result: Result, lang: str) -> dict[str, Any]:
    """The ladder's own trace, with labels: the history as dated events and the stage each left the society in,
    the findings that counted and in which category, the inputs of the last step, cited problems remaining."""
    ladder = result.ladder
    if ladder is None:
        return {}
    lines = {(f.rule, f.path): f.line for f in result.findings}
    counted = [dict(c, line=lines.get((c["rule"], c["path"])),
                    weight_label=label("weight", c["weight"], lang) if c.get("weight") in WEIGHTS else t("x_no_category", lang))
               for c in trace.get("counted", [])]
    for c in counted:  # a revocation condition counts as 活力不足 until revocation is recommended: say so
        if c.get("rule_weight") in WEIGHTS and c["rule_weight"] != c.get("weight"):
            c["weight_label"] += t("x_counted_instead", lang, own=label("weight", c["rule_weight"], lang))
    counted_keys = {(c["rule"], c["path"]) for c in counted}
    not_counted = [{"rule": f.rule, "path": f.path, "line": f.line,
                    "why": t("x_ladder_waived", lang) if f.waived else
                    t("x_ladder_severity", lang, severity=label("severity", f.severity, lang))}
                   for f in result.findings if (f.rule, f.path) not in counted_keys]
    events = [dict(e, stage_label=label("stage", e["stage"], lang)) for e in trace.get("events", [])]
    raw = dict(trace.get("inputs", {}))
    reads = trace.get("reads")
    if reads is not None:  # only what the steps taken rest on
        raw = {k: v for k, v in raw.items() if k in reads}
    inputs = [{"name": k, "label": t(f"x_in_{k}", lang) if f"x_in_{k}" in CATALOG else k, "value": v,
               "shown": _shown(v, None, lang)} for k, v in raw.items() if v is not None]
    return {"stage": ladder.stage, "stage_label": ladder.stage_label, "next_step": ladder.next_step,
            "next_step_label": ladder.next_step_label, "letter": ladder.letter, "deadline": ladder.deadline,
            "days_remaining": ladder.days_remaining, "revocation_mode": ladder.revocation_mode,
            "events": events, "counted": counted, "not_counted": not_counted, "inputs": inputs,
            "last": trace.get("last", {}),
            "improvement": ladder.episode.improvement.text if ladder.episode and ladder.episode.improvement else None,
            "flags": [flag.model_dump() for flag in ladder.flags]}


def _waivers(trace: Trace, result: Result, lang: str) -> list[WaiverNote]:
    """Each waiver of the profile and of a --waivers file with what it did (from `suppress.apply`'s trace)."""
    return [_waiver_note(placed, outcome, lang, result.findings[i] if i is not None else None)
            for placed, i, outcome in trace.waivers]


def _waiver_note(placed: Placed, outcome: str, lang: str, finding: Finding | None) -> WaiverNote:
    w = placed.waiver
    return WaiverNote(file=placed.file, line=placed.line, rule=w.rule, path=w.path, outcome=outcome,
                      text=t(f"x_waiver_{outcome}", lang, rule=w.rule,
                             until=w.expires_on.isoformat() if w.expires_on else t("waiver_forever", lang),
                             on=w.approved_on.isoformat()),
                      finding_path=finding.path if finding else None, finding_line=finding.line if finding else None)
