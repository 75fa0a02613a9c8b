"""A checked cache of a loaded rule set, so a one-file command does not re-read, re-validate and re-check the rule
files (and build the rule models' validators) on every run: ~40 ms of a ~0.3 s start-up, measured.

The key is a digest of every rule file's name and bytes and of the code that checks them (each module's size and
modification time, and the version); any change means a full load and check. The cache holds only the loaded
rules, parameters and clause notes; it is read with an unpickler that can build nothing but those classes, dates
and plain containers. Set COMPLIANCE_NO_CACHE=1 to load without it; a cache that cannot be written is skipped.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import Any

from . import __version__

_ALLOWED = {
    ("compliance.rulebook", "Rulebook"), ("compliance.rulebook", "Rule"), ("compliance.rulebook", "ClauseInfo"),
    ("compliance.parameters", "Param"), ("compliance.parameters", "Text2"), ("datetime", "date"),
    ("copyreg", "_reconstructor"), ("builtins", "object"), ("builtins", "set"), ("builtins", "frozenset"),
}


_KEEP = 16  # rule sets cached at most


class _Unpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        if (module, name) not in _ALLOWED:
            raise pickle.UnpicklingError(f"{module}.{name} is not part of a rule set")
        return super().find_class(module, name)


def cache_dir() -> Path | None:
    if os.environ.get("COMPLIANCE_NO_CACHE"):
        return None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "compliance"


def _key(directory: str) -> str | None:
    """Digest of the rule files and the checking code; None if a rule file cannot be read (the full load says why)."""
    digest = hashlib.sha256(__version__.encode())
    package = Path(__file__).resolve().parent
    for source in sorted(package.rglob("*.py")):
        st = source.stat()
        digest.update(f"{source.relative_to(package)}:{st.st_size}:{st.st_mtime_ns}\n".encode())
    try:
        for path in sorted(Path(directory).glob("*.yaml")):
            digest.update(f"{path.name}\n".encode())
            digest.update(path.read_bytes())
    except OSError:
        return None
    return digest.hexdigest()


def cached(directory: str, load: Callable[[str], Any]) -> Any:
    """The rule set in `directory`: from the cache when its key matches, else `load(directory)` (then cached)."""
    where = cache_dir()
    key = _key(directory) if where is not None else None
    if where is None or key is None:
        return load(directory)
    stem = "rules-" + hashlib.sha256(directory.encode()).hexdigest()[:16]
    target = where / f"{stem}-{key[:32]}.pickle"
    with contextlib.suppress(OSError, pickle.UnpicklingError, EOFError, AttributeError, TypeError, ValueError):
        stored_key, rulebook = _Unpickler(io.BytesIO(target.read_bytes())).load()
        if stored_key == key:
            return rulebook
    rulebook = load(directory)  # raises RuleFileError for broken rules: nothing is cached then
    import tempfile  # only when writing: it costs a few ms to import

    with contextlib.suppress(OSError, pickle.PicklingError):
        where.mkdir(parents=True, exist_ok=True)
        for old in where.glob(f"{stem}-*.pickle"):
            old.unlink(missing_ok=True)
        fd, tmp = tempfile.mkstemp(dir=where, prefix=".tmp-", suffix=".pickle")
        try:
            with os.fdopen(fd, "wb") as fh:
                pickle.dump((key, rulebook), fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, target)
        finally:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        stale = sorted(where.glob("rules-*.pickle"), key=lambda p: p.stat().st_mtime)[:-_KEEP]
        for old in stale:  # rule sets in folders that come and go (a test's temporary folder) do not pile up
            old.unlink(missing_ok=True)
    return rulebook
