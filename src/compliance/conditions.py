"""Rule conditions: checked against the fact registry and parameters, then compiled to durable_rules JSON.

A comparison with a field the fact lacks is false (like SQL's NULL); `not` is the logical negation of its
condition, so `not (x == 1)` holds when x is missing. See README, "规则 / Rules".
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import Any

from .facts import FACTS, Fact
from .parameters import Param, closest

OPS = ("==", "!=", ">", ">=", "<", "<=", "in", "not_in", "exists", "missing", "matches")
_NEGATE = {"==": "!=", "!=": "==", ">": "<=", ">=": "<", "<": ">=", "<=": ">", "in": "not_in", "not_in": "in"}
_DURABLE_OP = {"!=": "$neq", ">": "$gt", ">=": "$gte", "<": "$lt", "<=": "$lte"}

# durable_rules 2.0.28 stops responding once one node of its network has 512 successors: the branches
# (`$or` alternatives) of every rule of one subject add up at the subject's type test (measured; see
# notes/durable-rules.md). The limits keep well below.
MAX_LIST = 100  # values of one `in` / `not_in`
MAX_BRANCHES = 400  # branches of all the rules of one subject together
MAX_CLASS = 4000  # code points of one regex character class (wider ones crash the engine)
MAX_REPEAT = 100


# A problem: (path inside the rule, i18n key, values for the message)
Found = tuple[str, str, dict[str, Any]]


# ------------------------------------------------------------------ checking


def check_condition(cond: Any, subject: str, params: Mapping[str, Param], at: str = "when") -> list[Found]:
    """Problems in a condition; an empty list means it compiles and can be evaluated."""
    if not isinstance(cond, dict):
        return [(at, "r_cond_mapping", {})]
    keys = set(cond)
    if keys in ({"all"}, {"any"}):
        key = next(iter(keys))
        items = cond[key]
        if not isinstance(items, list) or not items:
            return [(at, "r_cond_list", {})]
        out: list[Found] = []
        for i, c in enumerate(items):
            out += check_condition(c, subject, params, f"{at}.{key}[{i}]")
        return out
    if keys == {"not"}:
        if _uses_matches(cond["not"]):
            return [(f"{at}.not", "r_not_matches", {})]
        return check_condition(cond["not"], subject, params, f"{at}.not")
    if not keys <= {"field", "op", "value"} or not {"field", "op"} <= keys:
        return [(at, "r_cond_keys", {"keys": sorted(map(str, keys))})]
    return _check_comparison(cond, subject, params, at)


def _check_comparison(cond: dict, subject: str, params: Mapping[str, Param], at: str) -> list[Found]:
    facts = FACTS[subject]
    field, op = cond["field"], cond["op"]
    if field not in facts:
        return [(f"{at}.field", "r_unknown_field", {"subject": subject, "field": field, "near": closest(field, facts)})]
    if op not in OPS:
        return [(f"{at}.op", "r_unknown_op", {"op": op, "ops": " ".join(OPS)})]
    fact = facts[field]
    kind = fact.kind
    if op in ("exists", "missing"):
        return [] if "value" not in cond else [(f"{at}.value", "r_no_value", {"op": op})]
    if "value" not in cond:
        return [(at, "r_value_missing", {})]
    value = cond["value"]
    if isinstance(value, dict):
        if set(value) == {"param"}:
            return _check_param(value["param"], fact, op, params, f"{at}.value.param")
        if set(value) == {"field"}:
            other = value["field"]
            if other not in facts:
                return [(f"{at}.value.field", "r_unknown_field", {"subject": subject, "field": other,
                                                                 "near": closest(other, facts)})]
            other_kind = facts[other].kind
            if other_kind != kind and {other_kind, kind} != {"int", "float"}:
                return [(f"{at}.value.field", "r_types_differ", {"kind": kind, "other": other_kind})]
            if op in ("in", "not_in", "matches"):
                return [(f"{at}.op", "r_field_op", {"op": op})]
            return []
        return [(f"{at}.value", "r_bad_value", {})]
    if op in ("in", "not_in"):
        if not isinstance(value, list) or not value or not all(_type_ok(_plain(v), kind) for v in value):
            return [(f"{at}.value", "r_list_needed", {"op": op, "kind": kind})]
        if len(value) > MAX_LIST:
            return [(f"{at}.value", "r_list_too_long", {"op": op, "count": len(value), "limit": MAX_LIST})]
        return [(f"{at}.value[{i}]", *e) for i, v in enumerate(value) for e in _enum_problems(fact, v)]
    if op == "matches":
        if kind != "str" or not isinstance(value, str):
            return [(f"{at}.value", "r_matches_text", {})]
        return [(f"{at}.value", key, dict(values, pattern=value)) for key, values in regex_problems(value)]
    value = _plain(value)
    if not _type_ok(value, kind):
        return [(f"{at}.value", "r_type_mismatch", {"field": field, "kind": kind, "actual": type(value).__name__})]
    if op in (">", ">=", "<", "<=") and kind == "bool":
        return [(f"{at}.op", "r_bool_order", {})]
    return [(f"{at}.value", *e) for e in _enum_problems(fact, value)]


# Which parameter types a field of each kind can be compared with (dates only with dates, lists with `in`).
_PARAM_FITS = {"int": {"int"}, "float": {"int", "float", "ratio"}, "bool": {"bool"}, "str": {"choice"}}


def _check_param(name: str, fact: Fact, op: str, params: Mapping[str, Param], at: str) -> list[Found]:
    p = params.get(name)
    if p is None:
        return [(at, "r_unknown_param", {"name": name, "near": closest(name, params)})]
    if op in ("in", "not_in"):
        fits = p.type == "list" and fact.kind == "str"
    elif op == "matches":
        fits = False
    else:
        fits = p.type == "date" if fact.type == "date" else p.type in _PARAM_FITS[fact.kind]
    if not fits:
        return [(at, "r_param_type", {"field": fact.name, "kind": fact.type, "name": name, "ptype": p.type})]
    choices = fact.choices
    allowed = p.allowed()
    if choices and allowed is not None and not set(allowed) <= set(choices):
        bad = next(v for v in allowed if v not in choices)
        return [(at, "r_enum", {"field": fact.name, "value": bad, "near": closest(bad, choices, 0.3),
                                "allowed": tuple(choices)})]
    return []


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def _type_ok(value: Any, kind: str) -> bool:
    if isinstance(value, bool):
        return kind == "bool"
    return isinstance(value, {"int": int, "float": int | float, "bool": bool, "str": str}[kind])


def _enum_problems(fact: Fact, value: Any) -> list[tuple[str, dict[str, Any]]]:
    choices = fact.choices
    if not choices or value in choices:
        return []
    return [("r_enum", {"field": fact.name, "value": value, "near": closest(str(value), choices, 0.3),
                        "allowed": tuple(choices)})]


def _uses_matches(cond: Any) -> bool:
    if not isinstance(cond, dict):
        return False
    if cond.get("op") == "matches":
        return True
    for key in ("all", "any"):
        items = cond.get(key)
        if isinstance(items, list) and any(_uses_matches(c) for c in items):
            return True
    return _uses_matches(cond.get("not"))


_CLASS = re.compile(r"\[((?:%.|\\.|[^\]])*)\]")
_RANGE = re.compile(r"(%.|\\.|[^%\\])-(%.|\\.|[^%\\])")


def regex_problems(pattern: str) -> list[tuple[str, dict[str, Any]]]:
    """What durable_rules' regex compiler rejects or crashes on, found before it sees the pattern."""
    out: list[tuple[str, dict[str, Any]]] = []
    if "^" in pattern.replace("[^", "") or pattern.endswith("$"):
        out.append(("r_regex_anchor", {}))
    for body in _CLASS.findall(pattern):
        width = len(_RANGE.sub("", body))
        width += sum(abs(ord(hi[-1]) - ord(lo[-1])) + 1 for lo, hi in _RANGE.findall(body))
        if width > MAX_CLASS:
            out.append(("r_regex_class", {"width": width, "limit": MAX_CLASS}))
    repeats = [int(n) for n in re.findall(r"\{(\d+)", pattern) + re.findall(r"\{\d*,(\d+)\}", pattern)]
    if repeats and max(repeats) > MAX_REPEAT:
        out.append(("r_regex_repeat", {"limit": MAX_REPEAT}))
    if out:
        return out
    from .engine import pattern_error  # only a rule with `matches` needs the engine at load time

    code = pattern_error(pattern)
    if code is not None:
        out.append(("r_regex_engine", {"code": code}))
    return out


