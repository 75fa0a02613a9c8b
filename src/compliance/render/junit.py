"""JUnit XML for CI dashboards: one testsuite per society, one testcase per rule, a failure per finding.

Characters XML 1.0 forbids (controls in a name or message) are written as escapes, so the XML always parses.
"""

from __future__ import annotations

import io
from typing import IO, Any
from xml.etree import ElementTree as ET

from ..i18n import clause_ref, pick, t
from ..report import Report
from ..rulebook import Rule
from ..suppress import fails_run
from .safe import xml_text


def render(report: Report, rules: list[Rule], lang: str) -> str:
    out = io.StringIO()
    write(out, report, rules, lang)
    return out.getvalue()


def write(out: IO[str], report: Any, rules: list[Rule], lang: str) -> None:
    """The document, one testsuite at a time (exactly what indenting and writing the whole tree gives); the totals
    on the root come from a first pass that only counts."""
    totals = {"tests": 0, "failures": 0, "errors": 0}
    for res in report.results:
        for k, v in _counts(res, _cases(res, rules, report.fail_on)).items():
            if k in totals:
                totals[k] += v
    attrs = "".join(f' {k}="{v}"' for k, v in {"name": "compliance", **totals}.items())
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites' + attrs)
    first = True
    for res in report.results:
        suite = _suite(res, report, rules, lang)
        for el in suite.iter():
            el.text = xml_text(el.text) if el.text else el.text
            for key, value in el.attrib.items():
                el.set(key, xml_text(value))
        ET.indent(suite, level=1)
        out.write((">\n  " if first else "\n  ") + ET.tostring(suite, encoding="unicode"))
        first = False
    out.write(" />\n" if first else "\n</testsuites>\n")


def _cases(res: Any, rules: list[Rule], fail_on: str) -> list[tuple[Rule, list, list]]:
    """For a valid result: each rule with its findings and those of them that fail the run."""
    if not res.valid:
        return []
    by_rule: dict[str, list] = {}
    for f in res.findings:
        by_rule.setdefault(f.rule, []).append(f)
    out = []
    for rule in rules:
        found = by_rule.get(rule.id, [])
        out.append((rule, found, [f for f in found if fails_run(f, fail_on)]))
    return out


def _counts(res: Any, cases: list[tuple[Rule, list, list]]) -> dict[str, int]:
    return {"tests": len(res.errors) + len(cases), "failures": sum(1 for _, _, failing in cases if failing),
            "errors": len(res.errors), "skipped": 0}


def _suite(res: Any, report: Any, rules: list[Rule], lang: str) -> ET.Element:
    suite = ET.Element("testsuite", name=res.society.name or res.file, file=res.file, id=res.society.id or "",
                       timestamp=f"{report.as_of}T00:00:00")
    for e in res.errors:
        case = ET.SubElement(suite, "testcase", classname=res.society.id or res.file, name="profile", file=res.file)
        err = ET.SubElement(case, "error", type=e.code, message=e.message)
        err.text = f"{e.file}:{e.line or ''}:{e.column or ''}: {e.path}: {e.message}"
    cases = _cases(res, rules, report.fail_on)
    for rule, found, failing in cases:
        case = ET.SubElement(suite, "testcase", classname=res.society.id or res.file,
                             name=f"{rule.id} {pick(vars(rule.title), lang)}", file=res.file)
        for f in failing:
            fail = ET.SubElement(case, "failure", type=f.severity, message=f.message)
            fail.text = (f"{res.file}:{f.line}:{f.column}: {f.path}\n"
                         f"{clause_ref(f.clause, lang, cite=True)}{t('colon', lang)}{f.quote}\n"
                         + (f"{t('basis', lang)}{t('colon', lang)}{f.basis.text()}\n" if f.basis else "")
                         + f.remediation)
        if not failing and found:
            out = ET.SubElement(case, "system-out")
            out.text = "\n".join(f"{f.severity}{' (waived)' if f.waived else ''}: {f.message}" for f in found)
    for k, v in _counts(res, cases).items():
        suite.set(k, str(v))
    return suite
