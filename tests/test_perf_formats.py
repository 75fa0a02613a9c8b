"""The whole formats (SARIF, JUnit, Markdown, HTML) are written from results kept on disk and read back one at a
time: what the command writes is exactly what rendering all results held in memory gives, in both languages,
whatever the number of workers; and the run keeps no result, nor a summary row unless the table is asked for."""

from __future__ import annotations

from contextlib import ExitStack
from datetime import date
from pathlib import Path

import pytest

from compliance import __version__
from compliance.audit import Auditor
from compliance.cli import main
from compliance.render import REPORTS, Run
from compliance.report import Report, Tally, Tool
from compliance.rulebook import load_rulebook
from compliance.sinks import Sinks
from compliance.spool import Spool
from tests.conftest import AS_OF, SAMPLES

WHOLE = ["sarif", "junit", "markdown", "html"]
FILES = sorted(SAMPLES.glob("*.yaml")) + sorted((SAMPLES / "invalid").glob("*.yaml"))


def _in_memory(fmt: str, lang: str, fail_on: str = "violation") -> str:
    """The format rendered the old way: every result in one Report object."""
    book = load_rulebook()
    day = date.fromisoformat(AS_OF)
    auditor = Auditor(book, day, lang)
    results = [auditor.audit(f) for f in FILES]
    tally = Tally(fail_on)
    for r in results:
        tally.add(r)
    titles = {c.clause: (c.title if lang == "zh" else c.title_en or c.title) for c in book.clauses}
    cited = {c: titles[c] for c in sorted(tally.cited, key=lambda c: (int(c), "") if c.isdigit() else (100, c))
             if c in titles}
    report = Report.model_validate(dict(tool=Tool(version=__version__).model_dump(), as_of=AS_OF, lang=lang,
                                        fail_on=fail_on, results=results, clauses=cited,
                                        summary=tally.summary(2)))
    return REPORTS[fmt].function()(report, book.in_force(day), lang)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("fmt", WHOLE)
def test_a_whole_format_written_from_disk_is_the_one_rendered_in_memory(fmt: str, lang: str, tmp_path: Path) -> None:
    outputs = {}
    for jobs in ("1", "2"):
        target = tmp_path / f"{fmt}-{jobs}.out"
        with pytest.raises(SystemExit) as stop:
            main(["audit", *map(str, FILES), "--as-of", AS_OF, "--lang", lang, "-q", "-j", jobs, "-f", fmt,
                  "-o", str(target)])
        assert stop.value.code == 2  # the invalid samples
        outputs[jobs] = target.read_text(encoding="utf-8")
    assert outputs["1"] == outputs["2"]
    assert outputs["1"] == _in_memory(fmt, lang)


def test_the_run_keeps_results_on_disk_and_rows_only_for_the_table(tmp_path: Path) -> None:
    head = {"tool": Tool(version=__version__).model_dump(), "as_of": AS_OF, "lang": "zh", "fail_on": "violation"}
    auditor = Auditor(load_rulebook(), date.fromisoformat(AS_OF))
    results = [auditor.audit(f) for f in FILES[:3]]
    with ExitStack() as stack:
        sinks = Sinks([("sarif", tmp_path / "a.sarif"), ("json", tmp_path / "a.json")], [], Run(head), stack)
        for r in results:
            sinks.add(r)
        assert isinstance(sinks.kept, Spool) and len(sinks.kept) == 3
        assert [r.model_dump() for r in sinks.kept] == [r.model_dump() for r in results]  # read back as written
        assert sinks.tally.rows == []
        sinks.close(1, {}, [])
    with ExitStack() as stack:
        sinks = Sinks([("table", None)], [], Run(head), stack)
        assert sinks.kept is None
        sinks.add(results[0])
        assert len(sinks.tally.rows) == 1
