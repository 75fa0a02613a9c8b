"""Shared helpers: run the real command line, and the fixed as-of date the samples were written for."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
AS_OF = "2026-11-27"


@dataclass
class Run:
    code: int
    out: str
    err: str


def run_cli(*args: str, cwd: Path | None = None, env: dict | None = None, internal_error: bool = False) -> Run:
    """Run `python -m compliance ARGS` as a user would, capturing exit code, stdout and stderr.

    The CLI turns any crash into "internal error" with exit 2, so a test that only checks the exit code would
    pass on a crash: the helper fails on it unless the test says it expects one.
    """
    full_env = dict(os.environ, COLUMNS="200", NO_COLOR="1", **(env or {}))
    full_env.pop("COMPLIANCE_LANG", None)
    p = subprocess.run([sys.executable, "-m", "compliance", *args], capture_output=True, text=True,
                       cwd=cwd or ROOT, env=full_env, timeout=300)
    assert "Traceback" not in p.stderr and "Traceback" not in p.stdout, p.stderr
    if not internal_error:
        assert "internal error" not in p.stderr and "内部错误" not in p.stderr, p.stderr
    return Run(p.returncode, p.stdout, p.stderr)


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
