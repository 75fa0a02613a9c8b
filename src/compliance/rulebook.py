"""Rules as data: the rule and parameter models, loading `rules/*.yaml`, and compiling conditions.

A condition becomes durable_rules JSON here (plain dicts); only `engine` talks to durable_rules itself.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .facts import FIELDS
from .loading import Document, LoadError, Problem, join_path, load, split_path

Severity = Literal["violation", "warning", "advice"]
LadderWeight = Literal["irregular_governance", "lacking_vitality", "poor_performance", "lax_organisation",
                       "revocation_grades", "revocation_inactive"]
CLAUSES = [str(i) for i in range(1, 23)] + ["保障措施(一)", "保障措施(二)", "保障措施(三)"]
OPS = ("==", "!=", ">", ">=", "<", "<=", "in", "not_in", "exists", "missing", "matches")
_NEGATE = {"==": "!=", "!=": "==", ">": "<=", ">=": "<", "<": ">=", "<=": ">", "in": "not_in", "not_in": "in",
           "exists": "missing", "missing": "exists"}
_DURABLE_OP = {"!=": "$neq", ">": "$gt", ">=": "$gte", "<": "$lt", "<=": "$lte"}
_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_.]*)\}")


class Text2(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)
    zh: str = Field(min_length=1)
    en: str = Field(min_length=1)


class Rule(BaseModel):
    """One requirement of the policy, as data."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    id: str = Field(pattern=r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$")
    clause: Literal[tuple(CLAUSES)]  # type: ignore[valid-type]
    title: Text2
    quote: str = Field(min_length=4)
    severity: Severity
    subject: Literal[tuple(FIELDS)]  # type: ignore[valid-type]
    when: dict[str, Any]
    locate: str | None = None
    message: Text2
    remediation: Text2
    ladder: LadderWeight | None = None
    effective_from: date | None = Field(default=None, strict=False)
    effective_until: date | None = Field(default=None, strict=False)
    waivable: bool = True
    tags: list[str] = Field(default_factory=list)
    basis: str | None = None  # other regulation the rule also rests on, when the policy refers to it

    def in_force(self, on: date) -> bool:
        return (self.effective_from is None or self.effective_from <= on) and (
            self.effective_until is None or on < self.effective_until)


class Param(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)
    description: Text2
    unit: str
    reference: str
    values: dict[date, Any] = Field(min_length=1)

    def at(self, on: date) -> Any:
        dated = sorted(self.values.items())
        chosen = dated[0][1]
        for since, value in dated:
            if since <= on:
                chosen = value
        return chosen


class ClauseInfo(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)
    clause: Literal[tuple(CLAUSES)]  # type: ignore[valid-type]
    title: str
    title_en: str = ""
    classification: Literal["mandatory", "advice", "not-checkable", "mixed"]
    not_checkable: list[str] = Field(default_factory=list)
    reason: str | None = None


class RuleFileError(Exception):
    """A broken rule or parameter file; carries the positioned problems."""

    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(p.format() for p in problems))
        self.problems = problems


class Rulebook:
    """The loaded rule set: rules in file order, parameters and clause coverage notes."""

    def __init__(self, rules: list[Rule], params: dict[str, Param], clauses: list[ClauseInfo], source: str,
                 files: dict[str, str]):
        self.rules, self.params, self.clauses, self.source = rules, params, clauses, source
        self.files = files  # rule id -> file it came from
        self.by_id = {r.id: r for r in rules}

    def params_at(self, on: date) -> dict[str, Any]:
        return {name: p.at(on) for name, p in self.params.items()}

    def in_force(self, on: date) -> list[Rule]:
        return [r for r in self.rules if r.in_force(on)]

    def compile(self, on: date) -> dict[str, dict]:
        """durable_rules JSON for every rule in force at `on`, keyed by rule id."""
        params = self.params_at(on)
        return {r.id: {"all": [{"m": {"$and": [{"t": r.subject}, compile_condition(r.when, params)]}}]}
                for r in self.in_force(on)}


