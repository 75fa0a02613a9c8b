"""A supervisory episode in progress (an interview, a rectification order): which issues it cited are resolved or
remain on the as-of day, whatever their rules' severity, and whether an order was met (明显改进, DECISIONS.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from ..profile import Oversight
from ..report import Finding
from ..vocabulary import NEVER_WAIVABLE


@dataclass
class Cited:
    """One issue a notice cited (a rule, or a clause when it cites none), with the findings of it still found."""

    by: str  # rule | clause
    item: str
    found: list[Finding]

    @property
    def remaining(self) -> bool:
        return bool(self.found)


def cited(entry: Oversight | None, findings: list[Finding]) -> list[Cited]:
    """The issues `entry` cited, each with its findings not waived, of any severity: an issue an order cites is
    tracked whatever its rule's severity (not meeting the order is itself the failure)."""
    if entry is None:
        return []
    kept = [f for f in findings if not f.waived]
    if entry.cited_rules:
        return [Cited("rule", r, [f for f in kept if f.rule == r]) for r in dict.fromkeys(entry.cited_rules)]
    return [Cited("clause", c, [f for f in kept if f.clause == c]) for c in dict.fromkeys(entry.cited_clauses)]


@dataclass
class Episode:
    """What one notice asked and where it stands. Without citations, any violation not waived counts as remaining."""

    entry: Oversight | None
    issues: list[Cited]
    violations: list[Finding]  # violations not waived: what remains of a notice that cites nothing

    @property
    def cites_nothing(self) -> bool:
        return self.entry is not None and not self.issues

    @property
    def remaining(self) -> bool:
        if self.entry is None:
            return False
        return any(c.remaining for c in self.issues) if self.issues else bool(self.violations)

    @property
    def left(self) -> list[Finding]:
        """The findings of the issues that remain (without citations: every violation)."""
        if self.entry is None:
            return []
        return [f for c in self.issues for f in c.found] if self.issues else list(self.violations)

    @property
    def resolved_share(self) -> float:
        if self.issues:
            return sum(not c.remaining for c in self.issues) / len(self.issues)
        return 0.0 if self.remaining else 1.0


def episode(entry: Oversight | None, findings: list[Finding]) -> Episode:
    return Episode(entry, cited(entry, findings), [f for f in findings if not f.waived and f.severity == "violation"])


@dataclass
class Order:
    """A rectification order judged on the as-of day (DECISIONS.md, 明显改进): at least `improvement_min_resolved_share`
    of the cited issues resolved, no cited prohibition or political issue left, and (when required) a 整改报告 with
    evidence recorded between the order and its deadline."""

    ep: Episode
    deadline: date | None
    deadline_passed: bool
    min_share: float
    requires_report: bool
    prohibited: list[str]  # cited issues left whose rule is a prohibition or political
    report: Oversight | None  # the report that counts
    report_flag: tuple[str, dict[str, Any]] | None = None  # why no report counts, when it matters

    @property
    def share_ok(self) -> bool:
        return self.ep.resolved_share >= self.min_share

    @property
    def report_ok(self) -> bool:
        return self.report is not None or not self.requires_report

    @property
    def improved(self) -> bool:
        return self.ep.entry is not None and self.share_ok and not self.prohibited and self.report_ok

    @property
    def early_close(self) -> bool:
        """Every cited issue resolved and reported before the deadline: the office need not wait for it."""
        return self.ep.entry is not None and not self.ep.remaining and self.report_ok and not self.deadline_passed


def order(entry: Oversight | None, findings: list[Finding], history: list[Oversight], as_of: date,
          params: dict[str, Any], classes: dict[str, str]) -> Order:
    ep = episode(entry, findings)
    deadline = None
    if entry is not None:
        deadline = entry.deadline or entry.date + timedelta(days=params["rectification_days"])
    passed = bool(deadline and as_of > deadline)
    prohibited = [f.rule for f in ep.left if classes.get(f.rule) in NEVER_WAIVABLE]
    reports = [o for o in history if entry is not None and o.kind == "整改报告" and entry.date <= o.date <= as_of]
    counted = [o for o in reports if deadline and o.date <= deadline and o.evidence]
    judged = Order(ep, deadline, passed, params["improvement_min_resolved_share"], params["improvement_requires_report"],
                   list(dict.fromkeys(prohibited)), counted[-1] if counted else None)
    if entry is not None and judged.requires_report and not counted:
        bare = [o for o in reports if not o.evidence]
        late = [o for o in reports if deadline and o.date > deadline and o.evidence]
        if bare:
            judged.report_flag = ("report_no_evidence", {"date": bare[-1].date.isoformat()})
        elif late:
            judged.report_flag = ("report_late", {"date": late[0].date.isoformat(), "deadline": deadline.isoformat()})
        elif passed and deadline:
            judged.report_flag = ("report_missing", {"deadline": deadline.isoformat()})
    return judged