def fields_read(cond: Any) -> list[str]:
    """Every fact a condition reads (its fields and the fields it compares with)."""
    if not isinstance(cond, dict):
        return []
    if "all" in cond or "any" in cond:
        return [f for c in cond.get("all", cond.get("any")) for f in fields_read(c)]
    if "not" in cond:
        return fields_read(cond["not"])
    value = cond.get("value")
    other = [value["field"]] if isinstance(value, dict) and "field" in value else []
    return [cond["field"], *other]


def params_used(cond: Any) -> list[str]:
    """Every parameter a condition names, in order."""
    if not isinstance(cond, dict):
        return []
    if "all" in cond or "any" in cond:
        found = [p for c in cond.get("all", cond.get("any")) for p in params_used(c)]
    elif "not" in cond:
        found = params_used(cond["not"])
    else:
        value = cond.get("value")
        found = [value["param"]] if isinstance(value, dict) and "param" in value else []
    return list(dict.fromkeys(found))


# ------------------------------------------------------------------ compiling


def subconditions(cond: dict[str, Any], at: str = "when") -> list[tuple[str, dict[str, Any]]]:
    """Every sub-condition of a checked condition with its path inside the rule, the whole condition first
    (each is a condition itself: `explain` compiles each into a probe rule)."""
    out = [(at, cond)]
    for key in ("all", "any"):
        for i, c in enumerate(cond.get(key, ())):
            out += subconditions(c, f"{at}.{key}[{i}]")
    if "not" in cond:
        out += subconditions(cond["not"], f"{at}.not")
    return out


