"""One problem in one file (file, line, column, field path, message key), and the one way a pydantic
ValidationError becomes problems; `Failure` is what a command stops on, with its messages and exit code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol, TypeVar, get_args

from .escapes import visible

if TYPE_CHECKING:  # pydantic is imported where it is needed: `compliance --help` does not load it
    from collections.abc import Iterable, Iterator

    from pydantic import BaseModel, ValidationError

M = TypeVar("M", bound="BaseModel")

_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def split_path(path: str) -> list[str | int]:
    """`branches[2].name` → ["branches", 2, "name"]."""
    return [int(i) if i else name for name, i in _PART.findall(path)]


def join_path(parts: Iterable[str | int]) -> str:
    out = ""
    for p in parts:
        out += f"[{p}]" if isinstance(p, int) else (f".{p}" if out else str(p))
    return out


@dataclass(frozen=True)
class Problem:
    """One error in one file, positioned where possible; rendered as `file:line:col: path: message`.

    The path and the values come from the file (keys, written values): hidden characters in them are shown
    escaped, so an error message can never carry a terminal escape sequence or a fake line.
    """

    file: str
    key: str
    values: dict[str, Any] = field(default_factory=dict)
    line: int | None = None
    column: int | None = None
    path: str = ""
    title: str = ""  # the field's Chinese title (the schema's), shown after the path where the language has it

    def __post_init__(self) -> None:
        object.__setattr__(self, "path", visible(self.path))
        object.__setattr__(self, "values", {k: _visible(v) for k, v in self.values.items()})

    def message(self, lang: str = "zh") -> str:
        from .i18n import t

        return t(self.key, lang, **self.values)

    def format(self, lang: str = "zh") -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}:{self.column or 1}"
        return f"{where}: {field_named(self.path, self.title, lang)}{self.message(lang)}"


def field_named(path: str, title: str, lang: str = "zh") -> str:
    """The field an error is about, ready to be followed by the message: `society.credit_code（统一社会信用代码）：`
    in Chinese, `society.credit_code: ` in English (the titles are Chinese) or for a field without a title; ""
    without a path."""
    from .i18n import t

    if not path:
        return ""
    return t("field_titled" if title else "field_path", lang, path=path, title=title)


def _visible(value: Any) -> Any:
    if isinstance(value, str):
        return visible(value)
    if isinstance(value, list | tuple):  # written as an enumeration in the message's language
        items = tuple(visible(v) if isinstance(v, str) else v for v in value)
        return type(value)(items) if isinstance(value, tuple) else items  # a `OneOf` stays one
    return value


class Located(Protocol):
    """What a problem needs of a loaded file (`loading.Document`): its name, data and positions."""

    file: str
    data: Any

    def locate(self, path: str | tuple) -> tuple[int, int]: ...

    def written(self, path: str | tuple) -> str | None: ...


def closest(name: str, options: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The option most like `name` (a misspelt field, rule, parameter, subject or format), if one is close."""
    import difflib

    found = difflib.get_close_matches(name, list(options), n=1, cutoff=cutoff)
    return found[0] if found else None


def positioned(doc: Located, path: str, key: str, **values: Any) -> Problem:
    """A problem at the line and column of `path` in a loaded file."""
    line, col = doc.locate(path)
    return Problem(doc.file, key, values, line, col, path)


def titled(doc: Located, path: str, key: str, values: dict[str, Any], root: type[BaseModel]) -> Problem:
    """A problem at `path` of data of model `root`, named by the field's title as well."""
    line, col = doc.locate(path)
    return Problem(doc.file, key, values, line, col, path, field_title(root, split_path(path)))


class Failure(Exception):
    """A command cannot go on (bad input, an output it must not write, …): what to tell the user, and the exit
    code (2 for bad input, as for every command)."""

    exit_code = 2

    def __init__(self, key: str = "", **values: Any):
        super().__init__(key)
        self.key, self.values = key, values

    def messages(self, lang: str = "zh") -> list[str]:
        from .i18n import t

        return [t(self.key, lang, **self.values)]


class ProblemsFailure(Failure):
    """A file that cannot be used, with its positioned problems."""

    def __init__(self, problems: list[Problem]):
        Exception.__init__(self, "\n".join(p.format() for p in problems))
        self.problems = problems

    def messages(self, lang: str = "zh") -> list[str]:
        return [p.format(lang) for p in self.problems]


# ---------------------------------------------------------------- pydantic errors

