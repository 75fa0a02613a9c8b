"""Read one profile file safely: size, encoding, YAML (safe loader only), duplicate keys, depth and aliases.

A profile in the plain subset of YAML is read by yaml-rs (the `fast` extra), which reads it exactly as the
PyYAML loader below does at a tenth of the cost; anything else, and every error, goes through PyYAML. Field
paths become lines and columns on demand (see `locator`).
"""

from __future__ import annotations

import os
import re
from datetime import date
from itertools import accumulate
from pathlib import Path
from typing import Any

import yaml

from .problem import FULLWIDTH_KEY, Problem, ProblemsFailure, join_path, split_path

try:  # libyaml's parser when present: several times faster
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

try:  # the `fast` extra: a Rust YAML 1.2 parser; without it every file takes the PyYAML path
    import yaml_rs as _yaml_rs
except ImportError:  # pragma: no cover - depends on the installation
    _yaml_rs = None

MAX_BYTES = 4 * 1024 * 1024
MAX_DEPTH = 64
MAX_NODES = 200_000

# Deep nesting is found without walking the tree: flow brackets are counted, block nesting shows as deep
# indentation or as a run of "- - - …" on one line.
_BRACKETS = re.compile(r"[\[\]{}]")
_DASH_RUN = re.compile(rf"(?:-[ \t]+){{{MAX_DEPTH}}}")
_DASH_PAIR = re.compile(r"-[ \t]+-")
_DEEP_INDENT = "\n" + " " * (MAX_DEPTH * 2)
_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}


class LoadError(ProblemsFailure):
    """A file that cannot be read or parsed: its one problem."""

    def __init__(self, problem: Problem):
        super().__init__([problem])
        self.problem = problem


class Document:
    """A loaded profile: its plain data, and the node tree that locates paths (composed when first needed for a
    file the fast loader read)."""

    __slots__ = ("file", "text", "data", "_root", "_lines")

    def __init__(self, file: str, text: str, data: Any, root: yaml.Node | None = None):
        self.file, self.text, self.data, self._root = file, text, data, root
        self._lines: Any = None  # a locator.Lines, for files the fast loader read

    @property
    def root(self) -> yaml.Node:
        if self._root is None:
            self._root = _compose(self.text)
        return self._root

    def locate(self, path: str | tuple) -> tuple[int, int]:
        """Line and column (1-based) of a dotted path such as `branches[2].name` (or its parts, for keys that
        hold dots or brackets themselves).

        A path that is not in the file (a missing field) points at the nearest enclosing item that is.
        """
        parts = split_path(path) if isinstance(path, str) else list(path)
        if self._root is None:  # read by the fast loader: follow the lines, compose only where needed
            if self._lines is None:
                from .locator import Lines

                self._lines = Lines(self.text, _compose, _find)
            found = self._lines.locate(self.data, parts)
            if found is not None:
                return found[0] + 1, found[1] + 1
        mark, _ = _find(self.root, parts)
        return mark.line + 1, mark.column + 1

    def written(self, path: str | tuple) -> str | None:
        """The text of the scalar at `path` exactly as written in the file (`1.0e+309`, not `inf`), or None."""
        _, node = _find(self.root, split_path(path) if isinstance(path, str) else list(path))
        return node.value if isinstance(node, yaml.ScalarNode) else None


def _find(root: yaml.Node, parts: list) -> tuple[Any, yaml.Node | None]:
    """The mark of the deepest part of `parts` found under `root`, and the node there (None if not there)."""
    node = root
    mark = node.start_mark
    for part in parts:
        child = None
        if isinstance(node, yaml.MappingNode) and isinstance(part, str):
            for key_node, value_node in node.value:
                if key_node.value == part:
                    mark, child = key_node.start_mark, value_node
                    break
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            child = node.value[part]
            mark = child.start_mark
        elif isinstance(node, yaml.MappingNode) and isinstance(part, int):
            for key_node, value_node in node.value:  # integer keys such as years
                if key_node.value == str(part):
                    mark, child = key_node.start_mark, value_node
                    break
        if child is None:
            return mark, None
        node = child
    return mark, node


_INT_TAG = "tag:yaml.org,2002:int"
_FLOAT_TAG = "tag:yaml.org,2002:float"
# Numbers are read as a person writes them in decimal (YAML 1.2 core, without its octal and hex forms):
# `0123`, `0x1f`, `0o17`, `1_000` and `1:20` are text, so a number field reports them instead of reading
# 83, 31, 15, 1000 or 80 as YAML 1.1 does. Booleans, nulls and dates keep their YAML 1.1 forms.
_INT = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$")
_FLOAT = re.compile(r"""^(?:[-+]?(?:(?:0|[1-9][0-9]*)(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?
                        |[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$""", re.X)