def pattern(subject: str, cond: dict[str, Any], params: Mapping[str, Any]) -> dict[str, Any]:
    """The durable_rules rule body matching the facts of `subject` for which `cond` holds (rules and probes)."""
    return {"all": [{"m": {"$and": [{"t": subject}, compile_condition(cond, params)]}}]}


def compile_condition(cond: dict[str, Any], params: Mapping[str, Any], negate: bool = False) -> dict[str, Any]:
    """A checked condition -> a durable_rules expression; `params` are the values in force.

    `not` is pushed down to the comparisons (De Morgan). A negated comparison also holds when a field it
    reads is missing, since the comparison itself is false then.
    """
    if "all" in cond or "any" in cond:
        key = "all" if "all" in cond else "any"
        parts = [compile_condition(c, params, negate) for c in cond[key]]
        return _join("$and" if (key == "all") != negate else "$or", parts)
    if "not" in cond:
        return compile_condition(cond["not"], params, not negate)
    op, field = cond["op"], cond["field"]
    if op in ("exists", "missing"):
        present = (op == "exists") != negate
        return {"$ex" if present else "$nex": {field: 1}}
    value = cond.get("value")
    if not negate:
        if isinstance(value, dict) and "field" in value:
            # durable_rules may match `x < {$m: y}` when y is missing: state the missing-is-false rule outright
            return _join("$and", [{"$ex": {value["field"]: 1}}, _comparison(op, field, value, params)])
        return _comparison(op, field, value, params)
    absent = [{"$nex": {field: 1}}]
    if isinstance(value, dict) and "field" in value:
        absent.append({"$nex": {value["field"]: 1}})
    return _join("$or", [*absent, _comparison(_NEGATE[op], field, value, params)])


def _join(op: str, parts: list[dict[str, Any]]) -> dict[str, Any]:
    flat: list[dict[str, Any]] = []
    for part in parts:
        flat += part[op] if set(part) == {op} else [part]
    return flat[0] if len(flat) == 1 else {op: flat}


def _comparison(op: str, field: str, value: Any, params: Mapping[str, Any]) -> dict[str, Any]:
    value = resolve_value(value, params)
    if op == "matches":
        return {"$mt": {field: value}}
    if op == "in":
        return _join("$or", [{field: v} for v in value])
    if op == "not_in":
        return _join("$and", [{"$neq": {field: v}} for v in value])
    return {field: value} if op == "==" else {_DURABLE_OP[op]: {field: value}}


def resolve_value(value: Any, params: Mapping[str, Any]) -> Any:
    if isinstance(value, dict) and "param" in value:
        value = params[value["param"]]
    elif isinstance(value, dict) and "field" in value:
        return {"$m": value["field"]}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return _plain(value)


def branches(expr: Any) -> int:
    """How many successors a compiled expression adds to the engine's network (see MAX_BRANCHES)."""
    if isinstance(expr, dict) and set(expr) == {"$or"}:
        return sum(branches(e) for e in expr["$or"])
    if isinstance(expr, dict) and set(expr) == {"$and"}:
        return max(branches(e) for e in expr["$and"])
    return 1
