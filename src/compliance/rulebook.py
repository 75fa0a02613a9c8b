"""Rules as data: the rule model, loading and checking `rules/*.yaml` with their parameters, and the rule set
compiled for one as-of date (durable_rules JSON, plus the plan of facts the rules read).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from .conditions import (
    MAX_BRANCHES,
    branches,
    check_condition,
    compile_condition,
    fields_read,
    params_used,
    pattern,
)
from .facts import FACTS, SUBJECTS, Plan
from .loading import Document, LoadError, load
from .parameters import Param, Text2, code_readers, load_params, usage_problems
from .problem import Problem, ProblemsFailure, join_path, positioned, split_path, validated_items
from .report import Basis
from .vocabulary import NEVER_WAIVABLE, NO_WEIGHT, PROHIBITION_WEIGHTS, RuleClass, Severity, Weight

CLAUSES = [str(i) for i in range(1, 23)] + ["保障措施(一)", "保障措施(二)", "保障措施(三)"]
_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_.]*)\}")
# What a letter's wording may not contain: it is the text of a 公文, read by the society, not by the tool's user.
_LETTER_ISO_DATE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}")
_LETTER_TOOL_WORDS = ("档案", "字段", "profile", "YAML")


class LetterText(BaseModel):
    """A finding in the words of a 公文: what was found (你会……) and what is required."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)
    fact: str = Field(min_length=4)
    requirement: str = Field(min_length=4)


class Rule(BaseModel):
    """One requirement of the policy, as data."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, serialize_by_alias=True,
                              defer_build=True)  # see rulecache

    id: str = Field(pattern=r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$")
    clause: Literal[tuple(CLAUSES)]  # type: ignore[valid-type]
    title: Text2
    quote: str = Field(min_length=4)
    quote_terms: list[str] = Field(min_length=1)  # key terms of what the rule enforces, found in quote or basis
    rule_class: RuleClass = Field(alias="class")
    basis: Basis | None = None
    severity: Severity
    subject: Literal[tuple(SUBJECTS)]  # type: ignore[valid-type]
    when: dict[str, Any]
    locate: str | None = None
    message: Text2
    remediation: Text2
    letter: LetterText
    ladder: Weight | Literal["none"]  # required: a category of item 7, or explicitly none
    effective_from: date | None = Field(default=None, strict=False)
    effective_until: date | None = Field(default=None, strict=False)
    waivable: bool = True  # unless written, false for the never-waivable classes (see _default_waivable)
    tags: list[str] = Field(default_factory=list)

    @model_validator(mode="before")
    @classmethod
    def _default_waivable(cls, data: Any) -> Any:
        """A prohibition or political rule is not waivable unless written otherwise (which the loader refuses)."""
        if isinstance(data, dict) and "waivable" not in data and data.get("class") in NEVER_WAIVABLE:
            data = {**data, "waivable": False}
        return data

    @property
    def category(self) -> str | None:
        """The item-7 category, None for `none`."""
        return None if self.ladder == NO_WEIGHT else self.ladder

    def in_force(self, on: date) -> bool:
        return (self.effective_from is None or self.effective_from <= on) and (
            self.effective_until is None or on < self.effective_until)

    def texts(self) -> tuple[str, ...]:
        return self.message.zh, self.message.en, self.remediation.zh, self.remediation.en, self.letter.fact, \
            self.letter.requirement

    def fields(self) -> list[str]:
        """Every fact the rule reads: in its condition and in its messages."""
        shown = [n for text in self.texts() for n in placeholders(text) if not n.startswith("params.")]
        return list(dict.fromkeys(fields_read(self.when) + shown))

    def params(self) -> list[str]:
        """Every parameter the rule reads: in its condition and in its messages."""
        shown = [n[7:] for text in self.texts() for n in placeholders(text) if n.startswith("params.")]
        return list(dict.fromkeys(params_used(self.when) + shown))


class ClauseInfo(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, defer_build=True)  # see rulecache
    clause: Literal[tuple(CLAUSES)]  # type: ignore[valid-type]
    title: str
    title_en: str = ""
    classification: Literal["mandatory", "advice", "not-checkable", "mixed"]
    not_checkable: list[str] = Field(default_factory=list)
    reason: str | None = None


class RuleFileError(ProblemsFailure):
    """A broken rule or parameter file; carries the positioned problems."""


class Rulebook:
    """The loaded rule set: rules in file order, parameters and clause coverage notes."""

    def __init__(self, rules: list[Rule], params: dict[str, Param], clauses: list[ClauseInfo], source: str,
                 files: dict[str, str]):
        self.rules, self.params, self.clauses, self.source = rules, params, clauses, source
        self.files = files  # rule id -> file it came from
        self.by_id = {r.id: r for r in rules}
        self.ratios = frozenset(n for n, p in params.items() if p.type == "ratio")

    def params_at(self, on: date) -> dict[str, Any]:
        return {name: p.at(on) for name, p in self.params.items()}

    def in_force(self, on: date) -> list[Rule]:
        return [r for r in self.rules if r.in_force(on)]

    def compile(self, on: date) -> dict[str, dict]:
        """durable_rules JSON for every rule in force at `on`, keyed by rule id."""
        params = self.params_at(on)
        return {r.id: pattern(r.subject, r.when, params) for r in self.in_force(on)}

    def needed(self, on: date, messages: bool = True) -> dict[str, list[str]]:
        """Subject -> the facts the rules in force at `on` read (in their conditions, and in their messages)."""
        out: dict[str, list[str]] = {}
        for rule in self.in_force(on):
            out.setdefault(rule.subject, []).extend(rule.fields() if messages else fields_read(rule.when))
        return {s: list(dict.fromkeys(names)) for s, names in out.items()}

    def plan(self, on: date) -> Plan:
        """The facts to compute for an audit at `on`: the engine gets those the conditions read; those only
        messages show are added to the facts that fired (measured: ~15 % fewer values to build and send)."""
        return Plan(on, self.params_at(on), self.needed(on, messages=False), self.needed(on))


def default_rules_dir() -> Path:
    """The bundled rules: installed inside the package, or at the top of a source checkout (editable install)."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "rules", here.parents[1] / "rules"):
        if (candidate / "params.yaml").is_file():
            return candidate
    return here / "rules"


