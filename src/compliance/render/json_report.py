"""The JSON report (schema in schemas/report.schema.json), written one result at a time.

Each result is serialised on its own (pydantic's Rust serialiser), so a report of 10,000 societies never
exists in memory as a whole; `render` uses the same writer, so both give the same bytes.
"""

from __future__ import annotations

import json
from io import StringIO
from typing import IO, Any

from ..report import Report, Result, Summary

_INDENT = "    "


class JsonWriter:
    def __init__(self, out: IO[str], head: dict[str, Any]):
        self.out, self.count = out, 0
        out.write(json.dumps(head, ensure_ascii=False, indent=2)[:-2] + ',\n  "results": [')

    def add(self, result: Result) -> None:
        body = result.model_dump_json(indent=2).replace("\n", "\n" + _INDENT)
        self.out.write(("," if self.count else "") + "\n" + _INDENT + body)
        self.count += 1

    def finish(self, clauses: dict[str, str], summary: Summary) -> None:
        tail = {"clauses": clauses, "summary": summary.model_dump(mode="json")}
        body = json.dumps(tail, ensure_ascii=False, indent=2)[1:]
        self.out.write(("\n  ]," if self.count else "],") + body + "\n")


def render(report: Report) -> str:
    buf = StringIO()
    writer = JsonWriter(buf, report.model_dump(mode="json", exclude={"results", "clauses", "summary"}))
    for result in report.results:
        writer.add(result)
    writer.finish(report.clauses, report.summary)
    return buf.getvalue()
