"""The settings file: `compliance.yaml`, or `[tool.compliance]` in pyproject.toml, found by walking up from the
current folder (the nearest wins); each setting is the default of the command-line option of the same name.

Paths in it are relative to the file; a wrong key or value is a positioned error. Read without pydantic, so
finding it costs every command only a few `stat` calls.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .problem import FULLWIDTH_KEY, Problem, ProblemsFailure, closest, split_path
from .vocabulary import FAIL_ON, LANGS

FILE = "compliance.yaml"
PYPROJECT = "pyproject.toml"

# Each setting: the kind of value it takes (a tuple: one of these words), and its title in error messages.
SETTINGS: dict[str, tuple[str | tuple[str, ...], str]] = {
    "fail_on": (FAIL_ON, "达到此级别即以 1 退出"),
    "lang": (LANGS, "语言"),
    "exclude": ("globs", "排除的路径模式"),
    "waivers": ("path", "豁免文件"),
    "issuer": ("path", "发文机关配置"),
    "jobs": ("count", "并行进程数"),
    "rules": ("path", "规则目录"),
}


@dataclass
class Settings:
    """The settings found (none without a file): values ready to be option defaults, and the line of each."""

    file: Path | None = None
    values: dict[str, Any] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)

    def source(self, name: str) -> str:
        """Where a setting was read: `compliance.yaml:3`."""
        return f"{_shown(self.file)}:{self.lines[name]}" if self.file else ""


def find(start: Path) -> Settings:
    """The settings of the nearest `compliance.yaml` or pyproject.toml with `[tool.compliance]` at or above `start`;
    raises `ProblemsFailure` (exit 2) for a file with a wrong key or value."""
    for folder in (start, *start.parents):
        candidate = folder / FILE
        if candidate.is_file():
            return _from_yaml(candidate)
        candidate = folder / PYPROJECT
        if candidate.is_file():
            found = _from_pyproject(candidate)
            if found is not None:
                return found
    return Settings()


def _shown(path: Path | None) -> str:
    """A settings file as the user knows it: relative to the current folder when it is at or above it."""
    if path is None:
        return ""
    relative = os.path.relpath(path)
    return relative if len(relative) < len(str(path)) else str(path)


def _from_yaml(path: Path) -> Settings:
    from .loading import LoadError, parse, read_text

    name = _shown(path)
    text = read_text(path, 256 * 1024)
    try:
        doc = parse(text, name, mapping=False)
    except LoadError as exc:
        if exc.problem.key == "empty":  # an empty file (or comments only): no settings
            return Settings(path)
        raise
    return _checked(path, doc)


def _from_pyproject(path: Path) -> Settings | None:
    import tomllib

    text = _small_text(path, 1024 * 1024)
    header = _TOML_HEADER.search(text) if text is not None else None
    if header is None:  # most pyproject.toml files are other tools' only: read, but neither parsed nor judged
        return None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        at = re.search(r"line (\d+), column (\d+)", str(exc))
        line, col = (int(at.group(1)), int(at.group(2))) if at else (None, None)
        raise ProblemsFailure([Problem(_shown(path), "c_toml", {"detail": str(exc)}, line, col)]) from None
    table = data.get("tool", {}).get("compliance") if isinstance(data.get("tool"), dict) else None
    if table is None:
        return None
    return _checked(path, _TomlTable(_shown(path), text, table))


def _small_text(path: Path, limit: int) -> str | None:
    """The text of a regular file of at most `limit` bytes (never a FIFO or device, which could block), else None."""
    import stat

    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
            return None
        return path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None


_TOML_HEADER = re.compile(r"^[ \t]*\[[ \t]*tool[ \t]*\.[ \t]*compliance[ \t]*\][ \t]*(?:#.*)?$", re.M)


@dataclass
class _TomlTable:
    """`[tool.compliance]` of a pyproject.toml, located by its lines (tomllib keeps no positions)."""

    file: str
    text: str
    data: Any

    def locate(self, path: str | tuple) -> tuple[int, int]:
        parts = split_path(path) if isinstance(path, str) else list(path)
        lines = self.text.splitlines()
        header = _TOML_HEADER.search(self.text)
        start = self.text.count("\n", 0, header.start()) if header else 0
        for i in range(start + 1, len(lines)):
            if lines[i].lstrip().startswith("["):
                break
            m = re.match(rf"""[ \t]*["']?{re.escape(str(parts[0]))}["']?[ \t]*=""", lines[i]) if parts else None
            if m:
                return i + 1, len(lines[i]) - len(lines[i].lstrip()) + 1
        return start + 1, 1

    def written(self, path: str | tuple) -> str | None:
        return None


def _checked(path: Path, doc: Any) -> Settings:
    """Settings from a loaded file (YAML document or TOML table), or `ProblemsFailure` with every problem."""
    if not isinstance(doc.data, dict):
        slip = FULLWIDTH_KEY.search(doc.data) if isinstance(doc.data, str) else None
        if slip:  # `fail_on：warning` is read as text, not as a setting
            line, col = _position(doc, slip.end())
            raise ProblemsFailure([Problem(doc.file, "fullwidth_colon", {"key": slip.group("key")}, line, col)])
        raise ProblemsFailure([Problem(doc.file, "c_not_mapping", {}, 1, 1)])
    settings = Settings(path)
    problems: list[Problem] = []
    for key, value in doc.data.items():
        line, col = doc.locate((key,))
        if key not in SETTINGS:
            problems.append(Problem(doc.file, "c_unknown_key", {"key": str(key), "near": closest(str(key), SETTINGS),
                                                                 "keys": list(SETTINGS)}, line, col))
            continue
        kind, title = SETTINGS[key]
        found = _value(kind, value, path.parent)
        if isinstance(found, Problem):
            problems.append(Problem(doc.file, found.key, found.values, line, col, str(key), title))
        else:
            settings.values[key], settings.lines[key] = found, line
    if problems:
        raise ProblemsFailure(problems)
    return settings


def _position(doc: Any, offset: int) -> tuple[int, int]:
    """Line and column of the full-width colon that ends at `offset` of a file's text read as one value."""
    text = getattr(doc, "text", "")
    at = text.find("：")
    return (text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at)) if at >= 0 else (1, offset)


def _value(kind: str | tuple[str, ...], value: Any, folder: Path) -> Any:
    """The value of one setting as an option default, or the Problem (without position) it has."""
    from .problem import type_values

    shown = repr(value) if isinstance(value, str) else str(value)
    if isinstance(kind, tuple):
        if isinstance(value, str) and value in kind:
            return value
        near = closest(value, kind) if isinstance(value, str) else None
        return Problem("", "c_choice", {"expected": list(kind), "actual": shown, "near": near})
    if kind == "count":
        if not isinstance(value, int) or isinstance(value, bool):
            return Problem("", "v_type", type_values("type_int", shown))
        return value if value >= 1 else Problem("", "v_ge", {"limit": 1, "actual": shown})
    if kind == "globs":
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list) or not all(isinstance(i, str) and i for i in items):
            return Problem("", "v_type", type_values("type_list", shown))
        return items
    if not isinstance(value, str) or not value.strip():
        return Problem("", "v_type", type_values("type_str", shown))
    return str(folder / value)  # relative to the settings file; an absolute path stays as it is
