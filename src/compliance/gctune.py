"""Garbage-collector settings for long batches (audit workers, `validate` of many files, the benchmark's floor).

Cyclic GC passes over the long-lived objects (modules, schemas, compiled rules) cost ~20 % of a large batch.
"""

from __future__ import annotations

import gc


def quiet_gc() -> tuple[int, int, int]:
    """Freeze what exists now (never garbage) and collect young objects less often; returns the old thresholds."""
    old = gc.get_threshold()
    gc.collect()
    gc.freeze()
    gc.set_threshold(20_000, 50, 50)
    return old
