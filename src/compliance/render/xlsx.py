"""The `xlsx` format (streamed, openpyxl in write-only mode): a summary sheet, one row per society worst first (name,
id, stage, next step, deadline, days left, counts by severity), and a findings sheet, one row per finding or error
(society, clause, rule, severity, message, remedy, location, waived or known). Header rows frozen, filters on,
columns sized for Chinese text. Findings rows go to openpyxl's temporary file as they come; the run keeps only
its compact summary rows.

A text cell a spreadsheet would run as a formula is stored as text with Excel's quote prefix (shown as typed, never
evaluated, not even after editing). The file is the same bytes for the same report (fixed zip and document times).
"""

from __future__ import annotations

import io
import re
import sys
import zipfile
from datetime import datetime
from typing import IO, Any

from ..i18n import t
from ..report import Result, Row, Summary, worst_first
from . import Run
from .sheet import (
    FINDING_COLUMNS,
    SUMMARY_COLUMNS,
    cell_text,
    finding_rows,
    formula_like,
    headers,
    summary_row,
)

_WRAPPED = {"col_message", "col_remedy"}
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can hold
_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")


class XlsxWriter:
    def __init__(self, out: IO[bytes] | None, run: Run):
        from openpyxl import Workbook
        from openpyxl.styles import Alignment, Font

        self.out, self.lang = out, run.lang
        self.wb = Workbook(write_only=True)
        day = datetime.fromisoformat(run.head["as_of"])
        self.wb.properties.created = self.wb.properties.modified = day
        self.wb.properties.creator = "compliance"
        self.wb.properties.title = t("summary_title", run.lang, as_of=run.head["as_of"])
        self.bold, self.wrap = Font(bold=True), Alignment(wrap_text=True, vertical="top")
        self.summary = self._sheet("sheet_summary", SUMMARY_COLUMNS)
        self.findings = self._sheet("sheet_findings", FINDING_COLUMNS)
        self.findings.append(self._header(self.findings, FINDING_COLUMNS))
        self.wrapped = {i for i, (key, _) in enumerate(FINDING_COLUMNS) if key in _WRAPPED}
        self.rows = 1

    def _sheet(self, key: str, columns: tuple[tuple[str, int], ...]):
        from openpyxl.utils import get_column_letter

        ws = self.wb.create_sheet(t(key, self.lang))
        ws.freeze_panes = "A2"
        for i, (name, width) in enumerate(columns, 1):
            ws.column_dimensions[get_column_letter(i)].width = max(width, _width(t(name, self.lang)) + 4)
        return ws

    def _header(self, ws, columns: tuple[tuple[str, int], ...]) -> list:
        from openpyxl.cell import WriteOnlyCell

        out = []
        for text in headers(columns, self.lang):
            cell = WriteOnlyCell(ws, value=text)
            cell.font = self.bold
            out.append(cell)
        return out

    def _cell(self, ws, value: Any, wrap: bool = False) -> Any:
        from openpyxl.cell import WriteOnlyCell

        if not isinstance(value, str):
            return value
        text = cell_text(value)
        if not (wrap or formula_like(text)):
            return text
        cell = WriteOnlyCell(ws, value=text)
        if formula_like(text):
            cell.data_type, cell.quotePrefix = "s", True
        if wrap:
            cell.alignment = self.wrap
        return cell

    def add(self, result: Result) -> None:
        ws = self.findings
        for row in finding_rows(result, self.lang):
            ws.append([self._cell(ws, v, i in self.wrapped) for i, v in enumerate(row)])
            self.rows += 1

    def finish(self, clauses: dict[str, str], summary: Summary, rows: list[Row]) -> None:
        from openpyxl.utils import get_column_letter

        ws = self.summary
        ws.append(self._header(ws, SUMMARY_COLUMNS))
        for row in worst_first(rows):
            ws.append([self._cell(ws, v) for v in summary_row(row, self.lang)])
        ws.auto_filter.ref = f"A1:{get_column_letter(len(SUMMARY_COLUMNS))}{len(rows) + 1}"
        self.findings.auto_filter.ref = f"A1:{get_column_letter(len(FINDING_COLUMNS))}{self.rows}"
        buffer = io.BytesIO()
        self.wb.save(buffer)
        data = _fixed_times(buffer.getvalue(), self.wb.properties.created)
        if self.out is not None:
            self.out.write(data)
        else:
            sys.stdout.flush()
            sys.stdout.buffer.write(data)


def _fixed_times(data: bytes, stamp: datetime) -> bytes:
    """The same workbook with every zip entry dated alike and the document "modified" at `stamp` (openpyxl sets
    the clock time on saving), so the same report gives the same bytes."""
    out = io.BytesIO()
    when = stamp.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                body = _MODIFIED.sub(rb"\g<1>" + when + rb"\g<2>", body)
            dst.writestr(zipfile.ZipInfo(info.filename, _ZIP_TIME), body, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _width(text: str) -> int:
    """Display width: a wide (Chinese) character takes two columns."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def stream(out: IO[bytes] | None, run: Run) -> XlsxWriter:
    return XlsxWriter(out, run)