def default_rules_dir() -> Path:
    """The bundled rules: installed inside the package, or at the top of a source checkout (editable install)."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "rules", here.parents[1] / "rules"):
        if (candidate / "params.yaml").is_file():
            return candidate
    return here / "rules"


# ------------------------------------------------------------------ conditions


def compile_condition(cond: dict[str, Any], params: dict[str, Any], negate: bool = False) -> dict[str, Any]:
    """Condition data -> durable_rules expression. `not` is pushed down to the comparisons (De Morgan)."""
    if "all" in cond or "any" in cond:
        key = "all" if "all" in cond else "any"
        parts = [compile_condition(c, params, negate) for c in cond[key]]
        use_and = (key == "all") != negate
        return parts[0] if len(parts) == 1 else {"$and" if use_and else "$or": parts}
    if "not" in cond:
        return compile_condition(cond["not"], params, not negate)
    op = cond["op"]
    if negate:
        op = _NEGATE[op]
    field, value = cond["field"], resolve_value(cond.get("value"), params)
    if op == "exists":
        return {"$ex": {field: 1}}
    if op == "missing":
        return {"$nex": {field: 1}}
    if op == "matches":
        return {"$mt": {field: value}}
    if op in ("in", "not_in"):
        if op == "in":
            return {"$or": [{field: v} for v in value]} if len(value) > 1 else {field: value[0]}
        parts = [{"$neq": {field: v}} for v in value]
        return {"$and": parts} if len(parts) > 1 else parts[0]
    return {field: value} if op == "==" else {_DURABLE_OP[op]: {field: value}}


def resolve_value(value: Any, params: dict[str, Any]) -> Any:
    if isinstance(value, dict) and "param" in value:
        resolved = params[value["param"]]
        return resolved.isoformat() if isinstance(resolved, date) else resolved
    if isinstance(value, dict) and "field" in value:
        return {"$m": value["field"]}
    if isinstance(value, date):
        return value.isoformat()
    return value


_TYPES: dict[str, tuple[type, ...]] = {"int": (int,), "float": (int, float), "bool": (bool,), "str": (str,)}


def _type_ok(value: Any, kind: str) -> bool:
    if isinstance(value, bool) and kind != "bool":
        return False
    return isinstance(value, _TYPES[kind])


def check_condition(cond: Any, subject: str, params: dict[str, Any], at: str) -> list[tuple[str, str]]:
    """Problems in a condition as (path, message) pairs; an empty list means it compiles."""
    fields = FIELDS[subject]
    if not isinstance(cond, dict):
        return [(at, "条件必须是映射（all/any/not 或 field/op/value） / a condition must be a mapping")]
    keys = set(cond)
    if keys in ({"all"}, {"any"}):
        items = cond[next(iter(keys))]
        if not isinstance(items, list) or not items:
            return [(at, "all/any 需要非空列表 / all/any need a non-empty list")]
        out = []
        for i, c in enumerate(items):
            out += check_condition(c, subject, params, f"{at}.{next(iter(keys))}[{i}]")
        return out
    if keys == {"not"}:
        inner = cond["not"]
        if _uses_matches(inner):
            return [(f"{at}.not", "not 不能用于 matches / 'not' cannot wrap 'matches'")]
        return check_condition(inner, subject, params, f"{at}.not")
    if not keys <= {"field", "op", "value"} or not {"field", "op"} <= keys:
        return [(at, f"未知的条件键 {sorted(keys)}；应为 all/any/not 或 field/op/value / unknown condition keys")]
    field, op = cond["field"], cond["op"]
    if field not in fields:
        near = _closest(field, fields)
        return [(f"{at}.field", f"{subject} 没有字段 “{field}”{'，是否指 “' + near + '”？' if near else ''} / unknown field")]
    if op not in OPS:
        return [(f"{at}.op", f"未知运算符 “{op}”，可用：{' '.join(OPS)} / unknown operator")]
    kind = fields[field]
    if op in ("exists", "missing"):
        return [] if "value" not in cond else [(f"{at}.value", f"{op} 不带 value / {op} takes no value")]
    if "value" not in cond:
        return [(at, "缺少 value / value is missing")]
    value = cond["value"]
    if isinstance(value, dict):
        if set(value) == {"param"}:
            if value["param"] not in params:
                return [(f"{at}.value.param", f"未知参数 “{value['param']}”（见 params.yaml） / unknown parameter")]
            value = params[value["param"]]
        elif set(value) == {"field"}:
            other = value["field"]
            if other not in fields:
                return [(f"{at}.value.field", f"{subject} 没有字段 “{other}” / unknown field")]
            if fields[other] != kind and {fields[other], kind} != {"int", "float"}:
                return [(f"{at}.value.field", f"类型不一致：{kind} 与 {fields[other]} / types differ")]
            return []
        else:
            return [(f"{at}.value", "value 只能是字面值、{param: 名称} 或 {field: 字段} / bad value")]
    if op in ("in", "not_in"):
        if not isinstance(value, list) or not value or not all(_type_ok(v, kind) for v in value):
            return [(f"{at}.value", f"{op} 需要由 {kind} 组成的非空列表 / needs a non-empty list of {kind}")]
        return []
    if op == "matches":
        if kind != "str" or not isinstance(value, str):
            return [(f"{at}.value", "matches 只用于文本字段 / matches needs a text field and a pattern")]
        return [(f"{at}.value", msg) for msg in _regex_problems(value)]
    if isinstance(value, date):
        value = value.isoformat()
    if not _type_ok(value, kind):
        return [(f"{at}.value", f"类型不符：字段 {field} 是 {kind}，值是 {type(value).__name__} / type mismatch")]
    if op in (">", ">=", "<", "<=") and kind == "bool":
        return [(f"{at}.op", "布尔字段不能比较大小 / booleans cannot be ordered")]
    return []


def _uses_matches(cond: Any) -> bool:
    if not isinstance(cond, dict):
        return False
    if cond.get("op") == "matches":
        return True
    return any(_uses_matches(c) for key in ("all", "any") for c in cond.get(key, []) or []) or _uses_matches(
        cond.get("not"))


def _regex_problems(pattern: str) -> list[str]:
    """What durable_rules' regex engine cannot take (it segfaults on wide ranges)."""
    out = []
    if "^" in pattern.replace("[^", "") or pattern.endswith("$"):
        out.append("正则不支持 ^ 和 $（总是整串匹配） / no ^ or $: the whole string is matched")
    for lo, hi in re.findall(r"(.)-(.)", pattern):
        if ord(hi) - ord(lo) > 4000:
            out.append(f"字符范围 {lo}-{hi} 过宽 / character range too wide")
    if re.search(r"\{(\d+)", pattern) and max(int(n) for n in re.findall(r"\{(\d+)", pattern)) > 100:
        out.append("重复次数不能超过 100 / repeats must be at most 100")
    return out


