"""Dated histories for the ladder tests (tests/test_ladder_*.py): a sample profile with its oversight history
replaced and its record edited, a rule set with some parameters changed, and the ladder's reasons in short form."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from compliance.audit import Auditor
from compliance.report import Ladder, Result
from compliance.rulebook import default_rules_dir, load_rulebook
from tests.conftest import AS_OF, SAMPLES


def profile(tmp_path: Path, sample: str, history: str = "", edit: Callable[[dict], Any] | None = None,
            name: str = "p.yaml") -> Path:
    """`sample` with `history` (YAML, a list of oversight entries) as its oversight history, edited by `edit`."""
    data = yaml.safe_load((SAMPLES / sample).read_text(encoding="utf-8"))
    data["oversight"] = yaml.safe_load(history) or []
    if edit is not None:
        edit(data)
    f = tmp_path / name
    f.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return f


def rules_with(tmp_path: Path, **values: Any) -> Path:
    """A copy of the rule set whose parameters in `values` have another value from the first day."""
    rules = tmp_path / "rules"
    if not rules.exists():
        shutil.copytree(default_rules_dir(), rules)
    params = rules / "params.yaml"
    text = params.read_text(encoding="utf-8")
    for name, value in values.items():
        block = re.search(rf"^{name}:\n(?:  .*\n)+", text, re.M)
        assert block, name
        shown = yaml.safe_dump(value, default_flow_style=True).strip().removesuffix("...").strip()
        new, n = re.subn(r"values: \{2024-03-13: .*\}", f"values: {{2024-03-13: {shown}}}", block.group(0))
        assert n == 1, name
        text = text.replace(block.group(0), new)
    params.write_text(text, encoding="utf-8")
    return rules


def audit(path: Path, on: str = AS_OF, rules: Path | None = None) -> Result:
    result = Auditor(load_rulebook(rules), date.fromisoformat(on)).audit(path)
    assert result.valid, result.errors
    return result


def reasons(ladder: Ladder) -> list[tuple]:
    """(rule, severity, category) for each finding, (date, entry) for each history entry, in the ladder's order."""
    return [(r.rule, r.severity, r.category) if r.kind == "finding" else (r.date, r.entry) for r in ladder.reasons]


def flags(ladder: Ladder) -> list[str]:
    return [f.code for f in ladder.flags]


def cited(ladder: Ladder) -> list[tuple[str, str]]:
    """Each issue the episode in progress cited, with its status (resolved / remaining)."""
    assert ladder.episode is not None
    return [(c.item, c.status) for c in ladder.episode.cited]
