"""The rule-set cache (`rulecache`): a hit gives the same rule set, any change to a rule file is seen at once, a
cache file that holds anything but a rule set is refused without running it, and it can be switched off."""

from __future__ import annotations

import pickle
import shutil
from datetime import date
from pathlib import Path

import pytest
import yaml

from compliance import rulebook as rb
from compliance import rulecache
from compliance.audit import Auditor
from tests.conftest import ROOT, SAMPLES


@pytest.fixture
def rules(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("COMPLIANCE_NO_CACHE", raising=False)
    folder = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", folder)
    rb._load_rulebook.cache_clear()  # the in-process cache would hide the file cache
    yield folder
    rb._load_rulebook.cache_clear()


def _titles(folder: Path) -> dict[str, str]:
    rb._load_rulebook.cache_clear()
    book = rb.load_rulebook(folder)
    result = Auditor(book, date(2026, 11, 27)).audit(SAMPLES / "宁夏农学会.yaml")
    return {f.rule: f.message for f in result.findings}


def test_a_cached_rule_set_audits_exactly_as_a_freshly_loaded_one(rules: Path) -> None:
    fresh = _titles(rules)
    assert list((rules.parent / "cache" / "compliance").glob("rules-*.pickle"))
    cached = _titles(rules)
    assert cached == fresh and fresh


def test_an_edited_rule_file_is_read_again(rules: Path) -> None:
    rule_id = next(iter(_titles(rules)))
    for path in rules.glob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if isinstance(data, list) and any(r.get("id") == rule_id for r in data):
            for r in data:
                if r.get("id") == rule_id:
                    r["message"]["zh"] += "（规则文件改过）"  # its placeholders kept: the letter wording uses them
            path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert _titles(rules)[rule_id].endswith("（规则文件改过）")


def test_a_cache_file_with_anything_but_a_rule_set_is_refused_unrun(rules: Path, tmp_path: Path) -> None:
    _titles(rules)
    [cache] = (tmp_path / "cache" / "compliance").glob("rules-*.pickle")
    marker = tmp_path / "ran"

    class Evil:
        def __reduce__(self):
            return (Path.touch, (marker,))

    key, _ = pickle.loads(cache.read_bytes())  # noqa: S301 - the test's own file
    cache.write_bytes(pickle.dumps((key, Evil())))
    assert _titles(rules)  # loaded from the rule files instead
    assert not marker.exists()


def test_no_cache_when_switched_off(rules: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COMPLIANCE_NO_CACHE", "1")
    assert rulecache.cache_dir() is None
    _titles(rules)
    assert not (tmp_path / "cache").exists()


def test_broken_rules_are_never_cached(rules: Path, tmp_path: Path) -> None:
    (rules / "party.yaml").write_text("- id: broken\n", encoding="utf-8")
    with pytest.raises(rb.RuleFileError):
        rb.load_rulebook(rules)
    assert not list((tmp_path / "cache").rglob("*.pickle"))
