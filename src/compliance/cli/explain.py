"""`compliance explain`: the options of one explanation (see `explain_run`)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..render import EXPLAINS
from .options import AsOfOpt, LangOpt, RulesOpt, as_of_date, choices, err

ExplainFormat = choices("ExplainFormat", EXPLAINS)


def explain(
    profile_path: Annotated[Path, typer.Argument(metavar="PROFILE", help="一个学会档案 / one society profile")],
    rule_ids: Annotated[list[str] | None, typer.Argument(metavar="[RULE]...", help="规则编号（默认：触发的规则） / rule ids (default: those that fired)")] = None,
    every: Annotated[bool, typer.Option("--all", help="解释每条有效规则，包括未触发的 / every rule in force, fired or not")] = False,
    as_of: AsOfOpt = None,
    fmt: Annotated[ExplainFormat, typer.Option("--format", "-f", help="table | json | markdown（可直接用于答复学会） / output format")] = "table",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="写入文件 / write to a file")] = None,
    waivers: Annotated[Path | None, typer.Option("--waivers", help="豁免文件 / waiver file")] = None,
    baseline: Annotated[Path | None, typer.Option("--baseline", help="基线：以前的 JSON 报告 / a previous JSON report")] = None,
    rules: RulesOpt = None,
    lang: LangOpt = "zh",
) -> None:
    """解释规则为何触发或未触发：条件逐项的取值、档案行号、参数及依据、退出机制和豁免 / why a rule fired or not."""
    from ..discover import shown
    from ..explain_run import ExplainRun, explain_text
    from ..i18n import t

    req = ExplainRun(profile_path, as_of_date(as_of), list(rule_ids or []), every, fmt.value, output, rules, waivers,
                     baseline, lang.value)
    text = explain_text(req)
    if text is None:
        err(t("written", lang.value, path=shown(output or "")))
    else:
        typer.echo(text, nl=False)