_TYPE_KEYS = {
    "string_type": "type_str", "int_type": "type_int", "int_from_float": "type_int", "int_parsing": "type_int",
    "float_type": "type_float", "float_parsing": "type_float", "bool_type": "type_bool", "bool_parsing": "type_bool",
    "date_type": "type_date", "list_type": "type_list", "dict_type": "type_dict", "model_type": "type_dict",
    "model_attributes_type": "type_dict", "none_required": "type_null",
}
_DATE_ERRORS = {"date_parsing", "date_from_datetime_parsing", "date_from_datetime_inexact", "date_future"}
# text in a number field that a person may have meant as a number: 0123, 1:20, 0x1f, 1_000, 1,000
_NUMBER_LIKE = re.compile(r"^[-+]?(?:0[xXoObB][0-9a-fA-F_]+|[0-9][0-9_:,.]*(?:[eE][-+]?[0-9]+)?)$")


def problems_of(doc: Located, exc: ValidationError, root: type[BaseModel], prefix: tuple = ()) -> list[Problem]:
    """One positioned problem per field and kind, for data of model `root` found at `prefix` in the file.

    Profiles, waiver files, rule files, parameters, fixtures and issuer settings all report through here.
    """
    seen: set[tuple[str, str]] = set()
    problems = []
    for err in exc.errors(include_url=False):
        p = _problem(doc, err, prefix, root)
        if (p.path, p.key) not in seen:
            seen.add((p.path, p.key))
            problems.append(p)
    # a misspelt key (credit_cod) also leaves its field missing: say it once, on the typo's line, as the typo
    typos = {(_parent(p.path), p.values.get("near")) for p in problems if p.key in ("v_extra_near", "v_extra_title")}
    return [p for p in problems if p.key != "v_missing" or (_parent(p.path), (split_path(p.path) or [""])[-1]) not in typos]


def _parent(path: str) -> str:
    return join_path(split_path(path)[:-1])


def validated_items(doc: Located, model: type[M], problems: list[Problem]) -> Iterator[tuple[int, M]]:
    """Each entry of a YAML list (rules, waivers, coverage notes) validated as `model`, with its index; an entry
    that is not valid adds its problems to `problems` instead."""
    from pydantic import ValidationError

    for i, body in enumerate(doc.data if isinstance(doc.data, list) else []):
        try:
            item = model.model_validate(body)
        except ValidationError as exc:
            problems += problems_of(doc, exc, model, (i,))
            continue
        yield i, item


def type_values(type_key: str, actual: str) -> dict[str, str]:
    """The values of a `v_type` message: the expected type named in both languages, and what was found."""
    from .i18n import t

    zh = t(type_key, "zh")
    zh = f" {zh}" if zh[:1].isascii() else zh  # 应为 true 或 false: a space between Chinese and Latin text
    return {"expected": zh, "expected_en": t(type_key, "en"), "actual": actual}


def _show(value: Any) -> str:
    if isinstance(value, dict):
        return "{…}"
    if isinstance(value, list):
        return "[…]"
    return _clip(repr(value) if isinstance(value, str) else str(value))


def _clip(text: str) -> str:
    return text if len(text) <= 40 else text[:37] + "…"


def _problem(doc: Located, err: Any, prefix: tuple, root: type[BaseModel]) -> Problem:
    from .i18n import CATALOG

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
    elif value is None and kind in (*_TYPE_KEYS, "literal_error", "enum"):  # `name:` with nothing after it
        key, values = "v_to_fill", {}
    elif kind == "extra_forbidden":
        key, values = _unknown_field(loc, root)
    elif kind in ("bool_type", "bool_parsing") and isinstance(value, str) and value in _CHINESE_YES_NO:
        key, values = "v_bool_chinese", {"actual": actual}
    elif kind in _TYPE_KEYS:
        tk = _TYPE_KEYS[kind]
        number = tk in ("type_int", "type_float") and isinstance(value, str) and _NUMBER_LIKE.match(value)
        key, values = "v_number_text" if number else "v_type", type_values(tk, actual)
        if tk == "type_dict" and isinstance(value, str) and (m := FULLWIDTH_KEY.match(value)):
            key, values = "fullwidth_colon", {"key": m.group("key")}  # `id：NX` read as text, not as a key
    elif kind in ("literal_error", "enum"):
        key, values = _choice(ctx.get("expected", ""), value, actual)
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
    if key == "v_date" and isinstance(value, str):
        key, values = date_written(value) or (key, values)
    title = "" if kind == "extra_forbidden" else field_title(root, loc)
    return Problem(doc.file, key, values, line, col, path, title)


