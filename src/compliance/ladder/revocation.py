"""The last sentence of item 7: 年度评价连续两年C等次和长期不开展活动、情节严重的，按规定撤销团体会员资格.

The objective condition under `revocation_mode`, the day it arose (from the facts registry), and the recorded
determination of 情节严重 a revocation needs: made on or before the as-of day and after the condition arose.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from ..facts import Plan
from ..profile import Oversight, Profile
from ..report import Finding

GRADES, INACTIVE = "revocation_grades", "revocation_inactive"
REVOCATION_WEIGHTS = (GRADES, INACTIVE)
_SINCE = {GRADES: "evaluations.c_condition_since", INACTIVE: "activities.inactive_since"}


@dataclass
class Revocation:
    mode: str  # both | either
    holding: list[str]  # which of the two conditions hold (violations not waived)
    since: date | None  # the day the condition, as the mode reads it, arose
    determination: Oversight | None  # the determination a revocation can rest on
    earlier: Oversight | None  # the latest determination made before the condition arose
    latest: Oversight | None  # the latest determination on or before the as-of day, whatever it is

    @property
    def objective(self) -> bool:
        return len(self.holding) == 2 if self.mode == "both" else bool(self.holding)

    @property
    def determined(self) -> bool:
        return self.determination is not None

    @property
    def recommended(self) -> bool:
        return self.objective and self.determined

    def flags(self) -> list[tuple[str, dict[str, Any]]]:
        """(flag, values) for what the association should know beside the step."""
        out: list[tuple[str, dict[str, Any]]] = []
        if self.objective and not self.determined:
            out.append(("study_seriousness", {"holding": self.holding, "mode": self.mode,
                                              "since": self.since.isoformat() if self.since else ""}))
            if self.earlier is not None:
                out.append(("determination_early", {"date": self.earlier.date.isoformat(),
                                                    "since": self.since.isoformat() if self.since else ""}))
        elif not self.objective and self.latest is not None:
            out.append(("determination_unmet", {"date": self.latest.date.isoformat(),
                                                "by": self.latest.determined_by or "", "holding": self.holding,
                                                "mode": self.mode}))
        return out


def revocation(profile: Profile, active: list[Finding], as_of: date, params: dict[str, Any]) -> Revocation:
    """`active`: the violations not waived; `params`: every parameter in force (the facts read their own)."""
    mode = params["revocation_mode"]
    holding = [w for w in REVOCATION_WEIGHTS if any(f.ladder == w for f in active)]
    determinations = [o for o in profile.oversight if o.kind == "情节严重认定" and o.date <= as_of]
    determinations.sort(key=lambda o: o.date)
    latest = determinations[-1] if determinations else None
    objective = len(holding) == 2 if mode == "both" else bool(holding)
    since = _arose(profile, as_of, params, holding, mode) if objective else None
    valid = [o for o in determinations if since is None or o.date >= since]
    earlier = [o for o in determinations if since is not None and o.date < since]
    return Revocation(mode, holding, since, valid[-1] if objective and valid else None,
                      earlier[-1] if earlier else None, latest)


def _arose(profile: Profile, as_of: date, params: dict[str, Any], holding: list[str], mode: str) -> date | None:
    """When the condition began to hold: under `both` the later of the two days, under `either` the earlier of
    those that hold (the facts `evaluations.c_condition_since` and `activities.inactive_since`)."""
    fact = Plan(as_of, params, {"society": [_SINCE[w] for w in holding]}).build(profile)[-1]
    days = []
    for w in holding:
        head, _, tail = _SINCE[w].partition(".")
        value = fact.get(head, {}).get(tail)
        if value is not None:
            days.append(date.fromisoformat(value))
    if not days:
        return None
    return max(days) if mode == "both" else min(days)
