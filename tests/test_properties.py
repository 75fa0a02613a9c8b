"""Property-based tests (hypothesis): random valid profiles and random mutations of them never crash the audit,
and give the same result twice and whatever the number of worker processes."""

from __future__ import annotations

import json
import random
import sys
from datetime import date
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import AS_OF, ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
import generate  # noqa: E402

DAY = date.fromisoformat(AS_OF)
FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _profile(seed: int, stories: list[str]) -> dict:
    rng = random.Random(seed)
    m = generate.Maker(rng, DAY)
    p = generate.base_profile(m, seed % 9999 + 1)
    for s in stories:
        generate.STORIES[s][1](p, m)
    return p


def _dump(p: dict) -> str:
    return yaml.dump(generate._drop_none(p), Dumper=generate._Dumper, allow_unicode=True, sort_keys=False)


story_lists = st.lists(st.sampled_from(sorted(generate.STORIES)), max_size=3, unique=True)


@FAST
@given(seed=st.integers(0, 10**6), stories=story_lists)
def test_random_valid_profiles_audit_the_same_twice(auditor, tmp_path_factory, seed, stories):
    f = tmp_path_factory.mktemp("p") / "p.yaml"
    f.write_text(_dump(_profile(seed, stories)), encoding="utf-8")
    first, second = auditor.audit(f), auditor.audit(f)
    assert first.valid, first.errors
    assert first.model_dump() == second.model_dump()


scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**12, 10**12), st.floats(allow_nan=True),
                    st.text(max_size=30), st.dates(date(1, 1, 1), date(9999, 12, 31)),
                    st.just([]), st.just({}), st.lists(st.integers(), max_size=3))


def _paths(value, prefix=()):
    yield prefix
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _paths(v, (*prefix, k))
    elif isinstance(value, list):
        for i, v in enumerate(value[:3]):
            yield from _paths(v, (*prefix, i))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 50), data=st.data())
def test_random_mutations_never_crash(auditor, tmp_path_factory, seed, data):
    p = _profile(seed, [])
    paths = [q for q in _paths(p) if q]
    for _ in range(data.draw(st.integers(1, 4))):
        path = data.draw(st.sampled_from(paths))
        parent = p
        try:
            for part in path[:-1]:
                parent = parent[part]
            action = data.draw(st.sampled_from(["set", "delete", "add"]))
            if action == "set":
                parent[path[-1]] = data.draw(scalars)
            elif action == "delete" and isinstance(parent, dict):
                parent.pop(path[-1], None)
            elif isinstance(parent, dict):
                parent[data.draw(st.text(min_size=1, max_size=8))] = data.draw(scalars)
        except (KeyError, IndexError, TypeError):
            continue
    f = tmp_path_factory.mktemp("m") / "m.yaml"
    try:
        text = yaml.safe_dump(p, allow_unicode=True, sort_keys=False)
    except yaml.YAMLError:
        return
    f.write_text(text, encoding="utf-8")
    result = auditor.audit(f)  # must not raise
    assert result.valid or result.errors
    for e in result.errors:
        assert e.file == str(f) and e.message


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=200))
def test_random_text_gives_exit_0_1_or_2(cli, tmp_path_factory, text):
    """No random text is a valid profile: always a clear refusal naming the file (the helper fails on an
    internal error), never a crash or a pass."""
    f = tmp_path_factory.mktemp("t") / "t.yaml"
    f.write_text(text, encoding="utf-8")
    r = cli("audit", str(f), "--as-of", AS_OF)
    assert r.code == 2 and str(f) in r.out


def test_jobs_1_and_2_agree_on_random_profiles(cli, tmp_path):
    rng = random.Random(2024)
    names = sorted(generate.STORIES)
    for i in range(24):
        stories = rng.sample(names, rng.randint(0, 3))
        (tmp_path / f"p{i:02d}.yaml").write_text(_dump(_profile(rng.randint(0, 10**6), stories)), encoding="utf-8")
    one = cli("audit", str(tmp_path), "--as-of", AS_OF, "-f", "json", "-j", "1")
    two = cli("audit", str(tmp_path), "--as-of", AS_OF, "-f", "json", "-j", "2")
    assert one.out == two.out and one.code == two.code
    results = json.loads(one.out)["results"]  # every profile, valid, in input order, and not all of them clean
    assert [Path(r["file"]).name for r in results] == [f"p{i:02d}.yaml" for i in range(24)]
    assert all(r["valid"] for r in results), [r["errors"] for r in results if not r["valid"]]
    assert any(r["findings"] for r in results)
