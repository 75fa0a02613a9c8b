"""Check a profile against the profile models and for dates that cannot be true; `load_profile` reads and checks one
file and gives the profile as it stood on the as-of day. Every problem is a `Problem` with file, line, column and path.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from .datefields import Plan, later, slots
from .loading import Document, LoadError, load
from .problem import Problem, join_path, problems_of, titled
from .profile import LATEST, MAY_BE_FUTURE, SINCE, Profile


def validate(doc: Document, not_after: date | None = None) -> tuple[Profile | None, list[Problem]]:
    """The validated profile, or None and the problems found (schema first, then impossible dates). No date may
    lie after `not_after` (default: today, see `asof.today`), whatever day the audit is as of."""
    profile, problems, _ = _validate(doc, not_after)
    return profile, problems


def _validate(doc: Document, not_after: date | None) -> tuple[Profile | None, list[Problem], Latest]:
    try:
        profile = Profile.model_validate(doc.data)
    except ValidationError as exc:
        return None, problems_of(doc, exc, Profile), Latest()
    if not_after is None:
        from .asof import today

        not_after = today()
    latest = Latest()
    found = _future(profile, not_after, latest)
    future = {path for path, _, _ in found}
    found += [item for item in implausible(profile) if item[0] not in future]  # one problem per field
    problems = [titled(doc, path, key, values, Profile) for path, key, values in found]
    return (None, problems, latest) if problems else (profile, [], latest)


@dataclass(frozen=True)
class Checked:
    """One profile file read and checked: the document (None if it could not be read), the profile as it stood
    on the as-of day (None if invalid), the problems, and what the as-of view left out (field → count)."""

    doc: Document | None
    profile: Profile | None
    problems: list[Problem]
    left_out: dict[str, int] = field(default_factory=dict)


def load_profile(path: str | Path, as_of: date, today: date | None = None) -> Checked:
    """Read one profile file, check it (no date after `today`, default the real today) and take it as it stood
    on `as_of`: the one way every command loads a profile."""
    from .asof import view

    try:
        doc = load(path)
    except LoadError as exc:
        return Checked(None, None, [exc.problem])
    profile, problems, latest = _validate(doc, today)
    if profile is None:
        return Checked(doc, None, problems)
    if not latest.after(as_of):  # nothing the view could leave out: the common case, at no cost
        return Checked(doc, profile, [])
    shown = view(profile, as_of)
    if shown.problems:
        return Checked(doc, None, [Problem(doc.file, key, values, *doc.locate(where), where)
                                   for where, key, values in shown.problems])
    return Checked(doc, shown.profile, [], shown.left_out)


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


@dataclass
class Latest:
    """The latest date and year of a profile that the as-of view acts on (not the ones it keeps: MAY_BE_FUTURE
    dates that do not say when an entry came to exist, LATEST dates), noted while the dates are checked."""

    day: date | None = None
    year: int | None = None

    def note(self, plan: Plan, value: Any) -> None:
        marks = plan[1]
        if LATEST in marks or (MAY_BE_FUTURE in marks and SINCE not in marks):
            return
        if plan[0] == "year":
            self.year = value if self.year is None or value > self.year else self.year
        elif self.day is None or value > self.day:
            self.day = value

    def after(self, as_of: date) -> bool:
        return (self.day is not None and self.day > as_of) or (self.year is not None and self.year > as_of.year)


def future_dates(profile: BaseModel, not_after: date) -> Found:
    """Every date after `not_after` and every year after its year, wherever it sits in the profile, except in
    fields whose type is marked MAY_BE_FUTURE (term ends, deadlines, expiry dates)."""
    return _future(profile, not_after, Latest())


def _future(profile: BaseModel, not_after: date, latest: Latest) -> Found:
    out: Found = []
    _walk_model(profile, (), not_after, out, latest)
    return out


def _walk_model(model: BaseModel, parts: tuple, not_after: date, out: Found, latest: Latest) -> None:
    for slot in slots(type(model)):
        value = getattr(model, slot.name)
        if value is not None:
            _visit(value, slot.plan, parts, slot.name, not_after, out, latest)


def _visit(value: Any, plan: Plan, parts: tuple, key: str | int, not_after: date, out: Found, latest: Latest) -> None:
    """Check `value`, found under `key` at `parts` (the path is built only when needed: this runs per date)."""
    kind = plan[0]
    if kind in ("date", "year"):
        latest.note(plan, value)
        if MAY_BE_FUTURE not in plan[1] and later(plan, value, not_after):
            values = {"actual": value if kind == "year" else value.isoformat(), "today": not_after.isoformat()}
            out.append((join_path((*parts, key)), f"v_{kind}_future", values))
    elif kind == "model":
        _walk_model(value, (*parts, key), not_after, out, latest)
    elif kind == "list":
        here = (*parts, key)
        for i, item in enumerate(value):
            if item is not None:
                _visit(item, plan[1], here, i, not_after, out, latest)
    elif kind == "dict":
        here = (*parts, key)
        for k, item in value.items():
            if plan[1]:
                _visit(k, plan[1], here, k, not_after, out, latest)
            if plan[2] and item is not None:
                _visit(item, plan[2], here, k, not_after, out, latest)


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
    for name, items in (("evaluations.association", p.evaluations.association), ("membership.counts", p.membership.counts),
                        ("evaluations.annual_inspections", p.evaluations.annual_inspections),
                        ("evaluations.annual_reports", p.evaluations.annual_reports)):
        years: set[int] = set()
        for i, item in enumerate(items):
            if item.year in years:
                out.append((f"{name}[{i}].year", "v_duplicate_year", {"actual": item.year}))
            years.add(item.year)
    return out
