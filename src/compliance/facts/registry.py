"""The fact registry: each derived fact declared once (name, type, unit, labels, source fields, parameters,
formula), like an OpenFisca `Variable`; `Plan` computes the facts the rules read and shapes them for the engine.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from ..profile import Profile
from . import schema

TYPES = {bool: "bool", int: "int", float: "float", str: "str", date: "date"}
# durable_rules misreads a JSON number in exponent notation (Python writes floats below 1e-4 or from 1e16
# so): a float fact outside this range is an error, never a silent wrong comparison. Integer facts are
# counts, days and months of validated profiles.
_FLOAT_MIN, _FLOAT_MAX = 1e-4, 1e15


@dataclass(frozen=True)
class Subject:
    """A kind of engine fact: the society itself, or one fact per item of a profile list."""

    name: str
    zh: str
    en: str
    items: Callable[[Profile], Iterable[Any]] | None = None  # None: the profile itself
    path: str = ""  # the items' profile path with `{}` for the index, e.g. "branches[{}]"
    last: bool = False  # asserted after every other fact (durable_rules negation is order-dependent)


@dataclass(frozen=True)
class Fact:
    """One derived figure a rule may test or a message may show."""

    subject: str
    name: str
    type: str  # bool, int, float, str or date (sent to the engine as ISO text)
    zh: str
    en: str
    formula: Callable[[Row], Any]
    unit: str | None = None  # an i18n key suffix: unit_<unit>
    sources: tuple[str, ...] = ()  # profile fields it is computed from, e.g. "party.activities[].date"
    params: Mapping[str, str] = field(default_factory=dict)  # parameters its formula reads -> their type
    uses: tuple[str, ...] = ()  # other facts it reads: "name" (same subject) or "society:name"
    enum: str | None = None  # a profile field whose allowed values this fact takes

    @property
    def kind(self) -> str:
        """The type a rule value is checked against: dates are compared as ISO text."""
        return "str" if self.type == "date" else self.type

    @property
    def choices(self) -> tuple[str, ...] | None:
        return schema.enum_values(self.enum) if self.enum else None


SUBJECTS: dict[str, Subject] = {}
FACTS: dict[str, dict[str, Fact]] = {}


def subject(name: str, zh: str, en: str, items: Callable[[Profile], Iterable[Any]] | None = None, path: str = "",
            last: bool = False) -> Callable[..., Callable]:
    """Declare a subject; returns the decorator that declares its facts."""
    SUBJECTS[name] = Subject(name, zh, en, items, path, last)
    FACTS[name] = {}

    def declare(fact_name: str, type_: type, *, zh: str, en: str, unit: str | None = None,
                sources: Iterable[str] = (), params: Mapping[str, str] | None = None, uses: Iterable[str] = (),
                enum: str | None = None) -> Callable[[Callable[[Row], Any]], Callable[[Row], Any]]:
        def register(formula: Callable[[Row], Any]) -> Callable[[Row], Any]:
            if fact_name in FACTS[name]:
                raise ValueError(f"fact {name}:{fact_name} declared twice")
            FACTS[name][fact_name] = Fact(name, fact_name, TYPES[type_], zh, en, formula, unit, tuple(sources),
                                          dict(params or {}), tuple(uses), enum)
            return formula

        return register

    return declare


def subjects_in_order() -> list[Subject]:
    """Declaration order, with the anchor subject (society) last."""
    return sorted(SUBJECTS.values(), key=lambda s: s.last)


def lookup(qualified: str, subject_name: str) -> Fact:
    """A fact by "name" (in `subject_name`) or "subject:name"."""
    owner, _, name = qualified.rpartition(":")
    return FACTS[owner or subject_name][name]


def effective(fact: Fact) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Every source field and parameter behind a fact, including those of the facts it uses."""
    sources, params = dict.fromkeys(fact.sources), dict.fromkeys(fact.params)
    for used in fact.uses:
        more_sources, more_params = effective(lookup(used, fact.subject))
        sources.update(dict.fromkeys(more_sources))
        params.update(dict.fromkeys(more_params))
    return tuple(sources), tuple(params)


def params_read() -> dict[str, tuple[str, list[str]]]:
    """Parameter -> (the type the formulas expect, the facts that read it)."""
    out: dict[str, tuple[str, list[str]]] = {}
    for facts in FACTS.values():
        for f in facts.values():
            for p, kind in f.params.items():
                expected, readers = out.setdefault(p, (kind, []))
                if expected != kind:
                    raise ValueError(f"parameter {p} is read as {expected} and as {kind}")
                readers.append(f"{f.subject}:{f.name}" if f.subject != "society" else f.name)
    return out


# ------------------------------------------------------------------ computing


class Context:
    """What every formula of one profile shares: the profile, the as-of date, the parameters in force."""

    def __init__(self, profile: Profile, as_of: date, params: Mapping[str, Any]):
        self.profile, self.as_of, self.params = profile, as_of, params
        self._since: dict[str, date] = {}
        self._society: Row | None = None

    def since(self, param: str) -> date:
        """The start of a look-back window of `param` days ending at the as-of date."""
        day = self._since.get(param)
        if day is None:
            day = self._since[param] = self.as_of - timedelta(days=self.params[param])
        return day

    @property
    def society(self) -> Row:
        if self._society is None:
            self._society = Row(FACTS["society"], self.profile, self)
        return self._society


