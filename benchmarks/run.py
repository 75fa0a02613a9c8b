"""Benchmark: the cost of an audit relative to just parsing the YAML, on the same generated profiles.

    python benchmarks/run.py [--n N] [--seed S] [--json]

Measures, in one run: (a) parse only (PyYAML C loader), (b) parse + validate, (c) full audit without rendering
(one process), (d) full audit to a JSON report, (e) (c) with 2 worker processes, and peak memory. Prints a table,
and with --json one JSON line last. Ratios measured in one run are what to compare across machines.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import generate  # noqa: E402

AS_OF = generate.SAMPLE_AS_OF


def _timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def parse_only(files: list[Path]) -> None:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    for f in files:
        yaml.load(f.read_text(encoding="utf-8"), Loader=loader)  # noqa: S506 - the safe C loader


def parse_validate(files: list[Path]) -> None:
    from compliance.loading import load
    from compliance.validate import validate

    for f in files:
        validate(load(f), AS_OF)


def audit(files: list[Path], jobs: int) -> int:
    """Audit every file and keep running totals only, as `compliance audit` does."""
    from compliance.batch import audit_files
    from compliance.report import Tally

    tally = Tally()
    for result in audit_files(files, None, AS_OF, "zh", jobs):
        tally.add(result)
    return tally.files


def audit_json(files: list[Path], out: Path) -> None:
    """Audit and stream the JSON report to a file, as `compliance audit -f json -o FILE` does."""
    from compliance import __version__
    from compliance.batch import audit_files
    from compliance.output import atomic_file
    from compliance.render.json_report import JsonWriter
    from compliance.report import Tally, Tool

    tally = Tally()
    head = {"tool": Tool(version=__version__).model_dump(), "as_of": AS_OF.isoformat(), "lang": "zh",
            "fail_on": "violation"}
    with atomic_file(out) as fh:
        writer = JsonWriter(fh, head)
        for result in audit_files(files, None, AS_OF, "zh", 1):
            tally.add(result)
            writer.add(result)
        writer.finish({}, tally.summary(tally.exit_code()))


def one_file_commands(sample: Path) -> dict[str, float]:
    """Wall time of `compliance audit one.yaml` and, if installed, `yamllint one.yaml` (best of 5)."""
    out: dict[str, float] = {}
    commands = {"compliance_one_s": [sys.executable, "-m", "compliance", "audit", str(sample), "--as-of",
                                     AS_OF.isoformat(), "-q"]}
    if shutil.which("yamllint"):
        commands["yamllint_one_s"] = ["yamllint", "-d", "relaxed", str(sample)]
    for key, cmd in commands.items():
        best = min(_timed(lambda c=cmd: subprocess.run(c, capture_output=True, check=False)) for _ in range(5))
        out[key] = round(best, 3)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--dir", type=Path, help="reuse (or keep) the generated profiles here")
    args = ap.parse_args(argv)

    work = args.dir or Path(tempfile.mkdtemp(prefix="compliance-bench-"))
    files = sorted(work.glob("*.yaml"))
    if len(files) != args.n:
        shutil.rmtree(work, ignore_errors=True)
        generate.write_batch(args.n, work, args.seed, AS_OF)
        files = sorted(work.glob("*.yaml"))
    size = sum(f.stat().st_size for f in files)

    from compliance.rulebook import load_rulebook

    load_rulebook()  # imports and rule loading are start-up costs, not per-profile costs
    audit(files[:2], 1)
    parse_only(files[:50])  # warm the file cache for every measurement alike

    figures = {
        "n": args.n,
        "mean_profile_kb": round(size / len(files) / 1024, 1),
        "parse_s": round(_timed(lambda: parse_only(files)), 3),
        "validate_s": round(_timed(lambda: parse_validate(files)), 3),
        "audit_s": round(_timed(lambda: audit(files, 1)), 3),
        "audit_json_s": round(_timed(lambda: audit_json(files, work / "report.json")), 3),
        "audit_jobs2_s": round(_timed(lambda: audit(files, 2)), 3),
    }
    figures["ratio_validate_to_parse"] = round(figures["validate_s"] / figures["parse_s"], 2)
    figures["ratio_audit_to_parse"] = round(figures["audit_s"] / figures["parse_s"], 2)
    figures["ratio_audit_json_to_parse"] = round(figures["audit_json_s"] / figures["parse_s"], 2)
    figures["jobs2_speedup"] = round(figures["audit_s"] / figures["audit_jobs2_s"], 2)
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    figures["peak_rss_mb"] = round(max(own, kids) / 1024, 1)
    figures.update(one_file_commands(files[0]))
    if not args.dir:
        shutil.rmtree(work, ignore_errors=True)

    width = max(len(k) for k in figures)
    for key, value in figures.items():
        print(f"{key:<{width}}  {value}")
    if args.json:
        print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
