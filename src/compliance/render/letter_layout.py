"""The GB/T 9704-2012 page every letter format shares: sizes in mm and pt, and the title's line breaks
(2号 小标宋 on the 156 mm text block: between the pieces the title pattern marks, never inside a word).
"""

from __future__ import annotations

import unicodedata

# A4; 天头 37 mm, 订口 28 mm, 版心 156 × 225 mm (5.2); 22 lines of 28 characters of 3号 (16 pt) (6).
PAGE_W, PAGE_H = 210.0, 297.0
TOP, LEFT, BLOCK_W, BLOCK_H = 37.0, 28.0, 156.0, 225.0
RIGHT, BOTTOM = PAGE_W - LEFT - BLOCK_W, PAGE_H - TOP - BLOCK_H
LINE_PT = BLOCK_H / 22 / 25.4 * 72  # 28.98 pt: the 22-line grid
BODY_PT, TITLE_PT, RECORD_PT, MARK_PT = 16.0, 22.0, 14.0, 28.0  # 3号, 2号, 4号 (版记, 页码), 发文机关标志
MARK_GAP = 35.0  # 文件格式: the mark's top edge 35 mm below the text block's top (7.2.4)
LETTER_MARK_TOP = 30.0  # 信函格式: the mark's top edge 30 mm below the page's top (10.1)
LETTER_RULE_W = 170.0  # 信函格式: the red double lines, 170 mm long
LETTER_FOOT_RULE = 20.0  # 信函格式: the second double line 20 mm above the page's bottom edge
PAGE_NUMBER_GAP = 7.0  # the page number's dashes 7 mm below the text block (7.5)

TITLE_EMS = BLOCK_W / (TITLE_PT / 72 * 25.4)  # 20.1 characters of 2号 on a line


def width(text: str) -> float:
    """The width of `text` in ems of its font: Chinese characters and full-width forms 1, the rest (digits,
    Latin letters) about half."""
    return sum(1.0 if unicodedata.east_asian_width(c) in "WF" else 0.55 for c in text)


def title_lines(pieces: list[str], limit: float = TITLE_EMS) -> list[str]:
    """The title broken into lines between `pieces` (never inside one): as few lines as fit, then the shape
    GB/T 9704 asks for (7.3.1: 梯形或菱形, lines of sensible length; not an hourglass), the most even first.
    A piece longer than a line (a very long name) is the only thing ever broken inside, at the line's end."""
    pieces = [p for piece in pieces for p in _fit(piece, limit)]
    best: tuple[tuple, list[str]] | None = None
    for lines in _splits(pieces, limit):
        sizes = [width(line) for line in lines]
        hourglass = any(sizes[i] < sizes[i - 1] and sizes[i] < sizes[i + 1] for i in range(1, len(sizes) - 1))
        key = (len(lines), hourglass, max(sizes) - min(sizes), -sizes[-1])
        if best is None or key < best[0]:
            best = (key, lines)
    assert best is not None
    return best[1]


def _splits(pieces: list[str], limit: float) -> list[list[str]]:
    """Every way to cut `pieces` into as few lines no wider than `limit` as any way needs (greedy filling
    finds that number)."""
    fewest, line = 1, ""
    for piece in pieces:
        if line and width(line + piece) > limit:
            fewest, line = fewest + 1, ""
        line += piece
    found: list[list[str]] = []

    def walk(start: int, lines: list[str]) -> None:
        if start == len(pieces):
            found.append(list(lines))
            return
        if len(lines) == fewest or width("".join(pieces[start:])) > (fewest - len(lines)) * limit:
            return
        line = ""
        for end in range(start, len(pieces)):
            line += pieces[end]
            if width(line) > limit:
                break
            lines.append(line)
            walk(end + 1, lines)
            lines.pop()

    walk(0, [])
    return found


def _fit(piece: str, limit: float) -> list[str]:
    """A piece cut into parts no wider than a line (only when it is wider)."""
    out, line = [], ""
    for c in piece:
        if width(line + c) > limit:
            out.append(line)
            line = ""
        line += c
    return [*out, line] if line else out


def signature_indent(signature: str, date_text: str, date_indent: float = 4.0) -> float:
    """How far in from the right (in characters) the 署名 goes so that it is centred over the date, which
    stands four characters in (7.3.5.1: 成文日期右空四字, 署名以成文日期为准居中)."""
    return round(date_indent + (width(date_text) - width(signature)) / 2, 2)
