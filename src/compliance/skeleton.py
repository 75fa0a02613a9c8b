"""`compliance init`: a new profile to fill in, written by walking the profile models: every section and field,
each with its Chinese title as a comment; nothing filled in for the person, so until it is, validation lists
exactly what is left (`待填写`) instead of passing.
"""

from __future__ import annotations

import unicodedata

from .escapes import visible
from .i18n import t
from .profile_yaml import modeline, scalar
from .shape import DictOf, Field, ListOf, Node, Scalar, node

NAME_PATH = ("society", "name")  # the one field `init` fills: the society's name given on the command line
_COMMENT_COLUMN = 30
_SEP = " · "


Line = tuple[int, str, str]  # indent, code, comment (code "" for a line that is only a comment)


def skeleton(name: str, ref: str, lang: str = "zh") -> tuple[str, list[tuple[str, ...]]]:
    """The text of a new profile for society `name`, and the paths it leaves to be filled in."""
    writer = _Writer(name, lang)
    header = t("init_header", lang, name=visible(name))  # a comment shows the name, escaped
    lines = [modeline(ref), *(f"# {line}" for line in header.splitlines())]
    for f in node().fields:
        lines.append("")  # a blank line before each section
        lines += [_text(line) for line in writer.field(f, ())]
    return "\n".join(lines) + "\n", writer.to_fill


def _text(line: Line) -> str:
    indent, code, comment = line
    pad = " " * indent
    if not comment:
        return pad + code
    if not code:
        return f"{pad}# {comment}"
    code = pad + code
    return f"{code}{' ' * max(2, _COMMENT_COLUMN - width(code))}# {comment}"


def width(text: str) -> int:
    """Columns `text` takes in a terminal or editor: Chinese characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


class _Writer:
    def __init__(self, name: str, lang: str):
        self.name, self.lang = name, lang
        self.to_fill: list[tuple[str, ...]] = []

    def field(self, f: Field, path: tuple, template: bool = False) -> list[Line]:
        """The lines of one field; in a `template` (a list item shown as a comment), fields are marked
        required or optional as a person writing an item sees them."""
        here = (*path, f.name)
        out: list[Line] = []
        if not template and f.note and not isinstance(f.shape, Node):
            out.append((0, "", f.note))
        if isinstance(f.shape, Scalar) and f.shape.kind == "const":
            out.append((0, f"{f.name}: {scalar(f.default)}", f.title))
        elif isinstance(f.shape, Node):
            out.append((0, f"{f.name}:", self._comment(f, template)))
            for sub in f.shape.fields:
                out += [(indent + 2, code, c) for indent, code, c in self.field(sub, here, template)]
        elif here == NAME_PATH and not template:
            out.append((0, f"{f.name}: {scalar(self.name)}", f.title))
        else:
            out.append((0, f"{f.name}:", self._comment(f, template)))
            if not template and not f.nullable:
                self.to_fill.append(here)
            if isinstance(f.shape, ListOf) and isinstance(f.shape.item, Node):
                if not template:
                    out.append((0, "", t("sk_item_format", self.lang)))
                out += self.item(f.shape.item, here, commented=not template)
        return out

    def item(self, shape: Node, path: tuple, commented: bool) -> list[Line]:
        """One list item with every field; `commented` puts the whole item in a comment."""
        lines = [line for f in shape.fields for line in self.field(f, path, template=True)]
        out: list[Line] = []
        for i, (indent, code, c) in enumerate(lines):
            lead = "- " if i == 0 else "  "
            code = lead + " " * indent + code
            out.append((0, "# " + code if commented else code, c))
        return out

    def _comment(self, f: Field, template: bool) -> str:
        title = f"{f.title}：{f.note}" if template and f.note else f.title
        parts = [title, self._status(f, template)]
        hint = self._hint(f)
        return _SEP.join(p for p in (*parts, hint) if p)

    def _status(self, f: Field, template: bool) -> str:
        lg = self.lang
        if isinstance(f.shape, Node):
            if template:
                return "" if f.required else t("sk_optional", lg)
            return t("sk_section_optional", lg) if f.nullable else ""
        if template:
            if f.required:
                return t("sk_required", lg)
            if f.default not in (None, [], {}):
                return t("sk_default", lg, value=scalar(f.default))
            return t("sk_optional", lg)
        if f.nullable:
            return t("sk_optional", lg)
        if isinstance(f.shape, ListOf):
            more = t("sk_list_min", lg, n=f.shape.min_items) if f.shape.min_items else t("sk_list_none", lg)
            return f"{t('sk_to_fill', lg)}{t('colon', lg)}{more}"
        if isinstance(f.shape, DictOf):
            return f"{t('sk_to_fill', lg)}{t('colon', lg)}{t('sk_dict_none', lg)}"
        return t("sk_to_fill", lg)

    def _hint(self, f: Field) -> str:
        shape, lg = f.shape, self.lang
        if isinstance(shape, ListOf) and isinstance(shape.item, Scalar):
            if shape.item.kind == "choice":
                return t("sk_hint_multi", lg, choices=list(map(str, shape.item.choices)))
            return t("sk_hint_list", lg)
        if isinstance(shape, DictOf):
            return t("sk_hint_dict", lg, example=scalar(f.example))
        if isinstance(shape, Scalar):
            return scalar_hint(f, shape, lg, t("type_bool", lg))
        return ""


def scalar_hint(f: Field, shape: Scalar, lang: str, bool_words: str) -> str:
    """How a single value is written (a date, a year, a choice, …); `bool_words` says how yes and no are
    written (true/false in YAML, 是/否 in a workbook)."""
    if shape.kind == "choice":
        return t("sk_hint_choice", lang, choices=list(map(str, shape.choices)))
    if shape.kind == "date":
        return t("sk_hint_date", lang, example=scalar(f.example))
    if shape.kind == "bool":
        return bool_words
    if shape.year:
        return t("sk_hint_year", lang, example=f.example)
    if shape.kind in ("int", "number"):
        return t(f"sk_hint_{shape.kind}", lang)
    return ""  # text: its description says what to write (and gives its example, if any)
