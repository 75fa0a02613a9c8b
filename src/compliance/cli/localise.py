"""`--help`, usage lines and usage errors in the user's language: each command's help, metavars, examples and
help formatter set from the catalogue before click renders them, and click's errors said in our words.

Click's own words are English (typer bundles a click without translations): the section titles, the usage
prefix and the notes after an option's help are replaced here, the errors rebuilt from the exception's fields.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import typer.core

from ..i18n import CLICK, CLICK_ERRORS, EXAMPLES, METAVARS, bilingual, pick, t
from ..problem import closest
from ..render.wrap import cells, wrap

click: Any = getattr(typer.core, "_click", None)
if click is None:  # pragma: no cover - typer before it bundled click
    import click  # type: ignore[no-redef]


def localise(command: Any, lang: str, path: str = "") -> None:
    """Set the help, examples, metavars and help formatter of `command` and its subcommands in `lang`, and let
    unknown choices and subcommands suggest the closest."""
    if command.help:
        command.help = bilingual(command.help, lang)
    command.short_help = bilingual(command.short_help, lang) if command.short_help else _first_sentence(command.help)
    command.format_help = _with_examples(command, path, lang)
    command.options_metavar = pick(METAVARS["[options]"], lang)
    command.context_class = _context(command.context_class, lang)
    command.get_help_option = _help_option(command.get_help_option, lang)
    for param in command.params:
        if getattr(param, "help", None):  # options, and typer's arguments
            param.help = bilingual(param.help, lang)
        param.get_help_record = _help_record(param.get_help_record, lang)
        _metavar(param, lang)
        if getattr(param.type, "choices", None):
            param.type.convert = _suggesting(param.type, lang)
    if hasattr(command, "commands"):  # a group
        command.subcommand_metavar = pick(METAVARS["command [args]..."], lang)
        command.resolve_command = _resolving(command, lang)
        for name, sub in command.commands.items():
            localise(sub, lang, f"{path} {name}".strip())


def _first_sentence(text: str | None) -> str | None:
    """A command's line in its group's list: the first sentence of its help, whole (the list wraps it; click would
    cut a Chinese one at 45 characters)."""
    if not text:
        return None
    first = _joined(text.strip().split("\n\n")[0].splitlines())
    return re.split(r"(?<=。)|(?<=\.)\s", first, maxsplit=1)[0].rstrip("。.")


def error_lines(exc: Any, lang: str) -> list[str]:
    """What click's usage error `exc` says, in `lang`: the usage line, where to find help, and the error."""
    lines = []
    ctx = getattr(exc, "ctx", None)
    if ctx is not None:
        lines.append(ctx.get_usage())
        if ctx.command.get_help_option(ctx) is not None:
            lines.append(t("cli_try_help", lang, command=f"{ctx.command_path} {ctx.help_option_names[0]}"))
        lines.append("")
    lines.append(t("cli_error", lang, message=_message(exc, lang)))
    return lines


def _message(exc: Any, lang: str) -> str:
    if isinstance(exc, click.exceptions.MissingParameter):
        kind = exc.param_type or (exc.param.param_type_name if exc.param else "parameter")
        return t("cli_missing_argument" if kind == "argument" else "cli_missing_option", lang, name=_hint(exc))
    if isinstance(exc, click.exceptions.NoSuchOption):
        near = closest(exc.option_name, exc.possibilities or [], 0.5)
        return t("cli_no_such_option", lang, name=exc.option_name, near=near)
    if isinstance(exc, click.exceptions.BadParameter):
        hint = _hint(exc)
        text = _english(exc.message, lang)
        return t("cli_bad_value", lang, name=hint, message=text) if hint else text
    return _english(exc.format_message(), lang)


def _hint(exc: Any) -> str:
    """The option or argument an error is about: `'--format' / '-f'`, `'路径...'`."""
    hint = exc.param_hint if exc.param_hint is not None else exc.param.get_error_hint(exc.ctx) if exc.param else ""
    return hint if isinstance(hint, str) else " / ".join(repr(h) for h in hint)


def _english(message: str, lang: str) -> str:
    """One of click's English messages in `lang`, by the catalogue's patterns; as it is when none matches."""
    for pattern, words in CLICK_ERRORS:
        if re.fullmatch(pattern, message, re.S):
            return re.sub(pattern, pick(words, lang), message, flags=re.S)
    return message


def _context(base: type, lang: str) -> type:
    """A context class whose help formatter writes click's words in `lang` and measures and wraps Chinese text
    by its width on the terminal (two columns a character), breaking lines between phrases."""

    class Formatter(click.formatting.HelpFormatter):
        def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
            super().write_usage(prog, args, t("cli_usage", lang) if prefix is None else prefix)

        def section(self, name: str) -> Any:
            return super().section(_word(name, lang))

        def write_heading(self, heading: str) -> None:
            self.write(" " * self.current_indent + t("cli_heading", lang, name=heading) + "\n")

        def write_text(self, text: str) -> None:
            indent = " " * self.current_indent
            for k, para in enumerate(re.split(r"\n[ \t]*\n", text.strip("\n"))):
                if k:
                    self.write("\n")
                if para.startswith("\b"):  # a block kept as written (the examples)
                    lines = para[1:].strip("\n").splitlines()
                else:
                    lines = wrap(_joined(para.splitlines()), self.width - self.current_indent)
                self.write("".join(f"{indent}{line}\n" for line in lines))

        def write_dl(self, rows: Any, col_max: int = 30, col_spacing: int = 2) -> None:
            rows = list(rows)
            first = min(max((cells(a) for a, _ in rows), default=0), col_max) + col_spacing
            indent = " " * self.current_indent
            for name, text in rows:
                self.write(indent + name)
                if not text:
                    self.write("\n")
                    continue
                if cells(name) <= first - col_spacing:
                    self.write(" " * (first - cells(name)))
                else:
                    self.write("\n" + indent + " " * first)
                lines = wrap(text.replace("\n", " "), max(self.width - first - self.current_indent, 10))
                self.write(lines[0] + "\n")
                self.write("".join(f"{indent}{' ' * first}{line}\n" for line in lines[1:]))

    return type("Context", (base,), {"formatter_class": Formatter})


