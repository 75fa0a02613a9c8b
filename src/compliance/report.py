"""The report models: findings, per-file results and the run summary (the JSON report's schema); `Tally` keeps
the running totals of a run. Every vocabulary (severity, stage, next step, letter) comes from `vocabulary`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from .suppress import fails_run, unmet_order_fails
from .vocabulary import (
    LETTER_KINDS,
    STAGES,
    CitedStatus,
    Episode,
    FailOn,
    FlagCode,
    Lang,
    LetterKind,
    NextStep,
    Severity,
    Stage,
    Weight,
)


class _M(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)  # built on first use: one schema, not one per model


class Basis(BaseModel):
    """Another regulation a rule rests on; the policy clause the rule quotes is what makes it relevant (外部依据)."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)
    regulation: str = Field(min_length=2, description="法规名称 / regulation, e.g. 《社会团体登记管理条例》")
    article: str | None = Field(default=None, description="条款或文号 / article or document number")
    sentence: str = Field(min_length=4, description="所依据的规定 / the requirement it states")
    source: str | None = Field(default=None, description="该规定的出处 / where the sentence was found")

    def text(self) -> str:
        """《社会团体登记管理条例》第十条：有50个以上的个人会员……"""
        article = self.article or ""
        if "〔" in article:  # a document number reads in brackets after the title
            article = f"（{article}）"
        return f"{self.regulation}{article}：{self.sentence}"


class Finding(_M):
    rule: str = Field(description="规则编号 / rule id")
    clause: str = Field(description="《意见》条款 / the policy's item")
    severity: Severity
    title: str
    message: str
    remediation: str
    quote: str = Field(description="所执行的原文 / the sentence enforced")
    path: str = Field(description="字段路径 / dotted field path")
    line: int
    column: int
    basis: Basis | None = Field(default=None, description="外部依据：规则所依据的其他法规 / the other regulation the rule rests on")
    ladder: Weight | None = Field(default=None, description="第7条的情形（无则为空） / the item-7 category, null for none")
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
    severity: Severity | None = None
    category: Weight | None = Field(default=None, description="该发现按第7条哪类情形计入（连续两年C等次等未建议撤销时按“活力不足”计）；"
                                    "为空表示作为通知所列问题跟踪 / the item-7 category it counted under; null: tracked as cited")
    category_label: str | None = None
    date: str | None = None
    entry: str | None = None
    doc_no: str | None = None


class CitedIssue(_M):
    """One issue an interview or order cited, resolved or remaining on the as-of day (any severity is tracked)."""

    by: Literal["rule", "clause"]
    item: str = Field(description="规则编号或条款 / rule id or clause")
    title: str
    status: CitedStatus
    status_label: str
    paths: list[str] = Field(description="仍存在的发现的字段路径 / paths of the findings still found")
    lines: list[int]
    severity: Severity | None = Field(description="仍存在时其发现的级别 / severity of a remaining issue's finding")


class ReportEntry(_M):
    date: str
    doc_no: str | None
    evidence: list[str]


class Improvement(_M):
    """明显改进 after a rectification order (README: 退出机制与公文)."""

    holds: bool | None = Field(description="是否明显改进；整改期限未到时为空 / null before the deadline")
    share_ok: bool = Field(description="已解决比例不低于 improvement_min_resolved_share")
    min_share: float
    prohibited_left: list[str] = Field(description="仍存在的禁止性、政治性问题 / cited prohibition or political issues left")
    report_required: bool
    report_ok: bool
    report: ReportEntry | None = Field(description="计入的整改报告 / the rectification report that counts")
    text: str


class EpisodeView(_M):
    """The supervisory episode in progress: what opened it, each cited issue, and its own outcome."""

    kind: Episode
    kind_label: str
    date: str
    doc_no: str | None
    cites_nothing: bool = Field(description="通知未列具体问题：以有无违规判断 / cites nothing: any violation counts")
    cited: list[CitedIssue]
    resolved: int
    remaining: int
    resolved_share: float
    outcome: NextStep | None = Field(description="本次监管措施的结论 / the episode's own outcome (close, prereview, …)")
    outcome_label: str | None
    outcome_text: str | None = Field(default=None, description="本次监管的结论与建议的下一步不同时（结束后按基准日检查结果"
                                     "评估）/ the episode's conclusion when the next step assesses today's findings")
    head: str
    improvement: Improvement | None = Field(description="责令限期整改：是否明显改进 / orders only")


class Flag(_M):
    code: FlagCode
    label: str
    text: str