def _closest(name: str, options) -> str | None:
    import difflib

    found = difflib.get_close_matches(name, list(options), n=1, cutoff=0.6)
    return found[0] if found else None


def placeholders(text: str) -> list[str]:
    return _PLACEHOLDER.findall(text)


def fill(template: str, fact: dict[str, Any], params: dict[str, Any]) -> str:
    """Replace `{field.path}` and `{params.name}` in a message; no attribute access, no evaluation."""

    def one(m: re.Match) -> str:
        name = m.group(1)
        if name.startswith("params."):
            value = params.get(name[7:])
        else:
            value: Any = fact
            for part in name.split("."):
                value = value.get(part) if isinstance(value, dict) else None
        if value is None:
            return "—"
        if isinstance(value, bool):
            return "是" if value else "否"
        if isinstance(value, float):
            return f"{value:.0%}" if name.endswith("_share") else f"{value:g}"
        if isinstance(value, date):
            return value.isoformat()
        return str(value)

    return _PLACEHOLDER.sub(one, template)


# ------------------------------------------------------------------ loading


def _doc_problem(doc: Document, path: str, message: str) -> Problem:
    line, col = doc.locate(path)
    return Problem(doc.file, "v_other", {"detail": message}, line, col, path)


def _validation_problems(doc: Document, exc: ValidationError, prefix: tuple) -> list[Problem]:
    out = []
    for err in exc.errors(include_url=False):
        loc = prefix + tuple(p for p in err["loc"] if isinstance(p, int) or "[" not in str(p))
        path = join_path(loc)
        out.append(_doc_problem(doc, path, f"{err['msg']}（输入：{str(err.get('input'))[:60]}）"))
    return out


