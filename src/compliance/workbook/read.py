"""Read a filled workbook back into a profile: each sheet by its name, each column by the field key in its
hidden second row (or by its title), example rows skipped. Every value is remembered with its cell, so the
problems validation finds name the sheet, row and column (理事!C5) with the messages a YAML profile gets.
"""

from __future__ import annotations

import os
import stat
import zipfile
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from ..i18n import t
from ..problem import Problem, join_path, split_path
from ..profile import Profile
from ..profile_yaml import ordered
from .cells import CellProblem, empty, from_cell, to_cell
from .layout import PARENT_KEY, SERIAL_KEY, Column, Sheet, sheets
from .write import EXAMPLE_MARK, FIRST_ROW, FORM_KEY_COLUMN

MAX_BYTES = 16 * 1024 * 1024  # a profile's workbook is well under 1 MiB
MAX_UNPACKED = 256 * 1024 * 1024  # what its parts may unpack to (a zip bomb is refused before it is opened)
MAX_ROWS = 100_000
_SERIAL_TITLES = {t("wb_serial", lang) for lang in ("zh", "en")}


@dataclass
class Imported:
    """What a workbook holds: the profile data in schema order, the validated profile (None if invalid) and
    the problems, each named by its cell."""

    data: dict
    profile: Profile | None
    problems: list[Problem]


@dataclass
class Book:
    """A workbook read into profile data, with the cell of every field path (what validation locates by)."""

    file: str
    data: dict = field(default_factory=dict)
    cells: dict[str, str] = field(default_factory=dict)

    def locate(self, path: str | tuple) -> tuple[int, int]:
        return 0, 0  # a workbook has no lines: `place` names the cell instead

    def written(self, path: str | tuple) -> str | None:
        return None

    def where(self, path: str) -> str:
        """The cell of `path`, or of the nearest record, list or section that holds it."""
        parts = split_path(path)
        while parts:
            found = self.cells.get(join_path(parts))
            if found:
                return found
            parts.pop()
        return ""

    def place(self, problem: Problem) -> Problem:
        """`problem` named by the cell of its field: `学会档案.xlsx:理事!C5`."""
        cell = self.where(problem.path)
        return replace(problem, file=f"{self.file}:{cell}" if cell else self.file, line=None, column=None)


def read(path: str | Path, as_of: date) -> Imported:
    """Read and validate the workbook at `path`."""
    from ..validate import validate

    name = str(path)
    try:
        book = _open(Path(path))
    except CellProblem as exc:
        return Imported({}, None, [Problem(name, exc.key, exc.values)])
    reader = _Reader(Book(name))
    try:
        for sheet in sheets():
            if sheet.name in book.sheetnames:
                reader.sheet(sheet, book[sheet.name])
            reader.mark_list(sheet)
    finally:
        book.close()
    reader.unanswered()
    doc = reader.book
    doc.data = ordered(doc.data)
    profile, found = validate(doc, as_of)  # type: ignore[arg-type]  # a Book locates like a Document
    problems = reader.problems + [doc.place(p) for p in found if not _under(p.path, reader.unread)]
    return Imported(doc.data, None if problems else profile, problems)


def _under(path: str, paths: set[str]) -> bool:
    return any(path == p or path.startswith(p + ".") or path.startswith(p + "[") for p in paths)


def _open(path: Path) -> Any:
    """The workbook, opened for reading only after its size and what it unpacks to are known to be sane."""
    from openpyxl import load_workbook

    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise CellProblem("file_missing") from None
    except OSError as exc:
        raise CellProblem("file_unreadable", reason=exc.strerror or exc) from None
    if not stat.S_ISREG(st.st_mode):
        raise CellProblem("not_a_file")
    if st.st_size > MAX_BYTES:
        raise CellProblem("too_large", size=st.st_size, limit=MAX_BYTES)
    try:
        with zipfile.ZipFile(path) as zf:
            unpacked = sum(info.file_size for info in zf.infolist())
        if unpacked > MAX_UNPACKED:
            raise CellProblem("wb_unpacked_too_large", size=unpacked, limit=MAX_UNPACKED)
        return load_workbook(path, read_only=True, data_only=True)
    except CellProblem:
        raise
    except OSError as exc:
        raise CellProblem("file_unreadable", reason=exc.strerror or exc) from None
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds on a damaged or foreign file
        raise CellProblem("wb_not_xlsx", reason=type(exc).__name__) from None


