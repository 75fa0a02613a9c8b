"""Shared helpers: run the command line (in this process, or as a real process where that is what is tested),
and the fixed as-of date the samples were written for."""

from __future__ import annotations

import io
import multiprocessing
import os
import signal
import subprocess as sp
import sys
from dataclasses import dataclass
from pathlib import Path
from unittest import mock

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
AS_OF = "2026-11-27"
TODAY = os.environ["COMPLIANCE_TODAY"] = "2026-11-28"  # "today" for every date check: the suite never reads the calendar
BASE_ENV = {"COLUMNS": "200", "NO_COLOR": "1"}  # wide, colourless output, whatever the terminal running pytest
# One problem line: "<where>: <path>[（中文名）]：<message>" (the title may hold its own brackets)
PROBLEM_TAIL = r"(?P<path>[\w.\[\]]+)(?:（.*）)?(?:: |：)(?P<message>.*)$"
TIMEOUT = 300  # seconds: a command that blocks (say, reading a FIFO) fails its test instead of hanging the suite


def default_stop_signals() -> None:
    """For `preexec_fn`: a child that sees Ctrl-C and hang-up as at a terminal. A test runner started in the
    background (`cmd &`, nohup) ignores SIGINT or SIGHUP, and a child inherits that (the tool respects it)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGHUP, signal.SIG_DFL)


@dataclass
class Run:
    code: int
    out: str
    err: str


def run_cli(*args: str, cwd: Path | None = None, env: dict | None = None, internal_error: bool = False,
            subprocess: bool = False) -> Run:
    """Run `compliance ARGS` as a user would, capturing exit code, stdout and stderr.

    By default the CLI runs in this process (`compliance.cli.main(argv)` with stdout and stderr redirected to
    pipes-like buffers, `cwd` and `env` applied for the call only): start-up is what a subprocess would add.
    `subprocess=True` runs `python -m compliance` for the tests where the process itself is under test.
    COMPLIANCE_LANG from the caller's environment is removed unless the test passes it in `env`.

    The CLI turns any crash into "internal error" with exit 2, so a test that only checks the exit code would
    pass on a crash: the helper fails on it unless the test says it expects one.
    """
    values = {**BASE_ENV, **(env or {})}
    run = (_as_process if subprocess else _in_process)(list(args), Path(cwd or ROOT), values)
    assert "Traceback" not in run.err and "Traceback" not in run.out, run.err
    if not internal_error:
        assert "internal error" not in run.err and "内部错误" not in run.err, run.err
    return run


def _as_process(args: list[str], cwd: Path, values: dict[str, str]) -> Run:
    full_env = {k: v for k, v in os.environ.items() if k != "COMPLIANCE_LANG"} | values
    p = sp.run([sys.executable, "-m", "compliance", *args], capture_output=True, text=True, cwd=cwd, env=full_env,
               timeout=TIMEOUT, check=False)
    return Run(p.returncode, p.stdout, p.stderr)


def _pipe() -> io.TextIOWrapper:
    """A text stream like a pipe's: UTF-8, not a terminal (so no progress bar and no colour)."""
    return io.TextIOWrapper(io.BytesIO(), encoding="utf-8", write_through=True)


def _read(stream: io.TextIOWrapper) -> str:
    stream.flush()
    return stream.buffer.getvalue().decode("utf-8")  # type: ignore[attr-defined]


class CommandTimeout(BaseException):
    """Not an Exception, so the CLI's catch-all cannot turn it into an "internal error" exit."""


def _timeout(signum, frame):
    raise CommandTimeout(f"the command did not finish in {TIMEOUT} s")


def _in_process(args: list[str], cwd: Path, values: dict[str, str]) -> Run:
    from compliance.cli import main

    out, err = _pipe(), _pipe()
    saved = sys.stdin, sys.stdout, sys.stderr
    old_cwd = os.getcwd()
    old_alarm = signal.signal(signal.SIGALRM, _timeout)
    try:
        signal.alarm(TIMEOUT)
        with mock.patch.dict(os.environ, values):  # restored, added keys removed, when the call returns
            if "COMPLIANCE_LANG" not in values:
                os.environ.pop("COMPLIANCE_LANG", None)
            sys.stdin, sys.stdout, sys.stderr = io.TextIOWrapper(io.BytesIO(), encoding="utf-8"), out, err
            os.chdir(cwd)
            try:
                main(args)
                code = 0
            except SystemExit as exc:  # what the interpreter does with the exit status
                if exc.code is None or isinstance(exc.code, int):
                    code = exc.code or 0
                else:
                    print(exc.code, file=sys.stderr)
                    code = 1
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old_alarm)
        sys.stdin, sys.stdout, sys.stderr = saved
        os.chdir(old_cwd)
    assert multiprocessing.active_children() == [], "worker processes left running"
    return Run(code, _read(out), _read(err))


@pytest.fixture
def cli():
    return run_cli


@pytest.fixture(scope="session")
def rulebook():
    from compliance.rulebook import load_rulebook

    return load_rulebook()


@pytest.fixture(scope="session")
def auditor(rulebook):
    from datetime import date

    from compliance.audit import Auditor

    return Auditor(rulebook, date.fromisoformat(AS_OF))


@pytest.fixture
def sample_text() -> str:
    return (SAMPLES / "宁夏生态学会.yaml").read_text(encoding="utf-8")


def pytest_make_parametrize_id(config, val, argname):
    """Rule-fixture cases are named `file::case name`, in Chinese as written (pytest would escape it)."""
    from compliance.fixtures import FixtureCase

    return val.id if isinstance(val, FixtureCase) else None
