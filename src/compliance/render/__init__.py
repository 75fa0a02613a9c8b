"""Renderers: turn a Report into each output format (one module per format, imported only when used)."""

from __future__ import annotations

from importlib import import_module

FORMATS = ("table", "json", "sarif", "junit", "github", "markdown", "html")
_MODULE = {"json": "json_report", "sarif": "sarif", "junit": "junit", "github": "github", "markdown": "markdown",
           "html": "html"}


def render_text(fmt: str, report, rules, lang: str) -> str:
    """The report in one format, as text (the terminal table is rendered without colour)."""
    if fmt == "table":
        from io import StringIO

        from rich.console import Console

        from .table import render

        buf = StringIO()
        render(report, lang, Console(file=buf, width=200, highlight=False, soft_wrap=True, color_system=None))
        return buf.getvalue()
    module = import_module(f".{_MODULE[fmt]}", __name__)
    if fmt == "json":
        return module.render(report)
    return module.render(report, rules, lang)
