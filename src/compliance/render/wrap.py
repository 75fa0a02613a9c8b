"""Line breaking for mixed Chinese and Latin text in a terminal: widths in columns (a Chinese character takes
two), breaks at spaces and after Chinese punctuation first, never inside a word, number, date, path or rule id,
never before closing or after opening punctuation.
"""

from __future__ import annotations

import re
import unicodedata

# A line never starts with these, never ends with those (the usual rules of Chinese typesetting)
_NO_START = set("，。、；：？！）》」』】〕”’…—%,.;:?!)]}")
_NO_END = set("（《「『【〔“‘([{")
_PAUSE = set("，。、；：？！）》」』】〕”")  # a break after these ends a phrase
_OPEN, _CLOSE = "《“（「『【", "》”）」』】"  # a title or quotation: broken inside only when nothing else fits
# atoms: a run of spaces, a run of Latin text (word, number, date, path, id), or one wide character
_ATOM = re.compile(r"[ \t]+|[^\s\u2e80-\u9fff\u3000-\u303f\uff00-\uffef]+|.", re.S)


def cells(text: str) -> int:
    """Terminal columns of `text` (a Chinese character, or a full-width one, takes two)."""
    if text.isascii():
        return len(text)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def wrap(text: str, width: int, first: int | None = None) -> list[str]:
    """`text` in lines of at most `width` columns (`first` for the first line), spaces at the breaks dropped; a
    word longer than a line is cut."""
    return [text[a:b] for a, b in spans(text, width, first)]


def spans(text: str, width: int, first: int | None = None) -> list[tuple[int, int]]:
    """Where each line of `text` starts and ends (character offsets), as `wrap` breaks it."""
    out: list[tuple[int, int]] = []
    line: list[tuple[int, int, int, int]] = []  # (start, end, columns, bracket depth) of the atoms on the line
    used = 0
    for atom in _atoms(text):
        line.append(atom)
        used += atom[2]
        while used > (limit := max(width if out or first is None else first, 2)) and \
                not (len(line) == 1 and line[0][2] <= limit):
            cut = _best_break(text, line, limit)
            if cut is None and line[0][2] <= limit:
                cut = 1  # no allowed break fits: end the line after its first piece
            if cut is None:  # one atom wider than the line: cut it by columns
                head, tail = _fold(text, line[0], limit)
                out.append(head)
                line[0] = tail
            else:
                out.append(_trimmed(text, line[:cut]))
                line = _lstrip(text, line[cut:])
            used = sum(a[2] for a in line)
    if line:
        out.append(_trimmed(text, line))
    return [s for s in out if s[1] > s[0]] or [(0, 0)]


def _atoms(text: str) -> list[tuple[int, int, int, int]]:
    """The unbreakable pieces of `text`, a closing mark joined to what precedes it and an opening mark to what
    follows."""
    atoms: list[list[int]] = []
    glue_next = False
    for m in _ATOM.finditer(text):
        a, b = m.span()
        piece = m.group()
        if atoms and (glue_next or piece[0] in _NO_START and not piece.isspace()):
            atoms[-1][1] = b
        else:
            atoms.append([a, b])
        glue_next = piece[-1] in _NO_END
    out = []
    depth = 0
    for a, b in atoms:
        piece = text[a:b]
        depth = max(0, depth + sum(piece.count(c) for c in _OPEN) - sum(piece.count(c) for c in _CLOSE))
        out.append((a, b, cells(piece), depth))
    return out


def _best_break(text: str, line: list[tuple[int, int, int, int]], width: int) -> int | None:
    """Where to end the line (an index into `line`): the last space or phrase end that leaves the line at least
    two-fifths full (outside a title or quotation first), else the last place between wide characters, else any
    break that fits."""
    best: dict[float, int] = {}
    used = 0
    for i in range(1, len(line)):
        used += line[i - 1][2]
        if used > width:
            break
        before, after = text[line[i - 1][0]:line[i - 1][1]], text[line[i][0]:line[i][1]]
        inside = line[i - 1][3] > 0  # within 《…》, “…” or （…）
        if before.isspace() or after.isspace():
            # two spaces part the pieces of a line, one parts English words or follows `:`; a single space beside
            # Chinese (`党员 7 名`, `整改期限 2026-08-07`) holds a phrase together
            j = i - 1 if before.isspace() else i
            left = text[line[j - 1][1] - 1] if j > 0 else " "
            right = text[line[j + 1][0]] if j + 1 < len(line) else " "
            apart = line[j][1] - line[j][0] > 1 or left in ":;,." or cells(left) == 1 and cells(right) == 1
            rank = 3.0 if apart else 0.5 if inside else 1.0
        elif before[-1] in _PAUSE:
            rank = 1.5 if inside else 2.0
        elif cells(before[-1]) == 2 or cells(after[0]) == 2:
            rank = 0.5 if inside else 1.0  # inside a title or quotation only when nothing else fits
        else:
            continue
        if used * 5 < width * 2:
            rank = 0.25  # a break early in the line would leave it mostly empty
        best[rank] = i
    return best[max(best)] if best else None


def _fold(text: str, atom: tuple[int, int, int, int], width: int) -> tuple[tuple[int, int], tuple[int, int, int, int]]:
    a, b, _, depth = atom
    used, i = 0, a
    while i < b and used + cells(text[i]) <= width:
        used += cells(text[i])
        i += 1
    i = max(i, a + 1)
    return (a, i), (i, b, cells(text[i:b]), depth)


def _trimmed(text: str, line: list[tuple[int, int, int, int]]) -> tuple[int, int]:
    while line and text[line[-1][0]:line[-1][1]].isspace():
        line = line[:-1]
    return (line[0][0], line[-1][1]) if line else (0, 0)


def _lstrip(text: str, line: list[tuple[int, int, int, int]]) -> list[tuple[int, int, int, int]]:
    while line and text[line[0][0]:line[0][1]].isspace():
        line = line[1:]
    return line
