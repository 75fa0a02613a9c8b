"""Derived facts: each declared once with its formula (see `registry`), one module per part of the profile.

`Plan(as_of, params, needed).build(profile)` gives the engine facts; `FACTS`/`SUBJECTS` describe them.
"""

from __future__ import annotations

import importlib

from .calendar import age, expected_grade_year, months_between
from .registry import (
    FACTS,
    SUBJECTS,
    Context,
    Fact,
    FactError,
    Plan,
    Row,
    Subject,
    build,
    effective,
    lookup,
    params_read,
)

# Importing a module declares its facts. Subjects are asserted in declaration order, society last.
for _module in ("society", "governance", "party", "membership", "work", "evaluations", "item7"):
    importlib.import_module(f"{__name__}.{_module}")

__all__ = ["FACTS", "SUBJECTS", "Context", "Fact", "FactError", "Plan", "Row", "Subject", "age", "build", "effective",
           "expected_grade_year", "fields", "lookup", "months_between", "params_read"]


def fields() -> dict[str, dict[str, str]]:
    """subject -> fact name -> the type a rule value is checked against."""
    return {s: {name: f.kind for name, f in facts.items()} for s, facts in FACTS.items()}
