"""The report models: findings, per-file results and the run summary (the JSON report's schema)."""

from __future__ import annotations

from collections import Counter
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class _M(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Finding(_M):
    rule: str = Field(description="规则编号 / rule id")
    clause: str = Field(description="《意见》条款 / the policy's item")
    severity: Literal["violation", "warning", "advice"]
    title: str
    message: str
    remediation: str
    quote: str = Field(description="所执行的原文 / the sentence enforced")
    path: str = Field(description="字段路径 / dotted field path")
    line: int
    column: int
    ladder: str | None = Field(default=None, description="在退出机制中的分量 / weight on the escalation ladder")
    waived: bool = False
    waiver: str | None = Field(default=None, description="豁免说明（含已过期的豁免） / waiver note, expired ones too")
    fingerprint: str = Field(default="", description="规则+学会+字段路径的指纹，用于基线 / baseline fingerprint")
    new: bool | None = Field(default=None, description="不在基线中 / not in the baseline (with --baseline)")


class Reason(_M):
    kind: Literal["finding", "history"]
    text: str
    rule: str | None = None
    clause: str | None = None
    path: str | None = None
    line: int | None = None
    date: str | None = None
    entry: str | None = None
    doc_no: str | None = None


class Ladder(_M):
    """Where the society stands on the escalation ladder of item 7, and the recommended next step."""

    stage: Literal["normal", "interview", "rectification", "prereview_failed", "revoked"]
    stage_label: str
    next_step: str = Field(description="none interview rectification prereview revocation follow_up await_deadline close continue")
    next_step_label: str
    letter: Literal["interview", "rectification", "prereview", "revocation"] | None
    reasons: list[Reason]
    deadline: str | None = Field(description="整改期限 / rectification deadline")
    days_remaining: int | None = Field(description="距期限天数，负数为已逾期 / negative when overdue")
    revocation_mode: str
    decision_required: bool = Field(description="建议须经科协研究决定 / a recommendation, the association decides")


class ErrorItem(_M):
    file: str
    line: int | None
    column: int | None
    path: str
    code: str
    message: str


class SocietyRef(_M):
    id: str | None
    name: str | None


class Result(_M):
    file: str
    society: SocietyRef
    valid: bool
    errors: list[ErrorItem] = Field(default_factory=list)
    findings: list[Finding] = Field(default_factory=list)
    ladder: Ladder | None = None

    def count(self, severity: str, include_waived: bool = False) -> int:
        return sum(1 for f in self.findings if f.severity == severity and (include_waived or not f.waived))


class Summary(_M):
    files: int
    valid: int
    invalid: int
    violation: int
    warning: int
    advice: int
    waived: int
    by_clause: dict[str, int]
    exit_code: int


class Tool(_M):
    name: str = "compliance"
    version: str
    policy: str = "宁科协发学字〔2024〕10号"


class Report(_M):
    tool: Tool
    as_of: str
    lang: str
    fail_on: str
    clauses: dict[str, str] = Field(default_factory=dict, description="条款标题 / titles of the items cited")
    results: list[Result]
    summary: Summary


def summarise(results: list[Result], exit_code: int) -> Summary:
    clauses: Counter[str] = Counter(f.clause for r in results for f in r.findings if not f.waived)
    return Summary(
        files=len(results), valid=sum(r.valid for r in results), invalid=sum(not r.valid for r in results),
        violation=sum(r.count("violation") for r in results), warning=sum(r.count("warning") for r in results),
        advice=sum(r.count("advice") for r in results),
        waived=sum(1 for r in results for f in r.findings if f.waived),
        by_clause=dict(sorted(clauses.items(), key=lambda kv: (-kv[1], _clause_key(kv[0])))),
        exit_code=exit_code,
    )


def _clause_key(clause: str) -> tuple[int, str]:
    return (int(clause), "") if clause.isdigit() else (100, clause)


def report_schema() -> dict:
    schema = Report.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://compliance.local/schemas/report.schema.json"
    schema["title"] = "合规检查报告 / compliance report"
    return schema
