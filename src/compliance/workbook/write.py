"""Write the workbook: an instructions sheet (说明), a form for each section and a table for each list, with
Chinese headers, drop-downs for choices and yes/no, date and number formats, one example row per table; filled
with a profile's values for `export`, empty for `template`.
"""

from __future__ import annotations

import io
from typing import Any

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ..i18n import t
from ..render.sheet import formula_like
from ..shape import DictOf, ListOf, Scalar
from ..skeleton import scalar_hint, width
from .cells import NO, YES, to_cell
from .layout import PARENT_KEY, SERIAL_KEY, Column, Sheet, sheets

EXAMPLE_MARK = "示例"  # the 序号 of the example row: import skips it
FIRST_ROW = 3  # tables: row 1 headers, row 2 (hidden) field keys, then the example row and the data
FORM_KEY_COLUMN = 5  # forms: 项目, 内容, 说明, 示例, and the (hidden) field key
LAST_ROW = 1_048_576  # drop-downs and formats reach every row a person may add
_FORMATS = {"date": "yyyy-mm-dd", "int": "0", "number": "#,##0.00", "text": "@", "choice": "@"}
_HEAD = Font(bold=True)
_HEAD_FILL = PatternFill("solid", fgColor="DDEBF7")
_EXAMPLE_FONT = Font(italic=True, color="808080")
_EXAMPLE_FILL = PatternFill("solid", fgColor="FFF2CC")
_KEY_FONT = Font(size=8, color="808080")
_WRAP = Alignment(wrap_text=True, vertical="top")
_LEFT = Alignment(horizontal="left", vertical="top", wrap_text=True)  # a form's dates and numbers sit under its text
_INLINE_LIST_LIMIT = 255  # Excel's limit for a drop-down written into the validation itself


def workbook(data: dict | None, lang: str = "zh") -> bytes:
    """The workbook of a profile (`data` as validated, every field present) or, without one, the template."""
    book = Workbook()
    readme = book.active
    readme.title = t("wb_readme_sheet", lang)
    choices = _Choices(book)
    rows: dict[Sheet, list[tuple[int, int | None, dict]]] = {}
    for sheet in sheets():
        ws = book.create_sheet(sheet.name)
        if sheet.table:
            rows[sheet] = _records(sheet, data, rows)
            _table(ws, sheet, rows[sheet], choices, lang)
        else:
            _form(ws, sheet, _at(data, sheet.path) if data is not None else None, choices, lang)
    _readme(readme, lang)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _at(record: Any, key: tuple[str, ...]) -> Any:
    for part in key:
        record = record.get(part) if isinstance(record, dict) else None
    return record


def _records(sheet: Sheet, data: dict | None, rows: dict) -> list[tuple[int, int | None, dict]]:
    """(序号, parent's 序号, record) of each row of a table, numbered from 1 in the order of the profile."""
    if data is None:
        return []
    if sheet.parent is None:
        owners: list[tuple[int | None, Any]] = [(None, data)]
    else:
        owners = [(serial, record) for serial, _, record in rows[sheet.parent]]
    out = []
    for owner_serial, owner in owners:
        for record in _at(owner, sheet.path) or []:
            out.append((len(out) + 1, owner_serial, record))
    return out


# ---------------------------------------------------------------- words about a column


def status(column: Column, form: bool, lang: str) -> str:
    """必填 / 选填 / 选填，不写为 X (a table's row), or 待填写 for a form, where every field must be answered."""
    f = column.field
    optional_in = next((node for _, node in column.nodes if node.nullable), None)
    if form and not f.nullable:
        word = t("sk_to_fill", lang)
        return t("wb_when_section", lang, word=word, section=optional_in.title) if optional_in else word
    if column.required:
        return t("sk_required", lang)
    if f.default not in (None, [], {}):
        return t("sk_default", lang, value=to_cell(f, f.default))
    return t("sk_optional", lang)


def hint(column: Column, form: bool, lang: str) -> str:
    f = column.field
    shape = f.shape
    parts = []
    if isinstance(shape, ListOf) and isinstance(shape.item, Scalar):
        if shape.item.kind == "choice":
            parts.append(t("wb_hint_multi", lang, choices=list(map(str, shape.item.choices))))
        else:
            parts.append(t("wb_hint_list", lang))
    elif isinstance(shape, DictOf):
        parts.append(t("wb_hint_dict", lang, example=to_cell(f, f.example)))
    elif isinstance(shape, Scalar):
        parts.append(scalar_hint(f, shape, lang, t("wb_hint_bool", lang, yes=YES, no=NO)))
    if form and isinstance(shape, ListOf | DictOf) and not f.nullable:
        parts.append(t("wb_form_none", lang))
    return t("enum_sep", lang).join(p for p in parts if p)


