"""Write output files whole or not at all (temp file + rename), never over a profile being checked."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO


class OutputRefused(Exception):
    pass


def check_target(path: str | Path, inputs: list[Path] | None = None) -> None:
    real = os.path.realpath(path)
    for p in inputs or []:
        if os.path.realpath(p) == real:
            raise OutputRefused(str(path))


@contextlib.contextmanager
def atomic_file(path: str | Path, inputs: list[Path] | None = None, binary: bool = False) -> Iterator[IO]:
    """A file handle whose content replaces `path` only when the block ends without an exception."""
    target = Path(path)
    check_target(target, inputs)
    directory = target.parent if str(target.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb" if binary else "w", **({} if binary else {"encoding": "utf-8", "newline": ""})) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def write_atomic(path: str | Path, data: str | bytes, inputs: list[Path] | None = None) -> None:
    with atomic_file(path, inputs, binary=isinstance(data, bytes)) as fh:
        fh.write(data)
