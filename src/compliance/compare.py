"""Year over year: two audit JSON reports (`compliance audit -f json`) compared society by society — findings new,
resolved and persisting (matched by fingerprint), stage changes, societies added or gone — and totals by clause.

A file that is not such a report is a positioned error (file, line, column, field), never a guess.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .loading import LoadError, read_text
from .problem import Problem, ProblemsFailure, problems_of
from .report import clause_order
from .vocabulary import NextStep, Severity, Stage

REPORT_BYTES = 256 * 1024 * 1024  # as a baseline: a report of 10,000 societies is ~50 MB


# ---------------------------------------------------------------- what is read of a report


class _Read(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


class _Tool(_Read):
    name: Literal["compliance"]


class _Finding(_Read):
    rule: str
    clause: str
    severity: Severity
    message: str = ""
    path: str = ""
    fingerprint: str = ""
    waived: bool = False

    @property
    def key(self) -> str:
        """What identifies a finding across years (a report written before fingerprints: rule and field)."""
        return self.fingerprint or f"{self.rule}|{self.path}"


class _Ladder(_Read):
    stage: Stage
    next_step: NextStep


class _Society(_Read):
    id: str | None = None
    name: str | None = None


class _Result(_Read):
    file: str
    society: _Society
    valid: bool
    findings: list[_Finding] = Field(default_factory=list)
    ladder: _Ladder | None = None

    @property
    def key(self) -> str:
        return self.society.id or self.file

    def counted(self) -> list[_Finding]:
        """The findings that count (a waived finding is accepted, as in the audit's own totals)."""
        return [f for f in self.findings if not f.waived]


class AuditReport(_Read):
    tool: _Tool
    as_of: str
    results: list[_Result]
    clauses: dict[str, str] = Field(default_factory=dict)


class NotAReport(ProblemsFailure):
    """A file given to `compare` that is not an audit JSON report (exit 2), with where and why."""

    def messages(self, lang: str = "zh") -> list[str]:
        from .i18n import t

        return [*super().messages(lang), t("compare_not_report", lang)]


def load_report(path: str | Path) -> AuditReport:
    """The audit report at `path`, or NotAReport saying what is wrong where."""
    name = str(path)
    try:
        text = read_text(Path(path), REPORT_BYTES)
    except LoadError as exc:
        raise NotAReport(exc.problems) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise NotAReport([Problem(name, "report_not_json", {"detail": exc.msg}, exc.lineno, exc.colno)]) from None
    except RecursionError:
        raise NotAReport([Problem(name, "report_not_json", {"detail": "nesting too deep"})]) from None
    try:
        return AuditReport.model_validate(data)
    except ValidationError as exc:
        raise NotAReport(problems_of(_located(name, text, data), exc, AuditReport)) from None


def _located(name: str, text: str, data: object):
    """The report as a document that places a field path at its line and column (JSON is YAML too); unplaced
    when even that fails."""
    from .loading import parse

    try:
        return parse(text, name, mapping=False)
    except LoadError:
        return _Unplaced(name, data)


class _Unplaced:
    def __init__(self, file: str, data: object):
        self.file, self.data = file, data

    def locate(self, path: str | tuple) -> tuple[None, None]:
        return None, None

    def written(self, path: str | tuple) -> str | None:
        return None


# ---------------------------------------------------------------- the comparison


class Item(BaseModel):
    rule: str
    clause: str
    severity: Severity
    message: str
    path: str


class SocietyChange(BaseModel):
    id: str
    name: str
    presence: Literal["both", "added", "gone"] = Field(description="两份报告都有 / 新增 / 不再出现")
    valid_last: bool | None = None
    valid_this: bool | None = None
    stage_last: Stage | None = None
    stage_this: Stage | None = None
    next_last: NextStep | None = None
    next_this: NextStep | None = None
    new: list[Item] = Field(default_factory=list)
    resolved: list[Item] = Field(default_factory=list)
    persisting: list[Item] = Field(default_factory=list)

    @property
    def compared(self) -> bool:
        """Whether the findings of both years are known (valid in both)."""
        return bool(self.valid_last and self.valid_this)

    @property
    def stage_changed(self) -> bool:
        return self.presence == "both" and self.stage_last != self.stage_this


class ClauseTotal(BaseModel):
    clause: str
    title: str
    last: int
    this: int


class Totals(BaseModel):
    societies_last: int
    societies_this: int
    added: int
    gone: int
    new: int
    resolved: int
    persisting: int
    stage_changes: int
    findings_last: int
    findings_this: int


class Side(BaseModel):
    file: str
    as_of: str


class Comparison(BaseModel):
    last: Side
    this: Side
    totals: Totals
    by_clause: list[ClauseTotal]
    societies: list[SocietyChange]


def compare(last: AuditReport, this: AuditReport, last_file: str, this_file: str) -> Comparison:
    before = {r.key: r for r in last.results}
    after = {r.key: r for r in this.results}
    changes = [_society(before.get(k), after.get(k)) for k in [*after, *(k for k in before if k not in after)]]
    changes.sort(key=_order)
    titles = {**last.clauses, **this.clauses}
    counts_last = Counter(f.clause for r in last.results for f in r.counted())
    counts_this = Counter(f.clause for r in this.results for f in r.counted())
    clauses = sorted(set(counts_last) | set(counts_this), key=clause_order)
    totals = Totals(
        societies_last=len(before), societies_this=len(after),
        added=sum(c.presence == "added" for c in changes), gone=sum(c.presence == "gone" for c in changes),
        new=sum(len(c.new) for c in changes), resolved=sum(len(c.resolved) for c in changes),
        persisting=sum(len(c.persisting) for c in changes), stage_changes=sum(c.stage_changed for c in changes),
        findings_last=sum(counts_last.values()), findings_this=sum(counts_this.values()),
    )
    return Comparison(
        last=Side(file=last_file, as_of=last.as_of), this=Side(file=this_file, as_of=this.as_of), totals=totals,
        by_clause=[ClauseTotal(clause=c, title=titles.get(c, ""), last=counts_last[c], this=counts_this[c])
                   for c in clauses],
        societies=changes,
    )


def _society(before: _Result | None, after: _Result | None) -> SocietyChange:
    either = after or before
    assert either is not None
    presence = "both" if before and after else "added" if after else "gone"
    change = SocietyChange(
        id=either.society.id or either.file, name=(after and after.society.name) or either.society.name or either.file,
        presence=presence,
        valid_last=before.valid if before else None, valid_this=after.valid if after else None,
        stage_last=before.ladder.stage if before and before.ladder else None,
        stage_this=after.ladder.stage if after and after.ladder else None,
        next_last=before.ladder.next_step if before and before.ladder else None,
        next_this=after.ladder.next_step if after and after.ladder else None,
    )
    if before is None or after is None or not (before.valid and after.valid):
        return change
    old = {f.key: f for f in before.counted()}
    now = {f.key: f for f in after.counted()}
    change.new = [_item(f) for k, f in now.items() if k not in old]
    change.resolved = [_item(f) for k, f in old.items() if k not in now]
    change.persisting = [_item(f) for k, f in now.items() if k in old]
    return change


def _item(f: _Finding) -> Item:
    return Item(rule=f.rule, clause=f.clause, severity=f.severity, message=f.message, path=f.path)


_STAGE_RANK = {s: i for i, s in enumerate(Stage.__args__)}  # type: ignore[attr-defined]


def _order(c: SocietyChange) -> tuple:
    """Worst first: furthest along the ladder this year, then most new findings; societies gone at the end."""
    gone = c.presence == "gone"
    return (gone, -_STAGE_RANK.get(c.stage_this or "normal", 0) if not gone else 0, -len(c.new), -len(c.persisting))