def load_params(path: Path) -> dict[str, Param]:
    doc = _load_yaml(path)
    if not isinstance(doc.data, dict):
        raise RuleFileError([_doc_problem(doc, "", "params.yaml 顶层必须是映射 / must be a mapping")])
    params, problems = {}, []
    for name, body in doc.data.items():
        try:
            params[name] = Param.model_validate(body)
        except ValidationError as exc:
            problems += _validation_problems(doc, exc, (name,))
    if problems:
        raise RuleFileError(problems)
    return params


def _load_yaml(path: Path) -> Document:
    try:
        return load(path, mapping=False)
    except LoadError as exc:
        raise RuleFileError([exc.problem]) from None


def load_rulebook(directory: str | Path | None = None) -> Rulebook:
    """Load and check every rule file in `directory` (default: the bundled rules)."""
    return _load_rulebook(str(Path(directory).resolve()) if directory else str(default_rules_dir()))


@lru_cache(maxsize=4)
def _load_rulebook(directory: str) -> Rulebook:
    root = Path(directory)
    if not root.is_dir():
        raise RuleFileError([Problem(directory, "path_missing", {"path": directory})])
    params_file = root / "params.yaml"
    if not params_file.is_file():
        raise RuleFileError([Problem(str(params_file), "file_missing")])
    param_models = load_params(params_file)
    params_now = {n: p.at(date.max) for n, p in param_models.items()}
    rules: list[Rule] = []
    files: dict[str, str] = {}
    problems: list[Problem] = []
    clauses: list[ClauseInfo] = []
    for path in sorted(root.glob("*.yaml")):
        if path.name == "params.yaml":
            continue
        doc = _load_yaml(path)
        if path.name == "coverage.yaml":
            clauses, more = _load_coverage(doc)
            problems += more
            continue
        if not isinstance(doc.data, list):
            problems.append(_doc_problem(doc, "", "规则文件必须是规则列表 / a rule file is a list of rules"))
            continue
        for i, body in enumerate(doc.data):
            try:
                rule = Rule.model_validate(body)
            except ValidationError as exc:
                problems += _validation_problems(doc, exc, (i,))
                continue
            errs = check_condition(rule.when, rule.subject, params_now, "when")
            for text in (rule.message.zh, rule.message.en, rule.remediation.zh, rule.remediation.en):
                for name in placeholders(text):
                    known = name[7:] in params_now if name.startswith("params.") else name in FIELDS[rule.subject]
                    if not known:
                        errs.append(("message", f"占位符 {{{name}}} 不是 {rule.subject} 的字段或参数 / unknown placeholder"))
            if rule.id in files:
                errs.append(("id", f"规则编号 {rule.id} 重复（另见 {files[rule.id]}） / duplicate rule id"))
            problems += [_doc_problem(doc, join_path((i, *split_path(p))), f"{rule.id}: {m}") for p, m in errs]
            if not errs:
                rules.append(rule)
                files[rule.id] = path.name
    if problems:
        raise RuleFileError(problems)
    return Rulebook(rules, param_models, clauses, directory, files)



def _load_coverage(doc: Document) -> tuple[list[ClauseInfo], list[Problem]]:
    out, problems = [], []
    for i, body in enumerate(doc.data if isinstance(doc.data, list) else []):
        try:
            out.append(ClauseInfo.model_validate(body))
        except ValidationError as exc:
            problems += _validation_problems(doc, exc, (i,))
    return out, problems
