"""The JSON report: the Report model as indented UTF-8 JSON (schema in schemas/report.schema.json).

Each result is serialised on its own (pydantic's Rust serialiser), so a report of 10,000 societies never
exists as one big Python dict.
"""

from __future__ import annotations

import json

from ..report import Report

_INDENT = "    "


def render(report: Report) -> str:
    head = report.model_dump(mode="json", exclude={"results", "summary"})
    parts = [json.dumps(head, ensure_ascii=False, indent=2)[:-2], ',\n  "results": [']
    for i, result in enumerate(report.results):
        body = result.model_dump_json(indent=2).replace("\n", "\n" + _INDENT)
        parts.append(("," if i else "") + "\n" + _INDENT + body)
    parts.append("\n  ]" if report.results else "]")
    summary = json.dumps(report.summary.model_dump(mode="json"), ensure_ascii=False, indent=2).replace("\n", "\n  ")
    parts.append(f',\n  "summary": {summary}\n}}\n')
    return "".join(parts)
