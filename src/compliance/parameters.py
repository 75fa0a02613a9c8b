"""Policy parameters (`rules/params.yaml`): typed, dated values, each checked when loaded, and who reads them.

Rules, facts, the ladder and the letters all read parameters; a missing, unused, wrong-typed or out-of-range
parameter is a positioned rule-file error before anything is audited.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .facts import schema
from .loading import Document
from .problem import Problem, closest, positioned, problems_of

ParamType = Literal["int", "float", "ratio", "bool", "date", "choice", "list"]

# Parameters read by code other than the fact formulas (which declare theirs in the fact registry),
# with the type that code relies on.
CODE_READS: dict[str, dict[str, ParamType]] = {
    "ladder": {"rectification_days": "int", "interview_followup_days": "int", "revocation_mode": "choice",
               "improvement_min_resolved_share": "ratio", "improvement_requires_report": "bool"},
    "letters": {"rectification_days": "int", "interview_materials_workdays": "int", "prereview_report_days": "int"},
}

# Which declared types satisfy a reader that expects a type (a ratio is a number; an int is a number).
_SATISFIES: dict[str, set[str]] = {"float": {"float", "ratio", "int"}, "int": {"int"}, "ratio": {"ratio"},
                                   "bool": {"bool"}, "date": {"date"}, "choice": {"choice"}, "list": {"list"}}


class Text2(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, defer_build=True)  # see rulecache
    zh: str = Field(min_length=1)
    en: str = Field(min_length=1)


class Param(BaseModel):
    """One parameter: what it means, its type and allowed values, its source, and its values by date."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, defer_build=True)  # see rulecache
    description: Text2
    type: ParamType
    range: list[int | float] | None = Field(default=None, min_length=2, max_length=2)
    choices: list[str] | None = Field(default=None, min_length=1)
    items_from: str | None = None  # list items must be allowed values of this profile field
    unit: str
    reference: str = Field(min_length=2)
    values: dict[date, Any] = Field(min_length=1)

    def at(self, on: date) -> Any:
        """The value in force on a day (the earliest value before the first date)."""
        chosen = next(iter(self.values.values()))
        for since, value in self.values.items():
            if since <= on:
                chosen = value
        return chosen

    def allowed(self) -> tuple[str, ...] | None:
        """The allowed values of a choice, or of a list's items."""
        if self.items_from:
            return schema.enum_values(self.items_from)
        return tuple(self.choices) if self.choices else None


def reader_view(params: Mapping[str, Any], reader: str) -> dict[str, Any]:
    """The parameters one piece of code declared it reads (see CODE_READS), and no others."""
    return {name: params[name] for name in CODE_READS[reader]}


# ------------------------------------------------------------------ checking one parameter


def _declaration_problems(doc: Document, name: str, p: Param) -> list[Problem]:
    """Type, range and enumeration fit together."""
    out = []
    if p.range is not None and p.type not in ("int", "float", "ratio"):
        out.append(positioned(doc, f"{name}.range", "p_range_not_number", type=p.type))
    if p.range is not None and (not all(math.isfinite(x) for x in p.range) or p.range[0] > p.range[1]):
        out.append(positioned(doc, f"{name}.range", "p_range_bad", low=p.range[0], high=p.range[1]))
    if p.type == "choice" and not p.choices:
        out.append(positioned(doc, f"{name}.type", "p_choices_missing"))
    if p.type == "list" and not (p.items_from or p.choices):
        out.append(positioned(doc, f"{name}.type", "p_items_missing"))
    if p.type not in ("choice", "list") and (p.choices or p.items_from):
        out.append(positioned(doc, f"{name}.type", "p_choices_unused", type=p.type))
    if p.items_from:
        try:
            allowed = schema.enum_values(p.items_from)
        except KeyError:
            allowed = None
        if allowed is None:
            out.append(positioned(doc, f"{name}.items_from", "p_items_from_bad", field=p.items_from))
    return out


