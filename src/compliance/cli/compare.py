"""`compliance compare`: two audit JSON reports, last year's and this year's (see `compare`)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..render import COMPARISONS
from .options import LangOpt, choices

CompareFormat = choices("CompareFormat", COMPARISONS)


def compare(
    last: Annotated[Path, typer.Argument(metavar="LAST.json", help="上次的 JSON 审查报告 / the earlier audit report")],
    this: Annotated[Path, typer.Argument(metavar="THIS.json", help="本次的 JSON 审查报告 / the later audit report")],
    fmt: Annotated[CompareFormat, typer.Option("--format", "-f", help="输出格式 / output format")] = "table",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="写入文件 / write to a file")] = None,
    lang: LangOpt = "zh",
) -> None:
    """年度对比：新出现、已整改、仍存在的问题，监管阶段变化，按条款合计 / compare two audit reports year over year."""
    from ..compare import compare as compared
    from ..compare import load_report
    from ..i18n import t
    from ..output import check_target, write_atomic
    from .options import err

    if output is not None:
        check_target(output, [last, this])
    comparison = compared(load_report(last), load_report(this), str(last), str(this))
    text = COMPARISONS[fmt.value].function()(comparison, lang.value)
    if output is None:
        typer.echo(text, nl=False)
        return
    write_atomic(output, text, [last, this])
    err(t("written", lang.value, path=output))
