"""Values in cells: how each kind of profile value is written into a cell, and read back from what a person
typed (a date cell or the text 2024-05-01, a number or its text, 是/否, several items in one cell).
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from ..shape import DictOf, Field, ListOf, Scalar

YES, NO = "是", "否"  # how a workbook says true and false (a drop-down offers both)
NONE_WORD = "无"  # an empty list in a form cell: "none", said on purpose
_TRUE = {YES, "true", "TRUE", "True"}
_FALSE = {NO, "false", "FALSE", "False"}
_ITEM_SEPARATORS = re.compile(r"[、；;]")
_CHOICE_SEPARATORS = re.compile(r"[、；;，,\s]+")
_PAIR = re.compile(r"^\s*(.+?)\s*[:：]\s*(.+?)\s*$")
_INT = re.compile(r"^[-+]?\d+$")
_DECIMAL = re.compile(r"^[-+]?(?:\d+\.?\d*|\.\d+)$")
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class CellProblem(Exception):
    """A cell whose text cannot be the value its column holds, named by a message key of the catalogue."""

    def __init__(self, key: str, **values: Any):
        super().__init__(key)
        self.key, self.values = key, values


def empty(raw: Any) -> bool:
    return raw is None or isinstance(raw, str) and not raw.strip()


# ---------------------------------------------------------------- into a cell


def to_cell(f: Field, value: Any, form: bool = False) -> Any:
    """What a cell holds for `value`: dates as dates, numbers as numbers, yes/no as 是/否, several items joined
    (an empty list in a form is 无, said on purpose)."""
    shape = f.shape
    if value is None:
        return None
    if isinstance(shape, ListOf):
        if not value:
            return NONE_WORD if form else None
        return _join([_scalar_text(v) for v in value])
    if isinstance(shape, DictOf):
        if not value:
            return NONE_WORD if form else None
        return "、".join(f"{k}: {v}" for k, v in value.items())
    if isinstance(value, bool):
        return YES if value else NO
    return value


def _scalar_text(value: Any) -> str:
    return value.isoformat() if isinstance(value, date) else str(value)


def _join(items: list[str]) -> str:
    """Items joined by 、, or by line breaks when an item holds a separator itself (one such item alone gets a
    final line break, so it is read back whole)."""
    if any(_ITEM_SEPARATORS.search(item) or "\n" in item for item in items):
        return "\n".join(items) + ("\n" if len(items) == 1 else "")
    return "、".join(items)


# ---------------------------------------------------------------- out of a cell


def from_cell(f: Field, raw: Any) -> Any:
    """The profile value of what a cell holds. What cannot be turned into the column's kind is returned as it
    is, so validation reports it with the message a YAML profile would get; yes/no and year: count pairs that
    cannot be read raise CellProblem."""
    shape = f.shape
    if isinstance(shape, ListOf):
        items = _split(raw, shape.item)
        return None if items is None else [_scalar(shape.item, item) for item in items]
    if isinstance(shape, DictOf):
        items = _split(raw, shape.key)
        if items is None:
            return None
        out = {}
        for item in items:
            pair = _PAIR.match(item)
            if not pair:
                raise CellProblem("wb_bad_pair", actual=item)
            out[_scalar(shape.key, pair.group(1))] = _scalar(shape.value, pair.group(2))
        return out
    assert isinstance(shape, Scalar)
    return _scalar(shape, raw)


def _split(raw: Any, item: Scalar) -> list[str] | None:
    if not isinstance(raw, str):
        return [_scalar_text(raw.date() if isinstance(raw, datetime) else raw)]
    if raw.strip() == NONE_WORD:
        return []
    if "\n" in raw:
        parts = raw.split("\n")
    elif item.kind == "choice":
        parts = _CHOICE_SEPARATORS.split(raw)
    else:
        parts = _ITEM_SEPARATORS.split(raw)
    return [p.strip() for p in parts if p.strip()]


def _scalar(shape: Scalar, raw: Any) -> Any:
    kind = shape.kind
    if isinstance(raw, str) and kind != "text":
        raw = raw.strip()
    if kind == "text":
        return _text(raw)
    if kind == "date":
        return _date(raw)
    if kind == "bool":
        return _bool(raw)
    if kind == "int":
        return _int(raw)
    if kind == "number":
        return _number(raw)
    return raw


def _text(raw: Any) -> Any:
    """Text as typed; a number Excel made of it (a phone number, 0123 typed into a number cell) as digits."""
    if isinstance(raw, bool) or not isinstance(raw, int | float | datetime | date):
        return raw
    if isinstance(raw, datetime):
        return raw.date().isoformat() if raw.time() == datetime.min.time() else raw.isoformat(sep=" ")
    if isinstance(raw, date):
        return raw.isoformat()
    return str(int(raw)) if isinstance(raw, float) and raw.is_integer() else str(raw)


def _date(raw: Any) -> Any:
    if isinstance(raw, datetime):
        return raw.date() if raw.time() == datetime.min.time() else raw.isoformat(sep=" ")
    if isinstance(raw, str) and _ISO_DAY.match(raw):
        try:
            return date.fromisoformat(raw)
        except ValueError:
            return raw  # 2024-02-30: validation says the date is impossible
    return raw


def _bool(raw: Any) -> Any:
    if isinstance(raw, bool):
        return raw
    if raw in _TRUE:
        return True
    if raw in _FALSE:
        return False
    raise CellProblem("v_choice", expected=(YES, NO), actual=repr(raw) if isinstance(raw, str) else str(raw))


def _int(raw: Any) -> Any:
    if isinstance(raw, float) and raw.is_integer():
        return int(raw)
    if isinstance(raw, str) and _INT.match(raw) and len(raw) <= 40:
        return int(raw)
    return raw


def _number(raw: Any) -> Any:
    """A number as written: 4700 stays 4700, 4700.5 stays 4700.5 (a float prints as the decimal typed)."""
    if isinstance(raw, str) and _DECIMAL.match(raw) and len(raw) <= 40:
        return int(raw) if _INT.match(raw) else float(raw)
    return raw
