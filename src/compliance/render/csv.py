"""The `csv` format (streamed): one row per finding or error, and one for a society with neither, with the society's
stage, next step and deadline on each row — UTF-8 with a byte-order mark, so Excel and WPS read the Chinese text.

A cell a spreadsheet would run as a formula starts with an apostrophe (the usual guard: CSV has no text type).
"""

from __future__ import annotations

import csv
import sys
from typing import IO

from ..report import Result, Row, Summary
from . import Run
from .sheet import FINDING_COLUMNS, cell_text, finding_rows, formula_like, headers


def csv_cell(value: str | int) -> str | int:
    if isinstance(value, int):
        return value
    text = cell_text(value)
    return "'" + text if formula_like(text) else text


class CsvWriter:
    def __init__(self, out: IO[str], run: Run):
        self.lang = run.lang
        out.write("\ufeff")
        self.writer = csv.writer(out, lineterminator="\r\n")
        self.writer.writerow(headers(FINDING_COLUMNS, self.lang))

    def add(self, result: Result) -> None:
        for row in finding_rows(result, self.lang, every_society=True):
            self.writer.writerow([csv_cell(v) for v in row])

    def finish(self, clauses: dict[str, str], summary: Summary, rows: list[Row]) -> None:
        pass


def stream(out: IO[str] | None, run: Run) -> CsvWriter:
    return CsvWriter(out or sys.stdout, run)
