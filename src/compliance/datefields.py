"""Where the profile models keep their dates and years: for each model class, the fields that hold a date, a year,
or a model, list or dict with some inside, with the marks of their type (built once per class, walked per profile).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache
from types import UnionType
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel

from .profile import YEAR, Mark

# A plan says how to walk a value: ("date", marks), ("year", marks), ("model", class), ("list", item plan),
# ("dict", key plan or None, value plan or None).
Plan = tuple


@dataclass(frozen=True)
class Slot:
    """One field of a model that holds dates or years somewhere inside."""

    name: str
    plan: Plan
    optional: bool  # None is allowed (the field may be cleared)
    min_items: int  # a list's least length (0: none)


@cache
def slots(model: type[BaseModel]) -> tuple[Slot, ...]:
    """The fields of `model` that hold dates, years or models that do, with how to walk each."""
    out = []
    for name, field in model.model_fields.items():
        plan = plan_of(field.annotation, frozenset(field.metadata))
        if plan is not None:
            least = next((m.min_length for m in field.metadata if getattr(m, "min_length", None)), 0)
            out.append(Slot(name, plan, not field.is_required() and field.default is None, least))
    return tuple(out)


def plan_of(hint: Any, marks: frozenset = frozenset()) -> Plan | None:
    """How to walk a value of type `hint` (None: nothing dated inside). Marks come from `Annotated` metadata."""
    origin = get_origin(hint)
    if origin is Annotated:
        base, *meta = get_args(hint)
        return plan_of(base, marks | frozenset(m for m in meta if isinstance(m, Mark)))
    if origin in (Union, UnionType):
        plans = [p for arm in get_args(hint) if arm is not type(None) and (p := plan_of(arm, marks)) is not None]
        return plans[0] if plans else None  # the profile's unions are all `X | None`
    if origin is list:
        inner = plan_of(get_args(hint)[0])
        return ("list", inner) if inner else None
    if origin is dict:
        key, value = (plan_of(a) for a in get_args(hint))
        return ("dict", key, value) if key or value else None
    if hint is date:
        return ("date", marks)
    if hint is int and YEAR in marks:
        return ("year", marks)
    if isinstance(hint, type) and issubclass(hint, BaseModel):
        return ("model", hint) if slots(hint) else None
    return None


def later(plan: Plan, value: Any, day: date) -> bool:
    """Whether a date (or a year) lies after `day` (after its year)."""
    return value > (day.year if plan[0] == "year" else day)
