"""`compliance validate`: check profiles against the schema only (no rules)."""

from __future__ import annotations

from typing import Annotated

import typer

from .options import AsOfOpt, ExcludeOpt, LangOpt, as_of_date, err


def validate(
    paths: Annotated[list[str], typer.Argument(help="档案文件或目录 / profile files or folders")],
    lang: LangOpt = "zh",
    as_of: AsOfOpt = None,
    exclude: ExcludeOpt = [],  # noqa: B006
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="只输出错误 / errors only")] = False,
) -> None:
    """检查档案格式（不运行规则） / check profiles against the schema only."""
    from ..discover import discover
    from ..i18n import t
    from ..validate import check_files

    day = as_of_date(as_of)
    found = discover(paths, exclude)
    for note in found.notes(lang):
        err(note)
    bad = 0
    for path, problems in check_files(found.files, day):
        bad += bool(problems)
        for p in problems:
            typer.echo(p.format(lang))
        if not problems and not quiet:
            typer.echo(f"{path}: {t('valid', lang)}")
    if not quiet:
        typer.echo(t("summary_validate", lang, total=len(found.files), ok=len(found.files) - bad, bad=bad))
    raise typer.Exit(2 if bad or found.bad else 0)
