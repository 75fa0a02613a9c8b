"""The profile's shape, found by walking the pydantic models: each field with its Chinese title, what kind of
value it holds, its choices, default and an example. `init` and the workbook are generated from it.
"""

from __future__ import annotations

import re
import types
import typing
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import Any, Literal

from pydantic import BaseModel
from pydantic_core import PydanticUndefined

from .profile import YEAR, Profile

# The kinds of a single value. "const" is a choice with one option and a default (schema_version): it carries
# nothing a person could fill in.
Kind = Literal["text", "int", "number", "date", "bool", "choice", "const"]
EXAMPLE_DAY = date(2024, 5, 1)
_EXAMPLE_NUMBER = {"int": 10, "number": 10000}
# "例如 NX-XH-001；…" or "如科普中国、微信公众号。" in a description gives the example of a text field
_EXAMPLE_IN_TEXT = re.compile(r"(?:例如|如)\s*([^，。；、,;（）()]+)")


@dataclass(frozen=True)
class Scalar:
    kind: Kind
    choices: tuple = ()
    year: bool = False
    low: Any = None  # bounds of a number, from Field(ge=…, le=…)
    high: Any = None


@dataclass(frozen=True)
class ListOf:
    item: Scalar | Node
    min_items: int = 0


@dataclass(frozen=True)
class DictOf:
    key: Scalar
    value: Scalar


@dataclass(frozen=True)
class Node:
    """A model: its fields in schema order."""

    model: type[BaseModel]
    title: str
    fields: tuple[Field, ...] = ()


Shape = Scalar | ListOf | DictOf | Node


@dataclass(frozen=True)
class Field:
    name: str
    title: str
    description: str
    shape: Shape
    required: bool  # no default: the field must be written
    nullable: bool  # null is a value (an Optional field)
    default: Any = None
    extra: dict = field(default_factory=dict, compare=False)

    @property
    def note(self) -> str:
        """The description when it says more than the title."""
        return "" if self.description == self.title else self.description

    @property
    def example(self) -> Any:
        return example(self)


@cache
def node(model: type[BaseModel] = Profile) -> Node:
    """The shape of `model` (the whole profile by default), built once per model."""
    fields = []
    for name, info in model.model_fields.items():
        shape, nullable = _shape(info.annotation, list(info.metadata))
        default = info.get_default(call_default_factory=True) if not info.is_required() else None
        if isinstance(shape, Scalar) and shape.kind == "choice" and len(shape.choices) == 1 and not info.is_required():
            shape = Scalar("const", shape.choices)
        fields.append(Field(name, info.title or name, info.description or info.title or name, shape,
                            info.is_required(), nullable, _plain(default)))
    title = model.model_config.get("title") or model.__name__
    return Node(model, str(title), tuple(fields))


def _plain(default: Any) -> Any:
    """A default as plain data: a model's default (`Compulsion()`) as the dict of its values."""
    if isinstance(default, BaseModel):
        return default.model_dump()
    return None if default is PydanticUndefined else default


def _shape(hint: Any, meta: list) -> tuple[Shape, bool]:
    """The shape of an annotation and whether it admits None."""
    origin = typing.get_origin(hint)
    if origin is typing.Annotated:
        base, *more = typing.get_args(hint)
        return _shape(base, meta + more)
    if origin in (typing.Union, types.UnionType):
        arms = [a for a in typing.get_args(hint) if a is not type(None)]
        shape, _ = _shape(arms[0], meta)  # the profile's unions are all `X | None`
        return shape, len(arms) < len(typing.get_args(hint))
    if origin is list:
        item, _ = _shape(typing.get_args(hint)[0], [])
        low = next((m.min_length for m in _flat(meta) if getattr(m, "min_length", None) is not None), 0)
        return ListOf(item, low), False
    if origin is dict:
        key, value = (_shape(a, [])[0] for a in typing.get_args(hint))
        return DictOf(key, value), False  # type: ignore[arg-type]
    if origin is Literal:
        return Scalar("choice", typing.get_args(hint)), False
    if isinstance(hint, type) and issubclass(hint, BaseModel):
        return node(hint), False
    kind: Kind = {bool: "bool", int: "int", float: "number", date: "date"}.get(hint, "text")  # type: ignore[assignment]
    flat = _flat(meta)
    low = next((m.ge for m in flat if getattr(m, "ge", None) is not None), None)
    high = next((m.le for m in flat if getattr(m, "le", None) is not None), None)
    return Scalar(kind, year=YEAR in flat, low=low, high=high), False


def _flat(meta: list) -> list:
    """Metadata with the constraints pydantic keeps inside a FieldInfo spelled out."""
    out = []
    for m in meta:
        out.append(m)
        out.extend(getattr(m, "metadata", ()))
    return out


# ---------------------------------------------------------------- examples


def example(f: Field) -> Any:
    """A value that shows how the field is written: its default where it has one, otherwise one built from its
    kind (a date, a number within its bounds, the first choice) or, for text, named in its description."""
    if f.default not in (None, [], {}) and not isinstance(f.shape, Node):
        return f.default
    return _example(f.shape, f)


def _example(shape: Shape, f: Field) -> Any:
    if isinstance(shape, ListOf):
        return [_example(shape.item, f)] if isinstance(shape.item, Scalar) else []
    if isinstance(shape, DictOf):
        return {_example(shape.key, f): _example(shape.value, f)}
    if isinstance(shape, Node):
        return None
    if shape.kind in ("choice", "const"):
        return shape.choices[0]
    if shape.kind == "date":
        return EXAMPLE_DAY
    if shape.kind == "bool":
        return True
    if shape.year:
        return EXAMPLE_DAY.year
    if shape.kind in _EXAMPLE_NUMBER:
        value = _EXAMPLE_NUMBER[shape.kind]
        if shape.low is not None and shape.high is not None and shape.high <= 1000:  # an age, a number of terms
            return (shape.low + shape.high) // 2
        if shape.low is not None:
            value = max(value, shape.low)
        if shape.high is not None:
            value = min(value, shape.high)
        return value
    found = _EXAMPLE_IN_TEXT.search(f.description)  # "例如 NX-XH-001", "如科普中国、…"
    return found.group(1).strip() if found else f"（{f.title}）"
