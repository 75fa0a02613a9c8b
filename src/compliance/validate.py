"""Check a loaded document against the profile models and for dates that cannot be true.

Every problem comes back as a `Problem` with file, line, column and the dotted field path.
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache
from types import UnionType
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError

from .i18n import CATALOG, t
from .loading import Document, Problem, join_path
from .profile import MAY_BE_FUTURE, YEAR, Profile

_TYPE_KEYS = {
    "string_type": "type_str", "int_type": "type_int", "int_from_float": "type_int", "int_parsing": "type_int",
    "float_type": "type_float", "float_parsing": "type_float", "bool_type": "type_bool", "bool_parsing": "type_bool",
    "date_type": "type_date", "list_type": "type_list", "dict_type": "type_dict", "model_type": "type_dict",
    "model_attributes_type": "type_dict", "none_required": "type_null",
}
_DATE_ERRORS = {"date_parsing", "date_from_datetime_parsing", "date_from_datetime_inexact", "date_future"}
# text in a number field that a person may have meant as a number: 0123, 1:20, 0x1f, 1_000, 1,000
_NUMBER_LIKE = re.compile(r"^[-+]?(?:0[xXoObB][0-9a-fA-F_]+|[0-9][0-9_:,.]*(?:[eE][-+]?[0-9]+)?)$")


def _show(value: Any) -> str:
    if isinstance(value, dict):
        return "{…}"
    if isinstance(value, list):
        return "[…]"
    return _clip(repr(value) if isinstance(value, str) else str(value))


def _clip(text: str) -> str:
    return text if len(text) <= 40 else text[:37] + "…"


def _problem(doc: Document, err: Any, prefix: tuple = (), root: type[BaseModel] = Profile) -> Problem:
    loc = _data_loc(doc.data, prefix, err["loc"])
    parts = (*prefix, *loc)
    path = join_path(parts)
    line, col = doc.locate(parts)
    kind = err["type"]
    value = err.get("input")
    written = doc.written(parts) if isinstance(value, float) else None
    actual = _show(value) if written is None else _clip(written)  # `1.0e+309` as written, not `inf`
    ctx = err.get("ctx") or {}
    if kind in CATALOG:  # our own checks raise errors named by their message key
        key, values = kind, dict(ctx, actual=actual)
    elif kind == "missing":
        key, values = "v_missing", {}
    elif kind == "extra_forbidden":
        near = _suggest(loc, root)
        key, values = ("v_extra_near", {"near": near}) if near else ("v_extra", {})
    elif kind in _TYPE_KEYS:
        tk = _TYPE_KEYS[kind]
        number = tk in ("type_int", "type_float") and isinstance(value, str) and _NUMBER_LIKE.match(value)
        key = "v_number_text" if number else "v_type"
        values = {"expected": t(tk, "zh"), "expected_en": t(tk, "en"), "actual": actual}
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


def _data_loc(data: Any, prefix: tuple, loc: tuple) -> tuple:
    """`loc` without pydantic's union labels (`function-after[…]`), which a key in the file may look like."""
    node = data
    for part in prefix:
        node = node[part] if isinstance(node, dict | list) else None
    out = []
    for part in loc:
        if isinstance(node, dict) and part in node or isinstance(node, list) and isinstance(part, int) and part < len(node):
            out.append(part)
            node = node[part]
        elif not (isinstance(part, str) and "[" in part):
            out.append(part)
            node = None
    return tuple(out)


def _model_at(loc: tuple, root: type[BaseModel]) -> type[BaseModel] | None:
    """The model that holds the last part of `loc` (to suggest the field a typo meant)."""
    model: Any = root
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


def _suggest(loc: tuple, root: type[BaseModel]) -> str | None:
    import difflib

    model = _model_at(loc, root)
    if model is None or not loc or not isinstance(loc[-1], str):
        return None
    found = difflib.get_close_matches(loc[-1], list(model.model_fields), n=1, cutoff=0.6)
    return found[0] if found else None


def validate(doc: Document, as_of: date) -> tuple[Profile | None, list[Problem]]:
    """The validated profile, or None and the problems found (schema first, then impossible dates)."""
    try:
        profile = Profile.model_validate(doc.data)
    except ValidationError as exc:
        return None, problems_of(doc, exc)
    found = future_dates(profile, not_after=as_of)
    future = {path for path, _, _ in found}
    found += [item for item in implausible(profile) if item[0] not in future]  # one problem per field
    problems = [Problem(doc.file, key, values, *doc.locate(path), path) for path, key, values in found]
    return (None, problems) if problems else (profile, [])


def problems_of(doc: Document, exc: ValidationError, prefix: tuple = (), root: type[BaseModel] = Profile) -> list[Problem]:
    """One positioned problem per field and kind; `prefix` is where the validated data sits in the file."""
    seen: set[tuple[str, str]] = set()
    problems = []
    for err in exc.errors(include_url=False):
        p = _problem(doc, err, prefix, root)
        if (p.path, p.key) not in seen:
            seen.add((p.path, p.key))
            problems.append(p)
    return problems


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
