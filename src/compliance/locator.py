"""Line and column of a field path without composing the whole file: follow the path through the block
structure, then let PyYAML compose only the lines of the one entry or item that holds the rest of it.

Used for profiles read by the fast loader; gives exactly the marks `loading._find` gives on the full node tree
(tests/test_perf_positions.py compares them on every path), and answers None ("compose it all") whenever the
lines are not the plain block structure it expects. Lines are found with patterns that start with a newline,
so each step is one fast scan, not a Python loop over lines.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from functools import cache
from typing import Any

# A block-mapping key that is plain text (letters, digits, `_ . -`) followed by `:` and a space or the line end
_KEY = re.compile(r"([A-Za-z0-9_][A-Za-z0-9_.-]*):(?= |\n|$)")
_ITEM = re.compile(r"-(?= |\n|$)")
_CONTENT = re.compile(r"\n *(?=[^ \n#])")  # the next line that is neither blank nor only a comment

Mark = tuple[int, int]  # 0-based line and column, as PyYAML's marks


@cache
def _at(n: int) -> re.Pattern[str]:
    """Lines whose content starts at column n."""
    return re.compile(rf"\n {{{n}}}(?=[^ \n#])")


@cache
def _before(n: int) -> re.Pattern[str]:
    """Lines whose content starts left of column n."""
    return re.compile(rf"\n {{0,{n - 1}}}(?=[^ \n#])")


class Lines:
    """One document's text and what has been learnt about its block structure. Offsets point at the newline
    that starts a line (the text is kept with a newline in front, so the first line has one too)."""

    def __init__(self, text: str, compose: Callable[[str], Any], find: Callable[[Any, list], tuple[Any, Any]]):
        self.text = "\n" + text
        self._compose, self._find = compose, find
        self._maps: dict[tuple[int, int, int, bool], list[tuple[str, int]] | None] = {}

    def _line(self, start: int) -> int:
        return self.text.count("\n", 0, start)  # the newline at `start` begins line number (count before it)

    def _eol(self, start: int) -> int:
        end = self.text.find("\n", start + 1)
        return len(self.text) if end < 0 else end

    def _after(self, pos: int) -> int | None:
        """Offset of the content at or after `pos` on its line (past spaces), None if there is only a comment."""
        text = self.text
        while pos < len(text) and text[pos] == " ":
            pos += 1
        return None if pos >= len(text) or text[pos] in "\n#" else pos

    # -------------------------------------------------------------- the lines of a region

    def _entries(self, a: int, b: int, n: int, head: bool) -> list[tuple[str, int]] | None:
        """(key, line start) of a block mapping whose keys sit at column n in the lines from offset a to b; with
        `head`, the first key is on line a after an item's `- `. None if a line at or left of column n is not a
        key (a block sequence at the keys' own column is the previous key's value)."""
        memo = (a, b, n, head)
        if memo in self._maps:
            return self._maps[memo]
        text = self.text
        out: list[tuple[str, int]] | None = []
        rest = a
        if head:
            m = _KEY.match(text, a + 1 + n)
            if m is None:
                out = None
            else:
                out.append((m.group(1), a))
                rest = self._eol(a)
        if out is not None and n > 0 and _before(n).search(text, rest, b):
            out = None
        if out is not None:
            for line in _at(n).finditer(text, rest, b):
                pos = line.end()
                if text[pos] == "-" and _ITEM.match(text, pos) and out:
                    continue
                m = _KEY.match(text, pos)
                if m is None:
                    out = None
                    break
                out.append((m.group(1), line.start()))
        self._maps[memo] = out
        return out

    def _items(self, a: int, b: int, n: int) -> list[int] | None:
        """Line starts of the items of a block sequence whose `-` sits at column n between offsets a and b."""
        text = self.text
        if n > 0 and _before(n).search(text, a, b):
            return None
        out = []
        for line in _at(n).finditer(text, a, b):
            if not _ITEM.match(text, line.end()):
                return None
            out.append(line.start())
        return out

    # -------------------------------------------------------------- following a path

    def locate(self, data: Any, parts: list) -> Mark | None:
        """The mark `_find` gives for `parts` (the deepest part found), or None when unsure."""
        first = _CONTENT.search(self.text)
        if first is None or not isinstance(data, dict):
            return None
        n = first.end() - first.start() - 1
        return self._in_map(data, parts, first.start(), len(self.text), n, (self._line(first.start()), n), False)

    def _in_map(self, data: dict, parts: list, a: int, b: int, n: int, mark: Mark, head: bool) -> Mark | None:
        if not parts:
            return mark
        entries = self._entries(a, b, n, head)
        if entries is None or [k for k, _ in entries] != [_text(k) for k in data]:
            return None
        wanted = parts[0] if isinstance(parts[0], str) else str(parts[0])
        index = next((i for i, (name, _) in enumerate(entries) if name == wanted), None)
        if index is None:
            return mark  # the field is not there: the enclosing item's mark, as `_find` gives
        name, start = entries[index]
        end = entries[index + 1][1] if index + 1 < len(entries) else b
        here = (self._line(start), n)
        rest = parts[1:]
        if not rest:
            return here
        value = data[list(data)[index]]
        key_end = start + 1 + n + len(name) + 1
        if self._after(key_end) is None and isinstance(value, dict | list):
            block = _CONTENT.search(self.text, self._eol(start), end)
            if block is not None:
                col = block.end() - block.start() - 1
                if isinstance(value, dict) and col > n and not _ITEM.match(self.text, block.end()):
                    return self._in_map(value, rest, block.start(), end, col, here, False)
                if isinstance(value, list) and col >= n and _ITEM.match(self.text, block.end()):
                    return self._in_seq(value, rest, block.start(), end, col, here)
        return self._composed(start, end, [name, *rest], here, n)

    def _in_seq(self, data: list, parts: list, a: int, b: int, n: int, mark: Mark) -> Mark | None:
        items = self._items(a, b, n)
        if items is None or len(items) != len(data):
            return None
        part = parts[0]
        if not isinstance(part, int) or part >= len(items):
            return mark
        start = items[part]
        end = items[part + 1] if part + 1 < len(items) else b
        content = self._after(start + 1 + n + 1)
        if content is None:  # the item's content starts on a later line
            return self._composed(start, end, [0, *parts[1:]], None)
        col = content - start - 1
        here = (self._line(start), col)
        rest = parts[1:]
        if not rest:
            return here
        value = data[part]
        if isinstance(value, dict) and _KEY.match(self.text, content):
            return self._in_map(value, rest, start, end, col, here, True)
        return self._composed(start, end, [0, *rest], here)

    def _composed(self, a: int, b: int, parts: list, fallback: Mark | None, key_at: int | None = None) -> Mark | None:
        """Compose the lines from offset a to b alone (one entry or one item, whole) and find `parts` in them. For an
        entry whose key sits at column `key_at` after an item's `- `, the marker is blanked: columns stay put."""
        chunk = self.text[a + 1:b]
        if key_at is not None:
            chunk = " " * key_at + chunk[key_at:]
        try:
            root = self._compose(chunk)
        except Exception:  # noqa: BLE001 - the region alone is not a document: let the caller compose it all
            return None
        if root is None:
            return fallback
        mark, _ = self._find(root, parts)
        return mark.line + self._line(a), mark.column


def _text(key: Any) -> str:
    """A data key as the block key it was read from (the subset only has plain keys)."""
    return key.isoformat() if isinstance(key, date) else str(key)
