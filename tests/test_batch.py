"""Batch audits: generated profiles, identical output whatever --jobs, progress on a terminal only, --changed-since."""

from __future__ import annotations

import json
import os
import pty
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import AS_OF, ROOT, SAMPLES

sys.path.insert(0, str(ROOT / "benchmarks"))
import generate  # noqa: E402

# Enough files for two workers to take several chunks of two each (batch.py: chunk = files // (jobs * 8)), so
# results come back from both workers interleaved; about a third of them compliant.
N = 32


@pytest.fixture(scope="session")
def generated(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("generated")
    generate.write_batch(N, folder, seed=7, as_of=generate.SAMPLE_AS_OF)
    return folder


def test_generator_is_deterministic_and_valid(tmp_path, cli):
    a, b, c = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    for folder, seed in ((a, 3), (b, 3), (c, 4)):
        generate.write_batch(6, folder, seed=seed, as_of=generate.SAMPLE_AS_OF)
    assert [p.read_bytes() for p in sorted(a.iterdir())] == [p.read_bytes() for p in sorted(b.iterdir())]
    assert [p.read_bytes() for p in sorted(a.iterdir())] != [p.read_bytes() for p in sorted(c.iterdir())]
    assert cli("validate", str(a), "-q", "--as-of", AS_OF).code == 0


def test_jobs_do_not_change_the_report(cli, generated):
    one = cli("audit", str(generated), "--as-of", AS_OF, "-f", "json", "--jobs", "1")
    # a separate process: its own hash seed, so no set or dict order can make the reports agree by chance
    two = cli("audit", str(generated), "--as-of", AS_OF, "-f", "json", "--jobs", "2", subprocess=True)
    assert one.code == two.code == 1
    assert one.out == two.out
    report = json.loads(one.out)
    assert report["summary"]["files"] == N and report["summary"]["invalid"] == 0
    assert [Path(r["file"]).name for r in report["results"]] == sorted(p.name for p in generated.iterdir())
    stories = [Path(r["file"]).read_text(encoding="utf-8").splitlines()[1] for r in report["results"]]
    compliant = [r for r, story in zip(report["results"], stories, strict=True) if story == "# 故事：合规"]
    assert compliant and all(not [f for f in r["findings"] if f["severity"] == "violation"] for r in compliant)


def test_summary_table_counts(cli, generated):
    r = cli("audit", str(generated), "--as-of", AS_OF, "-q")
    report = json.loads(cli("audit", str(generated), "--as-of", AS_OF, "-f", "json").out)
    s = report["summary"]
    assert f"共 {N} 个档案：{N} 个有效，0 个无效；违规 {s['violation']}，警告 {s['warning']}，建议 {s['advice']}" in r.out


def _tty(args: list[str]) -> tuple[int, str]:
    """Run the command with a pseudo-terminal as stdout, as a person at a terminal would: exit code and output."""
    pid, fd = pty.fork()
    if pid == 0:  # child
        os.environ.update(COLUMNS="120", TERM="xterm")
        os.environ.pop("COMPLIANCE_LANG", None)
        os.execv(sys.executable, [sys.executable, "-m", "compliance", *args])
    chunks = []
    while True:
        try:
            data = os.read(fd, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), b"".join(chunks).decode("utf-8", "replace")


def test_progress_bar_on_a_terminal_only(cli, generated, tmp_path):
    few = sorted(generated.iterdir())[:5]  # more than one file shows a bar; a few keep the terminal runs short
    for f in few:
        shutil.copy(f, tmp_path / f.name)
    code, shown = _tty(["audit", str(tmp_path), "--as-of", AS_OF, "--jobs", "1"])
    assert code == 1 and "审查中" in shown and "5/5" in shown
    code, quiet = _tty(["audit", str(tmp_path), "--as-of", AS_OF, "--jobs", "1", "--quiet"])
    assert code == 1 and "审查中" not in quiet and "共 5 个档案" in quiet
    piped = cli("audit", str(tmp_path), "--as-of", AS_OF)
    assert "审查中" not in piped.out + piped.err


def test_changed_since_audits_only_changed_profiles(cli, tmp_path):
    repo = tmp_path / "repo"
    repo.mkdir()
    for name in ("宁夏农学会.yaml", "宁夏计算机学会.yaml"):
        shutil.copy(SAMPLES / name, repo / name)
    git = ["git", "-c", "user.email=t@example.invalid", "-c", "user.name=t"]
    subprocess.run([*git, "init", "-q"], cwd=repo, check=True)
    subprocess.run([*git, "add", "."], cwd=repo, check=True)
    subprocess.run([*git, "commit", "-qm", "profiles"], cwd=repo, check=True)
    target = repo / "宁夏计算机学会.yaml"
    target.write_text(target.read_text(encoding="utf-8").replace("tiers: true", "tiers: false"), encoding="utf-8")
    r = cli("audit", ".", "--as-of", AS_OF, "-f", "json", "--changed-since", "HEAD", cwd=repo)
    files = [Path(x["file"]).name for x in json.loads(r.out)["results"]]
    assert files == ["宁夏计算机学会.yaml"]
    assert cli("audit", ".", "--changed-since", "no-such-ref", cwd=repo).code == 2