_MAX_DIGITS = 40  # far beyond any bound a field has; longer runs of digits are refused before int() parses them


class _Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    """Safe loader that rejects duplicate keys and non-text keys instead of silently keeping the last one,
    and reads numbers only in plain decimal notation."""

    yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag not in (_INT_TAG, _FLOAT_TAG)]
        for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
    }

    def construct_object(self, node: yaml.Node, deep: bool = False):  # type: ignore[override]
        """Any scalar a constructor cannot read (`!!int 0x1Z`, `!!bool maybe`) is a positioned error."""
        try:
            return super().construct_object(node, deep=deep)
        except (ValueError, KeyError, AttributeError, TypeError, OverflowError):
            raise _Positioned("bad_scalar", {"tag": node.tag.rpartition(":")[2], "value": _clip(str(node.value))},
                              node) from None

    def construct_yaml_int(self, node: yaml.ScalarNode) -> int:  # type: ignore[override]
        text = self.construct_scalar(node)
        if not _INT.match(text):  # an explicit `!!int 0x1f` or `!!int 1_000`: one notation, whatever the tag
            raise ValueError(text)
        if len(text) > _MAX_DIGITS:
            raise _Positioned("number_too_long", {"limit": _MAX_DIGITS}, node)
        return int(text)

    def construct_yaml_float(self, node: yaml.ScalarNode) -> float:  # type: ignore[override]
        text = self.construct_scalar(node)
        if not (_FLOAT.match(text) or _INT.match(text)):
            raise ValueError(text)
        return float(text.replace(".", "", 1) if text.lstrip("+-").lower() in (".inf", ".nan") else text)

    def construct_yaml_map(self, node: yaml.MappingNode):  # type: ignore[override]
        data: dict = {}
        yield data
        seen: dict[Any, int] = {}
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=False)
            if not isinstance(key, str | int | date) or isinstance(key, bool):
                raise _Positioned("bad_key", {"kind": type(key).__name__}, key_node)
            if key in seen:
                raise _Positioned("duplicate_key", {"key": key, "first": seen[key]}, key_node)
            seen[key] = key_node.start_mark.line + 1
            data[key] = self.construct_object(value_node, deep=False)


    def construct_yaml_timestamp(self, node: yaml.ScalarNode):  # type: ignore[override]
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError:  # 2021-02-30: keep the text, validation reports it at its position
            return node.value


_Loader.add_constructor("tag:yaml.org,2002:map", _Loader.construct_yaml_map)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)
_Loader.add_constructor(_INT_TAG, _Loader.construct_yaml_int)
_Loader.add_constructor(_FLOAT_TAG, _Loader.construct_yaml_float)
_Loader.add_implicit_resolver(_INT_TAG, _INT, list("-+0123456789"))
_Loader.add_implicit_resolver(_FLOAT_TAG, _FLOAT, list("-+0123456789."))


def _clip(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


class _Positioned(Exception):
    """An error at one node; `parse` turns it into a Problem with the node's position and field path."""

    def __init__(self, key: str, values: dict, node: yaml.Node):
        super().__init__(key)
        self.key, self.values, self.node = key, values, node


def _path_of(root: yaml.Node, target: yaml.Node) -> str:
    """The field path of `target` (a value or a key node) in the tree under `root`, "" if not found."""
    stack: list[tuple[yaml.Node, tuple]] = [(root, ())]
    seen: set[int] = set()
    while stack:
        node, parts = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode):  # a list or mapping as a key: `bad_key`
                    if target is key_node:
                        return join_path(parts)
                    continue
                key = int(key_node.value) if key_node.tag == _INT_TAG else key_node.value
                if target is key_node or target is value_node:
                    return join_path((*parts, key))
                stack.append((value_node, (*parts, key)))
        elif isinstance(node, yaml.SequenceNode):
            for i, value_node in enumerate(node.value):
                if target is value_node:
                    return join_path((*parts, i))
                stack.append((value_node, (*parts, i)))
    return ""


