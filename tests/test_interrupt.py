"""Ctrl-C during a batch stops the workers, leaves no partial output file and exits 130."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import AS_OF, ROOT, SAMPLES, default_stop_signals


def _running_with(marker: str) -> list[int]:
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if marker in (entry / "cmdline").read_bytes().decode("utf-8", "replace"):
                    pids.append(int(entry.name))
            except OSError:
                continue
    return pids


def test_ctrl_c_during_a_batch(tmp_path):
    profiles = tmp_path / "profiles"
    profiles.mkdir()
    for i in range(1500):
        shutil.copy(SAMPLES / "宁夏农学会.yaml", profiles / f"p{i:04d}.yaml")
    out = tmp_path / "report.json"
    env = {k: v for k, v in os.environ.items() if k != "COMPLIANCE_LANG"} | {"PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "compliance", "audit", str(profiles), "--as-of", AS_OF,
                             "-j", "2", "-f", "json", "-o", str(out)], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            # as at a terminal: a test runner started in the background ignores SIGINT, and
                            # the child would inherit that and never see the Ctrl-C
                            preexec_fn=default_stop_signals)
    deadline = time.time() + 60
    while len(_running_with(str(profiles))) < 3 and time.time() < deadline:  # parent and both workers
        time.sleep(0.1)
    time.sleep(0.5)
    proc.send_signal(signal.SIGINT)
    stdout, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130, stderr
    assert "已中断" in stderr and "Traceback" not in stderr
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []
    time.sleep(0.5)
    assert _running_with(str(profiles)) == []  # no worker left behind
