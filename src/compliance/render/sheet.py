"""The rows of the spreadsheet formats (xlsx, csv): the columns, one row per finding or error of a result, one row
per society; every text cell made inert, since a spreadsheet runs text that starts with =, +, -, @, tab or CR.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..i18n import clause_ref, label, paren, t
from ..report import Result, Row, step_label
from .safe import visible

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

# (message key of the header, width in characters: a Chinese character counts two)
FINDING_COLUMNS = (
    ("col_society", 24), ("col_id", 12), ("col_stage", 16), ("col_next", 16), ("col_deadline", 12),
    ("col_clause", 10), ("col_rule", 24), ("col_severity", 8), ("col_message", 60), ("col_remedy", 50),
    ("col_where", 36), ("col_path", 30), ("col_status", 12),
)
SUMMARY_COLUMNS = (
    ("col_society", 24), ("col_id", 12), ("col_stage", 16), ("col_next", 16), ("col_deadline", 12),
    ("col_days_left", 10), ("col_violation", 8), ("col_warning", 8), ("col_advice", 8), ("col_errors", 8),
    ("col_left_out", 12),
)


def formula_like(text: str) -> bool:
    """Whether a spreadsheet would read `text` as a formula (or as a cell that starts one when edited)."""
    return text.startswith(FORMULA_START)


def cell_text(text: str | None) -> str:
    """Profile or message text as a cell holds it: hidden characters shown as escapes (line breaks kept)."""
    return visible(text or "", lines=True)


def headers(columns: tuple[tuple[str, int], ...], lang: str) -> list[str]:
    return [t(key, lang) for key, _ in columns]


def finding_rows(r: Result, lang: str, every_society: bool = False) -> Iterator[list[str]]:
    """One row per error and finding of a result (with `every_society`, one row for a result with neither)."""
    lad = r.ladder
    society = [r.society.name or "", r.society.id or "",
               lad.stage_label if lad else t("invalid_stage", lang),
               step_label(lad.next_step, lad.inferred, lang) if lad else "",
               lad.deadline or "" if lad else ""]
    for e in r.errors:
        where = e.file + (f":{e.line}:{e.column}" if e.line else "")
        yield [*society, "", e.code, t("sheet_error", lang), e.message, "", where, e.path, ""]
    for f in r.findings:
        status = t("waived", lang) if f.waived else t("known", lang) if f.new is False else ""
        text = f.message + (paren(f.waiver, lang) if f.waiver else "")
        yield [*society, clause_ref(f.clause, lang), f.rule, label("severity", f.severity, lang), text,
               f.remediation, f"{r.file}:{f.line}:{f.column}", f.path, status]
    if every_society and not r.errors and not r.findings:
        yield [*society, "", "", "", t("no_findings", lang), "", r.file, "", ""]


def summary_row(row: Row, lang: str) -> list[str | int]:
    """The summary line of one society (from the compact row the run keeps)."""
    if not row.valid:
        return [row.name, row.society_id or "", t("invalid_stage", lang), "", "", "", "", "", "", row.errors,
                row.left_out]
    step = row.step_label(lang)
    days = "" if row.days_remaining is None else row.days_remaining
    return [row.name, row.society_id or "", row.stage_label, step, row.deadline or "", days, row.violation,
            row.warning, row.advice, row.errors, row.left_out]
