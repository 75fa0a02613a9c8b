"""Write a profile as YAML the way the samples are written: the schema modeline first, fields in schema order,
short records and short lists in flow style (`- {date: 2025-02-23, title: 支部党员大会}`), no anchors.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml

from .escapes import hidden_char
from .shape import ListOf, Node, node

# The schema file of a checkout (an installed tool has none: `compliance schema > profile.schema.json` makes one)
_CHECKOUT_SCHEMA = Path(__file__).resolve().parents[2] / "schemas" / "profile.schema.json"
_FLOW_WIDTH = 130  # a record longer than this in flow style is written one field a line


def schema_ref(target: str | Path, given: str | None = None) -> str:
    """Where the modeline of a profile written to `target` points: `given`, else the checkout's schema file
    relative to the profile's folder, else `profile.schema.json` beside it."""
    if given:
        return given
    if _CHECKOUT_SCHEMA.is_file():
        try:
            return Path(os.path.relpath(_CHECKOUT_SCHEMA, Path(target).resolve().parent)).as_posix()
        except ValueError:  # another drive on Windows
            return _CHECKOUT_SCHEMA.as_uri()
    return "profile.schema.json"


def modeline(ref: str) -> str:
    """The first line of a profile: editors that speak the YAML language server complete and check it."""
    return f"# yaml-language-server: $schema={ref}"


def scalar(value: Any) -> str:
    """One value as YAML writes it in flow context (`宁夏: 学会` comes out quoted)."""
    quoted = isinstance(value, str) and hidden_char(value, False) is not None  # escaped, never written raw
    text = yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=10_000,
                          default_style='"' if quoted else None)
    return text.removesuffix("\n").removesuffix("\n...").strip()


def ordered(data: Any, shape: Any = None) -> Any:
    """`data` with the keys of every record in schema order (the order the models declare them)."""
    shape = node() if shape is None else shape
    if isinstance(shape, Node) and isinstance(data, dict):
        fields = {f.name: f.shape for f in shape.fields}
        known = [k for k in fields if k in data]
        return {**{k: ordered(data[k], fields[k]) for k in known}, **{k: v for k, v in data.items() if k not in fields}}
    if isinstance(shape, ListOf) and isinstance(data, list):
        return [ordered(item, shape.item) for item in data]
    return data


def dump(data: dict, comments: list[str], ref: str, schema_order: bool = True) -> str:
    """The text of a profile file: the modeline, `comments` (one line each) and `data` (in schema order unless
    told to keep the order it has)."""
    body = yaml.dump(ordered(data) if schema_order else data, Dumper=ProfileDumper, allow_unicode=True, sort_keys=False,
                     width=120)
    head = [modeline(ref), *(f"# {line}" for line in comments)]
    return "\n".join(head) + "\n\n" + body


class ProfileDumper(yaml.SafeDumper):
    """PyYAML's safe dumper with short records and lists in flow style, as the samples are written."""

    def ignore_aliases(self, data: Any) -> bool:  # a profile is written out in full, never with anchors
        return True


def _represent_dict(dumper: yaml.SafeDumper, data: dict) -> yaml.Node:
    leaf = all(not isinstance(v, dict | list) for v in data.values())
    flow = leaf and len(data) > 1 and sum(len(str(k)) + len(str(v)) + 4 for k, v in data.items()) < _FLOW_WIDTH
    return dumper.represent_mapping("tag:yaml.org,2002:map", data, flow_style=flow)


def _represent_list(dumper: yaml.SafeDumper, data: list) -> yaml.Node:
    flow = all(isinstance(x, str) for x in data) and sum(len(x) for x in data) < 60
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=flow)


ProfileDumper.add_representer(dict, _represent_dict)
ProfileDumper.add_representer(list, _represent_list)
