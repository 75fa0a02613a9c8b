"""Work lists: which results and findings an audit shows, for the office's daily questions — by ladder stage,
next step, deadline (overdue, due within N days), society id, and by rule or clause (as Checkov's --check and
--skip-check). Every name is checked before any profile is audited; an unknown one is an error naming the closest.

An invalid profile is always shown (bad input never disappears from a list), unless --society names others.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from .choices import STAGE_VOCABULARY, STEP_VOCABULARY, Vocabulary, allowed
from .i18n import named, t
from .problem import Failure
from .report import Result


@dataclass(frozen=True)
class Filters:
    """The work-list options as written on the command line (each may be repeated or comma-separated)."""

    stages: list[str] = field(default_factory=list)
    next_steps: list[str] = field(default_factory=list)
    overdue: bool = False
    due_within: int | None = None
    societies: list[str] = field(default_factory=list)
    rules: list[str] = field(default_factory=list)
    skip_rules: list[str] = field(default_factory=list)
    clauses: list[str] = field(default_factory=list)


class UnknownName(Failure):
    """A work-list value that names nothing (exit 2, before any audit), with the closest name when there is one.
    A --society id is known only once the profiles are read: one that matches none is bad input like a missing
    path (the others are reported, exit 2)."""




class UnknownChoice(UnknownName):
    """A --stage or --next-step value that names nothing: the closest and the allowed values as the user's language
    writes them (Chinese labels with the term in brackets)."""

    def __init__(self, option: str, value: str, near: str | None, vocabulary: Vocabulary):
        super().__init__("unknown_choice", option=option, value=value)
        self.near, self.vocabulary = near, vocabulary

    def messages(self, lang: str = "zh") -> list[str]:
        voc = self.vocabulary
        near = named(voc.shown, self.near, lang, voc.also) if self.near else None
        return [t(self.key, lang, **self.values, near=near, allowed=allowed(voc, lang))]


@dataclass(frozen=True)
class WorkList:
    stages: frozenset[str] = frozenset()
    next_steps: frozenset[str] = frozenset()
    overdue: bool = False
    due_within: int | None = None
    societies: frozenset[str] = frozenset()
    rules: frozenset[str] = frozenset()
    skip_rules: frozenset[str] = frozenset()
    clauses: frozenset[str] = frozenset()

    @property
    def active(self) -> bool:
        return any((self.stages, self.next_steps, self.overdue, self.due_within is not None, self.societies,
                    self.rules, self.skip_rules, self.clauses))

    def describe(self) -> dict[str, Any]:
        """The filters in force, for the report's head (only those given)."""
        out: dict[str, Any] = {}
        for name in ("stages", "next_steps", "societies", "rules", "skip_rules", "clauses"):
            if getattr(self, name):
                out[name] = sorted(getattr(self, name))
        if self.overdue:
            out["overdue"] = True
        if self.due_within is not None:
            out["due_within"] = self.due_within
        return out

    def select(self, r: Result) -> Result | None:
        """`r` with only the findings asked for, or None when the result is not on the list."""
        if self.societies and r.society.id is not None and r.society.id not in self.societies:
            return None
        if not r.valid:
            return r
        if self.societies and r.society.id is None:
            return None
        lad = r.ladder
        if self.stages and (lad is None or lad.stage not in self.stages):
            return None
        if self.next_steps and (lad is None or lad.next_step not in self.next_steps):
            return None
        if (self.overdue or self.due_within is not None) and not self._deadline(lad.days_remaining if lad else None):
            return None
        if not (self.rules or self.clauses or self.skip_rules):
            return r
        kept = [f for f in r.findings if self._wanted(f.rule, f.clause)]
        if (self.rules or self.clauses) and not kept:
            return None
        return r if len(kept) == len(r.findings) else r.model_copy(update={"findings": kept})

    def _deadline(self, days: int | None) -> bool:
        """--overdue and --due-within together: either (both ask about deadlines)."""
        if days is None:
            return False
        return (self.overdue and days < 0) or (self.due_within is not None and 0 <= days <= self.due_within)

    def _wanted(self, rule: str, clause: str) -> bool:
        if rule in self.skip_rules:
            return False
        if not (self.rules or self.clauses):
            return True
        return rule in self.rules or clause in self.clauses

    def unmatched(self, seen: Iterable[str]) -> list[tuple[str, str | None]]:
        """The --society ids no profile of the batch has, each with the closest id that one has."""
        known = set(seen)
        return [(sid, _closest(sid, known)) for sid in sorted(self.societies - known)]


