"""`compliance audit`: the options of an audit run (see `audit_run`)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..choices import STAGE_VOCABULARY, STEP_VOCABULARY, Vocabulary, allowed
from ..i18n import t
from ..render import REPORTS
from ..vocabulary import FAIL_ON
from .options import AsOfOpt, ExcludeOpt, LangOpt, RulesOpt, as_of_date, choices, err, report_option

FailOn = choices("FailOn", FAIL_ON)
ReportFormat = choices("ReportFormat", REPORTS)
WORK = "工作清单 / work lists"


def _listed(zh: str, en: str, vocabulary: Vocabulary) -> str:
    """An option's help naming the values it takes, in both languages (`bilingual` picks one)."""
    return f"{zh}：{t('enum_sep', 'zh').join(allowed(vocabulary, 'zh'))} / {en}: {', '.join(allowed(vocabulary, 'en'))}"


def audit(
    paths: Annotated[list[str], typer.Argument(help="档案文件或目录（以 -- 结束选项） / profile files or folders")],
    as_of: AsOfOpt = None,
    lang: LangOpt = "zh",
    fail_on: Annotated[FailOn, typer.Option("--fail-on", help="达到此级别即以 1 退出 / exit 1 at this severity")] = "violation",
    fmt: Annotated[ReportFormat, typer.Option("--format", "-f", help="输出格式 / output format")] = "table",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="写入文件 / write to a file")] = None,
    reports: Annotated[list[str], typer.Option("--report", help="另存一种格式：格式=文件（可重复） / also write FORMAT to FILE (repeatable)")] = [],  # noqa: B006
    rules: RulesOpt = None,
    jobs: Annotated[int | None, typer.Option("--jobs", "-j", min=1, help="并行进程数（默认 CPU 核数） / worker processes")] = None,
    exclude: ExcludeOpt = [],  # noqa: B006
    waivers: Annotated[Path | None, typer.Option("--waivers", help="豁免文件 / waiver file")] = None,
    baseline: Annotated[Path | None, typer.Option("--baseline", help="基线：以前的 JSON 报告 / a previous JSON report")] = None,
    changed_since: Annotated[str | None, typer.Option("--changed-since", help="只检查自某 git 版本以来改动的档案 / only profiles changed since a git revision")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="不显示进度 / no progress bar")] = False,
    stage: Annotated[list[str], typer.Option("--stage", help=_listed("工作清单：只列出处于此监管阶段的学会（可重复）", "only societies at this ladder stage", STAGE_VOCABULARY), rich_help_panel=WORK)] = [],  # noqa: B006
    next_step: Annotated[list[str], typer.Option("--next-step", help=_listed("只列出建议下一步为此的学会", "only this recommended next step", STEP_VOCABULARY), rich_help_panel=WORK)] = [],  # noqa: B006
    overdue: Annotated[bool, typer.Option("--overdue", help="只列出整改期限已过的学会 / only societies past their deadline", rich_help_panel=WORK)] = False,
    due_within: Annotated[int | None, typer.Option("--due-within", help="只列出整改期限在指定天数内的学会 / deadline within DAYS days", rich_help_panel=WORK)] = None,
    society: Annotated[list[str], typer.Option("--society", metavar="ID", help="只列出这些学会编号（可重复） / only these society ids", rich_help_panel=WORK)] = [],  # noqa: B006
    rule: Annotated[list[str], typer.Option("--rule", metavar="ID", help="只报告这些规则的发现 / only these rules' findings", rich_help_panel=WORK)] = [],  # noqa: B006
    skip_rule: Annotated[list[str], typer.Option("--skip-rule", metavar="ID", help="不报告这些规则的发现 / leave out these rules' findings", rich_help_panel=WORK)] = [],  # noqa: B006
    clause: Annotated[list[str], typer.Option("--clause", metavar="N", help="只报告《意见》这些条款的发现 / only findings on these items", rich_help_panel=WORK)] = [],  # noqa: B006
) -> None:
    """按规则审查档案 / audit profiles against the rule set."""
    from ..audit_run import AuditRun, run
    from ..worklist import Filters

    day = as_of_date(as_of)
    outputs = [*(report_option(value) for value in reports), (fmt.value, output)]
    work = Filters(stage, next_step, overdue, due_within, society, rule, skip_rule, clause)
    raise typer.Exit(run(AuditRun(paths, day, lang.value, fail_on.value, outputs, rules, jobs, exclude, waivers,
                                  baseline, changed_since, quiet, work), say=err))
