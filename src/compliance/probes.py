"""Probe rules for `explain`: every sub-condition of some rules, compiled by the rules' own compiler into the
rules of explain-only rulesets and run by durable_rules on an audit's facts, so each part's truth is the engine's.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from .conditions import MAX_BRANCHES, branches, pattern, subconditions
from .engine import Engine
from .rulebook import Rule

Part = tuple[str, str]  # (rule id, path of the sub-condition inside the rule: "when", "when.all[1].not", …)


class Probes:
    """The sub-conditions of `rules` as probe rules, ready to run on the facts of one audit.

    Probes are split over as many rulesets as the engine's limit on branches per subject requires (the same
    limit the rule loader enforces: see conditions.MAX_BRANCHES).
    """

    def __init__(self, rules: Iterable[Rule], params: Mapping[str, Any]):
        self.parts: dict[str, Part] = {}  # probe rule name -> the part it probes
        chunks: list[tuple[dict[str, dict], dict[str, int]]] = []  # (probe rules, branches per subject)
        for rule in rules:
            for at, cond in subconditions(rule.when):
                body = pattern(rule.subject, cond, params)
                cost = branches(body["all"][0]["m"]["$and"][1])
                chunk = next((c for c in chunks if c[1].get(rule.subject, 0) + cost <= MAX_BRANCHES), None)
                if chunk is None:  # a part over the limit on its own still gets a ruleset of its own
                    chunk = ({}, {})
                    chunks.append(chunk)
                name = f"p{len(self.parts)}"
                self.parts[name] = (rule.id, at)
                chunk[0][name] = body
                chunk[1][rule.subject] = chunk[1].get(rule.subject, 0) + cost
        self._engines = [Engine(probes) for probes, _ in chunks]

    def run(self, facts: list[dict[str, Any]], label: str = "") -> dict[Part, set[int]]:
        """Each part -> the indices of the facts for which it holds."""
        out: dict[Part, set[int]] = {part: set() for part in self.parts.values()}
        for engine in self._engines:
            for name, k in engine.run(facts, label=label):
                out[self.parts[name]].add(k)
        return out
