"""Benchmark: what an audit costs next to parsing the same YAML, start-up next to yamllint, a Rego peer, memory.

    python benchmarks/run.py [--n N] [--rounds R] [--seed S] [--dir DIR] [--mem-sizes A,B] [--mem-json C] [--no-memory]
                             [--json]

On N generated profiles, in one run:
- batch kinds, each in a fresh process with the same garbage-collector settings, after every file has been read
  once (warm page cache), interleaved round by round (a different order each round): parse only (PyYAML's C
  loader, the floor), load + validate, the audit in one process, `audit_files` with 1 and 2 workers, and the
  Rego peer (benchmarks/rego_peer.py; its findings are compared with ours on every file first);
- start-up: `compliance audit one.yaml`, `compliance validate one.yaml`, `yamllint -d relaxed one.yaml` and a
  bare `python -c pass`, interleaved, each with compiled bytecode as an installed tool has;
- peak memory of `compliance audit DIR -f FORMAT` for every format at two sizes (the parent process and the
  largest worker; sizes beyond N repeat the profiles under new society ids), and whether the JSON report is
  byte-identical with 1 and 2 workers.
CPU time is the figure to compare (the machine may be shared); wall time is shown beside it. Each figure is the
median over the rounds, with its range; ratios are taken within a round, then summarised the same way.
A comparison that cannot run here (yamllint or regopy missing) is reported as missing with the reason.
With --json the last line is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import generate  # noqa: E402

AS_OF = generate.SAMPLE_AS_OF
BATCH_KINDS = ("parse", "validate", "audit", "audit_jobs1", "audit_jobs2", "rego")
FORMATS = ("table", "json", "sarif", "junit", "github", "markdown", "html")


# ------------------------------------------------------------------ one measurement, in a fresh process


def _cpu() -> float:
    """CPU seconds of this process and of its children that have ended."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def _batch_kind(kind: str) -> Callable[[list[Path]], Any]:
    """The work of one kind over a list of files (imports and set-up happen here, untimed)."""
    if kind == "parse":
        import yaml

        loader = yaml.CSafeLoader

        def parse(files: list[Path]) -> None:
            for f in files:
                yaml.load(f.read_text(encoding="utf-8"), Loader=loader)  # noqa: S506 - the safe C loader

        return parse
    if kind == "validate":
        from compliance.loading import load
        from compliance.validate import validate

        def check(files: list[Path]) -> None:
            for f in files:
                validate(load(f), AS_OF)

        return check
    if kind == "audit":
        from compliance.audit import Auditor
        from compliance.rulebook import load_rulebook

        auditor = Auditor(load_rulebook(), AS_OF)

        def audit(files: list[Path]) -> None:
            for f in files:
                auditor.audit(f)

        return audit
    if kind in ("audit_jobs1", "audit_jobs2"):
        from compliance.batch import audit_files
        from compliance.report import Tally

        jobs = int(kind[-1])

        def audit_batch(files: list[Path]) -> None:  # as `compliance audit` does: running totals only
            tally = Tally()
            for result in audit_files(files, None, AS_OF, "zh", jobs):
                tally.add(result)

        return audit_batch
    if kind == "rego":
        import rego_peer

        from compliance.rulebook import load_rulebook

        peer = rego_peer.Peer(AS_OF, load_rulebook().params_at(AS_OF))
        return lambda files: rego_peer.run(files, peer)
    raise ValueError(kind)


def measure(kind: str, files: list[Path]) -> dict[str, float]:
    """CPU and wall seconds of one kind over `files`, after a warm-up, with the GC settings of a batch audit."""
    from compliance.gctune import quiet_gc

    work = _batch_kind(kind)
    work(files[:3])  # first-use costs (lazy imports, deferred model builds) belong to start-up, measured apart
    quiet_gc()  # the same for every kind: the floor gets what the audit's workers get
    cpu, wall = _cpu(), time.perf_counter()
    work(files)
    return {"cpu": _cpu() - cpu, "wall": time.perf_counter() - wall}


# ------------------------------------------------------------------ helpers of the driver


def _summary(values: list[float], digits: int = 3) -> dict[str, float]:
    return {"median": round(statistics.median(values), digits), "min": round(min(values), digits),
            "max": round(max(values), digits)}


