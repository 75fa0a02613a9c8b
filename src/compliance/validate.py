"""Check a loaded document against the profile models and for dates that cannot be true.

Every problem comes back as a `Problem` with file, line, column and the dotted field path.
"""

from __future__ import annotations

from datetime import date
from typing import Any, get_args

from pydantic import BaseModel, ValidationError

from .loading import Document, Problem, join_path
from .profile import Profile

_TYPE_KEYS = {
    "string_type": "type_str", "int_type": "type_int", "int_from_float": "type_int", "int_parsing": "type_int",
    "float_type": "type_float", "float_parsing": "type_float", "bool_type": "type_bool", "bool_parsing": "type_bool",
    "date_type": "type_date", "list_type": "type_list", "dict_type": "type_dict", "model_type": "type_dict",
    "model_attributes_type": "type_dict", "none_required": "type_null",
}
_DATE_ERRORS = {"date_parsing", "date_from_datetime_parsing", "date_from_datetime_inexact", "date_future"}


def _show(value: Any) -> str:
    if isinstance(value, dict):
        return "{…}"
    if isinstance(value, list):
        return "[…]"
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 40 else text[:37] + "…"


def _problem(doc: Document, err: Any) -> Problem:
    loc = tuple(p for p in err["loc"] if isinstance(p, int) or "[" not in p)
    path = join_path(loc)
    line, col = doc.locate(path)
    kind = err["type"]
    actual = _show(err.get("input"))
    ctx = err.get("ctx") or {}
    if kind == "missing":
        key, values = "v_missing", {}
    elif kind == "extra_forbidden":
        near = _suggest(loc)
        key, values = ("v_extra_near", {"near": near}) if near else ("v_extra", {})
    elif kind in _TYPE_KEYS:
        from .i18n import t

        tk = _TYPE_KEYS[kind]
        key, values = "v_type", {"expected": t(tk, "zh"), "expected_en": t(tk, "en"), "actual": actual}
    elif kind in ("literal_error", "enum"):
        key, values = "v_choice", {"expected": ctx.get("expected", ""), "actual": actual}
    elif kind in ("greater_than_equal", "greater_than"):
        key, values = "v_ge", {"limit": ctx.get("ge", ctx.get("gt")), "actual": actual}
    elif kind in ("less_than_equal", "less_than"):
        key, values = "v_le", {"limit": ctx.get("le", ctx.get("lt")), "actual": actual}
    elif kind == "too_short":
        key, values = "v_too_short", {"limit": ctx.get("min_length", 1)}
    elif kind == "string_pattern_mismatch":
        key, values = "v_pattern", {"actual": actual}
    elif kind in _DATE_ERRORS:
        key, values = "v_date", {"actual": actual}
    else:
        key, values = "v_other", {"detail": err.get("msg", kind)}
    return Problem(doc.file, key, values, line, col, path)


def _model_at(loc: tuple) -> type[BaseModel] | None:
    """The model that holds the last part of `loc` (to suggest the field a typo meant)."""
    model: Any = Profile
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        field = model.model_fields.get(part) if isinstance(model, type) and issubclass(model, BaseModel) else None
        if field is None:
            return None
        model = _unwrap(field.annotation)
    return model if isinstance(model, type) and issubclass(model, BaseModel) else None


def _unwrap(annotation: Any) -> Any:
    for arg in (*get_args(annotation), annotation):
        if isinstance(arg, type) and issubclass(arg, BaseModel):
            return arg
        inner = get_args(arg)
        if inner and arg is not annotation:
            found = _unwrap(arg)
            if found is not None:
                return found
    return None


def _suggest(loc: tuple) -> str | None:
    import difflib

    model = _model_at(loc)
    if model is None or not loc or not isinstance(loc[-1], str):
        return None
    found = difflib.get_close_matches(loc[-1], list(model.model_fields), n=1, cutoff=0.6)
    return found[0] if found else None