class Row:
    """One item (or the society) being turned into a fact: formulas read the item, parameters and other facts."""

    __slots__ = ("_facts", "_values", "_memo", "item", "ctx")

    def __init__(self, facts: dict[str, Fact], item: Any, ctx: Context):
        self._facts, self.item, self.ctx = facts, item, ctx
        self._values: dict[str, Any] = {}
        self._memo: dict[Callable, Any] = {}

    def __getitem__(self, name: str) -> Any:
        """The value of another fact of this subject (computed once)."""
        values = self._values
        if name in values:
            return values[name]
        value = values[name] = self._facts[name].formula(self)
        return value

    @property
    def p(self) -> Profile:
        return self.ctx.profile

    @property
    def as_of(self) -> date:
        return self.ctx.as_of

    @property
    def society(self) -> Row:
        return self.ctx.society

    def param(self, name: str) -> Any:
        return self.ctx.params[name]

    def memo(self, helper: Callable[[Row], Any]) -> Any:
        """A shared intermediate (e.g. the hosted activities), computed once per row."""
        memo = self._memo
        if helper in memo:
            return memo[helper]
        value = memo[helper] = helper(self)
        return value

    def within(self, day: date | None, window_param: str = "recent_window_days") -> bool:
        """Whether `day` lies in the look-back window (after its start, not after the as-of date)."""
        return day is not None and self.ctx.since(window_param) < day <= self.ctx.as_of


class FactError(ValueError):
    """A computed value the engine cannot take (never expected once the profile is validated)."""


def _number(value: Any, name: str) -> float:
    number = float(value)
    size = abs(number)
    if not math.isfinite(number) or size >= _FLOAT_MAX or 0 < size < _FLOAT_MIN:
        raise FactError(f"{name} = {value}：超出规则引擎可比较的范围 / outside the range the engine compares")
    return number


_SHAPE = {"float": _number, "date": lambda v, _: v.isoformat() if isinstance(v, date) else v}


# How one fact is placed in the engine fact: (name, formula, head, tail, shape). The society fact nests
# "party.formal_members" as {"party": {"formal_members": …}} (head, tail); item facts are flat (tail "").
_Slot = tuple[str, Callable[["Row"], Any], str, str, Callable[[Any, str], Any] | None]


class Plan:
    """Which facts to compute for the rules in force, and how to shape them as engine facts.

    `needed` maps subject -> fact names the rules' conditions read (None: every declared fact); those go to the
    engine. `shown` names facts only the rules' messages show: `complete` adds them to a fact that fired (the
    engine never reads them). A subject no rule reads is not sent at all; the society fact is always last.
    """

    def __init__(self, as_of: date, params: Mapping[str, Any], needed: Mapping[str, Iterable[str]] | None = None,
                 shown: Mapping[str, Iterable[str]] | None = None):
        self.as_of, self.params = as_of, params
        self.parts: list[tuple[Subject, list[_Slot]]] = []
        self.extra: dict[str, list[_Slot]] = {}
        for subj in subjects_in_order():
            facts = FACTS[subj.name]
            wanted = set(facts) if needed is None else set(needed.get(subj.name, ()))
            later = set((shown or {}).get(subj.name, ())) - wanted
            slots = [self._slot(subj, name, f) for name, f in facts.items() if name in wanted]
            if slots:
                self.parts.append((subj, slots))
            self.extra[subj.name] = [self._slot(subj, name, f) for name, f in facts.items() if name in later]

    @staticmethod
    def _slot(subj: Subject, name: str, f: Fact) -> _Slot:
        head, _, tail = name.partition(".") if subj.items is None else (name, "", "")
        return name, f.formula, head, tail, _SHAPE.get(f.type)

    def build(self, profile: Profile, rows: list[Row] | None = None) -> list[dict[str, Any]]:
        """The engine facts of one profile: plain JSON values, absent values left out (see README). With `rows`,
        the row behind each fact is appended to it (for `complete`)."""
        ctx = Context(profile, self.as_of, self.params)
        out: list[dict[str, Any]] = []
        for subj, slots in self.parts:
            if subj.items is None:
                found = [("", ctx.society)]
            else:
                facts = FACTS[subj.name]
                found = [(subj.path.format(i), Row(facts, item, ctx)) for i, item in enumerate(subj.items(profile))]
            for path, row in found:
                fact: dict[str, Any] = {}
                _fill(fact, row, slots)
                fact["t"], fact["k"], fact["path"] = subj.name, len(out), path
                out.append(fact)
                if rows is not None:
                    rows.append(row)
        return out

    def complete(self, fact: dict[str, Any], row: Row) -> dict[str, Any]:
        """`fact` with the facts only messages show added (for a fact a rule fired on)."""
        _fill(fact, row, self.extra.get(fact["t"], ()))
        return fact


def _fill(fact: dict[str, Any], row: Row, slots: Iterable[_Slot]) -> None:
    values = row._values
    for name, formula, head, tail, shape in slots:
        if name in values:
            value = values[name]
        else:
            value = values[name] = formula(row)
        if value is None:
            continue  # a missing field: every comparison with it is false
        if shape is not None:
            value = shape(value, name)
        if tail:
            fact.setdefault(head, {})[tail] = value
        else:
            fact[name] = value


def build(profile: Profile, as_of: date, params: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Every declared fact of one profile (for tests and tools; audits use a `Plan` of what rules read)."""
    return Plan(as_of, params).build(profile)