def value_problem(p: Param, value: Any) -> tuple[str, dict[str, Any]] | None:
    """Why `value` is not a valid value of `p`, as an i18n key and its values; None if it is."""
    kind = p.type
    if kind in ("int", "float", "ratio"):
        number_ok = isinstance(value, int) if kind == "int" else isinstance(value, int | float)
        if isinstance(value, bool) or not number_ok:
            return "p_value_type", {"expected": kind, "actual": repr(value)}
        if not math.isfinite(value):
            return "p_value_not_finite", {"actual": repr(value)}
        low, high = p.range or ((0, 1) if kind == "ratio" else (None, None))
        if kind == "ratio" and not 0 <= value <= 1:
            low, high = 0, 1
        if (low is not None and value < low) or (high is not None and value > high):
            return "p_value_range", {"actual": value, "low": low, "high": high}
        return None
    if kind == "bool":
        return None if isinstance(value, bool) else ("p_value_type", {"expected": "true/false", "actual": repr(value)})
    if kind == "date":
        ok = isinstance(value, date)
        return None if ok else ("p_value_type", {"expected": "YYYY-MM-DD", "actual": repr(value)})
    allowed = p.allowed() or ()
    items = [value] if kind == "choice" else value
    if kind == "list" and not isinstance(value, list):
        return "p_value_type", {"expected": "[…]", "actual": repr(value)}
    for item in items:
        if not isinstance(item, str) or item not in allowed:
            near = closest(str(item), allowed, 0.3) if isinstance(item, str) else None
            return "p_value_choice", {"actual": item, "allowed": tuple(allowed), "near": near}
    if kind == "list" and len(set(value)) != len(value):
        return "p_value_duplicate", {"actual": value}
    return None


def _value_problems(doc: Document, name: str, p: Param) -> list[Problem]:
    out = []
    previous: date | None = None
    for since, value in p.values.items():
        path = f"{name}.values.{since.isoformat()}"
        if previous is not None and since <= previous:
            out.append(positioned(doc, path, "p_dates_order", date=since.isoformat(), previous=previous.isoformat()))
        previous = since
        found = value_problem(p, value)
        if found:
            out.append(positioned(doc, path, found[0], **found[1]))
    return out


def load_params(doc: Document) -> tuple[dict[str, Param], list[Problem]]:
    """Every parameter of params.yaml with its problems (declaration, values, dates), positioned."""
    if not isinstance(doc.data, dict):
        return {}, [positioned(doc, "", "p_not_mapping")]
    params: dict[str, Param] = {}
    problems: list[Problem] = []
    for name, body in doc.data.items():
        try:
            p = Param.model_validate(body)
        except ValidationError as exc:
            problems += problems_of(doc, exc, Param, (name,))
            continue
        more = _declaration_problems(doc, name, p)
        problems += more or _value_problems(doc, name, p)
        params[name] = p
    return params, problems


def usage_problems(doc: Document, params: Mapping[str, Param], readers: Mapping[str, tuple[str, list[str]]],
                   rule_reads: set[str]) -> list[Problem]:
    """Parameters read but missing or of another type, and parameters nothing reads.

    `readers` maps a parameter read by code to (the type the code expects, who reads it); `rule_reads` are the
    parameters rule conditions and messages name (a rule naming a missing one is reported at the rule).
    """
    out = []
    unused = [n for n in params if n not in readers and n not in rule_reads]
    written = set(doc.data) if isinstance(doc.data, dict) else set()
    for name, (expected, who) in readers.items():
        p = params.get(name)
        if p is None and name in written:
            continue  # declared but invalid: reported where it is written
        if p is None:
            out.append(Problem(doc.file, "p_missing", {"name": name, "readers": tuple(who),
                                                       "misspelt": closest(name, unused)}, 1, 1, name))
        elif p.type not in _SATISFIES[expected]:
            out.append(positioned(doc, f"{name}.type", "p_type_expected", name=name, expected=expected, actual=p.type,
                                readers=tuple(who)))
    for name in unused:
        out.append(positioned(doc, name, "p_unused", name=name, near=closest(name, list(readers) + sorted(rule_reads))))
    return out


def code_readers() -> dict[str, tuple[str, list[str]]]:
    """Every parameter read by code: the fact formulas (from the registry), the ladder and the letters."""
    from .facts import params_read

    out: dict[str, tuple[str, list[str]]] = {n: (kind, list(who)) for n, (kind, who) in params_read().items()}
    for reader, reads in CODE_READS.items():
        for name, kind in reads.items():
            out.setdefault(name, (kind, []))[1].append(reader)
    return out