def _joined(lines: list[str]) -> str:
    """The lines of a paragraph as one text: a space between two Latin words, none between Chinese characters."""
    out = ""
    for line in (line.strip() for line in lines):
        if out and line and not (cells(out[-1]) == 2 or cells(line[0]) == 2):
            out += " "
        out += line
    return out


def _word(english: str, lang: str) -> str:
    return pick({"zh": CLICK.get(english, english), "en": english}, lang)


def _help_option(get: Callable[..., Any], lang: str) -> Callable[..., Any]:
    def help_option(ctx: Any) -> Any:
        option = get(ctx)
        if option is not None:
            option.help = _word("Show this message and exit.", lang)
        return option

    return help_option


_NOTES = re.compile(r"\[([^\[\]]*)\]$")


def _help_record(get: Callable[..., Any], lang: str) -> Callable[..., Any]:
    """An option's help line with click's notes (`[env var: …; default: …]`, `[required]`) in `lang`."""

    def record(ctx: Any) -> Any:
        found = get(ctx)
        if found is None:
            return None
        name, text = found
        notes = _NOTES.search(text)
        if notes:
            parts = [_note(part.strip(), lang) for part in notes.group(1).split(";")]
            text = text[: notes.start()] + "[" + t("semicolon", lang).join(parts) + "]"
        return name, text

    return record


def _note(part: str, lang: str) -> str:
    if part.startswith("x>="):  # an integer range
        return t("cli_at_least", lang, limit=part[3:])
    label, sep, value = part.partition(": ")
    return f"{_word(label, lang)}{t('colon', lang)}{value}" if sep else _word(part, lang)


def _with_examples(command: Any, path: str, lang: str) -> Callable[..., Any]:
    """The command's help, its examples at the end (written only when the help is shown)."""
    format_help = command.format_help

    def formatted(ctx: Any, formatter: Any) -> None:
        command.epilog = _examples(path, lang)
        format_help(ctx, formatter)

    return formatted


def _examples(path: str, lang: str) -> str | None:
    """The examples of a command: each with its comment aligned on the same line when they all fit in 80 columns,
    else the comment on a line of its own above the command."""
    examples = EXAMPLES.get(path)
    if not examples:
        return None
    width = max(cells(line) for line, _ in examples)
    lines = [f"  {line}{' ' * (width - cells(line))}  # {pick(what, lang)}" for line, what in examples]
    if max(cells(line) for line in lines) > _EXAMPLE_WIDTH:
        lines = [part for line, what in examples for part in (f"  # {pick(what, lang)}", f"  {line}")]
    return "\b\n" + t("examples", lang) + "\n" + "\n".join(lines)  # "\b": click keeps the block as it is


_EXAMPLE_WIDTH = 76  # an 80-column terminal, less the help's indent


def _metavar(param: Any, lang: str) -> None:
    if getattr(param, "is_flag", False) or getattr(param, "count", False):
        return
    if getattr(param.type, "choices", None):
        text = "<" + "|".join(map(str, param.type.choices)) + ">"
    elif param.name in METAVARS:
        text = pick(METAVARS[param.name], lang)
    elif param.metavar:  # named by the command itself (its help may refer to it)
        text = param.metavar
    elif param.type.name in ("path", "file", "directory"):
        text = pick(METAVARS["<path>"], lang)
    elif isinstance(param.type, click.types.IntParamType):
        text = pick(METAVARS["<int>"], lang)
    else:
        text = pick(METAVARS["<text>"], lang)
    if param.param_type_name == "argument":
        if param.nargs != 1:
            text += "..."
        if not param.required:
            text = f"[{text}]"
        # the same text in the usage line as in the help (typer would put a required one in braces)
        param.make_metavar = lambda *args, **kwargs: text
    param.metavar = text


def _suggesting(kind: Any, lang: str) -> Callable[..., Any]:
    """A choice's conversion whose error is in `lang` and names the closest choice (`-f jsn` → json)."""
    convert = kind.__dict__.get("_unwrapped") or kind.convert  # a type may be shared: wrap it once, not again
    kind._unwrapped = convert
    choices = list(map(str, kind.choices))

    def suggesting(value: Any, param: Any = None, ctx: Any = None) -> Any:
        try:
            return convert(value, param, ctx)
        except click.exceptions.BadParameter as exc:
            exc.message = t("cli_not_a_choice", lang, value=value, choices=choices,
                            near=closest(str(value), choices, 0.5))
            raise

    return suggesting


def _resolving(group: Any, lang: str) -> Callable[..., Any]:
    """A group's command lookup whose error names the closest command (`audti` → audit)."""
    resolve = group.resolve_command

    def resolving(ctx: Any, args: list[str]) -> Any:
        try:
            return resolve(ctx, args)
        except click.exceptions.UsageError as exc:
            if args and args[0] not in group.commands:
                exc.message = t("cli_no_such_command", lang, name=args[0],
                                near=closest(args[0], group.list_commands(ctx), 0.5))
            raise

    return resolving
