"""SARIF 2.1.0 for code-scanning tools: one reportingDescriptor per rule, one result per finding."""

from __future__ import annotations

import io
import json
from typing import IO, Any

from ..i18n import clause_ref, paren, pick, t
from ..report import Report
from ..rulebook import Rule

LEVEL = {"violation": "error", "warning": "warning", "advice": "note"}
SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INVALID = "PROFILE-INVALID"


def _help(r: Rule, lang: str) -> dict[str, str]:
    """The policy clause, the outside basis next to it when the rule rests on another regulation, and the remedy."""
    colon = t("colon", lang)
    cite = clause_ref(r.clause, lang, cite=True)
    basis = f"{t('basis', lang)}{colon}{r.basis.text()}" if r.basis else ""
    remedy = pick(vars(r.remediation), lang)
    return {"text": "\n".join(x for x in (f"{cite}{colon}{r.quote}", basis, remedy) if x),
            "markdown": "\n\n".join(x for x in (f"**{cite}**{colon}{r.quote}", basis and f"**{basis}**", remedy) if x)}


_HOLE = "\x00results\x00"  # where the results go in the document written around them


def render(report: Report, rules: list[Rule], lang: str) -> str:
    out = io.StringIO()
    write(out, report, rules, lang)
    return out.getvalue()


def write(out: IO[str], report: Any, rules: list[Rule], lang: str) -> None:
    """The document, with one result written at a time (exactly what `json.dumps(…, indent=2)` of it all gives)."""
    descriptors = [{
        "id": r.id,
        "name": r.id.title().replace("-", ""),
        "shortDescription": {"text": pick(vars(r.title), lang)},
        "fullDescription": {"text": r.quote},
        "help": _help(r, lang),
        "defaultConfiguration": {"level": LEVEL[r.severity]},
        "properties": {"clause": r.clause, "severity": r.severity, "class": r.rule_class,
                       "tags": ["compliance", *r.tags],
                       **({"basis": r.basis.model_dump(exclude_none=True)} if r.basis else {})},
    } for r in rules]
    descriptors.append({"id": INVALID, "name": "ProfileInvalid",
                        "shortDescription": {"text": "档案无效 / invalid profile"},
                        "defaultConfiguration": {"level": "error"}})
    index = {d["id"]: i for i, d in enumerate(descriptors)}
    run = {
        "tool": {"driver": {"name": report.tool.name, "version": report.tool.version,
                            "informationUri": "https://compliance.local/", "rules": descriptors}},
        "invocations": [{"executionSuccessful": report.summary.invalid == 0,
                         "properties": {"asOf": report.as_of, "policy": report.tool.policy}}],
        "results": _HOLE,
        "columnKind": "unicodeCodePoints",
    }
    text = json.dumps({"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}, ensure_ascii=False, indent=2)
    head, tail = text.split(json.dumps(_HOLE))
    key_indent = " " * (len(head) - head.rfind("\n") - 1 - len('"results": '))
    pad = key_indent + "  "
    out.write(head)
    first = True
    for item in _results(report, index, lang):
        body = json.dumps(item, ensure_ascii=False, indent=2).replace("\n", "\n" + pad)
        out.write(("[\n" if first else ",\n") + pad + body)
        first = False
    out.write("[]" if first else "\n" + key_indent + "]")
    out.write(tail + "\n")


def _results(report: Any, index: dict[str, int], lang: str):
    """The SARIF results of each society in turn: its findings, then its errors."""
    for res in report.results:
        for f in res.findings:
            item = {
                "ruleId": f.rule, "ruleIndex": index.get(f.rule, 0), "level": LEVEL[f.severity],
                "message": {"text": f.message + paren(clause_ref(f.clause, lang), lang)},
                "locations": [_location(res.file, f.line, f.column)],
                "partialFingerprints": {"complianceFinding/v1": f.fingerprint},
                "properties": {"clause": f.clause, "path": f.path, "society": res.society.id},
            }
            if f.waived:
                item["suppressions"] = [{"kind": "external", "justification": f.waiver or ""}]
            if f.new is not None:
                item["baselineState"] = "new" if f.new else "unchanged"
            yield item
        for e in res.errors:
            yield {"ruleId": INVALID, "ruleIndex": index[INVALID], "level": "error",
                   "message": {"text": f"{e.path + ': ' if e.path else ''}{e.message}"},
                   "locations": [_location(e.file, e.line, e.column)]}


def _location(file: str, line: int | None, column: int | None) -> dict:
    region = {"startLine": line or 1, "startColumn": column or 1}
    return {"physicalLocation": {"artifactLocation": {"uri": file.replace("\\", "/")}, "region": region}}