def read_text(path: Path, max_bytes: int = MAX_BYTES) -> str:
    """Read a file as UTF-8 text (BOM allowed) within the size limit, or raise LoadError."""
    name = str(path)
    try:
        st = os.stat(path)  # before opening: a FIFO or device must never block or stream forever
        if not _is_regular(st.st_mode):
            raise LoadError(Problem(name, "not_a_file"))
        if st.st_size > max_bytes:  # refuse before reading it
            raise LoadError(Problem(name, "too_large", {"size": st.st_size, "limit": max_bytes}))
        with open(path, "rb") as fh:
            raw = fh.read(max_bytes + 1)
    except FileNotFoundError:
        raise LoadError(Problem(name, "file_missing")) from None
    except IsADirectoryError:
        raise LoadError(Problem(name, "not_a_file")) from None
    except OSError as exc:
        raise LoadError(Problem(name, "file_unreadable", {"reason": exc.strerror or exc})) from None
    if len(raw) > max_bytes:
        raise LoadError(Problem(name, "too_large", {"size": len(raw), "limit": max_bytes}))
    return decode(raw, name)


def _is_regular(mode: int) -> bool:
    import stat

    return stat.S_ISREG(mode)


_WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls")


def decode(raw: bytes, name: str) -> str:
    if raw.startswith(b"PK\x03\x04") or name.lower().endswith(_WORKBOOK_SUFFIXES):
        raise LoadError(Problem(name, "workbook"))  # a filled-in workbook: say how to import it
    if b"\x00" in raw:
        raise LoadError(Problem(name, "binary"))
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        try:
            raw.decode("gb18030")
        except UnicodeDecodeError:
            raise LoadError(Problem(name, "encoding_unknown", {"offset": exc.start})) from None
        encoding = "GBK" if _is_gbk(raw) else "GB18030"
        line = raw[: exc.start].count(b"\n") + 1
        raise LoadError(Problem(name, "encoding_gb", {"encoding": encoding}, line, 1)) from None


def _is_gbk(raw: bytes) -> bool:
    try:
        raw.decode("gbk")
        return True
    except UnicodeDecodeError:
        return False


def parse(text: str, name: str, mapping: bool = True) -> Document:
    """Parse YAML text into a Document, or raise LoadError with file, line and column."""
    _check_depth(text, name)
    if mapping:
        data = fast_load(text)
        if data is not None:
            return Document(name, text, data)
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
        if root is None:
            raise LoadError(Problem(name, "empty"))
        if "*" in text:  # only files with aliases pay for the expansion count
            _check_expansion(root, name)
        data = loader.construct_document(root)
    except _Positioned as exc:
        mark = exc.node.start_mark
        path = _path_of(root, exc.node)
        raise LoadError(Problem(name, exc.key, exc.values, mark.line + 1, mark.column + 1, path)) from None
    except yaml.composer.ComposerError as exc:
        mark = exc.problem_mark or exc.context_mark
        if "single document" in f"{exc.problem} {exc.context}":
            raise LoadError(Problem(name, "multiple_documents", {}, *_pos(mark))) from None
        raise LoadError(Problem(name, "yaml_syntax", explain_yaml(str(exc.problem)), *_pos(mark))) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        slip = _fullwidth_colon(text, mark.line) if mark is not None else None
        if slip:
            raise LoadError(Problem(name, "fullwidth_colon", {"key": slip[2]}, slip[0], slip[1])) from None
        problem = str(exc.problem or exc.context or "")
        at_tab = mark is not None and 0 <= mark.index < len(text) and text[mark.index] == "\t"
        key = "yaml_tab" if at_tab or "'\\t'" in problem else "yaml_syntax"
        raise LoadError(Problem(name, key, explain_yaml(problem), *_pos(mark))) from None
    except yaml.YAMLError as exc:
        raise LoadError(Problem(name, "yaml_syntax", explain_yaml(str(exc)))) from None
    except RecursionError:
        raise LoadError(Problem(name, "too_deep", {"limit": MAX_DEPTH})) from None
    finally:
        loader.dispose()
    if mapping and not isinstance(data, dict):
        kind = {list: "list", str: "str", int: "int", float: "float", bool: "bool"}.get(type(data), type(data).__name__)
        raise LoadError(Problem(name, "not_mapping", {"kind": kind}, 1, 1))
    return Document(name, text, data, root)


def _fullwidth_colon(text: str, line: int) -> tuple[int, int, str] | None:
    """A key written with a full-width colon on the line of a syntax error or on the last written line before it
    (PyYAML reads `formal_members：19` as text and fails only on the next key): its line, column and key."""
    lines = text.split("\n")
    for i in range(min(line, len(lines) - 1), -1, -1):
        m = FULLWIDTH_KEY.search(lines[i])
        if m:
            return i + 1, m.end(), m.group("key")
        if i < line and lines[i].strip() and not lines[i].lstrip().startswith("#"):
            return None
    return None