def validate(doc: Document, as_of: date) -> tuple[Profile | None, list[Problem]]:
    """The validated profile, or None and the problems found (schema first, then impossible dates)."""
    try:
        profile = Profile.model_validate(doc.data)
    except ValidationError as exc:
        seen: set[tuple[str, str]] = set()
        problems = []
        for err in exc.errors(include_url=False):
            p = _problem(doc, err)
            if (p.path, p.key) not in seen:
                seen.add((p.path, p.key))
                problems.append(p)
        return None, problems
    problems = [Problem(doc.file, key, values, *doc.locate(path), path) for path, key, values in implausible(profile, as_of)]
    return (None, problems) if problems else (profile, [])


def implausible(p: Profile, as_of: date) -> list[tuple[str, str, dict]]:
    """Dates and figures that cannot be true: history after the as-of date, ends before starts, …"""
    out: list[tuple[str, str, dict]] = []

    def future(path: str, d: date | None) -> None:
        if d is not None and d > as_of:
            out.append((path, "v_date_future", {"actual": d.isoformat(), "as_of": as_of.isoformat()}))

    def not_before(path: str, key: str, later: date | None, earlier: date, name: str = "start") -> None:
        """`later` (at `path`) must not come before `earlier`."""
        if later is not None and later < earlier:
            out.append((path, key, {"actual": later.isoformat(), name: earlier.isoformat()}))

    future("society.registered_on", p.society.registered_on)
    future("charter.adopted_on", p.charter.adopted_on)
    future("party.established_on", p.party.established_on)
    for i, a in enumerate(p.party.activities):
        future(f"party.activities[{i}].date", a.date)
    for i, v in enumerate(p.party.vetting):
        future(f"party.vetting[{i}].elected_on", v.elected_on)
        future(f"party.vetting[{i}].vetted_on", v.vetted_on)
    for i, m in enumerate(p.party.major_matters):
        future(f"party.major_matters[{i}].decided_on", m.decided_on)
        future(f"party.major_matters[{i}].reviewed_on", m.reviewed_on)
    g = p.governance
    if g.congress:
        future("governance.congress.last_held", g.congress.last_held)
    if g.council:
        c = g.council
        future("governance.council.term_start", c.term_start)
        not_before("governance.council.term_end", "v_term_end_before_start", c.term_end, c.term_start)
        for i, m in enumerate(c.meetings):
            future(f"governance.council.meetings[{i}].date", m.date)
        for i, person in enumerate(c.members):
            if person.birth_date >= c.term_start:
                out.append((f"governance.council.members[{i}].birth_date", "v_birth_after_term_start",
                            {"actual": person.birth_date.isoformat(), "registered": c.term_start.isoformat()}))
    for i, b in enumerate(p.branches):
        future(f"branches[{i}].established_on", b.established_on)
        future(f"branches[{i}].last_activity_on", b.last_activity_on)
    for i, a in enumerate(p.activities):
        future(f"activities[{i}].start", a.start)
        not_before(f"activities[{i}].end", "v_end_before_start", a.end, a.start)
    for i, f in enumerate(p.foreign):
        future(f"foreign[{i}].date", f.date)
    for i, aw in enumerate(p.awards):
        future(f"awards[{i}].date", aw.date)
    ca = p.evaluations.civil_affairs
    if ca:
        future("evaluations.civil_affairs.awarded_on", ca.awarded_on)
        not_before("evaluations.civil_affairs.expires_on", "v_expiry_before_award", ca.expires_on, ca.awarded_on)
    for i, o in enumerate(p.oversight):
        future(f"oversight[{i}].date", o.date)
        not_before(f"oversight[{i}].deadline", "v_deadline_before_order", o.deadline, o.date, "date")
    for name, items in (("evaluations.association", p.evaluations.association), ("membership.counts", p.membership.counts)):
        years: set[int] = set()
        for i, item in enumerate(items):
            if item.year in years:
                out.append((f"{name}[{i}].year", "v_duplicate_year", {"actual": item.year}))
            years.add(item.year)
    return out
