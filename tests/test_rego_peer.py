"""The benchmark's Rego peer (benchmarks/rego_peer.py) must find exactly what our rules find: a rule changed here
without its Rego twin would make the speed comparison compare different work."""

from __future__ import annotations

import ast
import subprocess
import sys

from tests.conftest import ROOT


def test_the_rego_peer_agrees_with_our_rules_on_the_samples_and_every_fixture():
    r = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "rego_peer.py")], capture_output=True, text=True,
                       timeout=600, check=False, cwd=ROOT)
    assert r.returncode == 0, r.stdout + r.stderr
    outcome = ast.literal_eval(r.stdout.strip().splitlines()[-1])
    assert outcome["ok"] and outcome["rules"] == 13 and outcome["files"] == 11, outcome
    assert outcome["fixtures"] >= 100 and outcome["findings"] > 0, outcome
