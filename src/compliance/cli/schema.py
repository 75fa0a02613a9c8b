"""`compliance schema`: the JSON Schema of the profile, or of the JSON report."""

from __future__ import annotations

import json
from typing import Annotated

import typer


def schema(
    report: Annotated[bool, typer.Option("--report", help="输出 JSON 报告的模式 / the JSON report's schema")] = False,
) -> None:
    """输出档案的 JSON Schema（含中文说明） / print the profile JSON Schema."""
    if report:
        from ..report import report_schema as make
    else:
        from ..profile import json_schema as make
    typer.echo(json.dumps(make(), ensure_ascii=False, indent=2))
