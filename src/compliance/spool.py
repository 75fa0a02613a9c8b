"""Results kept on disk for the formats written whole at the end (SARIF, JUnit, Markdown, HTML): one JSON line
per result in an unnamed temporary file, read back one result at a time, so the parent's memory stays flat in
the number of profiles (each format's `write` reads them as often as it needs).
"""

from __future__ import annotations

import os
import tempfile
from array import array
from collections.abc import Iterator

from .report import Result

_BLOCK = 1 << 16


class Spool:
    """Append results; iterate them back in order, as often as needed (each iteration reads on its own)."""

    def __init__(self) -> None:
        self._file = tempfile.TemporaryFile()  # noqa: SIM115 - closed by close(); no name: gone with the process
        self._size = 0
        self.count = 0
        self._starts = array("Q")  # where each result's line starts: 8 bytes a result, for reading in another order

    def add(self, result: Result) -> None:
        line = result.__pydantic_serializer__.to_json(result) + b"\n"
        self._file.write(line)
        self._starts.append(self._size)
        self._size += len(line)
        self.count += 1

    def __iter__(self) -> Iterator[Result]:
        self._file.flush()
        fd, end, offset, rest = self._file.fileno(), self._size, 0, b""
        while offset < end:
            block = os.pread(fd, min(_BLOCK, end - offset), offset)
            if not block:
                break
            offset += len(block)
            lines = (rest + block).split(b"\n")
            rest = lines.pop()
            for line in lines:
                yield Result.model_validate_json(line)

    def at(self, i: int) -> Result:
        """The i-th result added (the formats that list societies worst first read them in that order)."""
        self._file.flush()
        start = self._starts[i]
        end = self._starts[i + 1] if i + 1 < self.count else self._size
        return Result.model_validate_json(os.pread(self._file.fileno(), end - start, start))

    def __len__(self) -> int:
        return self.count

    def close(self) -> None:
        self._file.close()