class _Reader:
    def __init__(self, book: Book):
        self.book = book
        self.problems: list[Problem] = []
        self.records: dict[Sheet, dict[int, tuple[dict, tuple]]] = {}  # 序号 → (record, its path)
        self.forms: list[tuple[Sheet, set[str]]] = []  # the form sheets read, and the fields answered on each
        self.unread: set[str] = set()  # fields whose cell could not be read: validation need not say it again

    # ------------------------------------------------------------ where things are

    def cell(self, sheet: Sheet, row: int, col: int) -> str:
        from openpyxl.utils import get_column_letter, quote_sheetname

        name = quote_sheetname(sheet.name) if any(ch in sheet.name for ch in " '-!") else sheet.name
        return f"{name}!{get_column_letter(col)}{row}"

    def mark(self, path: tuple, where: str) -> None:
        self.book.cells.setdefault(join_path(path), where)

    def problem(self, where: str, path: tuple, key: str, **values: Any) -> None:
        self.problems.append(Problem(f"{self.book.file}:{where}", key, values, None, None, join_path(path)))

    def mark_list(self, sheet: Sheet) -> None:
        """A list that is missing altogether is reported at its sheet."""
        if sheet.parent is None:
            self.mark(sheet.path, self.cell(sheet, FIRST_ROW if sheet.table else 1, 1))

    # ------------------------------------------------------------ sheets

    def sheet(self, sheet: Sheet, ws: Any) -> None:
        rows = ws.iter_rows(values_only=True)
        if sheet.table:
            self.table(sheet, rows)
        else:
            self.form(sheet, rows)

    def form(self, sheet: Sheet, rows: Any) -> None:
        record: dict = {}
        self.mark(sheet.path, self.cell(sheet, 1, 1))
        answered: set[str] = set()
        next(rows, None)  # the headings
        for r, values in enumerate(rows, start=2):
            if r > MAX_ROWS:
                self.problem(self.cell(sheet, r, 1), sheet.path, "wb_too_many_rows", limit=MAX_ROWS)
                break
            key = values[FORM_KEY_COLUMN - 1] if len(values) >= FORM_KEY_COLUMN else None
            column = sheet.column(key) if isinstance(key, str) else None
            if column is None and values and isinstance(values[0], str):
                column = _by_title(sheet, values[0])
            if column is None:
                continue
            where = self.cell(sheet, r, 2)
            path = (*sheet.path, *column.key)
            self.mark(path, where)
            raw = values[1] if len(values) > 1 else None
            if not empty(raw):
                answered.add(column.dotted)
                self.put(record, column, raw, path, where)
        if answered or not sheet.optional:
            _dig(self.book.data, sheet.path).update(record)
        self.forms.append((sheet, answered))

    def table(self, sheet: Sheet, rows: Any) -> None:
        head = next(rows, ())
        keys = next(rows, ())
        roles = _roles(sheet, head, keys)
        serial_at = next((i for i, role in roles.items() if role == SERIAL_KEY), None)
        parent_at = next((i for i, role in roles.items() if role == PARENT_KEY), None)
        columns = {i: role for i, role in roles.items() if isinstance(role, Column)}
        serials = self.records.setdefault(sheet, {})
        first_row: dict[int, int] = {}
        for r, values in enumerate(rows, start=FIRST_ROW):
            if r > MAX_ROWS:
                self.problem(self.cell(sheet, r, 1), sheet.path, "wb_too_many_rows", limit=MAX_ROWS)
                break
            if all(empty(v) for v in values):
                continue
            raw_serial = values[serial_at] if serial_at is not None and serial_at < len(values) else None
            if isinstance(raw_serial, str) and raw_serial.strip().startswith(EXAMPLE_MARK):
                self.example(sheet, r, values, columns)
                continue
            owner, owner_path = self.owner(sheet, r, values, parent_at)
            if owner is None:
                continue
            items = _list_at(owner, sheet.path)
            record_path = (*owner_path, *sheet.path, len(items))
            record: dict = {}
            items.append(record)
            self.mark(record_path, self.cell(sheet, r, (serial_at or 0) + 1))
            self.serial(sheet, r, raw_serial, serial_at, serials, first_row, record, record_path)
            for i, column in columns.items():
                where = self.cell(sheet, r, i + 1)
                path = (*record_path, *column.key)
                self.mark(path, where)
                raw = values[i] if i < len(values) else None
                if not empty(raw):
                    self.put(record, column, raw, path, where)

    def owner(self, sheet: Sheet, r: int, values: tuple, parent_at: int | None) -> tuple[dict | None, tuple]:
        """The dict a row's record goes in (the profile, or its parent record) and that dict's path."""
        if sheet.parent is None:
            return self.book.data, ()
        where = self.cell(sheet, r, (parent_at if parent_at is not None else 1) + 1)
        raw = values[parent_at] if parent_at is not None and parent_at < len(values) else None
        if empty(raw):
            self.problem(where, sheet.path, "wb_parent_missing", sheet=sheet.parent.name)
            return None, ()
        number = _serial(raw)
        found = self.records.get(sheet.parent, {}).get(number) if number is not None else None
        if found is None:
            self.problem(where, sheet.path, "wb_no_parent", sheet=sheet.parent.name, actual=_shown(raw))
            return None, ()
        return found

    def serial(self, sheet: Sheet, r: int, raw: Any, at: int | None, serials: dict, first_row: dict,
               record: dict, path: tuple) -> None:
        if empty(raw):
            return
        where = self.cell(sheet, r, (at or 0) + 1)
        number = _serial(raw)
        if number is None:
            self.problem(where, path, "wb_bad_serial", actual=_shown(raw))
        elif number in serials:
            self.problem(where, path, "wb_duplicate_serial", actual=number, first=first_row[number])
        else:
            serials[number], first_row[number] = (record, path), r

    def example(self, sheet: Sheet, r: int, values: tuple, columns: dict[int, Column]) -> None:
        """An example row is skipped, unless someone typed over it: then it is reported, not silently lost."""
        for i, column in columns.items():
            raw = values[i] if i < len(values) else None
            if _normal(column, raw) != _normal(column, to_cell(column.field, column.field.example)):
                self.problem(self.cell(sheet, r, 1), sheet.path, "wb_example_changed")
                return

    # ------------------------------------------------------------ values

    def put(self, record: dict, column: Column, raw: Any, path: tuple, where: str) -> None:
        try:
            value = from_cell(column.field, raw)
        except CellProblem as exc:
            self.problem(where, path, exc.key, **exc.values)
            self.unread.add(join_path(path))
            value = raw  # validation would report it too: its problem is left out for this one
        if value is not None:
            _dig(record, column.key[:-1])[column.key[-1]] = value

    def unanswered(self) -> None:
        """Every form field that cannot be null and was left empty is `待填写` (unless it sits in an optional
        record, such as the party secretary, that was left out altogether)."""
        for sheet, answered in self.forms:
            record = _dig(self.book.data, sheet.path, create=False)
            if record is None:
                continue
            for column in sheet.columns:
                if column.dotted in answered or column.field.nullable:
                    continue
                holder = record
                for key, node in column.nodes:
                    inner = _dig(record, key, create=False)
                    if inner is None and node.nullable:
                        holder = None
                        break
                    holder = _dig(record, key)
                if holder is not None:
                    holder.setdefault(column.key[-1], None)


