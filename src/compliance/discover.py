"""Expand the paths given on the command line into the profile files to check, in a stable order.

Folders are searched recursively for *.yaml / *.yml, skipping hidden folders, `--exclude` globs and
patterns listed in `.complianceignore` files (one glob per line, relative to the folder holding the file).
`changed_since` keeps only the files git reports as changed; `shown` prints any file name readably.
"""

from __future__ import annotations

import fnmatch
import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from .problem import Failure

IGNORE_FILE = ".complianceignore"
SUFFIXES = (".yaml", ".yml")


@dataclass
class Found:
    files: list[Path] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # paths that do not exist
    loops: list[str] = field(default_factory=list)  # symlinked folders already visited
    asked: list[str] = field(default_factory=list)  # the paths given

    @property
    def bad(self) -> bool:
        """A path given does not exist, or nothing was found: the command exits 2."""
        return bool(self.missing) or not self.files

    def notes(self, lang: str) -> list[str]:
        """What to tell the user: each missing path and symbolic link loop, or that nothing was found."""
        from .i18n import t

        out = [f"{shown(raw)}: {t('path_missing', lang, path=shown(raw))}" for raw in self.missing]
        out += [f"{shown(loop)}: {t('symlink_loop', lang, path=shown(loop))}" for loop in self.loops]
        if not self.files and not self.missing:
            out.append(t("no_files", lang, path=" ".join(shown(p) for p in self.asked)))
        return out


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
    found = Found(asked=list(paths))
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


def shown(path: str | Path) -> str:
    """A file name as text that can always be printed: bytes that are not UTF-8 (a GBK name from unzip)
    appear as `\\xNN` escapes instead of stopping the output with UnicodeEncodeError."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def name_is_text(path: str | Path) -> bool:
    try:
        os.fsencode(path).decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def name_guess(path: str | Path) -> str:
    """What a non-UTF-8 name most likely says (GB18030 covers GBK, the usual culprit), for the error message."""
    raw = os.fsencode(os.path.basename(os.fspath(path)))
    try:
        return raw.decode("gb18030")
    except UnicodeDecodeError:
        return shown(os.path.basename(os.fspath(path)))


class GitError(Failure):
    """`--changed-since` could not be answered; `key` and `values` give the message."""


def _git(folder: str, *args: str) -> str:
    """Run git in `folder` (never the current directory's repository). User text never comes before
    `--end-of-options`, so it can never be read as an option."""
    env = {k: v for k, v in os.environ.items() if k not in ("GIT_DIR", "GIT_WORK_TREE")}
    try:
        p = subprocess.run(["git", "-C", folder, *args], capture_output=True, env=env, check=False,
                           stdin=subprocess.DEVNULL)
    except OSError as exc:
        raise GitError("git_failed", detail=str(exc)) from None
    if p.returncode != 0:
        detail = os.fsdecode(p.stderr).strip() or f"exit {p.returncode}"
        raise GitError("git_failed", detail=shown(detail))
    return os.fsdecode(p.stdout)


def changed_since(files: list[Path], ref: str) -> list[Path]:
    """The files git reports as added, copied, modified or renamed since `ref`, asking the repository
    that holds each file (profiles may live in several repositories, or not where the command runs)."""
    check_ref(ref)
    tops: dict[str, str] = {}
    changed: dict[str, set[str]] = {}
    out = []
    try:
        for f in files:
            folder = os.path.dirname(os.path.abspath(f))
            if folder not in tops:
                tops[folder] = _git(folder, "rev-parse", "--show-toplevel").rstrip("\n")
            top = tops[folder]
            if top not in changed:
                names = _git(top, "diff", "--name-only", "-z", "--no-renames", "--diff-filter=ACMR",
                             "--end-of-options", ref, "--").split("\0")
                changed[top] = {os.path.realpath(os.path.join(top, n)) for n in names if n}
            if os.path.realpath(f) in changed[top]:
                out.append(f)
    except GitError as exc:
        raise GitError(exc.key, ref=ref, **exc.values) from None
    return out


def check_ref(ref: str | None) -> None:
    """A `--changed-since` value is a revision, never an option: refused before anything else is done."""
    if ref is not None and (not ref or ref.startswith("-")):
        raise GitError("git_ref_option")
