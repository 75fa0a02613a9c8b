"""Write output files whole or not at all (temp file + rename), never over a profile being checked."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


class OutputRefused(Exception):
    pass


def write_atomic(path: str | Path, data: str | bytes, inputs: list[Path] | None = None) -> None:
    target = Path(path)
    real = os.path.realpath(target)
    for p in inputs or []:
        if os.path.realpath(p) == real:
            raise OutputRefused(str(target))
    raw = data.encode("utf-8") if isinstance(data, str) else data
    directory = target.parent if str(target.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(raw)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