# ------------------------------------------------------------------ messages


def placeholders(text: str) -> list[str]:
    return _PLACEHOLDER.findall(text)


def fill(template: str, fact: dict[str, Any], params: Mapping[str, Any], ratios: Collection[str] = ()) -> str:
    """Replace `{field.path}` and `{params.name}` in a message; no attribute access, no evaluation.

    Ratios (facts with unit `ratio`, parameters of type ratio in `ratios`) are shown as percentages.
    """
    facts = FACTS.get(fact.get("t", ""), {})

    def one(m: re.Match) -> str:
        name = m.group(1)
        if name.startswith("params."):
            value = params.get(name[7:])
            ratio = name[7:] in ratios
        else:
            value = fact
            for part in name.split("."):
                value = value.get(part) if isinstance(value, dict) else None
            ratio = name in facts and facts[name].unit == "ratio"
        if value is None:
            return "—"
        if isinstance(value, bool):
            return "是" if value else "否"
        if isinstance(value, float | int) and ratio:
            return f"{value:.0%}"
        if isinstance(value, float):
            return f"{value:g}"
        if isinstance(value, date):
            return value.isoformat()
        return str(value)

    return _PLACEHOLDER.sub(one, template)


# ------------------------------------------------------------------ loading


def _load_yaml(path: Path) -> Document:
    try:
        return load(path, mapping=False)
    except LoadError as exc:
        raise RuleFileError([exc.problem]) from None


def load_rulebook(directory: str | Path | None = None) -> Rulebook:
    """Load and check every rule file in `directory` (default: the bundled rules), or take them from the checked
    cache (`rulecache`) when neither they nor the code changed since."""
    from .rulecache import cached

    return cached(str(Path(directory).resolve()) if directory else str(default_rules_dir()), _load_rulebook)


@lru_cache(maxsize=4)
def _load_rulebook(directory: str) -> Rulebook:
    root = Path(directory)
    if not root.is_dir():
        raise RuleFileError([Problem(directory, "path_missing", {"path": directory})])
    params_file = root / "params.yaml"
    if not params_file.is_file():
        raise RuleFileError([Problem(str(params_file), "file_missing")])
    params_doc = _load_yaml(params_file)
    params, problems = load_params(params_doc)
    rules: list[Rule] = []
    files: dict[str, str] = {}
    clauses: list[ClauseInfo] = []
    placed: dict[str, tuple[Document, int]] = {}  # rule id -> where it is, for problems found across rules
    for path in sorted(root.glob("*.yaml")):
        if path.name == "params.yaml":
            continue
        doc = _load_yaml(path)
        if path.name == "coverage.yaml":
            clauses, more = _load_coverage(doc)
            problems += more
            continue
        if not isinstance(doc.data, list):
            problems.append(positioned(doc, "", "r_file_list"))
            continue
        for i, rule in validated_items(doc, Rule, problems):
            found = _rule_problems(rule, params, files)
            problems += [positioned(doc, join_path((i, *split_path(at))), key, rule=rule.id, **values)
                         for at, key, values in found]
            if not found:
                rules.append(rule)
                files[rule.id] = path.name
                placed[rule.id] = (doc, i)
    rule_reads = {name for rule in rules for name in rule.params()}
    problems += usage_problems(params_doc, params, code_readers(), rule_reads)
    if not problems:
        problems += _size_problems(rules, params, placed)
    if problems:
        raise RuleFileError(problems)
    return Rulebook(rules, params, clauses, directory, files)