def build(filters: Filters, rule_ids: Iterable[str], clauses: Iterable[str]) -> WorkList:
    """The work list of `filters`, every name checked: stages and next steps (by name or by their label in either
    language), rule ids and clauses of the rule set; days not negative."""
    if filters.due_within is not None and filters.due_within < 0:
        raise UnknownName("due_within_negative", value=filters.due_within)
    return WorkList(
        stages=_choices("--stage", filters.stages, STAGE_VOCABULARY),
        next_steps=_choices("--next-step", filters.next_steps, STEP_VOCABULARY),
        overdue=filters.overdue, due_within=filters.due_within,
        societies=frozenset(_split(filters.societies)),
        rules=_names("--rule", filters.rules, {r: r for r in rule_ids}, listed=False),
        skip_rules=_names("--skip-rule", filters.skip_rules, {r: r for r in rule_ids}, listed=False),
        clauses=_names("--clause", [clause_of(v) for v in _split(filters.clauses)], _clause_names(clauses)),
    )


def _split(values: Iterable[str]) -> list[str]:
    return [v.strip() for value in values for v in value.split(",") if v.strip()]


def _names(option: str, values: list[str], known: dict[str, str], listed: bool = True) -> frozenset[str]:
    """Each value as the name it stands for in `known` (written form → name); an unknown one is an error."""
    out = set()
    folded = {k.casefold(): v for k, v in known.items()}
    for value in _split(values):
        name = known.get(value) or folded.get(value.casefold())
        if name is None:
            near = _closest(value, known)
            allowed = sorted(set(known.values()), key=list(known.values()).index) if listed else None
            raise UnknownName("unknown_choice" if listed else "unknown_rule_option", option=option, value=value,
                              near=known.get(near, near) if near else None, allowed=allowed or [])
        out.add(name)
    return frozenset(out)


def _choices(option: str, values: list[str], vocabulary: Vocabulary) -> frozenset[str]:
    """Each value as the term of `vocabulary` it names; an unknown one is an error naming the nearest."""
    written = vocabulary.written()
    out = set()
    for value in _split(values):
        term = written.get(value) or written.get(value.casefold())
        if term is None:
            raise UnknownChoice(option, value, vocabulary.nearest(value, written), vocabulary)
        out.add(term)
    return frozenset(out)


_ITEM = re.compile(r"^(?:第\s*)?(\d{1,2})(?:\s*条)?$|^item\s*(\d{1,2})$", re.IGNORECASE)


def _clause_names(clauses: Iterable[str]) -> dict[str, str]:
    """Clauses as the rule set names them (5, 保障措施(三)), also written 第5条, item 5, 保障措施（三）."""
    out: dict[str, str] = {}
    for c in clauses:
        out[c] = c
        if c.isdigit():
            out[f"第{c}条"] = c
            out[f"item {c}"] = c
        else:
            out[c.replace("(", "（").replace(")", "）")] = c
    return out


def clause_of(value: str) -> str:
    """A clause as typed (第5条, item 5), reduced to the rule set's form where it is an item number."""
    m = _ITEM.match(value.strip())
    return (m.group(1) or m.group(2)) if m else value.strip()


def _closest(value: str, known: Iterable[str]) -> str | None:
    """The known name most like `value` (ignoring case), if any is close."""
    folded = {k.casefold(): k for k in known}
    matches = difflib.get_close_matches(value.casefold(), list(folded), n=1, cutoff=0.6)
    return folded[matches[0]] if matches else None