def _env(pycache: Path) -> dict[str, str]:
    """Child environment: bytecode cached (under `pycache`) as for an installed tool, for us and yamllint alike."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(pycache)
    src = str(HERE.parent / "src")
    env["PYTHONPATH"] = os.pathsep.join([src, str(HERE), *filter(None, [env.get("PYTHONPATH")])])
    return env


def _child(args: list[str], env: dict[str, str]) -> dict[str, Any]:
    done = subprocess.run([sys.executable, str(Path(__file__).resolve()), *args], capture_output=True, text=True,
                          env=env, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(args[:2])} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _timed_command(cmd: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """CPU seconds (from wait4: this command and its children), wall seconds and exit code of one command."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    return usage.ru_utime + usage.ru_stime, wall, proc.returncode


def _version(module: str) -> str | None:
    from importlib import metadata

    try:
        return metadata.version(module)
    except metadata.PackageNotFoundError:
        return None


def _yamllint() -> list[str] | None:
    try:
        import yamllint  # noqa: F401
    except ImportError:
        found = shutil.which("yamllint")
        return [found] if found else None
    return [sys.executable, "-m", "yamllint"]


# ------------------------------------------------------------------ the parts


def batch_rounds(files: list[Path], listing: Path, rounds: int, env: dict[str, str], kinds: list[str],
                 log: Callable[[str], None]) -> dict[str, list[dict[str, float]]]:
    out: dict[str, list[dict[str, float]]] = {k: [] for k in kinds}
    for r in range(rounds):
        order = kinds[r % len(kinds):] + kinds[: r % len(kinds)]
        if r % 2:
            order.reverse()
        for kind in order:
            got = _child(["--measure", kind, "--list", str(listing)], env)
            out[kind].append(got)
            log(f"round {r + 1}/{rounds} {kind:<12} cpu {got['cpu']:7.2f} s  wall {got['wall']:7.2f} s")
    return out


def startup(sample: Path, reps: int, env: dict[str, str], log: Callable[[str], None]) -> dict[str, Any]:
    """CPU of one-file commands, interleaved; yamllint reported as missing when it is not installed."""
    commands = {
        "python_bare": [sys.executable, "-c", "pass"],
        "audit_one": [sys.executable, "-m", "compliance", "audit", str(sample), "--as-of", AS_OF.isoformat(), "-q"],
        "validate_one": [sys.executable, "-m", "compliance", "validate", str(sample), "--as-of", AS_OF.isoformat()],
    }
    missing: dict[str, str] = {}
    lint = _yamllint()
    if lint:
        commands["yamllint_one"] = [*lint, "-d", "relaxed", str(sample)]
    else:
        missing["yamllint"] = "not installed (pip install -e '.[benchmark]')"
    codes: dict[str, int] = {}
    for cmd in commands.values():  # bytecode written, files cached: every command starts as installed
        _timed_command(cmd, env)
    cpu: dict[str, list[float]] = {k: [] for k in commands}
    wall: dict[str, list[float]] = {k: [] for k in commands}
    for i in range(reps):
        names = list(commands) if i % 2 == 0 else list(reversed(commands))
        for name in names:
            c, w, code = _timed_command(commands[name], env)
            cpu[name].append(c)
            wall[name].append(w)
            codes[name] = code
    out: dict[str, Any] = {"cpu_s": {k: _summary(v) for k, v in cpu.items()},
                           "wall_s": {k: _summary(v) for k, v in wall.items()}, "exit_codes": codes,
                           "missing": missing}
    for name in ("audit_one", "validate_one"):
        if "yamllint_one" in cpu:
            ratios = [a / b for a, b in zip(cpu[name], cpu["yamllint_one"], strict=True)]
            out[f"ratio_{name}_to_yamllint"] = _summary(ratios, 2)
        else:
            out[f"ratio_{name}_to_yamllint"] = None
    log(" ".join(f"{k} {v['median']:.3f} s" for k, v in out["cpu_s"].items()))
    return out


_PEAK = """
import atexit, json, os, resource, runpy, sys
def _report():
    with open(os.environ["BENCH_PEAK"], "w") as fh:
        json.dump({"parent_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                   "workers_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}, fh)
atexit.register(_report)
sys.argv = ["compliance", *sys.argv[1:]]
runpy.run_module("compliance", run_name="__main__", alter_sys=True)
"""


