"""`compliance explain --format json`: the explanation as data, every part with its truth, value and sources."""

from __future__ import annotations

import dataclasses
import json

from ..explain import Explanation


def render(x: Explanation) -> str:
    return json.dumps(dataclasses.asdict(x), ensure_ascii=False, indent=2) + "\n"