def _choice(expected: str, value: Any, actual: str) -> tuple[str, dict[str, Any]]:
    """A value outside its choices: the choices as alternatives in the message's language (pydantic writes them
    `'学会', '协会' or '研究会'`), and the closest one when one is close (支部 → 党支部)."""
    from .i18n import OneOf

    quoted = re.findall(r"'((?:[^'\\]|\\.)*)'", expected)
    choices = quoted or [c for c in re.split(r", | or ", expected) if c]
    near = closest(str(value), choices) if isinstance(value, str | int) and choices else None
    return "v_choice", {"expected": OneOf(choices), "actual": actual, "near": near}


# yes and no as a Chinese form says them, in a true/false field
_CHINESE_YES_NO = {"是", "否", "对", "错", "有", "无"}
# `formal_members：19`: a key typed with a Chinese input method's full-width colon (YAML reads the line as text),
# at the start of a line or list item, or after `{` or `,` in a flow mapping
FULLWIDTH_KEY = re.compile(r"(?:^[ \t]*(?:-[ \t]+)*|[{,][ \t]*)(?P<key>[^\s:：#,{}\[\]'\"]+?)[ \t]*：", re.M)
# 2024/5/1, 2024.5.1, 2024年5月1日, 2024-5-1 (and 1989-02-30, which no calendar has)
_LOOSE_DATE = re.compile(r"^\s*(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})\s*日?\s*$")


def date_written(text: str) -> tuple[str, dict[str, Any]] | None:
    """What is wrong with a date written as text: a day the month does not have, a month past 12, or a real date
    written another way (`2024/5/1` → 2024-05-01). None when `text` does not look like a date at all."""
    import calendar

    m = _LOOSE_DATE.match(text)
    if not m:
        return None
    year, month, day = (int(g) for g in m.groups())
    shown = _clip(repr(text))
    if not 1 <= month <= 12:
        return "v_date_month", {"actual": shown, "month": month}
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        return "v_date_day", {"actual": shown, "year": year, "month": month, "day": day, "last": last}
    iso = f"{year:04d}-{month:02d}-{day:02d}"
    return ("v_date_written", {"actual": shown, "iso": iso}) if iso != text else None


def field_title(root: type[BaseModel], loc: Iterable[str | int]) -> str:
    """The title of the field at `loc` in model `root` (`society.credit_code` → 统一社会信用代码); "" when the path
    leaves the model (an unknown key) or the field has no title."""
    from pydantic import BaseModel

    title, model = "", root
    for part in loc:
        if isinstance(part, int):
            continue
        fields = model.model_fields if isinstance(model, type) and issubclass(model, BaseModel) else {}
        found = fields.get(part)
        if found is None:
            return ""
        title, model = found.title or "", _unwrap(found.annotation)
    return title


def _unknown_field(loc: tuple, root: type[BaseModel]) -> tuple[str, dict[str, Any]]:
    """An unknown key: the field it was probably meant to be, by spelling, or by title for a key written in
    Chinese (`学会` → `society`, whose description says it holds the society's basic facts)."""
    model = _model_at(loc, root)
    if model is None or not loc or not isinstance(loc[-1], str):
        return "v_extra", {}
    key = loc[-1]
    if not key.isascii():
        found = _by_title(key, model)
        if found:
            return "v_extra_title", {"near": found, "title": model.model_fields[found].title or ""}
        return "v_extra_english", {}
    near = closest(key, model.model_fields)
    return ("v_extra_near", {"near": near}) if near else ("v_extra", {})


def _by_title(key: str, model: type[BaseModel]) -> str | None:
    """The one field whose title (or failing that, description) best matches a key written in Chinese."""
    import difflib

    scored: list[tuple[float, str]] = []
    for name, info in model.model_fields.items():
        title, about = info.title or "", info.description or ""
        if key == title:
            score = 4.0
        elif title and (key in title or title in key):
            score = 3.0
        elif key in about:
            score = 2.0
        else:
            score = difflib.SequenceMatcher(None, key, title).ratio()
            score = score if score >= 0.5 else 0.0
        if score:
            scored.append((score, name))
    scored.sort(reverse=True)
    if not scored or len(scored) > 1 and scored[1][0] == scored[0][0]:
        return None  # no match, or several equally good: a guess would mislead
    return scored[0][1]


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
    from pydantic import BaseModel

    model: Any = root
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        found = model.model_fields.get(part) if isinstance(model, type) and issubclass(model, BaseModel) else None
        if found is None:
            return None
        model = _unwrap(found.annotation)
    return model if isinstance(model, type) and issubclass(model, BaseModel) else None


def _unwrap(annotation: Any) -> Any:
    from pydantic import BaseModel

    for arg in (*get_args(annotation), annotation):
        if isinstance(arg, type) and issubclass(arg, BaseModel):
            return arg
        inner = get_args(arg)
        if inner and arg is not annotation:
            found = _unwrap(arg)
            if found is not None:
                return found
    return None
