"""The JSON report: the Report model as indented UTF-8 JSON (schema in schemas/report.schema.json)."""

from __future__ import annotations

import json

from ..report import Report


def render(report: Report) -> str:
    return json.dumps(report.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"
