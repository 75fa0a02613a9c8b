"""`compliance config`: the settings in force and where each comes from (see `config`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from .options import LangOpt


def config(ctx: typer.Context, lang: LangOpt = "zh") -> None:
    """显示生效的设置及其来源（compliance.yaml 或 pyproject.toml 的 [tool.compliance]） / show the settings in force
    and where each comes from."""
    from ..config import SETTINGS, find
    from ..i18n import paren, t

    lg = lang.value
    settings = find(Path.cwd())
    if settings.file:
        typer.echo(t("config_file", lg, path=settings.file))
    else:
        typer.echo(t("config_none", lg, folder=Path.cwd()))
    defaults = _defaults(ctx.find_root().command)
    width = max(map(len, SETTINGS))
    for name in SETTINGS:
        if name in ctx.params:  # this command's own option: click knows where its value came from
            value, source = ctx.params[name], _source(ctx, name, settings, lg)
        elif name in settings.values:
            value, source = settings.values[name], settings.source(name)
        else:
            value, source = defaults.get(name), t("source_default", lg)
        typer.echo(f"  {name.ljust(width)}  {_shown(name, value, lg)}{paren(source, lg)}")


def _source(ctx: typer.Context, name: str, settings: Any, lang: str) -> str:
    """Where click took an option's value from (command line, environment, the settings file, its default)."""
    from ..i18n import t

    origin = getattr(ctx.get_parameter_source(name), "name", "")
    if origin == "COMMANDLINE":
        return t("source_command_line", lang)
    if origin == "ENVIRONMENT":
        param = next(p for p in ctx.command.params if p.name == name)
        return t("source_env", lang, name=param.envvar)
    if origin == "DEFAULT_MAP":
        return settings.source(name)
    return t("source_default", lang)


def _defaults(command: Any) -> dict[str, Any]:
    """The default of each option, from the first command that has it (the command line is their one source)."""
    found: dict[str, Any] = {}
    for param in command.params:
        found.setdefault(param.name or "", param.default)
    for sub in getattr(command, "commands", {}).values():
        for name, value in _defaults(sub).items():
            found.setdefault(name, value)
    return found


def _shown(name: str, value: Any, lang: str) -> str:
    """A setting's value in words: what an empty default means (CPU count, built-in rules, …)."""
    from ..i18n import t

    value = getattr(value, "value", value)  # a choice
    if value is None or value == []:
        if name == "jobs":
            from ..batch import default_jobs

            return t("value_cpus", lang, n=default_jobs())
        if name == "rules":
            from ..rulebook import default_rules_dir

            return t("value_builtin_rules", lang, path=default_rules_dir())
        if name == "issuer":
            return t("value_builtin_issuer", lang)
        return t("value_none", lang)
    if isinstance(value, list | tuple):
        return t("enum_sep", lang).join(map(str, value))
    return str(value)
