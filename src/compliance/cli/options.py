"""The options commands share, and turning option text into values: `--lang`, `--as-of`, `--rules`, choices
taken from a vocabulary or a format registry, `--report FORMAT=FILE`.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from ..problem import Failure
from ..vocabulary import LANGS


def choices(name: str, names: Iterable[str]) -> type[StrEnum]:
    """The choices of an option, from a vocabulary or a registry as it is when the command line is built (so the
    choices, their check and `--help` follow it); the option's value is the chosen name."""
    return StrEnum(name, {n: n for n in names})  # type: ignore[return-value]


Lang = choices("Lang", LANGS)
ListFormat = choices("ListFormat", ("table", "json"))
LangOpt = Annotated[Lang, typer.Option("--lang", envvar="COMPLIANCE_LANG", help="语言 / language: zh | en")]
AsOfOpt = Annotated[str | None, typer.Option("--as-of", help="检查基准日 YYYY-MM-DD（默认今天） / as-of date")]
RulesOpt = Annotated[Path | None, typer.Option("--rules", help="规则目录（默认内置规则） / rule folder")]
ListFormatOpt = Annotated[ListFormat, typer.Option("--format", "-f")]
ExcludeOpt = Annotated[list[str], typer.Option("--exclude", help="排除的路径模式（可重复） / glob to skip")]


def err(message: str) -> None:
    typer.echo(message, err=True)


def as_of_date(value: str | None) -> date:
    """The `--as-of` date, within the range of dates a profile may hold (year 1 would overflow the date
    arithmetic); today without one."""
    from ..profile import FIRST_DAY, LAST_DAY

    if value is None:
        return date.today()
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise Failure("bad_date", value=value) from None
    if not FIRST_DAY <= day <= LAST_DAY:
        raise Failure("as_of_range", value=value, low=FIRST_DAY, high=LAST_DAY)
    return day


def report_option(value: str) -> tuple[str, Path]:
    """One `--report FORMAT=FILE`, FORMAT a registered report format."""
    from ..render import REPORTS

    fmt, sep, file = value.partition("=")
    if not sep or fmt not in REPORTS or not file:
        raise Failure("report_option", value=value, formats=" ".join(REPORTS))
    return fmt, Path(file)


def lang_of(args: list[str]) -> str:
    """The --lang of a command line, found without parsing it (for messages when parsing did not finish, or
    once it is over)."""
    for i, arg in enumerate(args):
        if arg == "--":
            break
        if arg.startswith("--lang="):
            return arg.partition("=")[2]
        if arg == "--lang" and i + 1 < len(args):
            return args[i + 1]
    return os.environ.get("COMPLIANCE_LANG") or "zh"
