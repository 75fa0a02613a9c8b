"""JUnit XML for CI dashboards: one testsuite per society, one testcase per rule, a failure per finding.

Characters XML 1.0 forbids (controls in a name or message) are written as escapes, so the XML always parses.
"""

from __future__ import annotations

from xml.etree import ElementTree as ET

from ..i18n import clause_ref, pick, t
from ..report import Report
from ..rulebook import Rule
from ..suppress import fails_run
from .safe import xml_text


def render(report: Report, rules: list[Rule], lang: str) -> str:
    root = ET.Element("testsuites", name="compliance", tests="0", failures="0", errors="0")
    totals = {"tests": 0, "failures": 0, "errors": 0}
    for res in report.results:
        suite = ET.SubElement(root, "testsuite", name=res.society.name or res.file, file=res.file,
                              id=res.society.id or "", timestamp=f"{report.as_of}T00:00:00")
        counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
        for e in res.errors:
            case = ET.SubElement(suite, "testcase", classname=res.society.id or res.file, name="profile",
                                 file=res.file)
            err = ET.SubElement(case, "error", type=e.code, message=e.message)
            err.text = f"{e.file}:{e.line or ''}:{e.column or ''}: {e.path}: {e.message}"
            counts["tests"] += 1
            counts["errors"] += 1
        if res.valid:
            by_rule: dict[str, list] = {}
            for f in res.findings:
                by_rule.setdefault(f.rule, []).append(f)
            for rule in rules:
                case = ET.SubElement(suite, "testcase", classname=res.society.id or res.file,
                                     name=f"{rule.id} {pick(rule.title.model_dump(), lang)}", file=res.file)
                counts["tests"] += 1
                found = by_rule.get(rule.id, [])
                failing = [f for f in found if fails_run(f, report.fail_on)]
                for f in failing:
                    fail = ET.SubElement(case, "failure", type=f.severity, message=f.message)
                    fail.text = (f"{res.file}:{f.line}:{f.column}: {f.path}\n"
                                 f"{clause_ref(f.clause, lang, cite=True)}{t('colon', lang)}{f.quote}\n"
                                 + (f"{t('basis', lang)}{t('colon', lang)}{f.basis.text()}\n" if f.basis else "")
                                 + f.remediation)
                if failing:
                    counts["failures"] += 1
                elif found:
                    out = ET.SubElement(case, "system-out")
                    out.text = "\n".join(f"{f.severity}{' (waived)' if f.waived else ''}: {f.message}" for f in found)
        for k, v in counts.items():
            suite.set(k, str(v))
        for k in totals:
            totals[k] += counts[k]
    for k, v in totals.items():
        root.set(k, str(v))
    for el in root.iter():
        el.text = xml_text(el.text) if el.text else el.text
        for key, value in el.attrib.items():
            el.set(key, xml_text(value))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
