"""Read a previous JSON report given with `--baseline`: the fingerprints of the findings it already had.

The file goes through the same limits as a profile (a regular file, a size limit); a wrong shape is a
positioned error, never a crash.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .loading import LoadError, Problem, read_text

BASELINE_BYTES = 256 * 1024 * 1024  # a report of 10,000 societies is ~50 MB


def load_baseline(path: str | Path) -> set[str]:
    """The fingerprints of the findings in the report at `path`, or LoadError saying what is wrong where."""
    name = str(path)
    text = read_text(Path(path), BASELINE_BYTES)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise LoadError(Problem(name, "baseline_bad", {"detail": exc.msg}, exc.lineno, exc.colno)) from None
    except RecursionError:
        raise LoadError(Problem(name, "baseline_bad", {"detail": "nesting too deep"})) from None
    if "results" not in _expect(name, data, dict, ""):
        raise LoadError(Problem(name, "v_missing", path="results"))
    results = _expect(name, data["results"], list, "results")
    found: set[str] = set()
    for i, result in enumerate(results):
        where = f"results[{i}]"
        findings = _expect(name, _expect(name, result, dict, where).get("findings", []), list, f"{where}.findings")
        for j, finding in enumerate(findings):
            mark = _expect(name, finding, dict, f"{where}.findings[{j}]").get("fingerprint")
            if mark:  # a report written before fingerprints existed simply has none
                found.add(_expect(name, mark, str, f"{where}.findings[{j}].fingerprint"))
    return found


_TYPE_KEY = {dict: "type_dict", list: "type_list", str: "type_str"}


def _expect(name: str, value: Any, kind: type, where: str) -> Any:
    if isinstance(value, kind):
        return value
    from .i18n import t

    key = _TYPE_KEY[kind]
    raise LoadError(Problem(name, "v_type", {"expected": t(key, "zh"), "expected_en": t(key, "en"),
                                             "actual": type(value).__name__}, path=where))

