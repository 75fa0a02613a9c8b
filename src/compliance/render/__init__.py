"""Renderers: turn a Report into each output format (one module per format, imported only when used)."""

from __future__ import annotations

from importlib import import_module

FORMATS = ("table", "json", "sarif", "junit", "github", "markdown", "html")  # table, json, github: see sinks
_MODULE = {"json": "json_report", "sarif": "sarif", "junit": "junit", "github": "github", "markdown": "markdown",
           "html": "html"}


def render_text(fmt: str, report, rules, lang: str) -> str:
    """A whole-report format as text (the terminal table is streamed by sinks, never rendered here)."""
    module = import_module(f".{_MODULE[fmt]}", __name__)
    if fmt == "json":
        return module.render(report)
    return module.render(report, rules, lang)