class DeterminationView(_M):
    """The recorded 情节严重 determination a revocation rests on."""

    date: str
    determined_by: str
    grounds: str
    doc_no: str | None


class RevocationConditions(_M):
    """Item 7's conditions for revocation on the as-of day, whatever the step (what a refused revocation says)."""

    holding: list[Weight] = Field(default_factory=list, description="成立的客观条件 / the objective conditions that hold")
    met: bool = Field(default=False, description="按 revocation_mode 成立 / the conditions hold as revocation_mode reads them")
    since: str | None = Field(default=None, description="条件成立之日 / the day they arose")
    determination_date: str | None = Field(default=None, description="基准日当天或之前最近的情节严重认定的日期 / the "
                                           "latest recorded 情节严重认定 on or before the as-of day")


class Ladder(_M):
    """Where the society stands on the escalation ladder of item 7, and the recommended next step."""

    stage: Stage
    stage_label: str
    next_step: NextStep
    next_step_label: str
    letter: LetterKind | None
    reasons: list[Reason]
    deadline: str | None = Field(description="整改期限 / rectification deadline")
    days_remaining: int | None = Field(description="距期限天数，负数为已逾期 / negative when overdue")
    inferred: bool = Field(default=False, description="建议的下一步是本工具的推断（约谈后问题逾期未解决转入责令限期整改，"
                           "第7条未作规定）/ the step rests on an inference (an order after an interview)")
    revocation_mode: str
    decision_required: bool = Field(description="建议须经科协研究决定 / a recommendation, the association decides")
    episode: EpisodeView | None = Field(default=None, description="进行中的约谈、整改 / the episode in progress")
    flags: list[Flag] = Field(default_factory=list, description="提请注意的事项 / matters beside the step")
    determination: DeterminationView | None = Field(default=None, description="撤销所依据的情节严重认定")
    revocation_conditions: RevocationConditions = Field(default_factory=RevocationConditions,
                                                        description="第7条撤销的条件 / item 7's conditions for revocation")
    order_unmet: bool = Field(default=False, description="责令限期整改逾期未达到要求：本身即不合规（退出码 1）/ "
                              "an order not met by its deadline: itself a failure (exit 1)")

    def grounds(self, lang: str) -> str:
        """The rules the step rests on, by the item-7 category each counted under ("组织涣散（→ 责令限期整改）：
        GOV-ELECTION-OVERDUE；…"); empty when no finding counted under a category."""
        from .i18n import t

        out: dict[str, list[str]] = {}
        for reason in self.reasons:
            if reason.kind == "finding" and reason.category_label and reason.rule:
                rules = out.setdefault(reason.category_label, [])
                if reason.rule not in rules:
                    rules.append(reason.rule)
        colon, sep = t("colon", lang), t("enum_sep", lang)
        return t("semicolon", lang).join(f"{cat}{colon}{sep.join(rules)}" for cat, rules in out.items())


class ErrorItem(_M):
    file: str
    line: int | None
    column: int | None
    path: str
    title: str = Field("", description="字段的中文标题 / the field's Chinese title")
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
    left_out: int = Field(default=0, description="基准日之后、未计入本次审查的记录数 / entries dated after the as-of day, left out")
    left_out_by: dict[str, int] = Field(default_factory=dict, description="按字段 / by field, e.g. activities: 3")

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
    left_out: int = Field(default=0, description="基准日之后、未计入的记录总数 / entries after the as-of day, left out")
    by_clause: dict[str, int]
    exit_code: int


class Tool(_M):
    name: str = "compliance"
    version: str
    policy: str = "宁科协发学字〔2024〕10号"


class Report(_M):
    tool: Tool
    as_of: str
    lang: Lang
    fail_on: FailOn
    results: list[Result]
    filters: dict[str, Any] = Field(default_factory=dict, description="工作清单的筛选条件 / the work list's filters, if any")
    clauses: dict[str, str] = Field(default_factory=dict, description="条款标题 / titles of the items cited")
    summary: Summary


@dataclass
class Row:
    """What the summary table keeps of one result (a few hundred bytes, whatever the findings)."""

    name: str
    valid: bool
    stage: str | None
    stage_label: str
    next_step: str | None
    violation: int
    warning: int
    advice: int
    top_clauses: list[str]
    society_id: str | None = None
    deadline: str | None = None
    days_remaining: int | None = None
    errors: int = 0
    left_out: int = 0
    inferred: bool = False  # the next step rests on an inference (Ladder.inferred)

    def step_label(self, lang: str) -> str:
        """The next step, short (a table cell), marked when it rests on an inference; empty for none."""
        return step_label(self.next_step, self.inferred, lang)