def header(column: Column, form: bool) -> str:
    """A column's header: its title, with * in front when every record must have it."""
    must = column.required or form and not column.field.nullable and not any(n.nullable for _, n in column.nodes)
    return f"*{column.title}" if must else column.title


# ---------------------------------------------------------------- sheets


def _form(ws: Worksheet, sheet: Sheet, record: dict | None, choices: _Choices, lang: str) -> None:
    heads = [t(k, lang) for k in ("wb_col_item", "wb_col_value", "wb_col_note", "wb_col_example", "wb_col_key")]
    _heading(ws, heads)
    for row, column in enumerate(sheet.columns, start=2):
        f = column.field
        ws.cell(row, 1, header(column, form=True)).font = _HEAD
        value = ws.cell(row, 2)
        _put(value, to_cell(f, _at(record, column.key), form=True) if record is not None else None, column)
        value.alignment = _LEFT
        choices.offer(ws, column, f"B{row}")
        note = [status(column, True, lang), hint(column, True, lang), f.note]
        ws.cell(row, 3, t("wb_note_sep", lang).join(p for p in note if p)).alignment = _WRAP
        example = _put(ws.cell(row, 4), to_cell(f, f.example, form=True), column)
        example.font, example.alignment = _EXAMPLE_FONT, _LEFT
        ws.cell(row, FORM_KEY_COLUMN, column.dotted).font = _KEY_FONT
    for letter, size in zip("ABCDE", (30, 34, 56, 22, 24), strict=True):
        ws.column_dimensions[letter].width = size
    ws.column_dimensions[get_column_letter(FORM_KEY_COLUMN)].hidden = True
    ws.freeze_panes = "B2"


def _table(ws: Worksheet, sheet: Sheet, rows: list, choices: _Choices, lang: str) -> None:
    lead = [(t("wb_serial", lang), SERIAL_KEY)]
    if sheet.parent is not None:
        lead.append((t("wb_parent", lang, title=sheet.parent.title), PARENT_KEY))
    _heading(ws, [title for title, _ in lead] + [header(c, form=False) for c in sheet.columns])
    first = len(lead) + 1
    for i, (_, key) in enumerate(lead, start=1):
        ws.cell(2, i, key).font = _KEY_FONT
    ws.cell(1, 1).comment = _comment(t("wb_serial_note", lang))
    for i, column in enumerate(sheet.columns, start=first):
        letter = get_column_letter(i)
        ws.cell(2, i, column.dotted).font = _KEY_FONT
        note = [status(column, False, lang), hint(column, False, lang), column.field.note]
        ws.cell(1, i).comment = _comment(t("wb_note_sep", lang).join(p for p in note if p))
        choices.offer(ws, column, f"{letter}{FIRST_ROW}:{letter}{LAST_ROW}")
        fmt = _format(column)
        if fmt:
            ws.column_dimensions[letter].number_format = fmt
        ws.column_dimensions[letter].width = min(40, max(10, width(column.title) + 4))
    example = [EXAMPLE_MARK, *([1] if sheet.parent is not None else [])]
    example += [to_cell(c.field, c.field.example) for c in sheet.columns]
    _row(ws, FIRST_ROW, example, sheet, first, font=_EXAMPLE_FONT, fill=_EXAMPLE_FILL)
    for n, (serial, owner, record) in enumerate(rows, start=FIRST_ROW + 1):
        values = [serial, *([owner] if sheet.parent is not None else [])]
        values += [to_cell(c.field, _at(record, c.key)) for c in sheet.columns]
        _row(ws, n, values, sheet, first)
    ws.row_dimensions[2].hidden = True
    ws.column_dimensions["A"].width = 8
    if sheet.parent is not None:
        ws.column_dimensions["B"].width = max(12, width(t("wb_parent", lang, title=sheet.parent.title)) + 2)
    ws.freeze_panes = ws.cell(FIRST_ROW, first)


def _row(ws: Worksheet, n: int, values: list, sheet: Sheet, first: int, font: Font | None = None,
         fill: PatternFill | None = None) -> None:
    for i, value in enumerate(values, start=1):
        cell = ws.cell(n, i)
        column = sheet.columns[i - first] if i >= first else None
        _put(cell, value, column)
        if font is not None:
            cell.font = font
        if fill is not None:
            cell.fill = fill