def memory(work: Path, files: list[Path], sizes: list[int], env: dict[str, str],
           log: Callable[[str], None], json_size: int | None = None) -> dict[str, Any]:
    """Peak RSS (MB) of the parent and of the largest worker, per format and size (and for JSON alone at
    `json_size`); whether the JSON report is identical with 1 and 2 workers."""
    out: dict[str, Any] = {}
    for size in [*sizes, *([json_size] if json_size else [])]:
        folder = work / f"mem-{size}"
        if not folder.is_dir():
            _replicate(files, size, folder)
        per: dict[str, Any] = {}
        for fmt in FORMATS if size in sizes else ("json",):
            target = work / f"out-{size}.{fmt}"
            peak = work / "peak.json"
            cmd = [sys.executable, "-c", _PEAK, "audit", str(folder), "-f", fmt, "--as-of", AS_OF.isoformat(), "-q",
                   "--fail-on", "never", *(["-o", str(target)] if fmt not in ("table", "github") else [])]
            cpu, wall, code = _timed_command(cmd, dict(env, BENCH_PEAK=str(peak)))
            got = json.loads(peak.read_text())
            per[fmt] = {"parent_mb": round(got["parent_kb"] / 1024, 1), "workers_mb": round(got["workers_kb"] / 1024, 1),
                        "cpu_s": round(cpu, 2), "wall_s": round(wall, 2), "exit": code}
            log(f"memory {size:>6} {fmt:<8} parent {per[fmt]['parent_mb']:7.1f} MB  "
                f"workers {per[fmt]['workers_mb']:6.1f} MB  exit {code}")
            target.unlink(missing_ok=True)
        out[str(size)] = per
    # goal 5: the report does not depend on the number of workers
    small = work / f"mem-{sizes[0]}"
    outputs = []
    for jobs in (1, 2):
        target = work / f"jobs{jobs}.json"
        _timed_command([sys.executable, "-m", "compliance", "audit", str(small), "-f", "json", "-o", str(target),
                        "--as-of", AS_OF.isoformat(), "-q", "-j", str(jobs)], env)
        outputs.append(target.read_bytes() if target.exists() else b"")
    out["json_identical_across_jobs"] = bool(outputs[0]) and outputs[0] == outputs[1]
    return out


def _replicate(files: list[Path], size: int, folder: Path) -> None:
    """`size` profiles in `folder`: the generated ones, then copies of them under new society ids (memory does not
    depend on how varied the profiles are, and generating 50,000 takes half an hour)."""
    import re

    folder.mkdir()
    society_id = re.compile(r"(?m)^(  id: )(\S+)")
    for k in range(size):
        source = files[k % len(files)]
        if k < len(files):
            os.link(source, folder / source.name)
            continue
        text = society_id.sub(lambda m, k=k: f"{m.group(1)}{m.group(2)}-r{k}", source.read_text(encoding="utf-8"), 1)
        (folder / f"r{k:06d}-{source.name}").write_text(text, encoding="utf-8")


def rego_check(files: list[Path]) -> dict[str, Any]:
    import rego_peer

    return rego_peer.compare(files, AS_OF)


