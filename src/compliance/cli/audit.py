"""`compliance audit`: the options of an audit run (see `audit_run`)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..render import REPORTS
from ..vocabulary import FAIL_ON
from .options import AsOfOpt, ExcludeOpt, LangOpt, RulesOpt, as_of_date, choices, err, report_option

FailOn = choices("FailOn", FAIL_ON)
ReportFormat = choices("ReportFormat", REPORTS)


def audit(
    paths: Annotated[list[str], typer.Argument(help="档案文件或目录（以 -- 结束选项） / profile files or folders")],
    as_of: AsOfOpt = None,
    lang: LangOpt = "zh",
    fail_on: Annotated[FailOn, typer.Option("--fail-on", help="达到此级别即以 1 退出 / exit 1 at this severity")] = "violation",
    fmt: Annotated[ReportFormat, typer.Option("--format", "-f", help="输出格式 / output format")] = "table",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="写入文件 / write to a file")] = None,
    reports: Annotated[list[str], typer.Option("--report", help="另存一种格式：格式=文件（可重复） / FORMAT=FILE")] = [],  # noqa: B006
    rules: RulesOpt = None,
    jobs: Annotated[int | None, typer.Option("--jobs", "-j", min=1, help="并行进程数（默认 CPU 核数） / worker processes")] = None,
    exclude: ExcludeOpt = [],  # noqa: B006
    waivers: Annotated[Path | None, typer.Option("--waivers", help="豁免文件 / waiver file")] = None,
    baseline: Annotated[Path | None, typer.Option("--baseline", help="基线：以前的 JSON 报告 / a previous JSON report")] = None,
    changed_since: Annotated[str | None, typer.Option("--changed-since", help="只检查自某 git 版本以来改动的档案")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="不显示进度 / no progress bar")] = False,
) -> None:
    """按规则审查档案 / audit profiles against the rule set."""
    from ..audit_run import AuditRun, run

    day = as_of_date(as_of)
    outputs = [*(report_option(value) for value in reports), (fmt.value, output)]
    raise typer.Exit(run(AuditRun(paths, day, lang.value, fail_on.value, outputs, rules, jobs, exclude, waivers,
                                  baseline, changed_since, quiet), say=err))