def _rule_problems(rule: Rule, params: dict[str, Param], seen: dict[str, str]) -> list[tuple[str, str, dict]]:
    found = check_condition(rule.when, rule.subject, params)
    facts = FACTS[rule.subject]
    for text in rule.texts():
        for name in placeholders(text):
            known = name[7:] in params if name.startswith("params.") else name in facts
            if not known:
                found.append(("message", "r_placeholder", {"name": name, "subject": rule.subject}))
    found += _class_problems(rule) + _quote_problems(rule) + _letter_problems(rule)
    if rule.effective_from and rule.effective_until and rule.effective_until <= rule.effective_from:
        found.append(("effective_until", "r_dates", {"until": rule.effective_until, "start": rule.effective_from}))
    if rule.id in seen:
        found.append(("id", "r_duplicate", {"other": seen[rule.id]}))
    return found


def _class_problems(rule: Rule) -> list[tuple[str, str, dict]]:
    found = []
    if rule.rule_class in NEVER_WAIVABLE and rule.waivable:
        found.append(("waivable", "r_waivable_class", {"cls": rule.rule_class}))
    if rule.rule_class == "prohibition" and rule.ladder not in PROHIBITION_WEIGHTS:
        found.append(("ladder", "r_prohibition_ladder", {"weight": rule.ladder, "weights": PROHIBITION_WEIGHTS}))
    return found


def _quote_problems(rule: Rule) -> list[tuple[str, str, dict]]:
    """Each key term must be in the quoted sentence of the policy, or in the sentence of the outside basis."""
    where = rule.quote + (rule.basis.sentence if rule.basis else "")
    return [(f"quote_terms[{i}]", "r_quote_term", {"term": term, "basis": "/basis" if rule.basis else ""})
            for i, term in enumerate(rule.quote_terms) if term not in where]


def _letter_problems(rule: Rule) -> list[tuple[str, str, dict]]:
    """Letter wording reads the facts the message reads, and is written as a 公文 is."""
    out: list[tuple[str, str, dict]] = []
    shown = set(placeholders(rule.message.zh))
    for part in ("fact", "requirement"):
        text = getattr(rule.letter, part)
        at = f"letter.{part}"
        out += [(at, "r_letter_placeholder", {"name": n}) for n in placeholders(text) if n not in shown]
        plain = _PLACEHOLDER.sub("", text)
        if " " in plain or "\u3000" in plain:
            out.append((at, "r_letter_style", {"what": "空格 / a space"}))
        if _LETTER_ISO_DATE.search(plain):
            out.append((at, "r_letter_style", {"what": "YYYY-MM-DD 日期 / an ISO date"}))
        out += [(at, "r_letter_style", {"what": f"“{w}”"}) for w in _LETTER_TOOL_WORDS if w in plain]
    return out


def _size_problems(rules: list[Rule], params: dict[str, Param], placed: dict[str, tuple[Document, int]]) -> list[Problem]:
    """Rule sets the engine cannot take: too many branches under one subject, at any date a value changes."""
    days = sorted({day for p in params.values() for day in p.values} | {date.max})
    out: list[Problem] = []
    for day in days:
        values = {name: p.at(day) for name, p in params.items()}
        totals: dict[str, int] = {}
        for rule in rules:
            totals[rule.subject] = totals.get(rule.subject, 0) + branches(compile_condition(rule.when, values))
            if totals[rule.subject] > MAX_BRANCHES:
                doc, i = placed[rule.id]
                return [positioned(doc, f"[{i}].when", "r_too_many_branches", rule=rule.id, subject=rule.subject,
                                 total=totals[rule.subject], limit=MAX_BRANCHES)]
    return out


def _load_coverage(doc: Document) -> tuple[list[ClauseInfo], list[Problem]]:
    problems: list[Problem] = []
    return [info for _, info in validated_items(doc, ClauseInfo, problems)], problems