def _roles(sheet: Sheet, head: tuple, keys: tuple) -> dict[int, Column | str]:
    """What each column of a table holds: by its key (row 2), else by its title (row 1)."""
    out: dict[int, Column | str] = {}
    for i in range(max(len(head), len(keys))):
        key = keys[i] if i < len(keys) else None
        title = head[i] if i < len(head) else None
        if key in (SERIAL_KEY, PARENT_KEY):
            out[i] = key
        elif isinstance(key, str) and sheet.column(key):
            out[i] = sheet.column(key)  # type: ignore[assignment]
        elif isinstance(title, str):
            if title.strip() in _SERIAL_TITLES:
                out[i] = SERIAL_KEY
            elif (column := _by_title(sheet, title)) is not None:
                out[i] = column
    return out


def _by_title(sheet: Sheet, title: str) -> Column | None:
    title = title.strip().lstrip("*").strip()
    return next((c for c in sheet.columns if c.title == title), None)


def _dig(record: dict, key: tuple, create: bool = True) -> Any:
    """The dict at `key` inside `record`, made on the way when `create`."""
    for part in key:
        if create:
            record = record.setdefault(part, {})
        else:
            record = record.get(part) if isinstance(record, dict) else None
    return record


def _list_at(record: dict, path: tuple) -> list:
    holder = _dig(record, path[:-1])
    return holder.setdefault(path[-1], [])


def _serial(raw: Any) -> int | None:
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int) or isinstance(raw, float) and raw.is_integer():
        return int(raw) if raw > 0 else None
    if isinstance(raw, str) and raw.strip().isdigit() and len(raw.strip()) < 10:
        return int(raw.strip()) or None
    return None


def _shown(raw: Any) -> str:
    return repr(raw) if isinstance(raw, str) else str(raw)


def _normal(column: Column, raw: Any) -> Any:
    if empty(raw):
        return None
    try:
        return from_cell(column.field, raw)
    except CellProblem:
        return raw