def _put(cell: Any, value: Any, column: Column | None) -> Any:
    """Write `value` into `cell` in its column's format; text is always text (a leading = is no formula)."""
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
        cell.quotePrefix = formula_like(value)  # editing the cell later must not turn it into a formula either
        if "\n" in value:
            cell.alignment = _WRAP
    if column is not None:
        fmt = _format(column)
        if fmt:
            cell.number_format = fmt
    return cell


def _format(column: Column) -> str | None:
    shape = column.field.shape
    if isinstance(shape, Scalar):
        return _FORMATS.get(shape.kind)
    return "@"  # several items, typed as text


def _heading(ws: Worksheet, titles: list[str]) -> None:
    for i, title in enumerate(titles, start=1):
        cell = ws.cell(1, i, title)
        cell.font, cell.fill, cell.alignment = _HEAD, _HEAD_FILL, _WRAP


def _comment(text: str) -> Comment:
    comment = Comment(text, "compliance")
    comment.width, comment.height = 320, 140
    return comment


class _Choices:
    """Drop-down lists: yes/no and each enumeration, one validation per list and sheet."""

    def __init__(self, book: Workbook):
        self.book = book
        self.lists: Worksheet | None = None
        self.by_sheet: dict[tuple[str, tuple], DataValidation] = {}

    def offer(self, ws: Worksheet, column: Column, cells: str) -> None:
        shape = column.field.shape
        if not isinstance(shape, Scalar) or shape.kind not in ("choice", "bool"):
            return
        options = tuple(map(str, shape.choices)) if shape.kind == "choice" else (YES, NO)
        key = (ws.title, options)
        if key not in self.by_sheet:
            dv = DataValidation(type="list", formula1=self._formula(options), allow_blank=True, showErrorMessage=True)
            ws.add_data_validation(dv)
            self.by_sheet[key] = dv
        self.by_sheet[key].add(cells)

    def _formula(self, options: tuple[str, ...]) -> str:
        inline = ",".join(options)
        if len(inline) <= _INLINE_LIST_LIMIT and not any("," in o or '"' in o for o in options):
            return f'"{inline}"'
        if self.lists is None:  # a long list lives on a hidden sheet
            self.lists = self.book.create_sheet("_lists")
            self.lists.sheet_state = "hidden"
        col = self.lists.max_column + (1 if self.lists.max_row > 1 or self.lists.cell(1, 1).value else 0)
        for row, option in enumerate(options, start=1):
            self.lists.cell(row, col, option).data_type = "s"
        letter = get_column_letter(col)
        return f"{quote_sheetname(self.lists.title)}!${letter}$1:${letter}${len(options)}"


# ---------------------------------------------------------------- the instructions sheet


def _readme(ws: Worksheet, lang: str) -> None:
    ws.cell(1, 1, t("wb_readme_title", lang)).font = Font(bold=True, size=14)
    row = 2
    for line in t("wb_readme", lang, example=EXAMPLE_MARK, yes=YES, no=NO).splitlines():
        ws.cell(row, 1, line).alignment = Alignment(wrap_text=False)
        row += 1
    row += 1
    heads = [t(k, lang) for k in ("wb_rd_sheet", "wb_rd_column", "wb_rd_need", "wb_rd_note", "wb_rd_key")]
    for i, title in enumerate(heads, start=1):
        cell = ws.cell(row, i, title)
        cell.font, cell.fill = _HEAD, _HEAD_FILL
    for sheet in sheets():
        kind = t("wb_kind_table" if sheet.table else "wb_kind_form", lang)
        row += 1
        ws.cell(row, 1, sheet.name).font = _HEAD
        ws.cell(row, 4, kind + (f"{t('wb_note_sep', lang)}{sheet.description}" if sheet.description else ""))
        for column in sheet.columns:
            row += 1
            ws.cell(row, 2, column.title)
            ws.cell(row, 3, status(column, not sheet.table, lang))
            note = [hint(column, not sheet.table, lang), column.field.note]
            ws.cell(row, 4, t("wb_note_sep", lang).join(p for p in note if p)).alignment = _WRAP
            ws.cell(row, 5, column.dotted).font = _KEY_FONT
    for letter, size in zip("ABCDE", (26, 30, 22, 70, 30), strict=True):
        ws.column_dimensions[letter].width = size