def _compose(text: str) -> yaml.Node:
    """The node tree of text this module has already read once (to locate paths in a fast-loaded file)."""
    loader = _Loader(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


# ---------------------------------------------------------------- the fast path

# The plain subset in which yaml-rs (YAML 1.2) reads a profile exactly as `_Loader` does; anything else goes
# through PyYAML. Left out, as characters: anchors, aliases, tags, directives, reserved indicators, block
# scalars, escapes, merge keys and `=`, explicit keys; tabs and the line breaks YAML 1.1 adds; what PyYAML's
# reader refuses. Also document markers, quoted dates and times (yaml-rs reads "2024-01-01" as a date), and
# plain scalars we read differently: numbers that YAML 1.2 reads and we keep as text (0123, 0x1f, 0o17, 0b1,
# 1_000, 12:30). In the data yaml-rs returns (see `_plain_data`): keys that are not text, integers or dates,
# keys long enough to hit libyaml's limit, integers past our digit limit, date-times and times, and the text
# yes/no/on/off (a YAML 1.1 boolean to us). Checks that run on every file use `in` first: it is fast.
_OUTSIDE = re.compile("[&*!`@\\\\|>=%?<\\t\\r\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f-\\x9f\\ud800-\\udfff\\ufffe\\uffff\\x85\\u2028\\u2029\\ufeff]")
_QUOTED_TIME = re.compile(r"[\"'][^\"'\n]*(?:[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}|[0-9]:[0-9])")
# where a number we keep as text may start (each pattern begins with a literal: the scan is fast) ...
_NUMBER_NEAR = [re.compile(p) for p in (r" [-+]?0[0-9_xXoObB]", r"\n[-+]?0[0-9_xXoObB]", r",[-+]?0[0-9_xXoObB]",
                                         r"\[[-+]?0[0-9_xXoObB]", r"\{[-+]?0[0-9_xXoObB]", r"_[0-9]", r":[0-9]")]
# ... and the whole plain scalar that YAML 1.2 reads as a number (or a time) and we read as text
_NUMBER_TEXT = re.compile(r"[-+]?(?:0[0-9_xXoObB][0-9a-fA-F_]*|[0-9]+_[0-9_]*|[0-9][0-9_]*(?::[0-9_]+)+)"
                          r"(?:\.[0-9_]*)?(?:[eE][-+]?[0-9_]+)?[ ]*(?:$|[,\]}:#])", re.M)
_BOOL_WORDS = frozenset(["yes", "Yes", "YES", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF"])
_INT_LIMIT = 10 ** (_MAX_DIGITS - 2)  # bigger integers: the PyYAML path decides


def in_subset(text: str) -> bool:
    """Whether the text stays in the subset yaml-rs reads as `_Loader` does (its data is checked after). This runs
    on every file: each check is one pass of a pattern that starts with a literal or a character class."""
    body = text
    while body.startswith("#"):  # a leading comment (the schema line) may hold anything
        body = body[body.find("\n") + 1:] if "\n" in body else ""
    if _OUTSIDE.search(body) or body.startswith(("---", "...")) or "\n---" in body or "\n..." in body:
        return False
    if ('"' in body or "'" in body) and _QUOTED_TIME.search(body):
        return False
    body = "\n" + body  # a number at the very start has a line start before it, like any other
    return not any(_number_text(body, m.start() + (m.group()[0] in " [{,\n"))
                   for near in _NUMBER_NEAR for m in near.finditer(body))


def _number_text(body: str, at: int) -> bool:
    """Whether the plain scalar around position `at` is one of the numbers of `_NUMBER_TEXT`."""
    start = at
    while start > 0 and body[start - 1] in "0123456789_+-:":
        start -= 1
    return _NUMBER_TEXT.match(body, start) is not None


def fast_load(text: str) -> dict | None:
    """The data of a profile in the plain subset, read by yaml-rs exactly as `_Loader` reads it; None when the text
    leaves the subset, yaml-rs is missing or finds anything wrong (PyYAML then reads it, and words the error)."""
    if _yaml_rs is None or not in_subset(text):
        return None
    try:
        data = _yaml_rs.loads(text, duplicate_key_policy=_yaml_rs.DuplicateKeyPolicy.Error)
    except Exception:  # noqa: BLE001 - any refusal is worded by the PyYAML path
        return None
    if type(data) is not dict or not _plain_data(data):
        return None
    return data


def _plain_data(data: dict) -> bool:
    """Whether yaml-rs's data holds only what `_Loader` would have read the same way (see above)."""
    stack: list = [data]
    while stack:
        node = stack.pop()
        values = node.values() if type(node) is dict else node
        if type(node) is dict:
            for key in node:
                kind = type(key)
                if kind is str:
                    if key in _BOOL_WORDS or len(key) > 1000:
                        return False
                elif kind is int:
                    if not -_INT_LIMIT < key < _INT_LIMIT:
                        return False
                elif kind is not date:
                    return False
        for value in values:
            kind = type(value)
            if kind is str:
                if value in _BOOL_WORDS:
                    return False
            elif kind is dict or kind is list:
                stack.append(value)
            elif kind is int:
                if not -_INT_LIMIT < value < _INT_LIMIT:
                    return False
            elif kind is not float and kind is not bool and kind is not date and value is not None:
                return False  # a date-time or a time
    return True


_YAML_PROBLEMS = {
    "did not find expected ',' or '}'": "流式映射缺少 “,” 或 “}”",
    "did not find expected ',' or ']'": "流式列表缺少 “,” 或 “]”",
    "mapping values are not allowed here": "此处不能出现冒号映射（冒号后缺空格或缩进有误）",
    "mapping values are not allowed in this context": "此处不能出现冒号映射（上一行缺冒号、冒号后缺空格或缩进有误）",
    "could not find expected ':'": "缺少冒号 “:”",
    "found unexpected end of stream": "文件意外结束（引号或括号未闭合）",
    "did not find expected key": "缩进不一致，找不到下一个键",
    "did not find expected '-' indicator": "列表项缩进不一致",
    "found undefined alias": "使用了未定义的别名",
    "expected <block end>, but found": "缩进不一致",
    "found unknown escape character": "未知的转义字符",
}


def explain_yaml(problem: str) -> dict[str, str]:
    """The values of a `yaml_syntax` message: PyYAML's English problem, and for Chinese a Chinese explanation in
    front of it when it is a common one."""
    for english, chinese in _YAML_PROBLEMS.items():
        if problem.startswith(english):
            return {"problem": problem, "problem_zh": f"{chinese}（{problem}）"}
    return {"problem": problem, "problem_zh": problem}


def _pos(mark: Any) -> tuple[int | None, int | None]:
    return (mark.line + 1, mark.column + 1) if mark is not None else (None, None)


def _check_depth(text: str, name: str) -> None:
    at = text.find(_DEEP_INDENT)
    if at >= 0:
        at += 1
    elif _DASH_PAIR.search(text):
        m = _DASH_RUN.search(text)
        at = m.start() if m else -1
    brackets = _BRACKETS.findall(text) if at < 0 else []
    # the running depth at C speed first; the loop below only finds where it passes the limit
    if len(brackets) > MAX_DEPTH and max(accumulate(map(_STEP.__getitem__, brackets))) > MAX_DEPTH:
        depth = 0
        for m in _BRACKETS.finditer(text):
            depth += 1 if m.group() in "[{" else -1
            if depth > MAX_DEPTH:
                at = m.start()
                break
    if at >= 0:
        line = text.count("\n", 0, at) + 1
        raise LoadError(Problem(name, "too_deep", {"limit": MAX_DEPTH}, line, 1))


def _check_expansion(root: yaml.Node, name: str) -> None:
    """Count the nodes the data would have once aliases are expanded (a billion-laughs guard)."""
    sizes: dict[int, int] = {}

    def size(node: yaml.Node, depth: int) -> int:
        known = sizes.get(id(node))
        if known is not None:
            return known
        if depth > MAX_DEPTH:
            raise LoadError(Problem(name, "too_deep", {"limit": MAX_DEPTH}, *_pos(node.start_mark)))
        total = 1
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                total += size(k, depth + 1) + size(v, depth + 1)
        elif isinstance(node, yaml.SequenceNode):
            for v in node.value:
                total += size(v, depth + 1)
        if total > MAX_NODES:
            raise LoadError(Problem(name, "alias_bomb", {"limit": MAX_NODES}, *_pos(node.start_mark)))
        sizes[id(node)] = total
        return total

    size(root, 0)


def load(path: str | Path, max_bytes: int = MAX_BYTES, mapping: bool = True) -> Document:
    """Read and parse one YAML file (a profile unless `mapping` is false)."""
    return parse(read_text(Path(path), max_bytes), str(path), mapping)
