"""The point-in-time view: a validated profile as the society stood on the --as-of day, with what was left out;
and the real today (pinned by COMPLIANCE_TODAY), the limit no date may pass.

The rules of the view come from the marks on the profile models, never from a list here:
- a list entry whose SINCE field (the day or year it came to exist) is after the day is left out, and so is the
  entry of a year-keyed mapping (a branch's activities per year) for a later year;
- any other optional date after the day had not happened yet: it is cleared (a vetting done later, a member
  since later), except a LATEST date (the last of a recurring event: the profile keeps no earlier one, so it
  is kept and no "months since" is judged from it) and a MAY_BE_FUTURE date (term ends, deadlines);
- a required date after the day is the profile's current record (charter, council term) and stays;
- a required SINCE date after the day (the society registered later) and a required list left empty (no member
  count up to the day) leave nothing to audit: they are problems of that file.
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import Any

from pydantic import BaseModel

from .datefields import Plan, Slot, later, slots
from .problem import Failure, join_path
from .profile import FIRST_DAY, LAST_DAY, LATEST, MAY_BE_FUTURE, SINCE, Profile

TODAY_ENV = "COMPLIANCE_TODAY"


def today() -> date:
    """The real today, or the day pinned by COMPLIANCE_TODAY=YYYY-MM-DD (samples, tests, a rerun of a past day)."""
    value = os.environ.get(TODAY_ENV, "").strip()
    if not value:
        return date.today()
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise Failure("bad_today", name=TODAY_ENV, value=value) from None
    if not FIRST_DAY <= day <= LAST_DAY:
        raise Failure("bad_today", name=TODAY_ENV, value=value)
    return day


Found = list[tuple[str, str, dict]]  # (field path, message key, values), as `validate` reports problems


@dataclass
class View:
    """The profile as it stood on `as_of`: what was left out (field pattern → count) and the problems that
    leave nothing to audit."""

    profile: Profile
    left_out: dict[str, int] = field(default_factory=dict)
    problems: Found = field(default_factory=list)

    @property
    def count(self) -> int:
        return sum(self.left_out.values())


def view(profile: Profile, as_of: date) -> View:
    """The profile as it stood on `as_of` (the same object when nothing is later)."""
    counts: Counter = Counter()
    problems: Found = []
    shown = _model(profile, as_of, (), "", counts, problems)
    return View(shown, dict(sorted(counts.items())), problems)  # type: ignore[arg-type]


def _model(m: BaseModel, day: date, parts: tuple, pattern: str, counts: Counter, problems: Found) -> BaseModel:
    changes: dict[str, Any] = {}
    for slot in slots(type(m)):
        value = getattr(m, slot.name)
        if value is None:
            continue
        here = f"{pattern}.{slot.name}" if pattern else slot.name
        new = _value(value, slot, slot.plan, day, (*parts, slot.name), here, counts, problems)
        if new is not value:
            changes[slot.name] = new
    return m.model_copy(update=changes) if changes else m


def _value(value: Any, slot: Slot, plan: Plan, day: date, parts: tuple, pattern: str, counts: Counter,
           problems: Found) -> Any:
    kind = plan[0]
    if kind in ("date", "year"):
        marks = plan[1]
        if (MAY_BE_FUTURE in marks and SINCE not in marks) or LATEST in marks or not later(plan, value, day):
            return value
        if SINCE in marks:  # what holds this date did not exist yet, and cannot be left out
            problems.append((join_path(parts), "asof_not_yet", {"actual": str(value), "as_of": day.isoformat()}))
            return value
        if slot.optional:
            counts[pattern] += 1
            return None
        return value  # a required date: the profile's current record, nothing earlier to go back to
    if kind == "model":
        return _model(value, day, parts, pattern, counts, problems)
    if kind == "list":
        return _list(value, slot, plan[1], day, parts, pattern, counts, problems)
    if kind == "dict":
        return _dict(value, plan, day, pattern, counts)
    return value


def _list(items: list, slot: Slot, inner: Plan, day: date, parts: tuple, pattern: str, counts: Counter,
          problems: Found) -> list:
    key = since_field(inner[1]) if inner[0] == "model" else None
    kept: list = []
    changed = False
    for i, item in enumerate(items):
        if key is not None:
            when = getattr(item, key.name)
            if later(key.plan, when, day):
                counts[pattern] += 1
                changed = True
                continue
            new = _model(item, day, (*parts, i), f"{pattern}[]", counts, problems)
        elif inner[0] in ("date", "year"):
            if later(inner, item, day):
                counts[pattern] += 1
                changed = True
                continue
            new = item
        else:
            new = _value(item, slot, inner, day, (*parts, i), f"{pattern}[]", counts, problems)
        changed |= new is not item
        kept.append(new)
    if len(kept) < slot.min_items:
        first = min((getattr(x, key.name) for x in items), default=None) if key else None
        problems.append((join_path(parts), "asof_none_yet", {"first": str(first), "as_of": day.isoformat()}))
        return items
    return kept if changed else items


def _dict(mapping: dict, plan: Plan, day: date, pattern: str, counts: Counter) -> dict:
    key_plan = plan[1]
    if key_plan is None or key_plan[0] not in ("date", "year"):
        return mapping
    kept = {k: v for k, v in mapping.items() if not later(key_plan, k, day)}
    if len(kept) == len(mapping):
        return mapping
    counts[pattern] += len(mapping) - len(kept)
    return kept


@cache
def since_field(model: type[BaseModel]) -> Slot | None:
    """The field of a list-item model that says when an entry came to exist (marked SINCE), if any."""
    return next((s for s in slots(model) if s.plan[0] in ("date", "year") and SINCE in s.plan[1]), None)


def list_item_models(root: type[BaseModel] = Profile) -> list[type[BaseModel]]:
    """Every model that is the item of a list somewhere in the profile (to hold each to the rule above)."""
    seen: dict[type[BaseModel], bool] = {}

    def visit(model: type[BaseModel], in_list: bool) -> None:
        if seen.get(model) is True or (model in seen and not in_list):
            return
        seen[model] = seen.get(model, False) or in_list
        for f in model.model_fields.values():
            for inner, listed in _models_in(f.annotation, False):
                visit(inner, listed)

    visit(root, False)
    return [m for m, listed in seen.items() if listed]


def _models_in(hint: Any, in_list: bool) -> list[tuple[type[BaseModel], bool]]:
    from typing import get_args, get_origin

    if isinstance(hint, type) and issubclass(hint, BaseModel):
        return [(hint, in_list)]
    origin = get_origin(hint)
    out: list[tuple[type[BaseModel], bool]] = []
    for arg in get_args(hint):
        out += _models_in(arg, in_list or origin is list)
    return out


def undeclared(root: type[BaseModel] = Profile) -> list[str]:
    """List-item models with a date or year field that say neither when an entry came to exist (a SINCE field)
    nor why their entries are kept whole (`as_of_kept`): the as-of view would not know what to leave out."""
    return sorted(m.__name__ for m in list_item_models(root)
                  if any(s.plan[0] in ("date", "year") for s in slots(m))
                  and since_field(m) is None and not getattr(m, "as_of_kept", ""))
