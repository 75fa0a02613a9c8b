"""Write output files whole or not at all (temp file + rename), never over a profile being checked.

A new file gets the mode the umask allows (like any file a user creates); an existing file keeps its mode.
`ClosablePipe` lets a run go on when the reader of stdout goes away.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from .problem import Failure


class OutputRefused(Failure):
    """An output file that cannot or must not be written; `key` names the message in the catalogue."""

    def __init__(self, path: str | Path, key: str = "output_is_input", **values: object):
        super().__init__(key, **values)
        self.path = str(path)

    def message(self, lang: str = "zh") -> str:
        from .discover import shown
        from .i18n import t

        return t(self.key, lang, path=shown(self.path), **self.values)

    def messages(self, lang: str = "zh") -> list[str]:
        return [self.message(lang)]


def check_target(path: str | Path, inputs: list[Path] | None = None) -> None:
    """Refuse, before any work is done, a target that is a profile, a folder, or in a folder that is missing."""
    real = os.path.realpath(path)
    for p in inputs or []:
        if os.path.realpath(p) == real:
            raise OutputRefused(path)
    if os.path.isdir(path):
        raise OutputRefused(path, "output_is_folder")
    parent = os.path.dirname(os.fspath(path)) or "."
    if not os.path.isdir(parent):
        raise OutputRefused(path, "output_no_folder", folder=parent)
    if not os.access(parent, os.W_OK | os.X_OK):
        raise OutputRefused(path, "output_not_writable", folder=parent)


def stdout_is_terminal() -> bool:
    """Whether standard output is a terminal (the one check, so tests can stand in for a terminal)."""
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):  # a closed or replaced stream is no terminal
        return False


def refuse_binary_on_terminal(fmt: str) -> None:
    """A binary format (xlsx) going to standard output: refused on a terminal, which would show raw bytes;
    a pipe or a redirect to a file is fine."""
    if stdout_is_terminal():
        raise Failure("binary_to_terminal", fmt=fmt)


def check_targets(paths: list[Path], inputs: list[Path] | None = None) -> None:
    """`check_target` for each, and no two outputs of one run may be the same file (one would be lost)."""
    seen: dict[str, Path] = {}
    for path in paths:
        check_target(path, inputs)
        real = os.path.realpath(path)
        if real in seen:
            raise OutputRefused(path, "output_twice", other=str(seen[real]))
        seen[real] = path


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _create_temp(target: Path) -> tuple[int, str]:
    """A new temp file beside `target`, with the mode the final file must have."""
    directory = str(target.parent) if str(target.parent) else "."
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)  # keep an existing file's mode
    except OSError:
        mode = 0o666 & ~_umask()
    for _ in range(100):
        tmp = os.path.join(directory, f".{target.name}.{secrets.token_hex(4)}.tmp")
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o600)
        except FileExistsError:
            continue
        with contextlib.suppress(OSError):  # after creation: O_CREAT's mode would be cut by the umask again
            os.fchmod(fd, mode)
        return fd, tmp
    raise FileExistsError(f"{directory}: no free temporary name")


@contextlib.contextmanager
def atomic_file(path: str | Path, inputs: list[Path] | None = None, binary: bool = False,
                new: bool = False) -> Iterator[IO]:
    """A file handle whose content replaces `path` only when the block ends without an exception; with `new`,
    `path` must not exist, and a file that appears there meanwhile is not replaced either."""
    target = Path(path)
    check_target(target, inputs)
    if new and os.path.lexists(target):
        raise OutputRefused(target, "output_exists")
    try:
        fd, tmp = _create_temp(target)
    except OSError as exc:
        raise OutputRefused(target, "output_unwritable", reason=exc.strerror or exc) from None
    try:
        with os.fdopen(fd, "wb" if binary else "w", **({} if binary else {"encoding": "utf-8", "newline": ""})) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        if new:
            _place_new(tmp, target)
        else:
            os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _place_new(tmp: str, target: Path) -> None:
    """Give the finished temp file the name `target` unless that name is taken (a hard link fails then)."""
    try:
        os.link(tmp, target)
    except FileExistsError:
        raise OutputRefused(target, "output_exists") from None
    except OSError:  # no hard links here (FAT, some shares): claim the name first, then replace the empty file
        try:
            os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        except FileExistsError:
            raise OutputRefused(target, "output_exists") from None
        os.replace(tmp, target)
        return
    os.unlink(tmp)


def write_atomic(path: str | Path, data: str | bytes, inputs: list[Path] | None = None, new: bool = False) -> None:
    with atomic_file(path, inputs, binary=isinstance(data, bytes), new=new) as fh:
        fh.write(data)


class ClosablePipe:
    """stdout that survives its reader going away (`compliance audit … | head -1`): once the pipe is closed,
    further output to it is dropped and the run goes on, so the --report files are still written."""

    def __init__(self, stream):
        self._stream, self.closed_pipe = stream, False

    def write(self, text: str) -> int:
        if not self.closed_pipe:
            try:
                self._stream.write(text)
            except BrokenPipeError:
                self._lost()
        return len(text)

    def flush(self) -> None:
        if not self.closed_pipe:
            try:
                self._stream.flush()
            except BrokenPipeError:
                self._lost()

    def _lost(self) -> None:
        self.closed_pipe = True
        try:  # what is still buffered must not fail again at exit
            null = os.open(os.devnull, os.O_WRONLY)
            os.dup2(null, self._stream.fileno())
            os.close(null)
        except (OSError, ValueError, AttributeError):
            pass

    def __getattr__(self, name: str):
        return getattr(self._stream, name)
