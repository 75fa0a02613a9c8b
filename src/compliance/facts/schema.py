"""Look up a profile field by its dotted path (`activities[].fees[].payer`) in the pydantic schema.

Fact and parameter declarations name profile fields this way; this module checks such a path exists and
reads the allowed values of an enumerated field, so a policy list or a rule value can be checked against them.
"""

from __future__ import annotations

import types
import typing
from functools import cache
from typing import Any, Literal

from pydantic import BaseModel

from ..profile import Profile


def _unwrap(annotation: Any) -> Any:
    """Strip Annotated and Optional: `Annotated[X, ...] | None` -> X."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(args) != 1:
                return annotation
            annotation = args[0]
        else:
            return annotation


@cache
def resolve(path: str) -> Any:
    """The annotation of the field at `path` (Optional and Annotated removed); KeyError if there is none."""
    annotation: Any = Profile
    for part in path.split("."):
        name, brackets = part.removesuffix("[]"), part.endswith("[]")
        model = _unwrap(annotation)
        if not (isinstance(model, type) and issubclass(model, BaseModel)) or name not in model.model_fields:
            raise KeyError(path)
        annotation = _unwrap(model.model_fields[name].annotation)
        if brackets:
            if typing.get_origin(annotation) is not list:
                raise KeyError(path)
            annotation = _unwrap(typing.get_args(annotation)[0])
    return annotation


def exists(path: str) -> bool:
    try:
        resolve(path)
    except KeyError:
        return False
    return True


def enum_values(path: str) -> tuple[str, ...] | None:
    """The allowed values of an enumerated (Literal) field, or None if the field is not enumerated."""
    annotation = resolve(path)
    if typing.get_origin(annotation) is Literal:
        return tuple(str(v) for v in typing.get_args(annotation))
    return None


def title(path: str) -> str:
    """The Chinese title of a field, from the schema (`F("强制参加")`)."""
    parent, _, name = path.rpartition(".")
    model = _unwrap(resolve(parent)) if parent else Profile
    return model.model_fields[name.removesuffix("[]")].title or name
