"""Installing where the office is (issue 16, part 4): `scripts/wheelhouse.sh` builds, on a connected machine, a
folder of wheels (compliance and every dependency, durable-rules compiled once) that installs into a fresh
virtual environment with the package index switched off, and the installed tool audits a profile.

This test downloads the dependencies (it needs the package registries, as CI has) and takes about a minute.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

from tests.conftest import AS_OF, ROOT, SAMPLES


def offline_env() -> dict[str, str]:
    """An environment in which pip reads no configuration (no index, no extra find-links) and can reach no index."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PIP_", "PYTHON", "VIRTUAL_ENV"))}
    return env | {"PIP_CONFIG_FILE": os.devnull, "PIP_NO_INDEX": "1", "PIP_DISABLE_PIP_VERSION_CHECK": "1"}


def test_a_wheelhouse_installs_and_audits_without_an_index(tmp_path):
    house = tmp_path / "wheelhouse"
    built = subprocess.run(["bash", str(ROOT / "scripts" / "wheelhouse.sh"), str(house)], capture_output=True,
                           text=True, timeout=1800, check=False, cwd=tmp_path,
                           env=os.environ | {"PYTHON": sys.executable})
    assert built.returncode == 0, built.stderr
    wheels = sorted(p.name for p in house.iterdir())
    assert all(name.endswith(".whl") for name in wheels), wheels
    assert [n for n in wheels if n.startswith("durable_rules-2.0.28-")], wheels  # compiled once, here
    assert [n for n in wheels if n.startswith("compliance-")] and [n for n in wheels if n.startswith("pydantic_core-")]

    venv = tmp_path / "offline"
    made = subprocess.run([sys.executable, "-m", "venv", str(venv)], capture_output=True, text=True, timeout=600,
                          check=False)
    assert made.returncode == 0, made.stderr
    pip = subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "--no-index", "--find-links",
                          str(house), "compliance"], capture_output=True, text=True, timeout=1200, check=False,
                         cwd=tmp_path, env=offline_env())
    assert pip.returncode == 0, pip.stdout + pip.stderr
    assert "Successfully installed" in pip.stdout and "durable-rules-2.0.28" in pip.stdout.replace("_", "-")

    # the installed tool, run away from this checkout: its own rules, its own code
    audit = subprocess.run([str(venv / "bin" / "compliance"), "audit", str(SAMPLES / "宁夏农学会.yaml"),
                            "--as-of", AS_OF, "-f", "json"], capture_output=True, text=True, timeout=600,
                           check=False, cwd=tmp_path, env=offline_env())
    assert audit.returncode == 1, audit.stderr
    report = json.loads(audit.stdout)
    assert "PARTY-ORG-MISSING" in {f["rule"] for f in report["results"][0]["findings"]}
    where = subprocess.run([str(venv / "bin" / "python"), "-c", "import compliance; print(compliance.__file__)"],
                           capture_output=True, text=True, timeout=120, check=False, cwd=tmp_path, env=offline_env())
    assert where.stdout.startswith(str(venv)), where.stdout
