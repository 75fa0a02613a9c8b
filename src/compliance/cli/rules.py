"""`compliance rules …`: list, show, coverage, fields and test the rule set."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from .options import LangOpt, ListFormatOpt, RulesOpt

app = typer.Typer(no_args_is_help=True, help="查看和测试规则集 / inspect and test the rule set")


def _book(rules: Path | None):
    from ..rulebook import load_rulebook

    return load_rulebook(rules)


def _json(data: object) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


@app.command("list")
def rules_list(fmt: ListFormatOpt = "table", lang: LangOpt = "zh", rules: RulesOpt = None) -> None:
    """列出全部规则 / list every rule."""
    book = _book(rules)
    if fmt == "json":
        from ..describe import rules_data

        return _json(rules_data(book))
    from ..render.rules import rules_table
    from ..render.table import console
    from ..report import rule_order

    console().print(rules_table(sorted(book.rules, key=rule_order), lang))


@app.command("show")
def rules_show(rule_id: Annotated[str, typer.Argument(help="规则编号，如 GOV-OFFICER-AGE / rule id")], lang: LangOpt = "zh",
               rules: RulesOpt = None) -> None:
    """显示一条规则：原文、条件、参数 / show one rule."""
    from ..describe import describe_rule

    typer.echo(describe_rule(_book(rules), rule_id, lang, date.today()))


@app.command("coverage")
def rules_coverage(fmt: ListFormatOpt = "table", lang: LangOpt = "zh", rules: RulesOpt = None) -> None:
    """《意见》各条款与规则的对应关系 / clause → rules matrix."""
    from ..describe import coverage

    rows = coverage(_book(rules))
    if fmt == "json":
        return _json(rows)
    from ..render.rules import coverage_table
    from ..render.table import console

    console().print(coverage_table(rows, lang))


@app.command("fields")
def rules_fields(
    subject: Annotated[str | None, typer.Argument(help="事实类型 / fact type (society, branch, …)")] = None,
    fmt: ListFormatOpt = "table", lang: LangOpt = "zh", rules: RulesOpt = None,
) -> None:
    """规则条件可以使用的字段：含义、类型、单位、来源字段和参数 / the facts a rule may test, with their meaning."""
    from ..describe import fields_data, fields_text, subjects_named

    subjects = subjects_named(subject)
    params = _book(rules).params_at(date.today())
    if fmt == "json":
        return _json(fields_data(subjects, params))
    typer.echo(fields_text(subjects, lang, params))


@app.command("test")
def rules_test(
    directory: Annotated[Path | None, typer.Argument(help="规则测试目录（默认 rules/tests） / fixture folder")] = None,
    rules: RulesOpt = None,
    lang: LangOpt = "zh",  # the language of the help and of errors (read before parsing)
) -> None:
    """运行规则测试用例：每个用例的 expect 是它触发的全部规则（精确比较） / run the rule fixtures: each case's
    `expect` is the complete set of rules it fires, compared exactly."""
    from ..fixtures import run_fixtures

    book = _book(rules)
    run = run_fixtures(book, directory or Path(book.source) / "tests")
    for line in run.lines():
        typer.echo(line)
    raise typer.Exit(0 if run.ok else 1)
