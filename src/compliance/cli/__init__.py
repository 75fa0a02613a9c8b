"""The `compliance` command line, a thin adapter: each command (one module per command group here) parses its
options and calls the module that does the work; `main` turns what stops a command into its message and exit code.

Exit codes for every command: 0 nothing at or above --fail-on, 1 findings at or above it, 2 bad input or usage.
"""

from __future__ import annotations

import signal as _signal

# While the modules load, Ctrl-C ends the process at once (by the signal, so a shell sees 130) instead of
# printing a KeyboardInterrupt traceback; `main` installs the real handler. Restored at the end of this module.
_IMPORTING = _signal.getsignal(_signal.SIGINT) is _signal.default_int_handler
if _IMPORTING:
    _signal.signal(_signal.SIGINT, _signal.SIG_DFL)

import os  # noqa: E402
import sys  # noqa: E402
from typing import Annotated  # noqa: E402

# The command line is the whole process: no third-party pydantic plugin instruments its models, so pydantic need
# not look for any (a scan of every installed distribution, ~5 ms at every start; a user's own setting is kept).
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

import typer  # noqa: E402

from .. import __version__  # noqa: E402
from ..i18n import t  # noqa: E402
from . import audit, compare, config, explain, intake, letter, rules, schema, validate  # noqa: E402
from .options import defaults_for, err, lang_of  # noqa: E402

app = typer.Typer(
    add_completion=False, no_args_is_help=True, rich_markup_mode=None, pretty_exceptions_enable=False,
    help="学会合规检查：按《宁夏科协关于加强新时代学会工作的意见》（宁科协发学字〔2024〕10号）审查学会档案 / check the "
         "profiles of scientific societies against the Ningxia association's policy (宁科协发学字〔2024〕10号).",
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"compliance {__version__}")
        raise typer.Exit(0)


@app.callback()
def main_options(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="显示版本 / show the version")] = False,
) -> None:
    """学会合规检查工具 / compliance checker for scientific societies."""


app.command()(validate.validate)
app.command()(schema.schema)
app.command()(audit.audit)
app.command()(letter.letter)
app.command()(compare.compare)
app.command()(explain.explain)
app.command()(intake.init)
app.command()(intake.template)
app.command("import")(intake.import_)
app.command()(intake.export)
app.add_typer(rules.app, name="rules")
app.command()(config.config)


def main(argv: list[str] | None = None) -> None:
    """The console script; `argv` (default: the process arguments) lets tests run the CLI in-process.

    The settings file is read and the language chosen before click parses anything, so `--help`, usage errors
    and every message follow `--lang`, COMPLIANCE_LANG or the settings file, in that order. Every interruption
    ends the same way: workers stopped, no temp file left, exit 128 + the signal's number.
    """
    from pathlib import Path

    from ..config import find
    from ..interrupts import Interrupted, handled, outcome
    from ..problem import Failure
    from .localise import click, error_lines, localise

    args = list(argv) if argv is not None else sys.argv[1:]
    lang = lang_of(args)
    with handled():
        try:
            settings = find(Path.cwd())
            lang = lang_of(args, settings.values.get("lang"))
            command = typer.main.get_command(app)
            localise(command, lang)
            code = command.main(args=args, prog_name="compliance", standalone_mode=False,
                                default_map=defaults_for(command, settings.values))
            sys.exit(code if isinstance(code, int) else 0)
        except click.exceptions.NoArgsIsHelpError as exc:  # the help, on standard error, exit 2
            exc.show()
            sys.exit(exc.exit_code)
        except click.exceptions.ClickException as exc:  # a usage error: said in the user's language
            for line in error_lines(exc, lang):
                err(line)
            sys.exit(exc.exit_code)
        except typer.Abort:
            err(t("cli_aborted", lang))
            sys.exit(1)
        except Failure as exc:  # bad input, an output refused, a letter not called for: said, then its exit code
            for line in exc.messages(lang):
                err(line)
            sys.exit(exc.exit_code)
        except (Interrupted, KeyboardInterrupt) as exc:
            text, code = outcome(exc, lang)
            err(text)
            sys.exit(code)
        except Exception as exc:  # noqa: BLE001 - a user never sees a traceback; exit 2 like any bad input
            err(f"compliance: 内部错误 / internal error: {type(exc).__name__}: {exc}")
            sys.exit(2)


if _IMPORTING:
    _signal.signal(_signal.SIGINT, _signal.default_int_handler)
