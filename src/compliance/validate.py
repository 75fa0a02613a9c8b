"""Check a profile against the profile models and for dates that cannot be true; `load_profile` reads and
checks one file. Every problem comes back as a `Problem` with file, line, column and the dotted field path.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from types import UnionType
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError

from .loading import Document, LoadError, load
from .problem import Problem, join_path, problems_of
from .profile import MAY_BE_FUTURE, YEAR, Profile


def validate(doc: Document, as_of: date) -> tuple[Profile | None, list[Problem]]:
    """The validated profile, or None and the problems found (schema first, then impossible dates)."""
    try:
        profile = Profile.model_validate(doc.data)
    except ValidationError as exc:
        return None, problems_of(doc, exc, Profile)
    found = future_dates(profile, not_after=as_of)
    future = {path for path, _, _ in found}
    found += [item for item in implausible(profile) if item[0] not in future]  # one problem per field
    problems = [Problem(doc.file, key, values, *doc.locate(path), path) for path, key, values in found]
    return (None, problems) if problems else (profile, [])


@dataclass(frozen=True)
class Checked:
    """One profile file read and checked: the document (None if it could not be read), the profile (None if
    invalid) and the problems."""

    doc: Document | None
    profile: Profile | None
    problems: list[Problem]


def load_profile(path: str | Path, as_of: date) -> Checked:
    """Read one profile file and check it: the one way every command loads a profile."""
    try:
        doc = load(path)
    except LoadError as exc:
        return Checked(None, None, [exc.problem])
    profile, problems = validate(doc, as_of)
    return Checked(doc, profile, problems)


def check_files(files: list[Path], as_of: date) -> Iterator[tuple[Path, list[Problem]]]:
    """`compliance validate`: each file with its problems (none when valid); a file whose name is not UTF-8
    is not read, its name is the problem."""
    from .discover import name_guess, name_is_text, shown

    if len(files) > 1:
        from .gctune import quiet_gc

        quiet_gc()  # the GC settings of an audit's workers: about 20 % of a long batch (measured)
    for path in files:
        if not name_is_text(path):
            yield path, [Problem(shown(path), "name_not_utf8", {"guess": name_guess(path)})]
        else:
            yield path, load_profile(path, as_of).problems


# ---------------------------------------------------------------- dates that cannot have happened yet

Found = list[tuple[str, str, dict]]


def future_dates(profile: BaseModel, not_after: date) -> Found:
    """Every date after `not_after` and every year after its year, wherever it sits in the profile, except in
    fields whose type is marked MAY_BE_FUTURE (term ends, deadlines, expiry dates)."""
    out: Found = []
    _walk_model(profile, (), not_after, out)
    return out


def _walk_model(model: BaseModel, parts: tuple, not_after: date, out: Found) -> None:
    for name, plan in _plans(type(model)):
        value = getattr(model, name)
        if value is not None:
            _visit(value, plan, parts, name, not_after, out)


def _visit(value: Any, plan: tuple, parts: tuple, key: str | int, not_after: date, out: Found) -> None:
    """Check `value`, found under `key` at `parts` (the path is built only when needed: this runs per date)."""
    kind = plan[0]
    if kind == "date":
        if not plan[1] and value > not_after:
            out.append((join_path((*parts, key)), "v_date_future",
                        {"actual": value.isoformat(), "as_of": not_after.isoformat()}))
    elif kind == "year":
        if value > not_after.year:
            out.append((join_path((*parts, key)), "v_year_future", {"actual": value, "as_of": not_after.isoformat()}))
    elif kind == "model":
        _walk_model(value, (*parts, key), not_after, out)
    elif kind == "list":
        here = (*parts, key)
        for i, item in enumerate(value):
            if item is not None:
                _visit(item, plan[1], here, i, not_after, out)
    elif kind == "dict":
        here = (*parts, key)
        for k, item in value.items():
            if plan[1]:
                _visit(k, plan[1], here, k, not_after, out)
            if plan[2] and item is not None:
                _visit(item, plan[2], here, k, not_after, out)


@cache
def _plans(model: type[BaseModel]) -> list[tuple[str, tuple]]:
    """The fields of `model` that hold dates, years or models, with how to walk each (built once per class)."""
    out = []
    for name, field in model.model_fields.items():
        plan = _plan(field.annotation, set(field.metadata))
        if plan is not None:
            out.append((name, plan))
    return out


def _plan(hint: Any, marks: set) -> tuple | None:
    origin = get_origin(hint)
    if origin is Annotated:
        base, *meta = get_args(hint)
        return _plan(base, marks | set(meta))
    if origin in (Union, UnionType):
        plans = [p for arm in get_args(hint) if arm is not type(None) and (p := _plan(arm, set(marks))) is not None]
        return plans[0] if plans else None  # the profile's unions are all `X | None`
    if origin is list:
        inner = _plan(get_args(hint)[0], set())
        return ("list", inner) if inner else None
    if origin is dict:
        key, value = (_plan(a, set()) for a in get_args(hint))
        return ("dict", key, value) if key or value else None
    if hint is date:
        return ("date", MAY_BE_FUTURE in marks)
    if hint is int and YEAR in marks:
        return ("year",)
    if isinstance(hint, type) and issubclass(hint, BaseModel):
        return ("model",) if _plans(hint) else None
    return None


# ---------------------------------------------------------------- figures that cannot be true together


def implausible(p: Profile) -> Found:
    """Facts that contradict each other across records: a council member born after the term began, a year
    counted twice. (Ordered dates within one record are checked by the models, see `profile.not_before`.)"""
    out: Found = []
    c = p.governance.council
    if c:
        for i, person in enumerate(c.members):
            if person.birth_date >= c.term_start:
                out.append((f"governance.council.members[{i}].birth_date", "v_birth_after_term_start",
                            {"actual": person.birth_date.isoformat(), "registered": c.term_start.isoformat()}))
    for name, items in (("evaluations.association", p.evaluations.association), ("membership.counts", p.membership.counts)):
        years: set[int] = set()
        for i, item in enumerate(items):
            if item.year in years:
                out.append((f"{name}[{i}].year", "v_duplicate_year", {"actual": item.year}))
            years.add(item.year)
    return out