def step_label(step: str | None, inferred: bool, lang: str) -> str:
    """A next step as a table cell shows it: short, marked （推断） when it rests on an inference; empty for none."""
    from .i18n import label, t

    if not step or step == "none":
        return ""
    short = label("step", step, lang)
    return t("step_inferred", lang, step=short) if inferred else short


def worst_first(rows: list[Row]) -> list[Row]:
    """Rows in the order the office works through them: invalid profiles first (nothing can be said of them), then
    by ladder stage (furthest along first), then by next step (the harshest letter first: revocation, pre-review,
    rectification, interview, then steps without a letter), then violations, then warnings; ties keep the input
    order."""
    return sorted(rows, key=severity_order)


def severity_order(row: Row) -> tuple[int, int, int, int]:
    if not row.valid or row.stage is None:
        return (-1, 0, 0, 0)
    return (-STAGES.index(row.stage), -harshness(row.next_step), -row.violation, -row.warning)


def harshness(step: str | None) -> int:
    """How harsh a next step is: by the ladder's order of letters (interview 1 … revocation 4), 0 for a step that
    writes none (no measure, follow-up, waiting for a deadline, closing)."""
    return LETTER_KINDS.index(step) + 1 if step in LETTER_KINDS else 0


@dataclass
class Tally:
    """Running totals over a stream of results: the summary, the exit code and one Row per result."""

    fail_on: str = "violation"
    keep_rows: bool = True  # one Row per result: only a format that lists every society needs them
    files: int = 0
    valid: int = 0
    counts: Counter = field(default_factory=Counter)
    waived: int = 0
    left_out: int = 0
    clauses: Counter = field(default_factory=Counter)
    rows: list[Row] = field(default_factory=list)
    cited: set[str] = field(default_factory=set)
    bad_input: bool = False
    failing: bool = False

    def add(self, r: Result) -> None:
        self.files += 1
        self.valid += r.valid
        self.left_out += r.left_out
        self.bad_input |= not r.valid or bool(r.errors)
        for f in r.findings:
            self.cited.add(f.clause)
            if f.waived:
                self.waived += 1
                continue
            self.counts[f.severity] += 1
            self.clauses[f.clause] += 1
            self.failing |= fails_run(f, self.fail_on)
        self.failing |= unmet_order_fails(r, self.fail_on)
        if self.keep_rows:
            self.rows.append(row_of(r))

    def exit_code(self, missing: bool = False) -> int:
        """2 for any bad input (wins); 1 when a finding not waived nor in the baseline reaches fail_on, or a
        rectification order is not met by its deadline (`suppress.unmet_order_fails`); else 0."""
        if missing or self.bad_input:
            return 2
        return 1 if self.failing and self.fail_on != "never" else 0

    def summary(self, exit_code: int) -> Summary:
        return Summary(
            files=self.files, valid=self.valid, invalid=self.files - self.valid, violation=self.counts["violation"],
            warning=self.counts["warning"], advice=self.counts["advice"], waived=self.waived, left_out=self.left_out,
            by_clause=dict(sorted(self.clauses.items(), key=lambda kv: (-kv[1], clause_order(kv[0])))),
            exit_code=exit_code,
        )


def row_of(r: Result) -> Row:
    """The compact summary row of one result."""
    top = Counter(f.clause for f in r.findings if not f.waived and f.severity != "advice").most_common(3)
    lad = r.ladder
    return Row(r.society.name or r.file, r.valid, lad.stage if lad else None, lad.stage_label if lad else "",
               lad.next_step if lad else None, r.count("violation"), r.count("warning"), r.count("advice"),
               [c for c, _ in top], r.society.id, lad.deadline if lad else None, lad.days_remaining if lad else None,
               len(r.errors), r.left_out, bool(lad and lad.inferred))


def clause_order(clause: str) -> tuple[int, str]:
    return (int(clause), "") if clause.isdigit() else (100, clause)


def rule_order(rule: Any) -> tuple[int, str, str]:
    """Rules as `rules list` shows them: by clause of the policy (第1条 first, the safeguards last), then id."""
    return (*clause_order(rule.clause), rule.id)


def report_schema() -> dict:
    schema = Report.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://compliance.local/schemas/report.schema.json"
    schema["title"] = "合规检查报告 / compliance report"
    return schema
