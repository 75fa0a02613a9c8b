"""Expand the paths given on the command line into the profile files to check, in a stable order.

Folders are searched recursively for *.yaml / *.yml, skipping hidden folders, `--exclude` globs and
patterns listed in `.complianceignore` files (one glob per line, relative to the folder holding the file).
"""

from __future__ import annotations

import fnmatch
import os
from dataclasses import dataclass, field
from pathlib import Path

IGNORE_FILE = ".complianceignore"
SUFFIXES = (".yaml", ".yml")


@dataclass
class Found:
    files: list[Path] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # paths that do not exist
    loops: list[str] = field(default_factory=list)  # symlinked folders already visited


def _ignored(rel: str, patterns: list[str]) -> bool:
    name = rel.rsplit("/", 1)[-1]
    for pat in patterns:
        pat = pat.rstrip("/")
        if fnmatch.fnmatch(rel, pat) or fnmatch.fnmatch(name, pat) or rel.startswith(pat + "/"):
            return True
    return False


def _read_ignore(folder: Path) -> list[str]:
    f = folder / IGNORE_FILE
    try:
        lines = f.read_text(encoding="utf-8").splitlines()
    except OSError:
        return []
    return [ln.strip() for ln in lines if ln.strip() and not ln.lstrip().startswith("#")]


def discover(paths: list[str], exclude: list[str] | None = None) -> Found:
    found = Found()
    seen: set[Path] = set()
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            _walk(p, list(exclude or []), found, seen)
        elif p.exists() or p.is_symlink():
            if p not in seen:
                seen.add(p)
                found.files.append(p)
        else:
            found.missing.append(raw)
    return found


def _walk(root: Path, exclude: list[str], found: Found, seen: set[Path]) -> None:
    visited: set[str] = set()
    rules: list[tuple[Path, list[str]]] = []  # (folder, patterns from its ignore file)
    for folder, dirs, files in os.walk(root, followlinks=True):
        here = Path(folder)
        real = os.path.realpath(folder)
        if real in visited:
            found.loops.append(folder)
            dirs[:] = []
            continue
        visited.add(real)
        own = _read_ignore(here)
        if own:
            rules.append((here, own))

        def skip(child: Path) -> bool:
            rel_root = child.relative_to(root).as_posix()
            if _ignored(rel_root, exclude):
                return True
            for base, pats in rules:
                if child.is_relative_to(base) and _ignored(child.relative_to(base).as_posix(), pats):
                    return True
            return False

        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not skip(here / d))
        for name in sorted(files):
            child = here / name
            if name.endswith(SUFFIXES) and not name.startswith(".") and not skip(child) and child not in seen:
                seen.add(child)
                found.files.append(child)
