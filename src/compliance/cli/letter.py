"""`compliance letter`: the options of one letter (see `letter_run`)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..render import LETTERS
from ..vocabulary import LETTER_KINDS
from .options import AsOfOpt, LangOpt, RulesOpt, as_of_date, choices, err

Kind = choices("Kind", ("auto", *LETTER_KINDS))
LetterFormat = choices("LetterFormat", LETTERS)


def letter(
    profile_path: Annotated[Path, typer.Argument(metavar="PROFILE", help="一个学会档案 / one society profile")],
    kind: Annotated[Kind, typer.Option("--kind", help="文书类型（auto＝按检查建议） / which letter")] = "auto",
    fmt: Annotated[LetterFormat, typer.Option("--format", "-f", help="文书格式 / letter format")] = "html",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="输出文件（默认：档案编号-文书类型.扩展名）")] = None,
    as_of: AsOfOpt = None,
    issuer: Annotated[Path | None, typer.Option("--issuer", help="发文机关配置 YAML / issuer settings")] = None,
    doc_no: Annotated[str | None, typer.Option("--doc-no", help="发文字号中的序号 / document number")] = None,
    force: Annotated[bool, typer.Option("--force", help="不按检查建议也生成 / issue against the recommendation")] = False,
    templates: Annotated[Path | None, typer.Option("--templates", help="自定义模板目录（沙箱中渲染） / own templates, sandboxed")] = None,
    rules: RulesOpt = None,
    lang: LangOpt = "zh",
) -> None:
    """生成约谈通知、限期整改通知书、前置审查不通过通知或撤销决定 / write the letter for a ladder step."""
    from ..i18n import label, t
    from ..letter_run import LetterRun, write_letter

    lg = lang.value
    written = write_letter(LetterRun(profile_path, as_of_date(as_of), kind.value, fmt.value, output, issuer, doc_no,
                                     force, templates, rules, lg))
    err(t("letter_written", lg, letter=label("letter", written.kind, lg), path=written.target))
    typer.echo(t("letter_history", lg))
    typer.echo(written.history_yaml())
