"""The JSON report (schema in schemas/report.schema.json), written one result at a time.

Each result is serialised on its own (pydantic's Rust serialiser), so a report of 10,000 societies never
exists in memory as a whole.
"""

from __future__ import annotations

import json
import sys
from typing import IO, Any

from ..report import Result, Row, Summary
from . import Run

_INDENT = "    "


class JsonWriter:
    def __init__(self, out: IO[str], head: dict[str, Any]):
        self.out, self.count = out, 0
        out.write(json.dumps(head, ensure_ascii=False, indent=2)[:-2] + ',\n  "results": [')

    def add(self, result: Result) -> None:
        body = result.model_dump_json(indent=2).replace("\n", "\n" + _INDENT)
        self.out.write(("," if self.count else "") + "\n" + _INDENT + body)
        self.count += 1

    def finish(self, clauses: dict[str, str], summary: Summary, rows: list[Row] | None = None) -> None:
        tail = {"clauses": clauses, "summary": summary.model_dump(mode="json")}
        body = json.dumps(tail, ensure_ascii=False, indent=2)[1:]
        self.out.write(("\n  ]," if self.count else "],") + body + "\n")


def stream(out: IO[str] | None, run: Run) -> JsonWriter:
    return JsonWriter(out or sys.stdout, run.head)