# ------------------------------------------------------------------ driver


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--startup-reps", type=int, default=11)
    ap.add_argument("--mem-sizes", default="", help="two sizes for the memory figures (default: N/10,N)")
    ap.add_argument("--mem-json", type=int, help="one more size, for the JSON report only (e.g. 50000)")
    ap.add_argument("--no-memory", action="store_true")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--dir", type=Path, help="reuse (or keep) the generated profiles here")
    ap.add_argument("--measure", help=argparse.SUPPRESS)
    ap.add_argument("--rego-check", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--list", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)

    if args.measure or args.rego_check:  # a child: one measurement, one JSON line
        files = [Path(line) for line in args.list.read_text(encoding="utf-8").splitlines()]
        print(json.dumps(measure(args.measure, files) if args.measure else rego_check(files)))
        return 0

    def log(text: str) -> None:
        print(text, file=sys.stderr, flush=True)

    work = args.dir or Path(tempfile.mkdtemp(prefix="compliance-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    files = sorted(work.glob("*.yaml"))
    if len(files) != args.n:
        for f in files:
            f.unlink()
        generate.write_batch(args.n, work, args.seed, AS_OF)
        files = sorted(work.glob("*.yaml"))
    listing = work / "files.txt"
    listing.write_text("\n".join(str(f) for f in files), encoding="utf-8")
    for f in files:  # every file in the page cache before any measurement
        f.read_bytes()
    env = _env(work / "pycache")
    load_before = os.getloadavg()
    figures: dict[str, Any] = {
        "n": args.n, "rounds": args.rounds, "mean_profile_kb": round(sum(f.stat().st_size for f in files) / len(files) / 1024, 1),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "pyyaml": _version("PyYAML"),
                    "libyaml": _libyaml(), "pydantic": _version("pydantic"), "durable_rules": _version("durable_rules"),
                    "yamllint": _version("yamllint"), "regopy": _version("regopy"),
                    "load_before": [round(x, 2) for x in load_before]},
        "missing": {},
    }

    kinds = list(BATCH_KINDS)
    import rego_peer

    reason = rego_peer.missing()
    if reason is None:
        check = _child(["--rego-check", "--list", str(listing)], env)
        figures["rego_check"] = {k: v for k, v in check.items() if k != "differences"}
        if not check["ok"]:
            reason = "findings differ from ours: " + "; ".join(check.get("differences", [])[:3])
        log(f"rego peer: {figures['rego_check']}")
    if reason is not None:
        figures["missing"]["rego"] = reason
        kinds.remove("rego")

    runs = batch_rounds(files, listing, args.rounds, env, kinds, log)
    figures["cpu_s"] = {k: _summary([r["cpu"] for r in v]) for k, v in runs.items()}
    figures["wall_s"] = {k: _summary([r["wall"] for r in v]) for k, v in runs.items()}

    def ratio(a: str, b: str, key: str = "cpu") -> dict[str, float] | None:
        if a not in runs or b not in runs:
            return None
        return _summary([x[key] / y[key] for x, y in zip(runs[a], runs[b], strict=True)], 2)

    figures["ratio_audit_to_parse"] = ratio("audit_jobs1", "parse")  # what `compliance audit DIR -j 1` costs
    figures["ratio_audit_in_process_to_parse"] = ratio("audit", "parse")
    figures["ratio_validate_to_parse"] = ratio("validate", "parse")
    figures["ratio_rego_to_parse"] = ratio("rego", "parse")
    figures["ratio_rego_to_audit"] = ratio("rego", "audit_jobs1")
    figures["jobs2_speedup_wall"] = ratio("audit_jobs1", "audit_jobs2", "wall")
    figures["cpu_per_wall_parse"] = _summary([r["cpu"] / r["wall"] for r in runs["parse"]], 2)  # < 1: contention

    st = startup(files[0], args.startup_reps, env, log)
    figures["startup"] = st
    figures["missing"].update(st.pop("missing"))
    figures["ratio_startup_audit_to_yamllint"] = st.get("ratio_audit_one_to_yamllint")
    figures["ratio_startup_validate_to_yamllint"] = st.get("ratio_validate_one_to_yamllint")

    if not args.no_memory:
        sizes = [int(s) for s in args.mem_sizes.split(",")] if args.mem_sizes else [max(1, args.n // 10), args.n]
        figures["memory"] = memory(work, files, sizes, env, log, args.mem_json)
    figures["machine"]["load_after"] = [round(x, 2) for x in os.getloadavg()]
    if not args.dir:
        shutil.rmtree(work, ignore_errors=True)

    _print_table(figures)
    if args.json:
        print(json.dumps(figures, ensure_ascii=False))
    return 0


def _libyaml() -> bool:
    import yaml

    return hasattr(yaml, "CSafeLoader")


def _print_table(f: dict[str, Any]) -> None:
    def med(x: dict | None) -> str:
        return "missing" if x is None else f"{x['median']} ({x['min']}–{x['max']})"

    rows = [("profiles", f"{f['n']} × {f['mean_profile_kb']} KB, {f['rounds']} rounds")]
    rows += [(f"cpu {k}", med(v)) for k, v in f["cpu_s"].items()]
    rows += [("audit ÷ parse (cpu)", med(f["ratio_audit_to_parse"])),
             ("audit in one process ÷ parse", med(f["ratio_audit_in_process_to_parse"])),
             ("validate ÷ parse", med(f["ratio_validate_to_parse"])),
             ("rego peer ÷ audit", med(f["ratio_rego_to_audit"])),
             ("2 workers speed-up (wall)", med(f["jobs2_speedup_wall"])),
             ("start-up audit ÷ yamllint", med(f["ratio_startup_audit_to_yamllint"])),
             ("start-up validate ÷ yamllint", med(f["ratio_startup_validate_to_yamllint"]))]
    for name, why in f["missing"].items():
        rows.append((f"missing: {name}", why))
    width = max(len(k) for k, _ in rows)
    for key, value in rows:
        print(f"{key:<{width}}  {value}")


if __name__ == "__main__":
    sys.exit(main())
