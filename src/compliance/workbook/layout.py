"""How a profile is laid out in a workbook, derived from the profile's shape: a form sheet (one field a row) for
each section, a table sheet (one record a row) for each list of records, columns named by the Chinese titles.

A list inside a record of a list (a branch's yearly assessments, an activity's fees) is a sheet of its own
whose rows name their parent's 序号 (serial number); a record inside a record (an activity's compulsory
requirements) becomes columns titled `强制要求·强制赞助`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from ..shape import Field, ListOf, Node, Scalar, node

SERIAL_KEY = "#"  # the key row's mark of the 序号 column
PARENT_KEY = "^"  # … and of the column naming the parent record's 序号
TITLE_JOIN = "·"
MAX_SHEET_NAME = 31  # Excel's limit
_BAD_IN_NAME = re.compile(r"[\[\]:*?/\\]")


@dataclass(frozen=True)
class Column:
    """One value of a record: its key path inside the record and its header."""

    key: tuple[str, ...]
    title: str
    field: Field
    required: bool  # must be given whenever its record is (no default, and no optional record above it)
    nodes: tuple[tuple[tuple[str, ...], Field], ...] = ()  # the records inside the record that hold it

    @property
    def dotted(self) -> str:
        return ".".join(self.key)


@dataclass(eq=False)
class Sheet:
    """A form (one record: a section) or a table (a list of records)."""

    name: str
    title: str
    description: str
    path: tuple[str, ...]  # where the record(s) sit: in the profile, or in the parent's record for a child table
    table: bool
    columns: list[Column] = field(default_factory=list)
    shape: Node | None = None
    parent: Sheet | None = None
    children: list[Sheet] = field(default_factory=list)
    min_items: int = 0
    optional: bool = False  # a form of a section the profile may leave out (left empty, it is left out)

    def column(self, key: str) -> Column | None:
        return next((c for c in self.columns if c.dotted == key), None)


@cache
def sheets() -> tuple[Sheet, ...]:
    """Every sheet, in the order of the profile's fields (a section's lists right after its form)."""
    out: list[Sheet] = []
    root = node()
    loose = tuple(f for f in root.fields if not isinstance(f.shape, Node) and not _is_table(f))
    _form(Field("", root.title, root.title, Node(root.model, root.title, loose), True, False), (), out)  # if any
    for f in root.fields:
        if isinstance(f.shape, Node):
            _form(f, (f.name,), out)
        elif _is_table(f):
            _table(f, (f.name,), None, out)
    _name_uniquely(out)
    return tuple(out)


def _form(f: Field, path: tuple[str, ...], out: list[Sheet]) -> None:
    assert isinstance(f.shape, Node)
    sheet = Sheet(f.title, f.title, f.note, path, table=False, shape=f.shape, optional=f.nullable)
    lists: list[tuple[tuple[str, ...], Field]] = []
    _flatten(f.shape, (), "", True, (), sheet.columns, lists)
    if sheet.columns:
        out.append(sheet)
    for key, lf in lists:
        _table(lf, (*path, *key), None, out)


def _table(f: Field, path: tuple[str, ...], parent: Sheet | None, out: list[Sheet]) -> None:
    assert isinstance(f.shape, ListOf) and isinstance(f.shape.item, Node)
    sheet = Sheet(f.title, f.title, f.note, path, table=True, shape=f.shape.item, parent=parent,
                  min_items=f.shape.min_items)
    lists: list[tuple[tuple[str, ...], Field]] = []
    _flatten(f.shape.item, (), "", True, (), sheet.columns, lists)
    out.append(sheet)
    if parent is not None:
        parent.children.append(sheet)
    for key, lf in lists:
        _table(lf, key, sheet, out)


def _flatten(shape: Node, prefix: tuple[str, ...], title: str, required: bool, nodes: tuple,
             columns: list[Column], lists: list) -> None:
    """The columns of a record (records inside it spelled out), and the lists of records it holds."""
    for f in shape.fields:
        key = (*prefix, f.name)
        name = f"{title}{TITLE_JOIN}{f.title}" if title else f.title
        if isinstance(f.shape, Scalar) and f.shape.kind == "const":
            continue
        if isinstance(f.shape, Node):
            _flatten(f.shape, key, name, required and f.required, (*nodes, (key, f)), columns, lists)
        elif _is_table(f):
            lists.append((key, f))
        else:
            columns.append(Column(key, name, f, required and f.required, nodes))


def _is_table(f: Field) -> bool:
    return isinstance(f.shape, ListOf) and isinstance(f.shape.item, Node)


def _name_uniquely(out: list[Sheet]) -> None:
    """Sheet names Excel accepts (31 characters, no []:*?/\\), each used once: a repeated title gets its
    parent's title in front."""
    seen: set[str] = set()
    for sheet in out:
        name = _clean(sheet.title)
        if name in seen and sheet.parent is not None:
            name = _clean(f"{sheet.parent.title}{TITLE_JOIN}{sheet.title}")
        base, n = name, 2
        while name in seen:
            name = _clean(f"{base[: MAX_SHEET_NAME - 3]}{n}")
            n += 1
        seen.add(name)
        sheet.name = name


def _clean(name: str) -> str:
    return _BAD_IN_NAME.sub("_", name).strip("'")[:MAX_SHEET_NAME]
